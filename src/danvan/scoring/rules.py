"""Rules of scoring and ranking as this product applies them: the default frameworks (our own
wording, written from the common practice of the provinces' “chấm điểm, xếp loại công tác dân vận”
guidance), the default bands, how a measured share becomes points, and the assessment's statuses.

None of this is law: each province or commune sets its own criteria and thresholds, which are data
(`Framework`, `Criterion`, `Band`); these constants are only the starting point a commune edits.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# Bands as a share of the framework's maximum total (our own defaults; editable per framework).
DEFAULT_BANDS: dict[str, Decimal] = {"excellent": Decimal(90), "good": Decimal(75), "pass": Decimal(50)}
BAND_LABELS = {"excellent": "Xuất sắc", "good": "Tốt", "pass": "Đạt", "fail": "Không đạt"}
BAND_ORDER = ("excellent", "good", "pass")

# An assessment's life: the unit drafts and sends; the reviewer sends it back or concludes.
TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"submitted"}),
    "submitted": frozenset({"draft", "reviewed"}),
    "reviewed": frozenset({"submitted"}),  # reopened for another review
}

POINTS_STEP = Decimal("0.25")  # points are given in quarters, as paper score sheets do


@dataclass(frozen=True)
class MeasureInfo:
    key: str
    label: str  # what is measured, as the score sheet says it
    subjects: frozenset[str]  # "units", "communes"


MEASURES: dict[str, MeasureInfo] = {
    m.key: m
    for m in (
        MeasureInfo(
            "plans.tasks_on_time", "Nhiệm vụ kế hoạch hoàn thành đúng hạn", frozenset({"units", "communes"})
        ),
        MeasureInfo(
            "plans.reports_on_time", "Báo cáo định kỳ nộp đúng hạn", frozenset({"units", "communes"})
        ),
        MeasureInfo("petitions.on_time", "Đơn thư giải quyết đúng hạn", frozenset({"units", "communes"})),
        MeasureInfo(
            "engagement.reception_kept", "Lịch tiếp công dân của Chủ tịch được giữ", frozenset({"communes"})
        ),
        MeasureInfo(
            "engagement.dialogues_held", "Đối thoại với Nhân dân đã tổ chức", frozenset({"communes"})
        ),
        MeasureInfo(
            "engagement.commitments_kept",
            "Cam kết với Nhân dân thực hiện đúng hạn",
            frozenset({"units", "communes"}),
        ),
        MeasureInfo("democracy.disclosures", "Nội dung phải công khai đã công khai", frozenset({"communes"})),
        MeasureInfo(
            "exemplars.registered", "Đăng ký mô hình “Dân vận khéo”", frozenset({"units", "communes"})
        ),
        MeasureInfo(
            "exemplars.recognised", "Mô hình “Dân vận khéo” được công nhận", frozenset({"units", "communes"})
        ),
    )
}


@dataclass(frozen=True)
class DefaultCriterion:
    title: str
    max_points: int
    measure: str = ""
    target: int | None = None
    guidance: str = ""


# The default for a commune scoring its units (100 points).
DEFAULT_UNITS: tuple[tuple[str, tuple[DefaultCriterion, ...]], ...] = (
    (
        "I. Thực hiện nhiệm vụ dân vận chính quyền (đo từ dữ liệu)",
        (
            DefaultCriterion("Nhiệm vụ được giao chủ trì hoàn thành đúng hạn", 20, "plans.tasks_on_time"),
            DefaultCriterion("Báo cáo định kỳ gửi xã đúng hạn", 10, "plans.reports_on_time"),
            DefaultCriterion("Đơn thư được giao giải quyết đúng hạn", 15, "petitions.on_time"),
            DefaultCriterion("Cam kết với Nhân dân thực hiện đúng hạn", 10, "engagement.commitments_kept"),
            DefaultCriterion("Đăng ký xây dựng mô hình “Dân vận khéo”", 5, "exemplars.registered", 1),
            DefaultCriterion("Có mô hình “Dân vận khéo” được công nhận", 5, "exemplars.recognised", 1),
        ),
    ),
    (
        "II. Tự đánh giá có minh chứng",
        (
            DefaultCriterion(
                "Quán triệt, tuyên truyền chủ trương, chính sách đến cán bộ và Nhân dân",
                10,
                guidance="Hội nghị, buổi tuyên truyền đã tổ chức; số người dự; tài liệu, ảnh kèm theo.",
            ),
            DefaultCriterion(
                "Tác phong, thái độ của cán bộ khi tiếp xúc, phục vụ Nhân dân",
                15,
                guidance="Không có phản ánh về thái độ; kết quả đánh giá hài lòng; khen, chê của Nhân dân.",
            ),
            DefaultCriterion(
                "Phối hợp với Mặt trận và các đoàn thể trong công tác dân vận",
                10,
                guidance="Chương trình phối hợp, hoạt động chung đã làm; biên bản, kế hoạch kèm theo.",
            ),
        ),
    ),
)

# The default for a province scoring its communes (100 points): every computed criterion is filled
# from each commune's data; no commune types its own rates.
DEFAULT_COMMUNES: tuple[tuple[str, tuple[DefaultCriterion, ...]], ...] = (
    (
        "I. Kết quả đo từ dữ liệu của xã",
        (
            DefaultCriterion("Nhiệm vụ kế hoạch dân vận hoàn thành đúng hạn", 15, "plans.tasks_on_time"),
            DefaultCriterion("Báo cáo của các đơn vị nộp đúng hạn", 5, "plans.reports_on_time"),
            DefaultCriterion("Đơn thư giải quyết đúng hạn", 15, "petitions.on_time"),
            DefaultCriterion("Chủ tịch tiếp công dân đúng lịch định kỳ", 10, "engagement.reception_kept"),
            DefaultCriterion("Đối thoại trực tiếp với Nhân dân", 10, "engagement.dialogues_held", 2),
            DefaultCriterion("Cam kết với Nhân dân thực hiện đúng hạn", 10, "engagement.commitments_kept"),
            DefaultCriterion("Công khai các nội dung phải công khai", 10, "democracy.disclosures"),
            DefaultCriterion("Các đơn vị đăng ký mô hình “Dân vận khéo”", 5, "exemplars.registered"),
            DefaultCriterion("Mô hình “Dân vận khéo” được công nhận", 5, "exemplars.recognised", 2),
        ),
    ),
    (
        "II. Xã tự đánh giá có minh chứng",
        (
            DefaultCriterion(
                "Lãnh đạo, chỉ đạo công tác dân vận chính quyền (kế hoạch, kiểm tra, sơ kết)",
                10,
                guidance="Kế hoạch, văn bản chỉ đạo, kết luận kiểm tra trong năm.",
            ),
            DefaultCriterion(
                "Phối hợp với Mặt trận Tổ quốc và các đoàn thể",
                5,
                guidance="Quy chế, chương trình phối hợp và kết quả.",
            ),
        ),
    ),
)


def quantize(points: Decimal) -> Decimal:
    """Round to the nearest quarter point."""
    return ((points / POINTS_STEP).quantize(Decimal(1), rounding=ROUND_HALF_UP) * POINTS_STEP).quantize(
        Decimal("0.01")
    )


def measured_points(max_points: Decimal, done: int, total: int) -> Decimal:
    """A measured share given as points; nothing owed in the year (total 0) earns the full points:
    a unit is not marked down for work it was never given."""
    if total <= 0:
        return Decimal(max_points)
    share = min(Decimal(done) / Decimal(total), Decimal(1))
    return quantize(Decimal(max_points) * share)


def band_for(total: Decimal, max_total: Decimal, thresholds: dict[str, Decimal]) -> str:
    if not max_total:
        return "fail"
    percent = total * 100 / max_total
    for level in BAND_ORDER:
        if level in thresholds and percent >= thresholds[level]:
            return level
    return "fail"


def thresholds_valid(values: dict[str, Decimal]) -> str | None:
    """None when the thresholds are usable, else what is wrong (in Vietnamese)."""
    for level in BAND_ORDER:
        v = values.get(level)
        if v is None or v < 0 or v > 100:
            return f"Ngưỡng “{BAND_LABELS[level]}” phải từ 0 đến 100 (% tổng điểm)."
    if not values["excellent"] > values["good"] > values["pass"]:
        return "Ngưỡng phải giảm dần: Xuất sắc > Tốt > Đạt."
    return None


def may_move(current: str, new: str) -> bool:
    return new in TRANSITIONS.get(current, frozenset())
