"""No inference of a sender (Luật Tố cáo 2018, Điều 9): nothing derived from a sender's identity (same
sender, same phone, counts per sender) reaches anyone not entitled to read that identity. One test per
place that uses the identity: duplicate suggestions (page and API), hotspots, notifications, the
petitions export, the reception register (page, line, .xlsx, .docx), and the village head's reads."""

from __future__ import annotations

import io

import pytest
from django.core import mail

from danvan.comms.models import Notification
from danvan.core.errors import ServiceError
from danvan.engagement import services as engagement
from danvan.geo.models import Village
from danvan.petitions import services
from danvan.petitions.duplicates import possible_duplicates
from danvan.petitions.models import Field, HotspotAlert, Petition
from tests.api.conftest import key_client, staff_key
from tests.petitions.conftest import DENOUNCER, RECEIVED, classify, submit

pytestmark = pytest.mark.django_db

ROAD = "Đường vào thôn 1 bị sạt lở sau mưa lớn, xe máy không đi được, đề nghị xã sửa chữa."
ROAD_SECRET = "Đường vào thôn 1 sạt lở sau mưa lớn vì cán bộ rút ruột công trình, xe máy không đi được."
SAME_SENDER = "cùng người gửi (số"  # the same-sender reason, as duplicates.Candidate writes it
IDENTITY = [DENOUNCER["full_name"], DENOUNCER["phone"], DENOUNCER["address"]]


@pytest.fixture
def village(people, commune):
    return Village.objects.get(commune=commune, name="Thôn 1")


@pytest.fixture
def pair(commune, people, unit, village):
    """The issue's reproduction: one person sends a tố cáo and a phản ánh from the same phone and
    village; the tố cáo is handled by Phòng Kinh tế."""
    secret = submit(commune, "denunciation", content=ROAD_SECRET, village=village, identity=dict(DENOUNCER))
    secret = classify(secret, people, unit, "denunciation")
    feedback = submit(
        commune,
        "feedback",
        content=ROAD,
        village=village,
        identity={"full_name": DENOUNCER["full_name"], "phone": DENOUNCER["phone"]},
    )
    return secret, feedback


def _api(user, p) -> list[dict]:
    r = key_client(staff_key(user)).get(f"/api/v1/communes/{p.commune_id}/petitions/{p.pk}/duplicates/")
    assert r.status_code == 200, r.content
    return r.json()


@pytest.mark.parametrize("who", ["coordinator", "leader", "officer"])
def test_a_denunciation_is_never_flagged_as_sent_by_the_sender_of_another_petition(client, people, pair, who):
    """Page and API: the tố cáo may be offered (same village, similar text) but never as "same sender",
    to anyone, even those who may read the denouncer: the flag would name them to whoever reads the
    phản ánh's sender."""
    secret, feedback = pair
    user = getattr(people, who)
    found = {c["id"]: c for c in _api(user, feedback)}
    assert found[secret.pk]["same_sender"] is False
    assert SAME_SENDER not in found[secret.pk]["reason"]
    for c in possible_duplicates(feedback, viewer=user, include_denunciations=True):
        assert not c.same_sender
    client.force_login(user)
    html = client.get(f"/lam-viec/{feedback.commune_id}/don-thu/{feedback.pk}/").content.decode()
    assert secret.tracking_code in html and SAME_SENDER not in html
    if who == "officer":  # the handler of the tố cáo, looking from its side
        found = _api(user, secret)
        assert [c["id"] for c in found] == [feedback.pk] and found[0]["same_sender"] is False
        html = client.get(f"/lam-viec/{secret.commune_id}/don-thu/{secret.pk}/").content.decode()
        assert SAME_SENDER not in html


def test_a_denunciation_from_another_village_is_not_found_through_its_sender(commune, people, unit, village):
    elsewhere = Village.objects.create(commune=commune, name="Thôn 2", households=80)
    secret = submit(commune, "denunciation", content=ROAD_SECRET, village=elsewhere, identity=dict(DENOUNCER))
    secret = classify(secret, people, unit, "denunciation")
    feedback = submit(
        commune, "feedback", content=ROAD, village=village, identity={"phone": DENOUNCER["phone"]}
    )
    for user in (people.coordinator, people.leader, people.officer):
        assert _api(user, feedback) == []
        assert possible_duplicates(feedback, viewer=user, include_denunciations=True) == []
    assert _api(people.officer, secret) == []


def test_the_same_sender_is_offered_only_to_who_may_read_both_senders(commune, people, village):
    """Two phản ánh from one phone in different villages: the coordinator (who reads feedback senders)
    is offered the match; a village head of another village, or no viewer, learns nothing of it."""
    elsewhere = Village.objects.create(commune=commune, name="Thôn 2", households=80)
    me = {"full_name": "Lê Văn Hỏi", "phone": "0909000111"}
    first = submit(commune, "feedback", content=ROAD, village=elsewhere, identity=me)
    new = submit(commune, "feedback", content=ROAD, village=village, identity=me)
    [c] = possible_duplicates(new, viewer=people.coordinator)
    assert c.petition == first and c.same_sender and SAME_SENDER in c.reason
    assert possible_duplicates(new, viewer=people.village_head) == []  # head of Thôn 1: not Thôn 2's sender
    assert possible_duplicates(new) == []


def test_hotspot_reasons_and_notices_count_petitions_never_senders(
    client, commune, people, unit, village, settings
):
    """A hotspot groups petitions by village and field: its reason, the leaders' notice, the page and
    the API say nothing about who sent them or how many came from one sender."""
    settings.DANVAN_HOTSPOT_MIN_PETITIONS = 3
    land = Field.objects.get(commune=None, name="Đất đai")
    for kind in ("denunciation", "feedback", "feedback"):
        identity = dict(DENOUNCER) if kind == "denunciation" else {"phone": DENOUNCER["phone"]}
        p = submit(commune, kind, content=f"Tranh chấp đất {kind}", village=village, identity=identity)
        classify(p, people, unit, kind, field=land)
    alert = HotspotAlert.objects.get(commune=commune)
    texts = [n.text for n in Notification.objects.filter(key__startswith="hotspot:")]
    assert texts and all("3 đơn" in t for t in texts)
    client.force_login(people.leader)
    page = client.get(f"/lam-viec/{commune.code}/don-thu/diem-nong/").content.decode()
    api = key_client(staff_key(people.leader)).get(f"/api/v1/communes/{commune.code}/hotspots/")
    for text in [*texts, alert.get_reason_display(), page, api.content.decode()]:
        assert SAME_SENDER not in text and "cùng số" not in text
        for value in IDENTITY:
            assert value not in text


def test_staff_notices_and_the_senders_messages_never_link_the_two_petitions(people, pair):
    """The phản ánh's sender hears about their own case only: never the tố cáo's code; staff notices
    carry no identity."""
    secret, feedback = pair
    services.petition_classify(
        petition=feedback, kind="feedback", eligible=True, unit=secret.unit, by=people.coordinator
    )
    for n in Notification.objects.all():
        for value in IDENTITY:
            assert value not in n.text
    for m in mail.outbox:
        assert secret.tracking_code not in m.body


def test_the_petitions_export_has_no_sender_column_and_no_same_sender_signal(client, commune, people, pair):
    from openpyxl import load_workbook

    client.force_login(people.coordinator)
    r = client.get(f"/lam-viec/{commune.code}/xuat/don-thu.xlsx")
    assert r.status_code == 200, r.status_code
    cells = [
        str(c) for row in load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True) for c in row
    ]
    text = "\n".join(cells)
    assert SAME_SENDER not in text
    for value in IDENTITY:
        assert value not in text


# --- the reception register: a denouncer who came in person ----------------------------------------------


@pytest.fixture
def visit(commune, people):
    """The coordinator writes down a denouncer at the reception and the case is created."""
    entry = engagement.reception_entry_record(
        by=people.coordinator,
        commune=commune,
        received_on=RECEIVED,
        visitor_name=DENOUNCER["full_name"],
        visitor_address=DENOUNCER["address"],
        id_number="068111222333",
        content="Tố cáo cán bộ địa chính nhận tiền để hợp thức hóa đất lấn chiếm.",
        case_type="denunciation",
        handling="accept",
    )
    return entry


def _register(client, commune) -> dict[str, str]:
    b = f"/lam-viec/{commune.code}/tiep-dan/so/"
    q = f"?tu={RECEIVED:%Y-%m-%d}&den={RECEIVED:%Y-%m-%d}"
    from docx import Document
    from openpyxl import load_workbook

    xlsx = load_workbook(io.BytesIO(client.get(f"{b}xuat.xlsx{q}").content)).active
    doc = Document(io.BytesIO(client.get(f"{b}xuat.docx{q}").content))
    return {
        "page": client.get(f"{b}{q}").content.decode(),
        "xlsx": "\n".join(str(c) for row in xlsx.iter_rows(values_only=True) for c in row),
        "docx": "\n".join(cell.text for t in doc.tables for row in t.rows for cell in row.cells),
    }


def test_the_register_hides_a_denouncer_from_those_who_keep_it_but_may_not_read_them(
    client, commune, people, visit
):
    """The leader keeps the register but did not take this visitor down nor accept the case: the line,
    its page and both exports say "giữ bí mật" instead of the name, address and ID number."""
    client.force_login(people.leader)
    shown = _register(client, commune)
    shown["line"] = client.get(f"/lam-viec/{commune.code}/tiep-dan/so/{visit.pk}/").content.decode()
    for where, text in shown.items():
        assert "giữ bí mật" in text, where
        for value in [*IDENTITY[:1], DENOUNCER["address"], "068111222333"]:
            assert value not in text, where


def test_the_officer_who_took_the_denouncer_down_reads_the_register_line(client, commune, people, visit):
    client.force_login(people.coordinator)
    for where, text in _register(client, commune).items():
        assert DENOUNCER["full_name"] in text, where


def test_the_leader_who_accepts_the_denunciation_reads_the_line(client, commune, people, unit, visit):
    p = classify(Petition.objects.get(pk=visit.petition_id), people, unit, "denunciation")
    services.petition_accept(petition=p, on=RECEIVED, by=people.leader)
    client.force_login(people.leader)
    assert DENOUNCER["full_name"] in _register(client, commune)["page"]


# --- the village head: the right to read follows the case ------------------------------------------------


def test_a_village_head_reads_the_senders_of_their_own_village_only(commune, people, village):
    elsewhere = Village.objects.create(commune=commune, name="Thôn 2", households=80)
    mine = submit(commune, "feedback", village=village, identity={"full_name": "Hà Văn Một", "phone": "0901"})
    theirs = submit(
        commune, "feedback", village=elsewhere, identity={"full_name": "Hà Văn Hai", "phone": "0902"}
    )
    assert services.identity_for(petition=mine, user=people.village_head, purpose="Gọi lại").phone == "0901"
    with pytest.raises(ServiceError) as err:
        services.identity_for(petition=theirs, user=people.village_head, purpose="Gọi lại")
    assert err.value.code == "forbidden"
    assert services.identity_for(petition=theirs, user=people.coordinator, purpose="Gọi lại").phone == "0902"
