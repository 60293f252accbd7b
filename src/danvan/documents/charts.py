"""Bar charts for reports, drawn with matplotlib's Agg backend (no display needed) as PNG bytes."""

from __future__ import annotations

import io
from functools import cache

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure as MplFigure

from danvan.documents.blocks import Chart
from danvan.documents.fonts import serif_family


@cache
def _font_family() -> str:
    from matplotlib import font_manager

    name, paths = serif_family()
    for path in paths:
        font_manager.fontManager.addfont(str(path))
    return name


def chart_png(chart: Chart, *, width_in: float = 6.3, height_in: float = 3.0) -> bytes:
    """A horizontal-label bar chart; labels are shortened so that a long field name stays readable."""
    family = _font_family()
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
        fontsize=8,
        fontfamily=family,
    )
    ax.set_title(chart.title, fontsize=10, fontfamily=family)
    if chart.unit:
        ax.set_ylabel(chart.unit, fontsize=8, fontfamily=family)
    ax.bar_label(bars, labels=[f"{v:g}" for v in values], fontsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(y=0.15)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()
