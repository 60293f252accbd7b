"""Democracy staff pages are scoped to the commune: 404 elsewhere, for every page of the disclosures,
consultations and supervision."""

from __future__ import annotations

import pytest

from tests.democracy.pages import login, ws

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_staff_pages_open_for_the_commune_and_404_elsewhere(client, people, commune, item, consultation):
    login(client, people.coordinator)
    for path in (
        "/cong-khai/",
        f"/cong-khai/{item.pk}/",
        "/cong-khai/ra-soat/",
        "/lay-y-kien/",
        f"/lay-y-kien/{consultation.pk}/",
        "/giam-sat/",
        "/cong-khai/dang/",
        "/lay-y-kien/moi/",
    ):
        assert client.get(ws(commune) + path).status_code == 200, path
    client.logout()
    login(client, people.outsider)
    assert client.get(ws(commune) + "/cong-khai/").status_code == 404
    assert (
        client.get(
            f"/lam-viec/{people.outsider.memberships.get().commune_id}/cong-khai/{item.pk}/"
        ).status_code
        == 404
    )


def test_roles_without_permission_get_403(client, people, commune, consultation):
    login(client, people.supervisor)
    assert client.get(ws(commune) + "/cong-khai/dang/").status_code == 403
    assert client.get(ws(commune) + "/lay-y-kien/moi/").status_code == 403
    # A supervisor in no board may not open the supervision pages.
    assert client.get(ws(commune) + "/giam-sat/").status_code == 403
    client.logout()
    login(client, people.village_head)
    assert client.get(ws(commune) + "/giam-sat/").status_code == 403
    assert client.post(ws(commune) + f"/lay-y-kien/{consultation.pk}/dang/").status_code == 403
