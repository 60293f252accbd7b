"""Reads for reports: periods, a report as a document, the province's side-by-side view and roll-up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Max

from danvan.core.sections import Chart, Figure, SectionContent, Table, providers
from danvan.documents import nd30
from danvan.geo.models import Commune, Province
from danvan.plans.models import ReportingPeriod
from danvan.reports.models import Report, ReportSection

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]


def period_phrase(start: dt.date, end: dt.date) -> str:
    """ "6 tháng đầu năm 2026", "năm 2026", or "từ ngày 01/3/2026 đến ngày 31/5/2026"."""
    if start.year == end.year and (start.month, start.day) == (1, 1):
        if (end.month, end.day) == (6, 30):
            return f"6 tháng đầu năm {start.year}"
        if (end.month, end.day) == (12, 31):
            return f"năm {start.year}"
    if start.year == end.year and (start.month, start.day, end.month, end.day) == (7, 1, 12, 31):
        return f"6 tháng cuối năm {start.year}"
    return f"từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"


def standard_period(kind: str, year: int, half: int = 1) -> tuple[dt.date, dt.date]:
    """The dates of a 6-month (first or second half) or yearly report."""
    if kind == Report.Kind.YEAR:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if half == 2:
        return dt.date(year, 7, 1), dt.date(year, 12, 31)
    return dt.date(year, 1, 1), dt.date(year, 6, 30)


def next_number(commune: Commune, year: int, symbol: str = "BC-UBND") -> int:
    top = Report.objects.filter(commune=commune, number_year=year, symbol=symbol).aggregate(n=Max("number"))[
        "n"
    ]
    return (top or 0) + 1


def content_to_json(content: SectionContent) -> dict:
    return {
        "paragraphs": list(content.paragraphs),
        "tables": [{"caption": t.caption, "header": t.header, "rows": t.rows} for t in content.tables],
        "charts": [
            {"title": c.title, "labels": c.labels, "values": c.values, "unit": c.unit} for c in content.charts
        ],
        "figures": [{"key": f.key, "label": f.label, "value": f.value} for f in content.figures],
    }


def tables_of(section: ReportSection) -> list[Table]:
    return [Table(**t) for t in section.generated.get("tables", [])]


def charts_of(section: ReportSection) -> list[Chart]:
    return [Chart(**c) for c in section.generated.get("charts", [])]


def figures_of(section: ReportSection) -> list[Figure]:
    return [Figure(**f) for f in section.generated.get("figures", [])]


def paragraphs(text: str) -> list[str]:
    """The edited prose, one paragraph per line: Enter in the editor starts a new paragraph in the
    document, as in a word processor; blank lines add nothing."""
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    return [line for line in lines if line]


def report_document(report: Report) -> nd30.Document:
    """The report as a document ready to render (2 queries: the report's commune is already loaded)."""
    commune = report.commune
    parent, issuer = nd30.issuer_lines(commune)
    sections = list(report.sections.all())
    blocks = [
        nd30.Block(
            heading=f"{ROMAN[i] if i < len(ROMAN) else i + 1}. {s.title.upper()}",
            paragraphs=paragraphs(s.text),
            tables=tables_of(s),
            charts=charts_of(s),
        )
        for i, s in enumerate(sections)
    ]
    lines = [x for x in (report.signer_authority, report.signer_on_behalf, report.signer_title) if x]
    return nd30.Document(
        header=nd30.Header(
            issuer=issuer,
            issuer_parent=parent,
            number=nd30.number_line(report.number, report.symbol),
            place_date=nd30.date_line(report.place or commune.short_name, report.issued_on),
        ),
        title="Báo cáo",
        subtitle=report.title,
        blocks=blocks,
        recipients=list(report.recipients) or ["Lưu: VT"],
        signature=nd30.Signature(lines=lines, name=report.signer_name),
    )


def report_filename(report: Report, ext: str) -> str:
    stem = f"bao-cao-{report.commune_id}-{report.start:%Y%m%d}-{report.end:%Y%m%d}"
    if report.number:
        stem += f"-so-{report.number:02d}"
    return f"{stem}.{ext}"


# --- the province ------------------------------------------------------------------------------------


@dataclass
class Column:
    key: str
    label: str
    provider: str


@dataclass
class CommuneRow:
    commune: Commune
    report: Report | None
    due: dt.date | None
    late: bool
    values: dict[str, int | float | None] = field(default_factory=dict)
    cells: list[int | float | None] = field(default_factory=list)  # values in column order


@dataclass
class ProvinceOverview:
    province: Province
    start: dt.date
    end: dt.date
    columns: list[Column]
    rows: list[CommuneRow]

    @property
    def submitted(self) -> int:
        return sum(r.report is not None for r in self.rows)

    @property
    def late(self) -> int:
        return sum(r.late for r in self.rows)

    def total(self, key: str) -> int | float | None:
        values = [r.values.get(key) for r in self.rows if r.values.get(key) is not None]
        if not values:
            return None
        if key.endswith("_pct"):
            return round(sum(values) / len(values), 1)
        return sum(values)


def issued_reports_for(communes: list[Commune], start: dt.date, end: dt.date) -> dict[str, Report]:
    """Each commune's latest issued report whose period lies within start..end (1 query)."""
    found: dict[str, Report] = {}
    qs = Report.objects.filter(
        commune__in=communes, status=Report.Status.ISSUED, start__gte=start, end__lte=end
    ).order_by("commune_id", "-end", "-issued_on", "-id")
    for report in qs.only(
        "id", "commune_id", "number", "symbol", "title", "issued_on", "start", "end", "status"
    ):
        found.setdefault(report.commune_id, report)
    return found


def report_dues_for(communes: list[Commune], start: dt.date, end: dt.date) -> dict[str, dt.date]:
    """When each commune must send its report to the province for a period ending on `end`: the first
    "UBND xã báo cáo cấp tỉnh" deadline its plans set on or after that end, within four months (1 query)."""
    dues: dict[str, dt.date] = {}
    qs = (
        ReportingPeriod.objects.filter(
            plan__commune__in=communes,
            direction=ReportingPeriod.Direction.COMMUNE_TO_PROVINCE,
            due_date__gte=end,
            due_date__lte=end + dt.timedelta(days=120),
        )
        .order_by("plan__commune_id", "due_date")
        .values_list("plan__commune_id", "due_date")
    )
    for code, due in qs:
        dues.setdefault(code, due)
    return dues


def province_overview(
    *, province: Province, start: dt.date, end: dt.date, today: dt.date, due: dt.date | None = None
) -> ProvinceOverview:
    """Every active commune of the province: its report for the period, late or not, and every
    provider's key figures side by side. The number of queries depends on the number of providers,
    never on the number of communes or rows."""
    communes = list(Commune.objects.filter(province=province, is_active=True).order_by("name"))
    columns: list[Column] = []
    values: dict[str, dict] = {c.code: {} for c in communes}
    for p in providers():
        per_commune = p.key_figures(communes, start, end) if communes else {}
        seen = set()
        for code, figures in per_commune.items():
            for f in figures:
                values.setdefault(code, {})[f.key] = f.value
                if f.key not in seen:
                    seen.add(f.key)
                    if not any(c.key == f.key for c in columns):
                        columns.append(Column(f.key, f.label, p.key))
    reports = issued_reports_for(communes, start, end)
    dues = report_dues_for(communes, start, end)
    rows = []
    for c in communes:
        commune_due = due or dues.get(c.code)
        report = reports.get(c.code)
        late = report is None and commune_due is not None and commune_due < today
        if (
            report is not None
            and commune_due is not None
            and report.issued_on
            and report.issued_on > commune_due
        ):
            late = True
        v = values.get(c.code, {})
        rows.append(CommuneRow(c, report, commune_due, late, v, [v.get(col.key) for col in columns]))
    return ProvinceOverview(province, start, end, columns, rows)


def _fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def rollup_document(overview: ProvinceOverview, *, issued_on: dt.date) -> nd30.Document:
    """The province's roll-up for the period, in the same Nghị định 30 format as a commune's report."""
    province = overview.province
    phrase = period_phrase(overview.start, overview.end)
    n = len(overview.rows)
    blocks = []
    status_rows = [
        [
            str(i),
            r.commune.name,
            r.report.number_label if r.report else "—",
            f"{r.report.issued_on:%d/%m/%Y}" if r.report and r.report.issued_on else "—",
            ("Nộp chậm" if r.report else "Chưa nộp, quá hạn")
            if r.late
            else ("Đã nộp" if r.report else "Chưa nộp"),
        ]
        for i, r in enumerate(overview.rows, 1)
    ]
    blocks.append(
        nd30.Block(
            heading="I. TÌNH HÌNH BÁO CÁO CỦA CÁC XÃ, PHƯỜNG",
            paragraphs=[
                f"Kỳ báo cáo {phrase}, toàn tỉnh có {n} xã, phường, đặc khu sử dụng hệ thống; "
                f"{overview.submitted} đơn vị đã gửi báo cáo, "
                f"{overview.late} đơn vị chậm hoặc chưa gửi báo cáo."
                if n
                else "Chưa có xã, phường nào của tỉnh sử dụng hệ thống trong kỳ báo cáo."
            ],
            tables=[
                Table(
                    "Tình hình gửi báo cáo",
                    ["STT", "Xã, phường", "Số báo cáo", "Ngày", "Tình trạng"],
                    status_rows,
                )
            ]
            if n
            else [],
        )
    )
    by_provider: dict[str, list[Column]] = {}
    for col in overview.columns:
        by_provider.setdefault(col.provider, []).append(col)
    totals = [[col.label, _fmt(overview.total(col.key))] for col in overview.columns]
    figures_block = nd30.Block(heading="II. KẾT QUẢ CHỦ YẾU", paragraphs=[], tables=[], charts=[])
    if not any(overview.total(col.key) for col in overview.columns):
        figures_block.paragraphs.append(
            "Trong kỳ báo cáo, hệ thống chưa ghi nhận số liệu của các xã, phường."
        )
    if totals:
        figures_block.tables.append(Table("Số liệu tổng hợp toàn tỉnh", ["Chỉ tiêu", "Toàn tỉnh"], totals))
    for provider_key, cols in by_provider.items():
        p_title = next((p.title for p in providers() if p.key == provider_key), provider_key)
        figures_block.tables.append(
            Table(
                p_title,
                ["Xã, phường", *[c.label for c in cols]],
                [[r.commune.name, *[_fmt(r.values.get(c.key)) for c in cols]] for r in overview.rows],
            )
        )
    chart_keys = [
        k for k in ("tasks_late", "petitions_on_time_pct") if any(c.key == k for c in overview.columns)
    ]
    for key in chart_keys:
        label = next(c.label for c in overview.columns if c.key == key)
        ranked = sorted(overview.rows, key=lambda r: -(r.values.get(key) or 0))[:20]
        if ranked:
            figures_block.charts.append(
                Chart(
                    label,
                    [r.commune.short_name for r in ranked],
                    [float(r.values.get(key) or 0) for r in ranked],
                )
            )
    blocks.append(figures_block)
    return nd30.Document(
        header=nd30.Header(
            issuer_parent=f"UBND {province.full_name.upper()}",
            issuer="SỞ NỘI VỤ",
            number=nd30.number_line(None, "BC-SNV"),
            place_date=nd30.date_line(province.short_name, issued_on),
        ),
        title="Báo cáo",
        subtitle="Tổng hợp kết quả công tác dân vận chính quyền và thực hiện dân chủ ở cơ sở "
        f"của các xã, phường {phrase}",
        blocks=blocks,
        recipients=[f"UBND {province.in_sentence} (để báo cáo)", "Các xã, phường, đặc khu", "Lưu: VT"],
        signature=nd30.Signature(lines=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], name=""),
    )


def awaiting_signature(commune: Commune):
    """Reports the coordinator submitted and the leader who signs has still to issue or return: what a
    leader's home lists as waiting for them."""
    return Report.objects.filter(commune=commune, status=Report.Status.SUBMITTED).order_by("submitted_at")
