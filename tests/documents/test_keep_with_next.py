"""Captions stay with their table or chart, "Nơi nhận" with the signature block (Word's own properties)."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn

from danvan.documents import nd30
from danvan.documents.blocks import Table


def test_captions_headings_and_the_closing_block_keep_together():
    document = nd30.Document(
        header=nd30.Header(
            issuer="ỦY BAN NHÂN DÂN XÃ TÀ ĐÙNG", number="Số: 01/BC-UBND", place_date="Tà Đùng"
        ),
        title="Báo cáo",
        subtitle="",
        blocks=[
            nd30.Block(
                heading="I. KẾT QUẢ",
                paragraphs=["Đoạn một.", "Đoạn cuối."],
                tables=[Table("Bảng số liệu", ["Chỉ tiêu", "Số"], [["Đơn", "3"]])],
            )
        ],
        recipients=["Sở Nội vụ", "Lưu: VT"],
        signature=nd30.Signature(lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], name="Trần Văn Bình"),
    )
    doc = Document(io.BytesIO(nd30.render_docx(document)))
    by_text = {p.text: p for p in doc.paragraphs}
    assert by_text["I. KẾT QUẢ"].paragraph_format.keep_with_next
    assert by_text["Bảng số liệu"].paragraph_format.keep_with_next
    table = doc.tables[1]
    header = table.rows[0]._tr.trPr
    assert header.find(qn("w:tblHeader")) is not None and header.find(qn("w:cantSplit")) is not None
    closing = doc.tables[-1]
    assert closing.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    left, right = closing.rows[0].cells
    assert left.paragraphs[0].text == "Nơi nhận:"
    assert all(p.paragraph_format.keep_together for p in left.paragraphs + right.paragraphs)
    # The last paragraph before the closing block goes with it.
    assert doc.paragraphs[-1].paragraph_format.keep_with_next
