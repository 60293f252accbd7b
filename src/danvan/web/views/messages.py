"""The outbound message log (tin đã gửi): search what was sent to people and how it went; send a
failed message again. Recipients are masked unless comms.visibility allows this user to see them."""

from __future__ import annotations

from django import forms
from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from danvan.comms.models import OutboundMessage
from danvan.comms.outbox import message_retry
from danvan.comms.selectors import message_log
from danvan.comms.visibility import recipient_shown
from danvan.core.errors import ServiceError
from danvan.org.access import can, commune_for
from danvan.org.pages import workspace_context

PURPOSES = [
    ("", "Tất cả"),
    ("petition_status", "Báo tin đơn thư"),
    ("vote_code", "Mã biểu quyết"),
    ("staff_notice", "Thông báo cán bộ"),
    ("announcement", "Thông báo, tin tức"),
    ("subscription_code", "Mã xác nhận đăng ký"),
]


class MessageFilterForm(forms.Form):
    q = forms.CharField(label="Nội dung có chứa", required=False, max_length=100)
    recipient = forms.CharField(label="Số điện thoại hoặc thư điện tử", required=False, max_length=254)
    channel = forms.ChoiceField(
        label="Kênh", required=False, choices=[("", "Tất cả"), *OutboundMessage.Channel.choices[:3]]
    )
    status = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "Tất cả"), *OutboundMessage.Status.choices]
    )
    purpose = forms.ChoiceField(label="Loại tin", required=False, choices=PURPOSES)


def message_log_page(request, code: str):
    commune = commune_for(request.user, code, permission="comms.view_log")
    form = MessageFilterForm(request.GET or None)
    page = None
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        rows = message_log(
            commune=commune,
            **{k: data.get(k, "") for k in ("q", "recipient", "channel", "status", "purpose")},
        )
        page = Paginator(rows, 50).get_page(request.GET.get("trang"))
        for m in page:
            m.shown_to = recipient_shown(request.user, m)
            m.shown_text = "(nội dung mật)" if m.secret else m.text
    resend = can(request.user, "comms.resend", commune)
    return render(
        request,
        "web/ws/messages.html",
        workspace_context(request, commune, form=form, page=page, resend=resend),
    )


@require_POST
def message_resend(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="comms.resend")
    message = get_object_or_404(OutboundMessage, pk=pk, commune=commune)
    try:
        message_retry(by=request.user, message=message)
        flash.success(request, "Đã đưa tin vào hàng đợi để gửi lại.")
    except ServiceError as err:
        flash.error(request, err.message)
    return redirect("web:ws_messages", code=commune.code)
