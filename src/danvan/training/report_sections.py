"""The training section of the commune's periodic report: courses that ended in the period, participants,
attendance and person-hours, by topic. Counts only; registered with `danvan.core.sections`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from danvan.core.sections import Figure, SectionContent, Table, register
from danvan.training.selectors import by_topic, period_counts

LABELS = {
    "courses": "Lớp tập huấn, bồi dưỡng",
    "participants": "Lượt học viên",
    "attended": "Lượt học viên có mặt",
    "person_hours": "Tổng số giờ học (người × giờ)",
}


class TrainingSection:
    key = "training"
    title = "Tập huấn, bồi dưỡng cán bộ"
    order = 47

    def key_figures(self, communes: Iterable, start: dt.date, end: dt.date) -> dict[str, list[Figure]]:
        counts = period_counts(communes, start, end)
        return {code: [Figure(k, LABELS[k], v) for k, v in f.items()] for code, f in counts.items()}

    def build(self, commune, start: dt.date, end: dt.date) -> SectionContent:
        f = period_counts([commune], start, end)[commune.code]
        section = SectionContent(title=self.title)
        section.figures = [Figure(k, LABELS[k], v) for k, v in f.items()]
        if not f["courses"]:
            section.paragraphs.append("Trong kỳ, xã chưa ghi nhận lớp tập huấn, bồi dưỡng nào.")
            return section
        hours = f"{f['person_hours']:g}".replace(".", ",")
        section.paragraphs.append(
            f"Trong kỳ, cán bộ, công chức, trưởng thôn và người hoạt động không chuyên trách của xã tham gia "
            f"{f['courses']} lớp tập huấn, bồi dưỡng với {f['participants']} lượt học viên, trong đó "
            f"{f['attended']} lượt có mặt, tổng cộng {hours} giờ học."
        )
        section.tables.append(
            Table(
                caption="Tập huấn, bồi dưỡng theo lĩnh vực",
                header=["Lĩnh vực", "Số lớp", "Lượt học viên có mặt"],
                rows=[[label, str(n), str(p)] for label, n, p in by_topic(commune, start, end)],
            )
        )
        return section


register(TrainingSection())
