"""The words a resident reads about their petition: on the tracking page, in "đơn của tôi" and in the
messages they get. The legal names of the steps (thụ lý, xác minh, kết thúc) stay on the staff pages."""

from __future__ import annotations

from danvan.petitions.models import Petition

Status = Petition.Status

PLAIN_STATUS = {
    Status.RECEIVED: "Đã nhận đơn",
    Status.CLASSIFIED: "Đã nhận đơn",
    Status.ACCEPTED: "Đang giải quyết",
    Status.VERIFYING: "Đang giải quyết",
    Status.REOPENED: "Xem xét lại",
    Status.SUSPENDED: "Tạm dừng giải quyết",
    Status.RESOLVED: "Đã có kết quả",
    Status.CLOSED: "Đã có kết quả",
    Status.FORWARDED: "Đã chuyển đến nơi có thẩm quyền",
    Status.GUIDED: "Đã hướng dẫn bạn nơi gửi đơn",
    Status.RETURNED: "Đã trả lại đơn",
    Status.SPLIT: "Đã tách thành nhiều đơn",
}


def plain_status(status: str) -> str:
    return PLAIN_STATUS.get(status, Status(status).label if status in Status.values else status)
