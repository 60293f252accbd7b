"""Every write of the surveys app: building and publishing a survey, answers (public or from paper),
and the commune's answer to a resident not satisfied with a petition's result."""

from danvan.surveys.services.answers import response_submit
from danvan.surveys.services.builder import (
    codes_issue,
    codes_send,
    question_add,
    question_delete,
    section_add,
    survey_close,
    survey_create,
    survey_create_sipas,
    survey_open,
)
from danvan.surveys.services.reviews import awaiting_answer, rating_review_answer

__all__ = [
    "awaiting_answer",
    "codes_issue",
    "codes_send",
    "question_add",
    "question_delete",
    "rating_review_answer",
    "response_submit",
    "section_add",
    "survey_close",
    "survey_create",
    "survey_create_sipas",
    "survey_open",
]
