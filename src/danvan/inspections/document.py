"""The inspection's report (Báo cáo kết quả kiểm tra) as an ND 30 .docx, written from its data."""

from __future__ import annotations

from danvan.documents import nd30
from danvan.documents.blocks import Table
from danvan.inspections.models import Inspection


def inspection_report_docx(inspection: Inspection, findings) -> bytes:
    commune = inspection.commune
    parent, issuer = nd30.issuer_lines(commune)
    kind = inspection.get_kind_display().lower()
    tasks = [f.task for f in findings if hasattr(f, "task")]
    table = Table(
        caption="Tồn tại, hạn chế và nhiệm vụ khắc phục",
        header=["TT", "Tồn tại, hạn chế", "Kiến nghị, nhiệm vụ khắc phục", "Đơn vị", "Hạn", "Kết quả"],
        rows=[
            [
                str(i),
                f.text,
                (f.task.content if hasattr(f, "task") else f.recommendation) or "",
                f.task.unit.name if hasattr(f, "task") else "",
                f"{f.task.due_on:%d/%m/%Y}" if hasattr(f, "task") else "",
                (f"Đã khắc phục ngày {f.task.done_on:%d/%m/%Y}" if f.task.done_on else "Đang khắc phục")
                if hasattr(f, "task")
                else "",
            ]
            for i, f in enumerate(findings, 1)
        ],
    )
    done = sum(1 for t in tasks if t.status == "done")
    document = nd30.Document(
        header=nd30.Header(
            issuer=issuer,
            issuer_parent=parent,
            number=nd30.number_line(None, "BC-ĐKT"),
            place_date=nd30.date_line(commune.short_name, inspection.concluded_on),
        ),
        title="BÁO CÁO",
        subtitle=f"Kết quả {kind} công tác dân vận tại {inspection.subject_name}",
        blocks=[
            nd30.Block(
                heading="I. Khái quát cuộc " + kind,
                paragraphs=[
                    f"Thời gian: từ ngày {inspection.starts_on:%d/%m/%Y} "
                    f"đến ngày {inspection.ends_on:%d/%m/%Y}.",
                    f"Thành phần đoàn: {inspection.inspectors}.",
                    f"Nội dung: {inspection.scope}",
                ],
            ),
            nd30.Block(
                heading="II. Tồn tại, hạn chế và việc khắc phục",
                paragraphs=[
                    f"Qua {kind} phát hiện {len(findings)} tồn tại, hạn chế; giao {len(tasks)} "
                    f"nhiệm vụ khắc phục, đã khắc phục xong {done}."
                ]
                if findings
                else [f"Qua {kind} không phát hiện tồn tại, hạn chế."],
                tables=[table] if findings else [],
            ),
            nd30.Block(
                heading="III. Kết luận",
                paragraphs=[p for p in inspection.conclusion.splitlines() if p.strip()] or ["Chưa kết luận."],
            ),
        ],
        recipients=[
            f"{inspection.subject_name} (để thực hiện);",
            "Thường trực Đảng ủy (để báo cáo);",
            "Lưu: VT, Đoàn kiểm tra.",
        ],
        signature=nd30.Signature(lines=["TRƯỞNG ĐOÀN KIỂM TRA"], name=""),
    )
    return nd30.render_docx(document)
