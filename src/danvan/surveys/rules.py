"""Rules of satisfaction surveys: the SIPAS-style template (our own wording), the index formula and its
confidence interval, the limits of the public answer page, what counts as a low petition rating.

Source of the method: Bộ Nội vụ, Quyết định 1001/QĐ-BNV ngày 11/12/2023 phê duyệt Đề án “Đo lường sự
hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước giai đoạn
2024–2030” (SIPAS), as summarised in ../shared/LEGAL.md “Satisfaction”: five aspects — access to the
service, administrative procedures, civil servants, results, handling of feedback — and for each the
index is the share (%) of people satisfied. The questions below are ours, written after that method;
they are not the Ministry's questionnaire.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# The five SIPAS aspects (yếu tố), in the method's order.
ASPECTS: dict[str, str] = {
    "access": "Tiếp cận dịch vụ",
    "procedure": "Thủ tục hành chính",
    "staff": "Công chức trực tiếp giải quyết công việc",
    "result": "Kết quả dịch vụ",
    "feedback": "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị",
}

SCALE_LABELS = {
    1: "Rất không hài lòng",
    2: "Không hài lòng",
    3: "Bình thường",
    4: "Hài lòng",
    5: "Rất hài lòng",
}
# “Hài lòng” and “rất hài lòng” count as satisfied (SIPAS: the share satisfied).
SATISFIED_FROM = 4
Z_95 = 1.959964  # two-sided 95 % normal quantile

# Public answer page: a person answers in two minutes; a client address sends at most this many
# answers per hour when the survey does not hand out codes (core/ratelimit.py).
PUBLIC_ANSWERS_PER_HOUR = 10
MAX_TEXT_ANSWER = 1000
MAX_CODES_AT_ONCE = 2000
# Code alphabet without 0/O, 1/I/L: read from a printed ticket.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8

# A petition rating at or under this asks “vì sao chưa hài lòng?” and offers “đề nghị xem xét lại”.
LOW_RATING = 2
MAX_REASON = 1000


@dataclass(frozen=True)
class TemplateQuestion:
    text: str
    kind: str  # single / multiple / scale / text
    choices: tuple[str, ...] = ()
    dimension: str = ""
    required: bool = True


@dataclass(frozen=True)
class TemplateSection:
    title: str
    questions: tuple[TemplateQuestion, ...]


_YES_NO_PARTLY = ("Có", "Một phần", "Không")

SIPAS_TITLE = "Khảo sát sự hài lòng về giải quyết thủ tục hành chính tại xã"
SIPAS_INTRO = (
    "Ủy ban nhân dân xã mong được nghe ý kiến của ông/bà về lần giải quyết công việc gần nhất tại Bộ phận "
    "Một cửa. Phiếu không hỏi tên, số điện thoại; trả lời mất khoảng hai phút."
)
SIPAS_TEMPLATE: tuple[TemplateSection, ...] = (
    TemplateSection(
        ASPECTS["access"],
        (
            TemplateQuestion(
                "Ông/bà biết nơi nộp hồ sơ, giờ làm việc và cách liên hệ qua đâu?",
                "single",
                ("Niêm yết tại xã", "Cổng dịch vụ công, mạng xã hội", "Người quen, cán bộ thôn", "Khác"),
            ),
            TemplateQuestion(
                "Nơi ngồi chờ, chỗ để xe, trang thiết bị phục vụ có đầy đủ, thuận tiện không?",
                "single",
                _YES_NO_PARTLY,
            ),
            TemplateQuestion(
                "Mức độ hài lòng của ông/bà về việc tiếp cận dịch vụ", "scale", dimension="access"
            ),
        ),
    ),
    TemplateSection(
        ASPECTS["procedure"],
        (
            TemplateQuestion("Thủ tục được niêm yết, công khai đầy đủ không?", "single", _YES_NO_PARTLY),
            TemplateQuestion(
                "Giấy tờ, phí, lệ phí có đúng như niêm yết (không phải nộp thêm) không?",
                "single",
                _YES_NO_PARTLY,
            ),
            TemplateQuestion(
                "Mức độ hài lòng của ông/bà về thủ tục hành chính", "scale", dimension="procedure"
            ),
        ),
    ),
    TemplateSection(
        ASPECTS["staff"],
        (
            TemplateQuestion(
                "Công chức có lịch sự, tận tình, hướng dẫn dễ hiểu và đầy đủ một lần không?",
                "single",
                _YES_NO_PARTLY,
            ),
            TemplateQuestion(
                "Có ai gây phiền hà, nhũng nhiễu hoặc gợi ý ngoài quy định không?", "single", ("Không", "Có")
            ),
            TemplateQuestion(
                "Mức độ hài lòng của ông/bà về công chức giải quyết công việc", "scale", dimension="staff"
            ),
        ),
    ),
    TemplateSection(
        ASPECTS["result"],
        (
            TemplateQuestion(
                "Kết quả có được trả đúng hẹn không?",
                "single",
                ("Đúng hoặc sớm hơn hẹn", "Trễ hẹn", "Chưa nhận"),
            ),
            TemplateQuestion("Kết quả có đúng, đầy đủ thông tin không?", "single", _YES_NO_PARTLY),
            TemplateQuestion("Mức độ hài lòng của ông/bà về kết quả nhận được", "scale", dimension="result"),
        ),
    ),
    TemplateSection(
        ASPECTS["feedback"],
        (
            TemplateQuestion(
                "Ông/bà có biết nơi, cách góp ý, phản ánh với xã không?", "single", ("Có", "Không")
            ),
            TemplateQuestion(
                "Mức độ hài lòng của ông/bà về việc tiếp nhận, xử lý góp ý, phản ánh",
                "scale",
                dimension="feedback",
                required=False,
            ),
        ),
    ),
    TemplateSection(
        "Mong đợi và góp ý",
        (
            TemplateQuestion(
                "Ông/bà mong xã cải thiện điều gì nhất? (chọn tối đa ba)",
                "multiple",
                (
                    "Rút ngắn thời gian giải quyết",
                    "Giảm giấy tờ",
                    "Thái độ công chức",
                    "Làm hồ sơ trực tuyến dễ hơn",
                    "Nơi chờ, trang thiết bị",
                    "Trả lời phản ánh nhanh hơn",
                ),
                required=False,
            ),
            TemplateQuestion("Góp ý khác", "text", required=False),
        ),
    ),
)


@dataclass(frozen=True)
class Index:
    """One index: the share satisfied in percent, the number of answers, and a 95 % interval."""

    value: float | None
    answers: int
    low: float | None
    high: float | None


def aspect_index(satisfied: int, answers: int) -> Index:
    """SIPAS aspect index = satisfied answers / answers × 100 (QĐ 1001/QĐ-BNV, see module docstring);
    a 95 % Wilson score interval, which stays inside 0–100 % and behaves at small counts (Wilson 1927;
    Agresti & Coull 1998 recommend it over the normal approximation)."""
    if answers <= 0:
        return Index(None, 0, None, None)
    p = satisfied / answers
    z2 = Z_95 * Z_95
    centre = (p + z2 / (2 * answers)) / (1 + z2 / answers)
    half = Z_95 * math.sqrt(p * (1 - p) / answers + z2 / (4 * answers * answers)) / (1 + z2 / answers)
    return Index(round(100 * p, 1), answers, round(100 * (centre - half), 1), round(100 * (centre + half), 1))


def overall_index(shares: list[float]) -> Index:
    """The overall index: the mean over respondents of the share of aspects they were satisfied with.
    When every respondent answers every aspect this equals the mean of the five aspect indices (each
    aspect weighing the same, our reading of the SIPAS method); a 95 % normal interval on that mean,
    clipped to 0–100 %."""
    n = len(shares)
    if n == 0:
        return Index(None, 0, None, None)
    mean = sum(shares) / n
    if n == 1:
        return Index(round(100 * mean, 1), 1, None, None)
    var = sum((s - mean) ** 2 for s in shares) / (n - 1)
    half = Z_95 * math.sqrt(var / n)
    return Index(
        round(100 * mean, 1), n, round(100 * max(0.0, mean - half), 1), round(100 * min(1.0, mean + half), 1)
    )
