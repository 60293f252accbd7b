"""The section on people of prestige and religious work in the commune's periodic report: how many people
the commune follows, its contacts in the period by kind, concerns raised and those taken up as petitions.
Counts only, never a person's name, ethnic group or religion; registered with `danvan.core.sections`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from danvan.core.sections import Figure, SectionContent, Table, register
from danvan.prestige.selectors import by_kind, period_counts

LABELS = {
    "people": "Người có uy tín, chức sắc, chức việc đang theo dõi",
    "contacts": "Lượt tiếp xúc, thăm hỏi",
    "raised": "Lượt có ý kiến, kiến nghị",
    "petitions": "Ý kiến chuyển thành đơn để giải quyết",
}


class PrestigeSection:
    key = "prestige"
    title = "Phát huy vai trò người có uy tín; công tác tôn giáo"
    order = 48

    def key_figures(self, communes: Iterable, start: dt.date, end: dt.date) -> dict[str, list[Figure]]:
        counts = period_counts(communes, start, end)
        return {code: [Figure(k, LABELS[k], v) for k, v in f.items()] for code, f in counts.items()}

    def build(self, commune, start: dt.date, end: dt.date) -> SectionContent:
        f = period_counts([commune], start, end)[commune.code]
        section = SectionContent(title=self.title)
        section.figures = [Figure(k, LABELS[k], v) for k, v in f.items()]
        if not f["contacts"]:
            section.paragraphs.append(
                f"Xã theo dõi {f['people']} người có uy tín, chức sắc, chức việc; trong kỳ chưa ghi nhận lần "
                "tiếp xúc, thăm hỏi nào."
            )
            return section
        section.paragraphs.append(
            f"Xã theo dõi {f['people']} người có uy tín, chức sắc, chức việc. Trong kỳ, lãnh đạo và cán "
            f"bộ xã có {f['contacts']} lượt tiếp xúc, thăm hỏi, chúc mừng; {f['raised']} lượt có ý kiến, "
            f"kiến nghị, trong đó {f['petitions']} ý kiến được chuyển thành đơn để giải quyết theo quy định."
        )
        section.tables.append(
            Table(
                caption="Tiếp xúc, thăm hỏi theo hình thức",
                header=["Hình thức", "Số lượt"],
                rows=[[label, str(n)] for label, n in by_kind(commune, start, end)],
            )
        )
        return section


register(PrestigeSection())
