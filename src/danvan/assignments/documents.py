"""The decisions of who is in charge as Nghị định 30/2020 documents (.docx through `danvan.documents`):
the assignment of officials to dân vận work and to the villages, and the steering committee for
grassroots democracy. Drafts: the number and date are left for the office to fill in when signed."""

from __future__ import annotations

from danvan.assignments import selectors
from danvan.assignments.models import Assignment
from danvan.documents import nd30
from danvan.documents.blocks import Table
from danvan.org.models import Membership, Role


def _signer(commune) -> str:
    chairman = (
        Membership.objects.filter(commune=commune, role=Role.COMMUNE_LEADER, title__icontains="chủ tịch")
        .exclude(title__icontains="phó")
        .select_related("user")
        .first()
    )
    return chairman.user.get_full_name() if chairman else ""


def _header(commune) -> nd30.Header:
    parent, issuer = nd30.issuer_lines(commune)
    place = commune.name.removeprefix("Xã ").removeprefix("Phường ").removeprefix("Đặc khu ")
    return nd30.Header(
        issuer=issuer,
        issuer_parent=parent,
        number=nd30.number_line(None, "QĐ-UBND"),
        place_date=nd30.date_line(place, None),
    )


def _signature(commune) -> nd30.Signature:
    return nd30.Signature(lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], name=_signer(commune))


def assignment_decision(commune) -> nd30.Document:
    """Quyết định phân công cán bộ, công chức phụ trách: the current assignments as its Điều 1 table."""
    assignments = selectors.current_assignments(commune)
    order = {s: i for i, s in enumerate(Assignment.Scope.values)}
    assignments.sort(
        key=lambda a: (order[a.scope], a.village.name if a.village else "", a.official.get_full_name())
    )
    rows = [
        [
            str(i),
            a.official.get_full_name() or a.official.get_username(),
            a.position,
            a.village.name if a.village else a.get_scope_display().removeprefix("Phụ trách "),
        ]
        for i, a in enumerate(assignments, 1)
    ]
    return nd30.Document(
        header=_header(commune),
        title="QUYẾT ĐỊNH",
        subtitle=(
            "Về việc phân công cán bộ, công chức phụ trách công tác dân vận chính quyền, thực hiện dân chủ "
            f"ở cơ sở và phụ trách thôn, tổ dân phố trên địa bàn {commune.name}"
        ),
        blocks=[
            nd30.Block(
                heading=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune.name.upper()}",
                paragraphs=[
                    "Căn cứ Luật Tổ chức chính quyền địa phương;",
                    "Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;",
                    "Theo đề nghị của công chức phụ trách công tác dân vận chính quyền.",
                ],
            ),
            nd30.Block(heading="QUYẾT ĐỊNH:"),
            nd30.Block(
                heading="Điều 1.",
                paragraphs=["Phân công các đồng chí có tên sau phụ trách các lĩnh vực, địa bàn:"],
                tables=[
                    Table(
                        caption="",
                        header=["TT", "Họ và tên", "Chức vụ", "Phụ trách"],
                        rows=rows or [["", "(chưa có phân công)", "", ""]],
                    )
                ],
            ),
            nd30.Block(
                heading="Điều 2.",
                paragraphs=[
                    "Các đồng chí được phân công có trách nhiệm nắm tình hình Nhân dân, hướng dẫn, đôn đốc "
                    "thực hiện kế hoạch công tác dân vận chính quyền và dân chủ ở cơ sở trên lĩnh vực, địa "
                    "bàn được phân công; định kỳ báo cáo Chủ tịch Ủy ban nhân dân xã."
                ],
            ),
            nd30.Block(
                heading="Điều 3.",
                paragraphs=[
                    "Quyết định này có hiệu lực kể từ ngày ký. Văn phòng HĐND và UBND xã, các đơn vị có "
                    "liên quan và các đồng chí có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
                ],
            ),
        ],
        recipients=["Như Điều 3;", "Thường trực Đảng ủy, HĐND xã;", "Ủy ban MTTQ Việt Nam xã;", "Lưu: VT."],
        signature=_signature(commune),
    )


def committee_decision(commune) -> nd30.Document:
    """Quyết định kiện toàn Ban Chỉ đạo thực hiện dân chủ ở cơ sở: the current members."""
    rows = [
        [str(i), m.full_name, m.office, m.get_role_display()]
        for i, m in enumerate(selectors.committee(commune), 1)
    ]
    return nd30.Document(
        header=_header(commune),
        title="QUYẾT ĐỊNH",
        subtitle=f"Về việc kiện toàn Ban Chỉ đạo thực hiện dân chủ ở cơ sở {commune.name}",
        blocks=[
            nd30.Block(
                heading=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune.name.upper()}",
                paragraphs=[
                    "Căn cứ Luật Tổ chức chính quyền địa phương;",
                    "Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;",
                ],
            ),
            nd30.Block(heading="QUYẾT ĐỊNH:"),
            nd30.Block(
                heading="Điều 1.",
                paragraphs=[
                    f"Kiện toàn Ban Chỉ đạo thực hiện dân chủ ở cơ sở {commune.name} gồm các đồng chí:"
                ],
                tables=[
                    Table(
                        caption="",
                        header=["TT", "Họ và tên", "Chức vụ, đơn vị công tác", "Nhiệm vụ trong Ban"],
                        rows=rows or [["", "(chưa có thành viên)", "", ""]],
                    )
                ],
            ),
            nd30.Block(
                heading="Điều 2.",
                paragraphs=[
                    "Ban Chỉ đạo giúp Ủy ban nhân dân xã lãnh đạo, chỉ đạo, kiểm tra việc thực hiện dân "
                    "chủ ở cơ sở; Trưởng ban phân công nhiệm vụ cụ thể cho các thành viên."
                ],
            ),
            nd30.Block(
                heading="Điều 3.",
                paragraphs=[
                    "Quyết định này có hiệu lực kể từ ngày ký. Văn phòng HĐND và UBND xã và các đồng chí "
                    "có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
                ],
            ),
        ],
        recipients=["Như Điều 3;", "Thường trực Đảng ủy, HĐND xã;", "Lưu: VT."],
        signature=_signature(commune),
    )
