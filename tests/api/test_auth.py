"""Who may call the staff API: a staff key or a session; bad, revoked and foreign keys are refused with
a JSON error carrying a machine code and a Vietnamese message; another commune is a 404."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from danvan.api.services import api_key_create, api_key_revoke
from tests.api.conftest import key_client, staff_key

pytestmark = pytest.mark.django_db


def url(commune) -> str:
    return f"/api/v1/communes/{commune.code}/petitions/"


def error(response) -> dict:
    assert response["Content-Type"].startswith("application/json")
    return response.json()["error"]


def test_no_key_is_401(commune, people):
    response = APIClient().get(url(commune))
    assert response.status_code == 401
    body = error(response)
    assert body["code"] == "not_authenticated" and "Api-Key" in body["message"]
    assert response["WWW-Authenticate"].startswith("Api-Key")


def test_bad_key_is_401(commune, people):
    for raw in ("nonsense", "dvs_0123456789ab.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"):
        response = key_client(raw).get(url(commune))
        assert response.status_code == 401
        assert error(response) == {
            "code": "bad_api_key",
            "message": "Khóa API không đúng hoặc không tồn tại.",
            "field": None,
        }


def test_revoked_key_is_401(commune, people):
    created = api_key_create(by=None, name="Khóa", kind="staff", user=people.leader)
    client = key_client(created.key)
    assert client.get(url(commune)).status_code == 200
    api_key_revoke(api_key=created.api_key, by=None)
    response = client.get(url(commune))
    assert response.status_code == 401
    body = error(response)
    assert body["code"] == "revoked_api_key" and "thu hồi" in body["message"]


def test_key_of_a_locked_account_is_401(commune, people):
    key = staff_key(people.leader)
    people.leader.is_active = False
    people.leader.save()
    response = key_client(key).get(url(commune))
    assert response.status_code == 401 and error(response)["code"] == "inactive_user"


def test_open311_key_is_403_on_staff_api(commune, people, open311_key):
    response = key_client(open311_key).get(url(commune))
    assert response.status_code == 403 and error(response)["code"] == "open311_key"


def test_other_commune_is_404(commune, other_commune, people):
    client = key_client(staff_key(people.outsider))
    assert client.get(url(other_commune)).status_code == 200
    response = client.get(url(commune))
    assert response.status_code == 404
    body = error(response)
    assert body["code"] == "not_found" and body["message"].startswith("Không tìm thấy xã/phường")


def test_account_without_role_sees_nothing(commune, people):
    assert key_client(staff_key(people.nobody)).get(url(commune)).status_code == 404


def test_key_limited_to_one_commune(commune, neighbour, people):
    """The province viewer sees both communes; a key limited to one does not reach the other."""
    client = key_client(staff_key(people.province_viewer, commune=commune))
    assert client.get(url(commune)).status_code == 200
    assert client.get(url(neighbour)).status_code == 404
    assert key_client(staff_key(people.province_viewer)).get(url(neighbour)).status_code == 200


def test_session_works_like_a_key(client, commune, people):
    client.force_login(people.leader)
    assert client.get(url(commune)).status_code == 200


def test_session_write_needs_csrf(commune, people):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(people.leader)
    response = client.post(url(commune), {"channel": "phone"}, format="json")
    assert response.status_code == 403 and error(response)["code"] == "permission_denied"


def test_last_use_is_noted(commune, people):
    created = api_key_create(by=None, name="Khóa", kind="staff", user=people.leader)
    key_client(created.key).get(url(commune))
    created.api_key.refresh_from_db()
    assert created.api_key.last_used_at is not None


def test_throttled_key_gets_429_in_vietnamese(commune, people, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "api_key": "2/minute",
        },
    }
    client = key_client(staff_key(people.leader))
    assert client.get(url(commune)).status_code == 200
    assert client.get(url(commune)).status_code == 200
    response = client.get(url(commune))
    assert response.status_code == 429
    body = error(response)
    assert body["code"] == "throttled" and "quá nhiều yêu cầu" in body["message"]
