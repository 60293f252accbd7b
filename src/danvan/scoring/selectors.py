"""Reading scoring: the framework of a year, and the ranking table (units × criteria, or communes ×
criteria for the province) in a number of queries that does not grow with units, communes or rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from danvan.geo.models import Commune
from danvan.org.models import Unit
from danvan.scoring import measures, rules
from danvan.scoring.models import Assessment, Criterion, Framework, Score


def commune_framework(*, commune, year: int) -> Framework | None:
    return Framework.objects.filter(commune=commune, year=year).first()


def province_frameworks(*, province, year: int) -> dict[str, Framework]:
    return {f.subject: f for f in Framework.objects.filter(province=province, year=year)}


@dataclass
class Cell:
    criterion: Criterion
    points: Decimal | None  # None: not yet self-assessed
    text: str  # the evidence (computed) or the unit's explanation
    provisional: bool = False  # self-assessed, not yet reviewed
    adjusted: str = ""  # the reviewer's reason when the points were changed


@dataclass
class Row:
    subject_id: object  # unit id or commune code
    name: str
    assessment: Assessment | None
    cells: list[Cell] = field(default_factory=list)
    total: Decimal = Decimal(0)
    band: str = "fail"
    rank: int = 0
    complete: bool = True  # every self-assessed criterion has points

    @property
    def band_label(self) -> str:
        return rules.BAND_LABELS[self.band]

    @property
    def status_label(self) -> str:
        return self.assessment.get_status_display() if self.assessment else "Chưa tự chấm"


@dataclass
class Ranking:
    framework: Framework
    criteria: list[Criterion]
    thresholds: dict[str, Decimal]
    rows: list[Row]
    as_of: dt.date

    @property
    def max_total(self) -> Decimal:
        return sum((c.max_points for c in self.criteria), Decimal(0))

    def band_counts(self) -> list[tuple[str, int]]:
        return [
            (rules.BAND_LABELS[b], sum(r.band == b for r in self.rows)) for b in (*rules.BAND_ORDER, "fail")
        ]


def _subjects(framework: Framework, only=None) -> list[tuple[object, str, Commune | None]]:
    if framework.subject == Framework.Subject.UNITS:
        units = Unit.objects.filter(commune=framework.commune_id, is_active=True).order_by(
            "sort_order", "name"
        )
        if only is not None:
            units = units.filter(pk__in=only)
        return [(u.pk, u.name, None) for u in units]
    communes = Commune.objects.filter(province=framework.province_id, is_active=True).order_by("name")
    if only is not None:
        communes = communes.filter(pk__in=only)
    return [(c.code, c.name, c) for c in communes]


def ranking(*, framework: Framework, as_of: dt.date, only=None) -> Ranking:
    """Every subject's points per criterion, total, band and rank. Computed criteria come from the
    product's data (no one types them); self-assessed ones from the sheet, reviewed points first."""
    criteria = list(Criterion.objects.filter(framework=framework).select_related("group"))
    thresholds = {b.level: b.min_percent for b in framework.bands.all()}
    subjects = _subjects(framework, only)
    keys = {c.measure for c in criteria if c.measure}
    targets = {c.measure: c.target for c in criteria if c.measure}
    if not keys or not subjects:
        measured = {}
    elif framework.subject == Framework.Subject.UNITS:
        measured = measures.for_units(
            keys, commune=framework.commune, year=framework.year, as_of=as_of, targets=targets
        )
    else:
        codes = [s[0] for s in subjects]
        measured = measures.for_communes(keys, codes=codes, year=framework.year, as_of=as_of, targets=targets)
    sheets = Assessment.objects.filter(framework=framework).prefetch_related(
        Prefetch("scores", queryset=Score.objects.all())
    )
    by_subject = {
        (a.unit_id if framework.subject == Framework.Subject.UNITS else a.commune_id): a for a in sheets
    }
    rows = []
    for subject_id, name, _ in subjects:
        sheet = by_subject.get(subject_id)
        scores = {s.criterion_id: s for s in sheet.scores.all()} if sheet else {}
        row = Row(subject_id, name, sheet)
        for c in criteria:
            if c.measure:
                m = measured.get(c.measure, {}).get(subject_id)
                if m is None:
                    cell = Cell(c, Decimal(c.max_points), "Không phát sinh trong năm")
                else:
                    cell = Cell(c, rules.measured_points(c.max_points, m.done, m.total), m.evidence)
            else:
                s = scores.get(c.pk)
                if s is None:
                    cell = Cell(c, None, "", provisional=True)
                    row.complete = False
                else:
                    reviewed = sheet.status == Assessment.Status.REVIEWED
                    cell = Cell(c, s.points, s.self_note, provisional=not reviewed, adjusted=s.review_reason)
            row.cells.append(cell)
            row.total += cell.points or 0
        rows.append(row)
    result = Ranking(framework, criteria, thresholds, rows, as_of)
    for row in rows:
        row.band = rules.band_for(row.total, result.max_total, thresholds)
    rows.sort(key=lambda r: (-r.total, r.name))
    for i, row in enumerate(rows, 1):
        row.rank = i
    return result
