"""The ranking as a spreadsheet (units × criteria) and as the ND 30 report used for the cadres'
yearly rating (đánh giá, xếp loại công chức)."""

from __future__ import annotations

from danvan.documents import nd30, xlsx
from danvan.documents.blocks import Table
from danvan.scoring.selectors import Ranking


def _points(value) -> str:
    if value is None:
        return "—"
    return f"{value.normalize():f}".replace(".", ",")


def ranking_xlsx(ranking: Ranking) -> bytes:
    header = ["Hạng", "Đơn vị" if ranking.framework.subject == "units" else "Xã, phường"]
    header += [f"{c.title} (tối đa {_points(c.max_points)})" for c in ranking.criteria]
    header += ["Tổng điểm", "Xếp loại", "Tình trạng phiếu"]
    wb, ws = xlsx.workbook("Xếp loại", header, [6, 30, *[18] * len(ranking.criteria), 10, 12, 22])
    for row in ranking.rows:
        ws.append(
            [
                row.rank,
                row.name,
                *[float(c.points) if c.points is not None else None for c in row.cells],
                float(row.total),
                row.band_label,
                row.status_label,
            ]
        )
    evidence = wb.create_sheet("Minh chứng")
    evidence.append(["Đơn vị", "Tiêu chí", "Điểm", "Căn cứ, minh chứng", "Lý do điều chỉnh"])
    for row in ranking.rows:
        for cell in row.cells:
            evidence.append(
                [
                    row.name,
                    cell.criterion.title,
                    float(cell.points) if cell.points is not None else None,
                    cell.text,
                    cell.adjusted,
                ]
            )
    return xlsx.to_bytes(wb)


def ranking_docx(
    ranking: Ranking, *, place: str, issuer: str, issuer_parent: str = "", symbol: str = "BC-UBND"
) -> bytes:
    framework = ranking.framework
    units = framework.subject == "units"
    table = Table(
        caption=f"Kết quả chấm điểm, xếp loại năm {framework.year} (tính đến ngày {ranking.as_of:%d/%m/%Y})",
        header=["TT", "Đơn vị" if units else "Xã, phường", "Tổng điểm", "Xếp loại"],
        rows=[[str(r.rank), r.name, _points(r.total), r.band_label] for r in ranking.rows],
    )
    criteria = Table(
        caption="Tiêu chí và điểm tối đa",
        header=["TT", "Tiêu chí", "Điểm tối đa", "Cách chấm"],
        rows=[
            [
                str(i),
                c.title,
                _points(c.max_points),
                "Tính từ dữ liệu" if c.measure else "Tự chấm có minh chứng, xã thẩm định",
            ]
            for i, c in enumerate(ranking.criteria, 1)
        ],
    )
    t = ranking.thresholds
    bands = (
        f"Ngưỡng xếp loại (theo % tổng {_points(ranking.max_total)} điểm): "
        f"Xuất sắc từ {_points(t.get('excellent'))}%, "
        f"Tốt từ {_points(t.get('good'))}%, Đạt từ {_points(t.get('pass'))}%, dưới mức Đạt là Không đạt."
    )
    counts = "; ".join(f"{label}: {n}" for label, n in ranking.band_counts())
    pending = sum(1 for r in ranking.rows if r.assessment is None or r.assessment.status != "reviewed")
    notes = [f"Kết quả: {counts}."]
    if pending:
        notes.append(f"Còn {pending} phiếu chưa thẩm định xong; điểm tự chấm của các phiếu này là tạm tính.")
    document = nd30.Document(
        header=nd30.Header(
            issuer=issuer,
            issuer_parent=issuer_parent,
            number=nd30.number_line(None, symbol),
            place_date=nd30.date_line(place, ranking.as_of),
        ),
        title="BÁO CÁO",
        subtitle=f"Kết quả chấm điểm, xếp loại công tác dân vận năm {framework.year}"
        + (" của các đơn vị" if units else " của các xã, phường"),
        blocks=[
            nd30.Block(
                heading="I. Căn cứ và cách chấm",
                paragraphs=[
                    f"Thực hiện {framework.title}. Các tiêu chí đo được từ dữ liệu của hệ thống "
                    "(nhiệm vụ, báo cáo, đơn thư, tiếp công dân, cam kết, công khai, mô hình “Dân vận khéo”) "
                    "được tính tự động kèm căn cứ; "
                    "các tiêu chí còn lại do đơn vị tự chấm có minh chứng và được thẩm định.",
                    bands,
                ],
                tables=[criteria],
            ),
            nd30.Block(
                heading="II. Kết quả xếp loại",
                paragraphs=[
                    *notes,
                    "Kết quả này là một căn cứ để đánh giá, xếp loại công chức, viên chức cuối năm.",
                ],
                tables=[table],
            ),
        ],
        recipients=["Thường trực Đảng ủy (để báo cáo);", "Các đơn vị;", "Lưu: VT."]
        if units
        else ["UBND tỉnh (để báo cáo);", "Các xã, phường;", "Lưu: VT."],
        signature=nd30.Signature(
            lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] if units else ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], name=""
        ),
    )
    return nd30.render_docx(document)


__all__ = ["ranking_docx", "ranking_xlsx"]
