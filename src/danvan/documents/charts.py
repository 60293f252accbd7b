"""Bar charts for reports, drawn with matplotlib's Agg backend (no display needed) as PNG bytes."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure as MplFigure
from matplotlib.ticker import MaxNLocator

from danvan.documents.blocks import Chart
from danvan.documents.fonts import serif_family


def _font(size: float):
    """The chosen face by its file: two installed fonts may share a family name (Liberation Serif 1.x
    without Vietnamese beside 2.x with it), and matplotlib would pick by name."""
    from matplotlib.font_manager import FontProperties

    return FontProperties(fname=str(serif_family()[1][0]), size=size)


def drawable(chart: Chart) -> bool:
    """A chart is worth a picture only with two bars or more and something to show: one bar says
    nothing a sentence would not, and an all-zero chart is empty."""
    return len(chart.values) >= 2 and any(chart.values)


def counts_only(values) -> bool:
    """Whether every value is a whole number (a count), so the axis steps by whole numbers."""
    return all(float(v).is_integer() for v in values)


def chart_png(chart: Chart, *, width_in: float = 6.3, height_in: float = 3.0) -> bytes:
    """A horizontal-label bar chart; labels are shortened so that a long field name stays readable."""
    fig = MplFigure(figsize=(width_in, height_in), dpi=150)
    ax = fig.add_subplot()
    labels = [label if len(label) <= 22 else label[:21] + "…" for label in chart.labels] or ["—"]
    values = list(chart.values) or [0]
    bars = ax.bar(range(len(values)), values, color="#a5191d")
    ax.set_xticks(
        range(len(labels)),
        labels,
        rotation=30 if len(labels) > 6 else 0,
        ha="right" if len(labels) > 6 else "center",
        fontproperties=_font(8),
    )
    ax.set_title(chart.title, fontproperties=_font(10))
    if chart.unit:
        ax.set_ylabel(chart.unit, fontproperties=_font(8))
    ax.bar_label(bars, labels=[f"{v:g}" for v in values], fontproperties=_font(7))
    if counts_only(values):
        # Counts: 0, 1, 2 … on the axis, never 0.2, 0.4.
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.tick_params(axis="y", labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(y=0.15)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()
