"""Rules of supervision (Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng): board kinds and
sizes, recommendation statuses and the legal time to answer."""

from __future__ import annotations

import datetime as dt

from django.db import models

from danvan.law.registry import history, rule

# --- supervision (Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng) ----------------------------


class BoardKind(models.TextChoices):
    PEOPLES_INSPECTION = "peoples_inspection", "Ban Thanh tra nhân dân"
    COMMUNITY_INVESTMENT = "community_investment", "Ban Giám sát đầu tư của cộng đồng"


# Ban TTND: at least 5 members, about one per village (Luật THDCCS 2022, Điều 36; ND 59/2023, Điều 13).
PEOPLES_INSPECTION_MIN_MEMBERS = 5
# Ban GSĐTCĐ: one per project, at most 5 resident members (ND 59/2023, Điều 17).
COMMUNITY_INVESTMENT_MAX_MEMBERS = 5


class RecommendationStatus(models.TextChoices):
    OPEN = "open", "Chờ trả lời"
    ANSWERED = "answered", "Đã trả lời"


# Days the commune has to answer a supervision board's recommendation: 15 days from receipt, set by
# law (Luật THDCCS 2022, Điều 40(1)(c) for the Ban Thanh tra nhân dân, Điều 45(2)(c) for the Ban Giám
# sát đầu tư của cộng đồng), not a setting.
RECOMMENDATION_ANSWER_DAYS = history("supervision.answer_days")[-1].value["days"]


def recommendation_answer_due(received_on: dt.date) -> dt.date:
    """Calendar days, as the articles say "ngày"; the rule in force on the day the recommendation came."""
    r = rule("supervision.answer_days", on=received_on).value
    return received_on + dt.timedelta(days=r["days"])
