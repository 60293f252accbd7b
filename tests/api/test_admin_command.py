"""Managing keys: the `danvan api_key` command and Django's admin; the key is shown once, only its hash
is stored, every creation and revocation is audited."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command

from danvan.api.models import ApiKey
from danvan.core.models import AuditEvent
from tests.api.conftest import key_client

pytestmark = pytest.mark.django_db

KEY = re.compile(r"dvs_[0-9a-f]{12}\.[A-Za-z0-9_\-]+")


def run(*args) -> str:
    out = io.StringIO()
    call_command("api_key", *args, stdout=out)
    return out.getvalue()


def test_create_list_revoke(commune, people):
    printed = run("create", "--name", "Công cụ báo cáo", "--user", "chutich", "--commune", commune.slug)
    key = KEY.search(printed).group(0)
    row = ApiKey.objects.get()
    assert row.user == people.leader and row.commune == commune and key not in row.key_hash
    assert key_client(key).get(f"/api/v1/communes/{commune.code}/petitions/").status_code == 200
    listing = run("list")
    assert row.prefix in listing and "Công cụ báo cáo" in listing and key not in listing
    assert "Đã thu hồi" in run("revoke", row.prefix)
    assert key_client(key).get(f"/api/v1/communes/{commune.code}/petitions/").status_code == 401
    assert "đã thu hồi" in run("list")
    assert sorted(
        AuditEvent.objects.filter(action__startswith="api.").values_list("action", "actor_name")
    ) == [
        ("api.key_create", "lệnh danvan api_key"),
        ("api.key_revoke", "lệnh danvan api_key"),
    ]


def test_open311_key_from_the_command(db):
    printed = run("create", "--name", "Ứng dụng tỉnh", "--open311")
    assert KEY.search(printed)
    assert ApiKey.objects.get().kind == "open311"


def test_command_errors_in_vietnamese(commune, people):
    with pytest.raises(CommandError, match="Không có tài khoản"):
        run("create", "--name", "x", "--user", "ai-do")
    with pytest.raises(CommandError, match="Không có xã"):
        run("create", "--name", "x", "--open311", "--commune", "khong-co")
    with pytest.raises(CommandError, match="Không có khóa"):
        run("revoke", "000000000000")
    run("create", "--name", "x", "--open311")
    prefix = ApiKey.objects.get().prefix
    run("revoke", prefix)
    with pytest.raises(CommandError, match="đã bị thu hồi"):
        run("revoke", prefix)
    assert not ApiKey.objects.filter(is_active=True).exists()


@pytest.fixture
def superuser(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("sieuquantri", "a@example.vn", "Mat-khau-thu-2026")


def test_admin_creates_and_shows_the_key_once(client, superuser, people):
    client.force_login(superuser)
    response = client.post(
        "/quan-tri/api/apikey/add/",
        {"name": "Ứng dụng phản ánh", "kind": "open311", "user": "", "commune": ""},
        follow=True,
    )
    assert response.status_code == 200
    shown = KEY.findall(response.content.decode())
    assert len(shown) == 1
    row = ApiKey.objects.get()
    assert row.kind == "open311" and row.created_by == superuser
    assert AuditEvent.objects.get(action="api.key_create").actor == superuser
    page = client.get(f"/quan-tri/api/apikey/{row.pk}/change/").content.decode()
    assert shown[0] not in page and row.key_hash not in page


def test_admin_refuses_a_staff_key_without_owner(client, superuser):
    client.force_login(superuser)
    response = client.post(
        "/quan-tri/api/apikey/add/", {"name": "x", "kind": "staff", "user": "", "commune": ""}
    )
    assert response.status_code == 200 and "cần chọn tài khoản cán bộ" in response.content.decode()
    assert not ApiKey.objects.exists()


def test_admin_revokes(client, superuser, people):
    run("create", "--name", "x", "--user", "chutich")
    row = ApiKey.objects.get()
    client.force_login(superuser)
    response = client.post(
        "/quan-tri/api/apikey/", {"action": "revoke", "_selected_action": [row.pk]}, follow=True
    )
    assert "Đã thu hồi 1 khóa" in response.content.decode()
    row.refresh_from_db()
    assert not row.is_active
    assert AuditEvent.objects.get(action="api.key_revoke").actor == superuser
