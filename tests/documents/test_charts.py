"""Charts of counts step by whole numbers; a one-bar or all-zero chart is not drawn."""

from __future__ import annotations

import io

from docx import Document
from matplotlib.ticker import MaxNLocator

from danvan.documents import charts, nd30
from danvan.documents.blocks import Chart


def test_counts_have_an_integer_axis(monkeypatch):
    seen = {}
    original = MaxNLocator.__init__

    def spy(self, *args, **kwargs):
        seen.update(kwargs)
        original(self, *args, **kwargs)

    monkeypatch.setattr(MaxNLocator, "__init__", spy)
    png = charts.chart_png(Chart("Đơn thư theo lĩnh vực", ["Đất đai", "Môi trường"], [1.0, 2.0]))
    assert png.startswith(b"\x89PNG") and seen.get("integer") is True
    assert charts.counts_only([1.0, 2, 0]) and not charts.counts_only([12.5, 3])


def test_one_bar_and_empty_charts_are_left_out_of_the_document():
    assert not charts.drawable(Chart("Một cột", ["A"], [3]))
    assert not charts.drawable(Chart("Toàn số 0", ["A", "B"], [0, 0]))
    assert charts.drawable(Chart("Hai cột", ["A", "B"], [1, 0]))
    block = nd30.Block(
        heading="I.", charts=[Chart("Một cột", ["A"], [3]), Chart("Hai cột", ["A", "B"], [1, 2])]
    )
    document = nd30.Document(
        header=nd30.Header(issuer="ỦY BAN NHÂN DÂN XÃ A", number="Số: 01/BC-UBND", place_date="A"),
        title="Báo cáo",
        subtitle="",
        blocks=[block],
        recipients=["Lưu: VT"],
        signature=nd30.Signature(lines=["CHỦ TỊCH"], name="B"),
    )
    doc = Document(io.BytesIO(nd30.render_docx(document)))
    assert len(doc.inline_shapes) == 1
    texts = [p.text for p in doc.paragraphs]
    assert "Hai cột" in texts and "Một cột" not in texts
