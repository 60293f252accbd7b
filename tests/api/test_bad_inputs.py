"""The issue's bad inputs that gave HTTP 500 or were accepted though wrong: each is now a Vietnamese 4xx
and changes nothing (Open311 dates, digits, numbers, objects; REST numbers and dates)."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from danvan.core.errors import ServiceError
from danvan.petitions.models import Petition
from tests.api.test_open311 import ROOT, post_data
from tests.petitions.conftest import submit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "2026-02-30"},
        {"start_date": "0001-01-01T00:00:00+14:00"},
        {"end_date": "9999-12-31T23:59:59-12:00"},
        {"end_date": "2026-13-01T00:00:00Z"},
    ],
)
def test_open311_date_filters_that_cannot_be_a_day_are_a_400(commune, params):
    r = APIClient().get(f"{ROOT}/requests.json", {"jurisdiction_id": commune.slug, **params})
    assert r.status_code == 400, r.content
    [error] = r.json()
    assert error["error_code"].startswith("bad_") and "không hợp lệ" in error["description"]


@pytest.mark.parametrize(
    "change, code",
    [
        ({"attribute[thon]": "²"}, "bad_attribute"),
        ({"attribute[so_nguoi_dung_don]": "²"}, "bad_attribute"),
        ({"attribute[so_nguoi_dung_don]": "1" * 25}, "bad_attribute"),
        ({"attribute[so_nguoi_dung_don]": "999999999"}, "bad_attribute"),
        ({"lat": "NaN", "long": "107.9"}, "bad_lat_long"),
        ({"lat": "11.8", "long": "Infinity"}, "bad_lat_long"),
    ],
)
def test_open311_posts_with_impossible_values_are_a_400(commune, open311_key, change, code):
    r = APIClient().post(f"{ROOT}/requests.json", post_data(commune, open311_key, **change))
    assert r.status_code == 400, r.content
    [error] = r.json()
    assert error["error_code"] == code
    assert not Petition.objects.exists()


def test_an_object_as_open311_description_is_refused(commune, open311_key):
    data = {**post_data(commune, open311_key), "description": {"text": "Ổ gà"}}
    r = APIClient().post(f"{ROOT}/requests.json", data, format="json")
    assert r.status_code == 400, r.content
    assert r.json()[0]["error_code"] == "bad_description"
    assert not Petition.objects.exists()


def _record(as_user, commune, **change):
    data = {
        "channel": "in_person",
        "received_on": timezone.localdate().isoformat(),
        "content": "Bà con thôn 1 đề nghị sửa cầu tràn.",
        "kind_hint": "feedback",
        **change,
    }
    return as_user("coordinator").post(f"/api/v1/communes/{commune.code}/petitions/", data, format="json")


@pytest.mark.parametrize(
    "change, field",
    [
        ({"signers_count": 2**70}, "signers_count"),
        ({"lat": "NaN", "lng": "107.9"}, "lat"),
        ({"received_on": "0001-01-01"}, "received_on"),
        ({"received_on": "1900-01-01"}, "received_on"),
        ({"kind_hint": "complaint", "decision_known_on": "9999-12-31"}, "decision_known_on"),
    ],
)
def test_rest_numbers_and_days_out_of_range_are_a_vietnamese_400(commune, people, as_user, change, field):
    if change.get("kind_hint") == "complaint":
        change["identity"] = {"full_name": "Lê Văn Khiếu", "address": "Thôn 1"}
    r = _record(as_user, commune, **change)
    assert r.status_code == 400, r.content
    error = r.json()["error"]
    assert error["field"] == field, error
    assert "không hợp lệ" in error["message"] or "không được" in error["message"], error["message"]
    assert not Petition.objects.exists()


def test_a_decision_day_in_9999_is_refused_at_classification_too(commune, people, unit):
    from danvan.petitions import services

    p = submit(commune, "complaint")
    with pytest.raises(ServiceError, match="Ngày biết quyết định không được sau"):
        services.petition_classify(
            petition=p,
            kind="complaint",
            eligible=True,
            unit=unit,
            decision_known_on=date(9999, 12, 31),
            by=people.coordinator,
        )


@pytest.mark.parametrize(
    "params",
    [
        {"unit": "-221430297673482272505856"},  # found by schemathesis: overflowed the query (500)
        {"field": str(2**63)},
        {"unit": "0"},
        {"page": str(10**12)},
    ],
)
def test_list_filters_out_of_range_are_a_400_not_a_500(commune, people, as_user, params):
    r = as_user("leader").get(f"/api/v1/communes/{commune.code}/petitions/", params)
    assert r.status_code == 400, r.content
