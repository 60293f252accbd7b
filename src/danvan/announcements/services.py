"""Every write of announcements: posts (write, send to subscribers) and subscriptions (ask, confirm,
stop). Each in one transaction with its audit record."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from danvan.announcements import rules
from danvan.announcements.models import Post, PostFile, Subscriber
from danvan.announcements.spoken import spoken_text
from danvan.comms import rules as comms_rules
from danvan.comms.models import OutboundMessage
from danvan.comms.outbox import message_queue, recipient_clean
from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.core.files import check_upload
from danvan.geo.models import Village
from danvan.org.access import can

CITIZEN = "người dân"  # the audit actor for a resident's own action: never their number
_AUDIT_FIELDS = ["title", "category", "publish_at", "expires_at", "to_portal", "sms_text", "loudspeaker_text"]


def _require_writer(by, commune) -> None:
    if not can(by, "announcements.write", commune):
        raise ServiceError("Bạn không có quyền viết, gửi thông báo của xã.", code="forbidden")


def _site() -> str:
    return getattr(settings, "DANVAN_SITE_URL", "")


def post_url(post: Post) -> str:
    return _site() + reverse("announcements_public:detail", kwargs={"slug": post.commune.slug, "pk": post.pk})


def sms_default(*, commune, title: str) -> str:
    """The short text proposed for SMS/Zalo: who, the title; the link is added when sending."""
    return f"UBND {commune.in_sentence} thông báo: {title}"[:300]


def sms_full_text(post: Post, text: str, token: str = "") -> str:
    """What a subscriber's phone gets: the edited short text, the link, and how to stop."""
    stop = f" Hủy nhận tin: {_stop_url(post.commune, token)}" if token else ""
    return f"{text.strip()} Xem: {post_url(post)}{stop}"


def sms_preview(commune, text: str) -> str:
    """The SMS as a subscriber will get it, with links as long as the real ones: its segments are what
    the staff page shows and what the length check counts."""
    view = _site() + reverse("announcements_public:detail", kwargs={"slug": commune.slug, "pk": 99999})
    stop = _stop_url(commune, "x" * 43)
    return f"{text.strip()} Xem: {view} Hủy nhận tin: {stop}"


def _stop_url(commune, token: str) -> str:
    return _site() + reverse(
        "announcements_public:unsubscribe", kwargs={"slug": commune.slug, "token": token}
    )


def _villages(commune, village_ids) -> list[Village]:
    ids = {int(v) for v in village_ids or []}
    villages = list(Village.objects.filter(commune=commune, pk__in=ids))
    if len(villages) != len(ids):
        raise ServiceError("Có thôn không thuộc xã này.", code="bad_village", field="villages")
    return villages


def post_save(
    *,
    by,
    commune,
    title: str,
    body: str,
    category: str,
    publish_at: datetime,
    village_ids=(),
    expires_at: datetime | None = None,
    to_portal: bool = True,
    sms_text: str = "",
    loudspeaker_text: str = "",
    files=(),
    post: Post | None = None,
) -> Post:
    """Write a new post, or change one (`post`). Refused with a Vietnamese message, nothing changed, for
    an empty title or text, an expiry before publication, a village of another commune, an SMS text
    too long, or a file that is not a photo or document."""
    _require_writer(by, commune)
    title, body = " ".join(str(title or "").split()), str(body or "").strip()
    if not title or len(title) > rules.TITLE_MAX:
        raise ServiceError(f"Tiêu đề không được trống, tối đa {rules.TITLE_MAX} ký tự.", field="title")
    if not body or len(body) > rules.BODY_MAX:
        raise ServiceError(f"Nội dung không được trống, tối đa {rules.BODY_MAX} ký tự.", field="body")
    if category not in Post.Category.values:
        raise ServiceError("Chuyên mục không hợp lệ.", field="category")
    if expires_at and expires_at <= publish_at:
        raise ServiceError("Ngày hết hạn phải sau thời điểm đăng.", field="expires_at")
    villages = _villages(commune, village_ids)
    sms_text = " ".join(str(sms_text or "").split()) or sms_default(commune=commune, title=title)
    too_long = comms_rules.too_long_message(comms_rules.SMS, sms_preview(commune, sms_text))
    if too_long:
        raise ServiceError(too_long + " (tính cả liên kết xem tin và hủy nhận tin)", field="sms_text")
    # Kept only when the staff wrote their own: an empty one follows the body (`Post.reading_text`).
    loudspeaker_text = str(loudspeaker_text or "").strip()
    if loudspeaker_text == spoken_text(body):
        loudspeaker_text = ""
    if len(loudspeaker_text) > rules.BODY_MAX:
        raise ServiceError(f"Bản đọc trên loa tối đa {rules.BODY_MAX} ký tự.", field="loudspeaker_text")
    files = list(files or [])
    checked = [(f, check_upload(f)) for f in files]
    with transaction.atomic():
        if post is None:
            post = Post(commune=commune, created_by=by)
            before = None
        else:
            post = Post.objects.select_for_update().get(pk=post.pk, commune=commune)
            before = snapshot(post, _AUDIT_FIELDS)
        if post.files.count() + len(files) > rules.FILES_MAX if post.pk else len(files) > rules.FILES_MAX:
            raise ServiceError(f"Mỗi tin bài đính kèm tối đa {rules.FILES_MAX} tệp.", field="files")
        post.title, post.body, post.category = title, body, category
        post.publish_at, post.expires_at, post.to_portal, post.sms_text = (
            publish_at,
            expires_at,
            to_portal,
            sms_text,
        )
        post.loudspeaker_text = loudspeaker_text
        post.updated_at = timezone.now()
        post.save()
        post.villages.set(villages)
        for upload, info in checked:
            PostFile.objects.create(
                post=post,
                file=upload,
                name=(upload.name or "tệp")[:255],
                mime=info.mime,
                size=info.size,
                sha256=info.sha256,
            )
        audit_record(
            actor=by,
            action="announcements.post_saved",
            obj=post,
            commune=commune,
            before=before,
            after={
                **snapshot(post, _AUDIT_FIELDS),
                "villages": [v.pk for v in villages],
                "files": len(files),
            },
        )
    return post


def subscribers_for(post: Post):
    """Confirmed, still subscribed residents of the post's villages (every one for the whole commune)."""
    rows = Subscriber.objects.filter(
        commune=post.commune, confirmed_at__isnull=False, unsubscribed_at__isnull=True
    )
    village_ids = [v.pk for v in post.villages.all()]
    if village_ids:
        rows = rows.filter(villages__in=village_ids)
    return rows.distinct().order_by("pk")


def post_send(*, by, post: Post) -> int:
    """Send the post to its subscribers: SMS/Zalo with the short text, e-mail with the full text, each
    with its own stop link; not before the publication time. Sending twice sends nothing new (one
    message per post and subscriber). Returns how many messages were queued this time."""
    _require_writer(by, post.commune)
    with transaction.atomic():
        post = Post.objects.select_for_update().select_related("commune").get(pk=post.pk)
        if post.expires_at and post.expires_at <= timezone.now():
            raise ServiceError("Tin đã hết hạn: không gửi nữa.", code="expired")
        queued = 0
        already = set(
            OutboundMessage.objects.filter(key__startswith=f"post:{post.pk}:").values_list("key", flat=True)
        )
        for sub in subscribers_for(post):
            key = f"post:{post.pk}:{sub.pk}"
            if sub.channel == Subscriber.Channel.EMAIL:
                stop = _stop_url(post.commune, sub.token)
                text = f"{post.body}\n\nXem trên cổng thông tin: {post_url(post)}\nHủy nhận tin: {stop}"
                channel = comms_rules.EMAIL
            else:
                text, channel = sms_full_text(post, post.sms_text, sub.token), comms_rules.SMS
            message_queue(
                channel=channel,
                recipient=sub.address,
                text=text,
                subject=post.title,
                purpose="announcement",
                key=key,
                commune=post.commune,
                source=f"announcements.post:{post.pk}",
                send_after=post.publish_at,
            )
            queued += key not in already
        total = subscribers_for(post).count()
        post.sent_to_subscribers_at, post.sent_to_subscribers = timezone.now(), total
        post.save(update_fields=["sent_to_subscribers_at", "sent_to_subscribers"])
        audit_record(
            actor=by,
            action="announcements.post_sent",
            obj=post,
            commune=post.commune,
            after={"subscribers": total, "queued": queued},
        )
    return queued


# --- subscriptions ---------------------------------------------------------------------------------


def _code_hash(sub_id: int, code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"sub:{sub_id}:{code}".encode(), hashlib.sha256).hexdigest()


def subscription_request(*, commune, channel: str, address: str, village_ids, consent: bool) -> Subscriber:
    """A resident asks to get their villages' news: a one-time code goes to the address; nothing is
    sent to them until they enter it. Consent is required and kept with its wording."""
    if channel not in Subscriber.Channel.values:
        raise ServiceError("Hãy chọn nhận tin qua điện thoại hoặc thư điện tử.", field="channel")
    if not consent:
        raise ServiceError("Cần đồng ý cho xã lưu thông tin liên hệ để gửi tin.", field="consent")
    address = recipient_clean(channel, address)
    villages = _villages(commune, village_ids)
    if not villages:
        raise ServiceError("Hãy chọn ít nhất một thôn.", field="villages")
    code = "".join(secrets.choice("0123456789") for _ in range(rules.CODE_DIGITS))
    now = timezone.now()
    with transaction.atomic():
        sub, _ = Subscriber.objects.select_for_update().get_or_create(
            commune=commune, channel=channel, address=address, defaults={"token": secrets.token_urlsafe(32)}
        )
        if sub.codes_sent >= rules.CODES_MAX and not sub.active:
            raise ServiceError(
                "Địa chỉ này đã yêu cầu mã quá nhiều lần. Vui lòng liên hệ UBND xã.", code="too_many_codes"
            )
        sub.codes_sent += 1
        sub.code_hash, sub.code_expires_at, sub.code_attempts = (
            _code_hash(sub.pk, code),
            now + timedelta(minutes=rules.CODE_MINUTES),
            0,
        )
        sub.consent_text, sub.consent_at = rules.CONSENT_TEXT, now
        sub.save()
        sub.villages.set(villages)
        message_queue(
            channel=channel,
            recipient=address,
            subject="Mã xác nhận đăng ký nhận tin",
            text=f"Mã xác nhận đăng ký nhận tin của UBND {commune.in_sentence}: {code}. "
            f"Hiệu lực {rules.CODE_MINUTES} phút.",
            purpose="subscription_code",
            key=f"sub-code:{sub.pk}:{sub.codes_sent}",
            commune=commune,
            urgent=True,
            secret=True,
        )
        audit_record(
            actor=CITIZEN,
            action="announcements.subscription_requested",
            obj=sub,
            commune=commune,
            after={"channel": channel, "villages": [v.pk for v in villages]},
        )
    return sub


def subscription_confirm(*, commune, channel: str, address: str, code: str) -> Subscriber:
    """The resident enters the code: from now on their villages' news reaches them."""
    wrong = ServiceError("Mã xác nhận không đúng hoặc đã hết hạn.", code="bad_code", field="code")
    try:
        address = recipient_clean(channel, address)
    except ServiceError:
        raise wrong from None
    with transaction.atomic():
        sub = (
            Subscriber.objects.select_for_update()
            .filter(commune=commune, channel=channel, address=address)
            .first()
        )
        if sub is None or not sub.code_hash or sub.code_expires_at < timezone.now():
            raise wrong
        if sub.code_attempts >= rules.CODE_MAX_ATTEMPTS:
            raise ServiceError(
                "Nhập sai quá số lần cho phép: hãy yêu cầu mã mới.", code="too_many_attempts", field="code"
            )
        given = "".join(str(code or "").split())
        matched = hmac.compare_digest(sub.code_hash, _code_hash(sub.pk, given))
        if not matched:
            # Counted in this transaction, which commits: the refusal is raised after it.
            Subscriber.objects.filter(pk=sub.pk).update(code_attempts=sub.code_attempts + 1)
        else:
            sub.confirmed_at, sub.unsubscribed_at, sub.code_hash = timezone.now(), None, ""
            sub.save(update_fields=["confirmed_at", "unsubscribed_at", "code_hash"])
            audit_record(
                actor=CITIZEN, action="announcements.subscription_confirmed", obj=sub, commune=commune
            )
    if not matched:
        raise wrong
    return sub


def subscription_stop(*, commune, token: str) -> Subscriber | None:
    """The stop link in any message: no more news to this address (None for an unknown link)."""
    with transaction.atomic():
        sub = Subscriber.objects.select_for_update().filter(commune=commune, token=token).first()
        if sub is None:
            return None
        if sub.unsubscribed_at is None:
            sub.unsubscribed_at = timezone.now()
            sub.save(update_fields=["unsubscribed_at"])
            audit_record(actor=CITIZEN, action="announcements.unsubscribed", obj=sub, commune=commune)
    return sub
