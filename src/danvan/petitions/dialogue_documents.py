"""The documents of a complaint dialogue as ND 30 .docx: the written notice to those invited (thông báo
về việc tổ chức đối thoại, Luật Khiếu nại 2011, Điều 30(2)) and the minutes (biên bản đối thoại, Điều
30(4)). Left unnumbered: the commune's clerk gives the number when the Chairman signs.

The complainant is named only when the person downloading may read the sender (the read is logged
through `identity_for`); otherwise the document says "người khiếu nại theo đơn mã …" and the clerk
fills the name in.
"""

from __future__ import annotations

from django.utils import timezone

from danvan.core.errors import ServiceError
from danvan.documents import nd30
from danvan.petitions.models import ComplaintDialogue
from danvan.petitions.services.identity import identity_for, may_read_identity

LAW = "Luật Khiếu nại năm 2011"


def _complainant(dialogue: ComplaintDialogue, user) -> str:
    petition = dialogue.petition
    fallback = f"người khiếu nại theo đơn mã {petition.tracking_code}"
    if not may_read_identity(user, petition):
        return fallback
    try:
        found = identity_for(
            petition=petition, user=user, purpose="lập văn bản đối thoại giải quyết khiếu nại"
        )
    except ServiceError:
        return fallback
    if found is None or not found.full_name:
        return fallback
    return f"Ông/Bà {found.full_name}" + (f", địa chỉ: {found.address}" if found.address else "")


def _header(dialogue: ComplaintDialogue, symbol: str, day) -> nd30.Header:
    commune = dialogue.petition.commune
    parent, issuer = nd30.issuer_lines(commune)
    return nd30.Header(
        issuer=issuer,
        issuer_parent=parent,
        number=nd30.number_line(None, symbol),
        place_date=nd30.date_line(commune.short_name, day),
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def notice_docx(dialogue: ComplaintDialogue, user) -> bytes:
    """Thông báo về việc tổ chức đối thoại: time, place, what it is about, who is invited."""
    petition = dialogue.petition
    when = timezone.localtime(dialogue.at)
    received = f"{petition.received_on:%d/%m/%Y}" if petition.received_on else ""
    body = [
        f"Kính gửi: {_complainant(dialogue, user)}.",
        f"Căn cứ Điều 30 {LAW}; trong quá trình giải quyết khiếu nại theo đơn mã {petition.tracking_code}"
        + (f" nhận ngày {received}" if received else "")
        + f", Ủy ban nhân dân {petition.commune.name} thông báo tổ chức đối thoại như sau:",
        f"1. Thời gian: {when:%H} giờ {when:%M} phút, ngày {when:%d/%m/%Y}.",
        f"2. Địa điểm: {dialogue.place}.",
        "3. Nội dung đối thoại:",
        *_lines(dialogue.agenda),
        "4. Thành phần mời:",
        *_lines(dialogue.participants),
        "Người tham gia đối thoại có quyền trình bày ý kiến, đưa ra chứng cứ liên quan đến khiếu nại và yêu "
        "cầu của mình. Đề nghị có mặt đúng thời gian, địa điểm nêu trên; khi đến mang theo giấy tờ tùy thân "
        "và các tài liệu liên quan (nếu có).",
    ]
    document = nd30.Document(
        header=_header(dialogue, "TB-UBND", timezone.localdate()),
        title="THÔNG BÁO",
        subtitle="Về việc tổ chức đối thoại giải quyết khiếu nại",
        blocks=[nd30.Block(heading="", paragraphs=body)],
        recipients=["Như trên;", "Người bị khiếu nại và người có liên quan;", "Lưu: VT, hồ sơ vụ việc."],
        signature=nd30.Signature(lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], name=""),
    )
    return nd30.render_docx(document)


def minutes_docx(dialogue: ComplaintDialogue, user) -> bytes:
    """Biên bản đối thoại: who took part, each side's opinion, the result, signatures or why not."""
    if dialogue.held_on is None:
        raise ServiceError("Chưa ghi kết quả buổi đối thoại này.", code="not_recorded")
    petition = dialogue.petition
    when = timezone.localtime(dialogue.at)
    present = "có mặt" if dialogue.complainant_present else "vắng mặt"
    body = [
        f"Hôm nay, ngày {dialogue.held_on:%d/%m/%Y}, lúc {when:%H} giờ {when:%M} phút, tại {dialogue.place}, "
        f"Ủy ban nhân dân {petition.commune.name} tổ chức đối thoại giải quyết khiếu nại theo đơn mã "
        f"{petition.tracking_code} (khiếu nại lần {dialogue.complaint_round}), căn cứ Điều 30 {LAW}.",
        f"Người khiếu nại: {_complainant(dialogue, user)} ({present}).",
        "I. Thành phần tham gia:",
        *_lines(dialogue.participants),
        "II. Nội dung đối thoại:",
        *_lines(dialogue.agenda),
        "III. Ý kiến của những người tham gia:",
        *_lines(dialogue.opinions),
        "IV. Kết quả đối thoại:",
        *_lines(dialogue.outcome),
    ]
    if dialogue.signed:
        body.append(
            "Biên bản đã được đọc lại cho những người tham gia nghe, cùng thống nhất và ký tên hoặc điểm chỉ."
        )
    else:
        body.append(f"Người tham gia không ký, điểm chỉ biên bản. Lý do: {dialogue.unsigned_reason}")
    document = nd30.Document(
        header=_header(dialogue, "BB-UBND", dialogue.held_on),
        title="BIÊN BẢN",
        subtitle="Đối thoại giải quyết khiếu nại",
        blocks=[nd30.Block(heading="", paragraphs=body)],
        recipients=["Người tham gia đối thoại;", "Lưu: hồ sơ vụ việc."],
        signature=nd30.Signature(lines=["NGƯỜI CHỦ TRÌ ĐỐI THOẠI"], name=""),
    )
    return nd30.render_docx(document)
