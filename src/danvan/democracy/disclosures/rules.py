"""Rules of the disclosure register (công khai thông tin), Luật THDCCS 2022, Điều 11–13: the forms of
disclosure, statuses, minimum posting days, when posting must start."""

from __future__ import annotations

import datetime as dt

from django.db import models

from danvan.law.registry import history, rule

# --- disclosures (công khai thông tin), Luật THDCCS 2022, Điều 11–13 ----------------------------------


class DisclosureForm(models.TextChoices):
    """Hình thức công khai — Luật THDCCS 2022, Điều 12 khoản 1 (its ten forms), plus the village
    cultural houses where Điều 13(2) requires posting."""

    OFFICE_POSTING = "office_posting", "Niêm yết tại trụ sở UBND xã"
    # Điều 13(2): khoản 1–3 and 5–12 of Điều 11 are also posted at the village cultural houses.
    VILLAGE_POSTING = "village_posting", "Niêm yết tại nhà văn hóa, điểm sinh hoạt cộng đồng ở thôn"
    PORTAL = "portal", "Cổng/Trang thông tin điện tử"
    LOUDSPEAKER = "loudspeaker", "Hệ thống truyền thanh cấp xã"
    VILLAGE_HEAD = "village_head", "Thông qua trưởng thôn, tổ trưởng tổ dân phố"
    WRITTEN_NOTICE = "written_notice", "Gửi văn bản, thông báo"
    DIALOGUE = "dialogue", "Tổ chức hội nghị, đối thoại"
    CITIZEN_RECEPTION = "citizen_reception", "Thông qua tiếp công dân"
    MASS_ORGANISATION = "mass_organisation", "Thông qua Mặt trận, đoàn thể"
    TELECOM_SOCIAL = "telecom_social", "Viễn thông, mạng xã hội"
    OTHER = "other", "Hình thức khác"


class DisclosureStatus(models.TextChoices):
    PUBLISHED = "published", "Đang công khai"
    WITHDRAWN = "withdrawn", "Đã gỡ"
    # Replaced by a corrected version: the correction carries the item on (services.disclosure_correct).
    SUPERSEDED = "superseded", "Đã được đính chính, thay thế"


# Posted at least 30 consecutive days (Luật THDCCS 2022, Điều 13(2)); the default for a catalogue kind.
DEFAULT_MIN_DAYS = history("disclosure.posting")[-1].value["days"]
# Khoản 7–12 of Điều 11 go on the loudspeaker system for at least 3 consecutive days (Điều 13(3)).
LOUDSPEAKER_MIN_DAYS = history("disclosure.loudspeaker")[-1].value["days"]


def disclosure_start_due(decided_on: dt.date, cal) -> dt.date:
    """The last day to start publishing: 5 working days after the decision or document, where no
    other law sets the time (Điều 12(3))."""
    r = rule("disclosure.start_days", on=decided_on).value
    return cal.add_working_days(decided_on, r["days"])


# The catalogue of Điều 11 kinds itself is data (DisclosureKind, `catalogue.py`), seeded on
# post_migrate and editable in the admin.
