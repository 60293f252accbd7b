"""Every write of the surveys app: building and publishing a survey, answers (public or from paper),
and a resident's follow-up of a low petition rating."""

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
from danvan.surveys.services.reviews import rating_review_answer, rating_review_submit

__all__ = [
    "codes_issue",
    "codes_send",
    "question_add",
    "question_delete",
    "rating_review_answer",
    "rating_review_submit",
    "response_submit",
    "section_add",
    "survey_close",
    "survey_create",
    "survey_create_sipas",
    "survey_open",
]
