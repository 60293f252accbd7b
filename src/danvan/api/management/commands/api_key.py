"""`danvan api_key create|revoke|list`: manage API keys from the command line (audited, like the admin)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from danvan.api.models import ApiKey
from danvan.api.services import api_key_create, api_key_revoke
from danvan.core.errors import ServiceError
from danvan.geo.models import Commune

ACTOR = "lệnh danvan api_key"


class Command(BaseCommand):
    help = "Quản lý khóa API: tạo (hiện khóa một lần), thu hồi, liệt kê."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="tạo khóa mới")
        create.add_argument("--name", required=True, help="tên gợi nhớ, ví dụ “Ứng dụng phản ánh tỉnh”")
        kind = create.add_mutually_exclusive_group(required=True)
        kind.add_argument("--user", help="tên đăng nhập của cán bộ sở hữu khóa (khóa REST API)")
        kind.add_argument("--open311", action="store_true", help="khóa cho một ứng dụng Open311")
        create.add_argument("--commune", help="chỉ dùng cho xã này (mã xã hoặc địa chỉ cổng thông tin)")
        revoke = sub.add_parser("revoke", help="thu hồi khóa")
        revoke.add_argument("prefix", help="tiền tố của khóa (cột PREFIX của `list`, hoặc cả khóa)")
        sub.add_parser("list", help="liệt kê các khóa")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except ServiceError as exc:
            raise CommandError(exc.message) from exc

    def _create(self, *, name, user, open311, commune, **_):
        owner = None
        if user:
            owner = get_user_model().objects.filter(username=user).first()
            if owner is None:
                raise CommandError(f"Không có tài khoản “{user}”.")
        where = None
        if commune:
            where = Commune.objects.filter(Q(code=commune) | Q(slug=commune)).first()
            if where is None:
                raise CommandError(f"Không có xã/phường “{commune}”.")
        created = api_key_create(
            by=ACTOR,
            name=name,
            kind=ApiKey.Kind.OPEN311 if open311 else ApiKey.Kind.STAFF,
            user=owner,
            commune=where,
        )
        self.stdout.write(f"Đã tạo khóa “{created.api_key.name}” (tiền tố {created.api_key.prefix}).")
        self.stdout.write("Khóa (chỉ hiện một lần, hãy sao chép ngay):")
        self.stdout.write(created.key)

    def _revoke(self, *, prefix, **_):
        key = prefix.strip()
        if key.startswith("dvs_"):
            key = key[4:].split(".", 1)[0]
        api_key = ApiKey.objects.filter(prefix=key).first()
        if api_key is None:
            raise CommandError(f"Không có khóa với tiền tố “{prefix}”.")
        api_key_revoke(api_key=api_key, by=ACTOR)
        self.stdout.write(f"Đã thu hồi khóa “{api_key.name}” ({api_key.prefix}).")

    def _list(self, **_):
        rows = ApiKey.objects.select_related("user", "commune").order_by("-created_at", "-id")
        self.stdout.write(
            f"{'PREFIX':<13} {'LOẠI':<8} {'TRẠNG THÁI':<12} {'CÁN BỘ':<14} {'XÃ':<8} "
            f"{'DÙNG LẦN CUỐI':<21} TÊN"
        )
        for k in rows:
            state = "đang dùng" if k.is_active else "đã thu hồi"
            used = f"{timezone.localtime(k.last_used_at):%d/%m/%Y %H:%M}" if k.last_used_at else "-"
            self.stdout.write(
                f"{k.prefix:<13} {k.kind:<8} {state:<12} {(k.user.username if k.user else '-'):<14} "
                f"{(k.commune_id or 'mọi xã'):<8} {used:<21} {k.name}"
            )
