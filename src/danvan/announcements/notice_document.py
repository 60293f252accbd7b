"""A post as a printed A4 notice for the village bulletin board (ND 30 layout), as .docx to edit or
.pdf to print as it is (a village head's phone opens a PDF; few open a .docx)."""

from __future__ import annotations

from django.utils import timezone

from danvan.announcements.models import Post
from danvan.documents import nd30, pdf


def post_notice(post: Post) -> nd30.Document:
    commune = post.commune
    parent, issuer = nd30.issuer_lines(commune)
    villages = [v.name for v in post.villages.all()]
    to = "Nhân dân " + (", ".join(villages) if villages else f"toàn {commune.division_type}")
    paragraphs = [p.strip() for p in post.body.split("\n") if p.strip()]
    return nd30.Document(
        header=nd30.Header(
            issuer=issuer,
            issuer_parent=parent,
            number=nd30.number_line(None, "TB-UBND"),
            place_date=nd30.date_line(commune.short_name, timezone.localtime(post.publish_at).date()),
        ),
        title=post.get_category_display().upper(),
        subtitle=post.title,
        blocks=[nd30.Block(heading="", paragraphs=[f"Kính gửi: {to}.", *paragraphs])],
        recipients=["Các thôn (niêm yết);", "Đài truyền thanh xã;", "Lưu: VT."],
        signature=nd30.Signature(lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], name=""),
    )


def post_notice_docx(post: Post) -> bytes:
    return nd30.render_docx(post_notice(post))


def post_notice_pdf(post: Post) -> bytes:
    return pdf.render_pdf(post_notice(post))
