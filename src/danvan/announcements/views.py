"""Staff pages of announcements (/lam-viec/<code>/tin-tuc/): write a post, choose its channels, send."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.announcements import services
from danvan.announcements.forms import PostForm
from danvan.announcements.loudspeaker import reading_minutes
from danvan.announcements.models import Post
from danvan.announcements.notice_document import post_notice_docx, post_notice_pdf
from danvan.announcements.selectors import staff_posts
from danvan.announcements.services import subscribers_for
from danvan.comms.rules import sms_segments
from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.geo.selectors import villages_of
from danvan.org.access import can, commune_for
from danvan.org.pages import workspace_context

VIEW, WRITE = "announcements.view", "announcements.write"


def post_list(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    return render(
        request,
        "announcements/list.html",
        workspace_context(
            request, commune, posts=staff_posts(commune)[:100], write=can(request.user, WRITE, commune)
        ),
    )


def _form_args(form) -> dict:
    d = form.cleaned_data
    return {
        "title": d["title"],
        "body": d["body"],
        "category": d["category"],
        "village_ids": d["villages"],
        "publish_at": d["publish_at"],
        "expires_at": d["expires_at"],
        "to_portal": d["to_portal"],
        "sms_text": d["sms_text"],
        "loudspeaker_text": d["loudspeaker_text"],
        "files": d["files"],
    }


def post_edit(request, code: str, pk: int | None = None):
    commune = commune_for(request.user, code, permission=WRITE)
    post = get_object_or_404(Post, pk=pk, commune=commune) if pk else None
    villages = list(villages_of(commune).filter(is_active=True))
    if post is not None:
        initial = {
            "title": post.title,
            "category": post.category,
            "body": post.body,
            "villages": [str(v.pk) for v in post.villages.all()],
            "publish_at": timezone.localtime(post.publish_at),
            "expires_at": timezone.localtime(post.expires_at) if post.expires_at else None,
            "to_portal": post.to_portal,
            "sms_text": post.sms_text,
            "loudspeaker_text": post.reading_text,
        }
    else:
        initial = {"publish_at": timezone.localtime().replace(second=0, microsecond=0), "to_portal": True}
    form = PostForm(request.POST or None, request.FILES or None, villages=villages, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_save(by=request.user, commune=commune, post=post, **_form_args(form))
        except ServiceError as err:
            form_error(form, err)
        else:
            messages.success(request, "Đã lưu tin bài.")
            return redirect("announcements:detail", code=commune.code, pk=post.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "announcements/edit.html",
        workspace_context(request, commune, form=form, post=post),
        status=status,
    )


def post_detail(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    post = get_object_or_404(
        Post.objects.prefetch_related("villages", "files", "versions__language"), pk=pk, commune=commune
    )
    preview = services.sms_preview(commune, post.sms_text)
    return render(
        request,
        "announcements/detail.html",
        workspace_context(
            request,
            commune,
            post=post,
            write=can(request.user, WRITE, commune),
            sms_preview=preview,
            reading_minutes=max(1, reading_minutes(post.reading_text)),
            sms_segments=sms_segments(preview),
            subscribers=subscribers_for(post).count(),
        ),
    )


@require_POST
def post_send(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=WRITE)
    post = get_object_or_404(Post, pk=pk, commune=commune)
    try:
        queued = services.post_send(by=request.user, post=post)
    except ServiceError as err:
        messages.error(request, err.message)
    else:
        messages.success(
            request, f"Đã đưa {queued} tin nhắn mới vào hàng đợi gửi tới người đăng ký nhận tin."
        )
    return redirect("announcements:detail", code=commune.code, pk=post.pk)


def post_notice(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    post = get_object_or_404(Post.objects.prefetch_related("villages"), pk=pk, commune=commune)
    response = HttpResponse(
        post_notice_docx(post),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="thong-bao-{post.pk}.docx"'
    return response


def post_notice_as_pdf(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    post = get_object_or_404(Post.objects.prefetch_related("villages"), pk=pk, commune=commune)
    response = HttpResponse(post_notice_pdf(post), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="thong-bao-{post.pk}.pdf"'
    return response
