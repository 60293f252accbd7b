"""Property tests (Hypothesis) over every public and API input: whatever a client sends to the portal's
petition form, Open311 or the REST API, the answer is never a 500, and a value out of range is never
stored. Bounded: a few dozen examples each (well under a minute together on two cores)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from danvan.petitions.models import Petition
from danvan.petitions.services.common import MAX_SIGNERS, OLDEST_DAY_YEARS
from tests.api.conftest import key_client, staff_key
from tests.api.test_open311 import ROOT, post_data

pytestmark = pytest.mark.django_db

BOUNDED = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,  # no example folder written into the checkout
)

# Text that has broken parsers before: digits of other scripts, superscripts, NaN, huge numbers, offsets.
nasty_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["NaN", "-nan", "Infinity", "1e999", "²", "٣", "0x10", " 7 ", "", "-1", "0", "١٢"]),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
nasty_day = st.one_of(
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.builds(
        lambda d, h, off: f"{d.isoformat()}T{h:02d}:00:00{off}",
        st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
        st.integers(0, 23),
        st.sampled_from(["Z", "+14:00", "-12:00", "+07:00", ""]),
    ),
    st.sampled_from(["2026-02-30", "2026-13-01", "0000-00-00", "9999-99-99T99:99:99Z"]),
    st.text(max_size=25),
)
json_value = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=5,
)


def _stored_values_in_range() -> None:
    today = dt.date.today()
    for p in Petition.objects.all():
        assert 1 <= p.signers_count <= MAX_SIGNERS
        assert p.latitude is None or Decimal(-90) <= p.latitude <= Decimal(90)
        assert p.longitude is None or Decimal(-180) <= p.longitude <= Decimal(180)
        assert today.year - OLDEST_DAY_YEARS - 1 <= p.received_on.year <= today.year + 1
        assert p.decision_known_on is None or p.decision_known_on <= p.received_on


@BOUNDED
@given(lat=nasty_text, lng=nasty_text, village=nasty_text, signers=nasty_text, consent=nasty_text)
def test_open311_post_never_fails_and_stores_nothing_out_of_range(
    commune, open311_key, lat, lng, village, signers, consent
):
    cache.clear()  # the throttle would otherwise answer 429 after a few examples
    data = post_data(
        commune,
        open311_key,
        lat=lat,
        long=lng,
        **{
            "attribute[thon]": village,
            "attribute[so_nguoi_dung_don]": signers,
            "attribute[dong_y_cong_khai]": consent,
        },
    )
    r = APIClient().post(f"{ROOT}/requests.json", data)
    assert r.status_code in (201, 400), (r.status_code, r.content[:300])
    _stored_values_in_range()


@BOUNDED
@given(
    body=st.dictionaries(st.sampled_from(["description", "lat", "long", "attribute", "email"]), json_value)
)
def test_open311_json_bodies_of_any_shape_never_fail(commune, open311_key, body):
    cache.clear()
    data = {**post_data(commune, open311_key), **body}
    r = APIClient().post(f"{ROOT}/requests.json", data, format="json")
    assert r.status_code in (201, 400), (r.status_code, r.content[:300])
    _stored_values_in_range()


@BOUNDED
@given(start=nasty_day, end=nasty_day, code=nasty_text)
def test_open311_list_filters_never_fail(commune, start, end, code):
    cache.clear()
    r = APIClient().get(
        f"{ROOT}/requests.json",
        {"jurisdiction_id": commune.slug, "start_date": start, "end_date": end, "service_code": code},
    )
    assert r.status_code in (200, 400), (r.status_code, r.content[:300])


@BOUNDED
@given(
    signers=st.one_of(st.integers(min_value=-(2**80), max_value=2**80), nasty_text, json_value),
    lat=st.one_of(nasty_text, json_value),
    received=nasty_day,
    decision=st.one_of(st.none(), nasty_day),
    kind=st.sampled_from(["feedback", "complaint", "x"]),
)
def test_rest_record_never_fails_and_stores_nothing_out_of_range(
    commune, people, signers, lat, received, decision, kind
):
    cache.clear()
    data = {
        "channel": "in_person",
        "received_on": received,
        "content": "Bà con thôn 1 đề nghị sửa cầu tràn.",
        "kind_hint": kind,
        "signers_count": signers,
        "lat": lat,
        "lng": "107.9",
        "decision_known_on": decision,
        "identity": {"full_name": "Lê Văn Khiếu", "address": "Thôn 1"},
    }
    client = key_client(staff_key(people.coordinator))
    r = client.post(f"/api/v1/communes/{commune.code}/petitions/", data, format="json")
    assert r.status_code in (201, 400), (r.status_code, r.content[:300])
    _stored_values_in_range()


@BOUNDED
@given(
    fields=st.fixed_dictionaries(
        {
            "content": st.text(max_size=60),
            "kind_hint": nasty_text,
            "village": nasty_text,
            "lat": nasty_text,
            "lng": nasty_text,
            "phone": nasty_text,
            "email": nasty_text,
            "publish_consent": nasty_text,
            "client_token": st.text(max_size=80),
        }
    )
)
def test_the_portal_petition_form_never_fails(commune, fields):
    cache.clear()  # the per-address limit would otherwise refuse after five
    clean = {k: v.replace("\x00", "") for k, v in fields.items()}  # a browser cannot send NUL in a form
    r = Client().post(f"/xa/{commune.slug}/phan-anh/", clean)
    assert r.status_code in (200, 302, 400), r.status_code
    _stored_values_in_range()


@BOUNDED
@given(code=st.text(max_size=50), rating=nasty_text)
def test_the_public_tracking_and_rating_never_fail(commune, code, rating):
    cache.clear()
    clean = code.replace("\x00", "")
    assert Client().get(f"/xa/{commune.slug}/tra-cuu/", {"ma": clean}).status_code in (200, 404)
    r = Client().post(
        f"/xa/{commune.slug}/tra-cuu/danh-gia/", {"ma": clean, "rating": rating.replace("\x00", "")}
    )
    assert r.status_code in (302, 404, 400, 429)
