"""Rules of consultations (Nhân dân tham gia ý kiến), Luật THDCCS 2022, Điều 25–26: matters, comment
sources and statuses."""

from __future__ import annotations

from django.db import models

# --- consultations (Nhân dân tham gia ý kiến), Luật THDCCS 2022, Điều 25–26 -------------------------------


class ConsultationMatter(models.TextChoices):
    """Nội dung Nhân dân tham gia ý kiến — Luật THDCCS 2022, Điều 25 (the main kinds)."""

    SOCIOECONOMIC_PLAN = "socioeconomic_plan", "Dự thảo kế hoạch phát triển kinh tế – xã hội"
    LAND_USE = "land_use", "Dự thảo quy hoạch, kế hoạch sử dụng đất"
    PROJECT = "project", "Dự án, công trình; phương án bồi thường, tái định cư"
    ADMIN_BOUNDARY = "admin_boundary", "Đề án thành lập, sáp nhập, điều chỉnh địa giới đơn vị hành chính"
    OTHER = "other", "Nội dung khác"


class CommentSource(models.TextChoices):
    """Hình thức tổ chức lấy ý kiến — Luật THDCCS 2022, Điều 26."""

    PORTAL = "portal", "Cổng thông tin điện tử"
    MEETING = "meeting", "Hội nghị, đối thoại"
    BALLOT = "ballot", "Phiếu lấy ý kiến hộ gia đình"
    BOX_HOTLINE = "box_hotline", "Hòm thư góp ý, đường dây nóng"
    SOCIAL = "social", "Mạng xã hội, hình thức khác"


STAFF_SOURCES = frozenset(
    {CommentSource.MEETING, CommentSource.BALLOT, CommentSource.BOX_HOTLINE, CommentSource.SOCIAL}
)


class CommentStatus(models.TextChoices):
    PENDING = "pending", "Chờ duyệt"
    APPROVED = "approved", "Đã duyệt, công khai"
    REJECTED = "rejected", "Không đăng"


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", "Chưa đăng"
    PUBLISHED = "published", "Đã đăng lấy ý kiến"
    CONCLUDED = "concluded", "Đã tổng hợp, công bố kết quả"


COMMENT_MAX_CHARS = 5000
