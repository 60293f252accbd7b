"""Village decision pages from draft to published: methods the law allows, scope, online agreement, the
meeting's attendance, ballots, the outcome, its document and the public pages."""

from __future__ import annotations

import re

import pytest

from danvan.democracy import services
from danvan.democracy.models import BallotChoice, VillageDecision, Vote
from danvan.democracy.rules import Choice, DecisionStatus, Matter, Method
from tests.democracy.conftest import add_households, make_decision
from tests.democracy.pages import follow_messages, login, ws

pytestmark = pytest.mark.django_db
S = DecisionStatus

# --- decisions: create ----------------------------------------------------------------------------


def test_only_methods_the_law_allows_are_offered(client, commune, village, people):
    login(client, people.village_head)
    convention = client.get(f"{ws(commune)}/ban-quyet-dinh/hinh-thuc/?matter={Matter.CONVENTION}")
    html = convention.content.decode()
    assert 'value="meeting"' in html and 'value="ballot"' not in html and 'value="online"' not in html
    other = client.get(f"{ws(commune)}/ban-quyet-dinh/hinh-thuc/?matter={Matter.OTHER_SELF_MANAGED}")
    assert 'value="online"' in other.content.decode()
    money = client.get(f"{ws(commune)}/ban-quyet-dinh/hinh-thuc/?matter={Matter.CONTRIBUTION_POLICY}")
    assert 'value="ballot"' in money.content.decode() and 'value="online"' not in money.content.decode()


def test_create_refuses_a_method_the_law_forbids_and_limits_the_village(
    client, commune, village, other_village, people
):
    login(client, people.village_head)
    url = f"{ws(commune)}/ban-quyet-dinh/tao-moi/"
    page = client.get(url).content.decode()
    assert "Thôn 1" in page and "Thôn 2" not in page
    data = {
        "village": village.pk,
        "matter": Matter.CONVENTION,
        "method": Method.ONLINE,
        "title": "Sửa đổi hương ước thôn",
        "counting_committee": "A\nB\nC",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert not VillageDecision.objects.exists()
    # The form offers only "meeting" for a convention, so the choice is refused before the service.
    assert (
        "Hãy chọn một lựa chọn hợp lệ" in refused.content.decode() or "hội nghị" in refused.content.decode()
    )
    other = client.post(url, {**data, "village": other_village.pk, "method": Method.MEETING})
    assert other.status_code == 200 and not VillageDecision.objects.exists()
    ok = client.post(url, {**data, "method": Method.MEETING})
    decision = VillageDecision.objects.get()
    assert ok["Location"] == f"{ws(commune)}/ban-quyet-dinh/{decision.pk}/"
    assert decision.counting_committee == ["A", "B", "C"] and decision.status == S.DRAFT


def test_officer_reads_but_cannot_create_or_act(client, commune, village, people, households):
    decision = make_decision(village, people.village_head)
    login(client, people.officer)
    assert client.get(f"{ws(commune)}/ban-quyet-dinh/").status_code == 200
    assert client.get(f"{ws(commune)}/ban-quyet-dinh/{decision.pk}/").status_code == 200
    assert client.get(f"{ws(commune)}/ban-quyet-dinh/tao-moi/").status_code == 403
    assert client.post(f"{ws(commune)}/ban-quyet-dinh/{decision.pk}/mo/").status_code == 403
    assert client.get(f"{ws(commune)}/ban-quyet-dinh/{decision.pk}/diem-danh/").status_code == 403
    decision.refresh_from_db()
    assert decision.status == S.DRAFT


def test_another_commune_sees_nothing(client, commune, village, people, households):
    decision = make_decision(village, people.village_head)
    login(client, people.outsider)
    for path in ("", "diem-danh/", "phieu/", "bien-ban.docx"):
        assert client.get(f"{ws(commune)}/ban-quyet-dinh/{decision.pk}/{path}").status_code == 404
    assert client.get(f"{ws(commune)}/ban-quyet-dinh/").status_code == 404


def test_village_head_of_another_village_cannot_run_its_vote(client, commune, people, other_village):
    add_households(other_village, 10)
    decision = make_decision(other_village, people.coordinator)
    login(client, people.village_head)
    assert client.get(f"{ws(commune)}/ban-quyet-dinh/{decision.pk}/").status_code == 200  # reads
    assert client.get(f"{ws(commune)}/ban-quyet-dinh/{decision.pk}/diem-danh/").status_code == 403
    response = client.post(f"{ws(commune)}/ban-quyet-dinh/{decision.pk}/mo/")
    assert "không có quyền" in follow_messages(client, response)
    decision.refresh_from_db()
    assert decision.status == S.DRAFT


# --- online agreement, meeting, ballots -----------------------------------------------------------


def test_online_opens_only_after_head_and_front_agree(client, commune, village, people, households):
    decision = make_decision(
        village, people.village_head, matter=Matter.OTHER_SELF_MANAGED, method=Method.ONLINE
    )
    base = f"{ws(commune)}/ban-quyet-dinh/{decision.pk}"
    login(client, people.village_head)
    refused = client.post(f"{base}/mo/")
    assert "cần cả trưởng thôn và Ban công tác Mặt trận" in follow_messages(client, refused)
    page = client.get(f"{base}/").content.decode()
    assert "Trưởng thôn đồng ý biểu quyết trực tuyến" in page
    assert "Ban công tác Mặt trận đồng ý biểu quyết trực tuyến" not in page  # the head is not the front
    client.post(f"{base}/dong-y-truong-thon/")
    client.logout()
    login(client, people.supervisor)
    assert "Ban công tác Mặt trận đồng ý biểu quyết trực tuyến" in client.get(f"{base}/").content.decode()
    client.post(f"{base}/dong-y-mat-tran/")
    assert client.post(f"{base}/mo/").status_code == 403  # the front agrees; it does not run the vote
    client.logout()
    login(client, people.village_head)
    opened = client.post(f"{base}/mo/")
    assert "Đã mở biểu quyết" in follow_messages(client, opened)
    decision.refresh_from_db()
    assert decision.status == S.OPEN and decision.total_households == 100


def test_attendance_sheet_counts_quorum_live_and_records_it(client, commune, village, people, households):
    decision = make_decision(village, people.village_head)
    services.decision_open(decision=decision, by=people.village_head)
    base = f"{ws(commune)}/ban-quyet-dinh/{decision.pk}"
    login(client, people.village_head)
    sheet = client.get(f"{base}/diem-danh/").content.decode()
    assert sheet.count('name="ho"') == 100 and "Có mặt: 0/100 hộ." in sheet
    # A contribution: the page states its threshold, two thirds of all households (Điều 21(1)).
    assert "từ hai phần ba (2/3) trở lên tổng số hộ gia đình" in sheet and "Điều 21 khoản 1" in sheet
    ids = [h.pk for h in households[:66]]
    count = client.get(f"{base}/diem-danh/dem/", {"ho": ids}, HTTP_HX_REQUEST="true").content.decode()
    assert "Có mặt: 66/100 hộ." in count and "cần ít nhất 67 hộ" in count
    count = client.get(f"{base}/diem-danh/dem/", {"ho": [*ids, households[66].pk]}).content.decode()
    assert "Có mặt: 67/100 hộ." in count and "đủ để có thể đạt tỷ lệ" in count
    assert decision.attendance.count() == 0  # counting writes nothing
    done = client.post(f"{base}/diem-danh/", {"ho": [*ids, households[66].pk]})
    assert "67/100 hộ tham dự, đủ để có thể đạt tỷ lệ tán thành" in follow_messages(client, done)
    decision.refresh_from_db()
    assert decision.quorum_met is True and decision.present_count == 67


def test_meeting_without_quorum_goes_to_ballot_and_cannot_be_recorded(
    client, commune, village, people, households
):
    decision = make_decision(village, people.village_head)
    services.decision_open(decision=decision, by=people.village_head)
    base = f"{ws(commune)}/ban-quyet-dinh/{decision.pk}"
    login(client, people.village_head)
    done = client.post(f"{base}/diem-danh/", {"ho": [h.pk for h in households[:50]]})
    assert "chuyển sang phát phiếu" in follow_messages(client, done)
    decision.refresh_from_db()
    assert decision.status == S.NEEDS_BALLOT
    refused = client.post(f"{base}/ket-qua-hoi-nghi/", {"approve": 40, "reject": 5, "abstain": 5})
    assert "không biểu quyết tại hội nghị" in follow_messages(client, refused)
    assert "Nhập phiếu lấy ý kiến hộ gia đình" in client.get(f"{base}/").content.decode()


def test_secret_ballot_page_never_links_a_household_to_its_choice(
    client, commune, village, people, households
):
    decision = make_decision(village, people.village_head, method=Method.BALLOT)
    services.decision_open(decision=decision, by=people.village_head)
    base = f"{ws(commune)}/ban-quyet-dinh/{decision.pk}"
    login(client, people.village_head)
    response = client.post(f"{base}/phieu/", {"household": households[0].pk, "choice": Choice.REJECT})
    message = follow_messages(client, response)
    assert message == "Đã ghi nhận phiếu của hộ H001."
    client.post(f"{base}/phieu/", {"household": households[1].pk, "choice": Choice.APPROVE})
    page = client.get(f"{base}/phieu/").content.decode()
    assert "H001" in page and "H002" in page  # who handed in is on the list
    # No choice appears anywhere except as the three options of the form.
    for label in ("Tán thành", "Không tán thành", "Không có ý kiến"):
        assert page.count(label) == 1, label
    assert not Vote.objects.exists()
    assert sum(BallotChoice.objects.values_list("count", flat=True)) == 2
    # The household already counted is no longer offered; a second ballot is refused with its message.
    assert f'value="{households[0].pk}"' not in page
    detail = client.get(f"{base}/").content.decode()
    assert "Tán thành:" not in detail and "sau khi kết thúc biểu quyết" in detail
    services.decision_close(decision=decision, by=people.village_head)
    detail = client.get(f"{base}/").content.decode()
    assert "Tán thành: <strong>1</strong>" in detail and "H001" not in detail


def test_a_signed_ballot_shows_each_households_choice(client, commune, village, people, households):
    decision = make_decision(village, people.village_head, method=Method.BALLOT, is_secret=False)
    services.decision_open(decision=decision, by=people.village_head)
    login(client, people.village_head)
    client.post(
        f"{ws(commune)}/ban-quyet-dinh/{decision.pk}/phieu/",
        {"household": households[0].pk, "choice": "approve"},
    )
    page = client.get(f"{ws(commune)}/ban-quyet-dinh/{decision.pk}/phieu/").content.decode()
    assert "Phiếu có ghi tên hộ" in page and re.search(r"H001</td><td>Tán thành", page)


# --- outcome, document, publication ---------------------------------------------------------------


def _meeting_passed(village, people, households) -> VillageDecision:
    decision = make_decision(village, people.village_head)
    services.decision_open(decision=decision, by=people.village_head)
    services.meeting_record_attendance(
        decision=decision, present_households=households[:70], by=people.village_head
    )
    services.meeting_record_result(decision=decision, approve=68, reject=0, abstain=2, by=people.village_head)
    return decision


def test_meeting_to_published_result_with_document(client, commune, village, people, households):
    decision = _meeting_passed(village, people, households)
    base = f"{ws(commune)}/ban-quyet-dinh/{decision.pk}"
    login(client, people.village_head)
    assert client.get(f"{base}/bien-ban.docx").status_code == 404  # not recorded yet
    client.post(f"{base}/ket-thuc/")
    recorded = client.post(f"{base}/lap-bien-ban/", {"minutes": "Ông Lò Văn Một đề nghị làm trước mùa mưa."})
    assert "Đã lập biên bản" in follow_messages(client, recorded)
    doc = client.get(f"{base}/bien-ban.docx")
    assert doc.status_code == 200
    assert doc["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert 'filename="nghi-quyet-thon-1-' in doc["Content-Disposition"]
    assert doc.content[:2] == b"PK"
    assert "Tải nghị quyết (.docx)" in client.get(f"{base}/").content.decode()
    published = client.post(f"{base}/cong-bo/")
    assert "Đã công bố" in follow_messages(client, published)

    client.logout()
    public = client.get(f"/xa/{commune.slug}/ban-quyet-dinh/").content.decode()
    assert "Làm đường bê tông liên xóm" in public and "68/100 hộ tán thành (68,0%)" in public
    detail = client.get(f"/xa/{commune.slug}/ban-quyet-dinh/{decision.pk}/").content.decode()
    assert "Được thông qua" in detail and "Chủ hộ" not in detail and "Lò Văn Một" not in detail


def test_recording_without_committee_shows_the_refusal(client, commune, village, people, households):
    decision = make_decision(village, people.village_head, method=Method.BALLOT, counting_committee=[])
    services.decision_open(decision=decision, by=people.village_head)
    services.decision_close(decision=decision, by=people.village_head)
    login(client, people.village_head)
    response = client.post(f"{ws(commune)}/ban-quyet-dinh/{decision.pk}/lap-bien-ban/")
    assert "Vui lòng ghi tên ban kiểm phiếu" in follow_messages(client, response)
    bad = client.post(f"{ws(commune)}/ban-quyet-dinh/{decision.pk}/ban-kiem-phieu/", {"names": "A\nB"})
    assert "Ban kiểm phiếu phải có từ 3 đến 5 người" in follow_messages(client, bad)
    client.post(f"{ws(commune)}/ban-quyet-dinh/{decision.pk}/ban-kiem-phieu/", {"names": "A\nB\nC"})
    response = client.post(f"{ws(commune)}/ban-quyet-dinh/{decision.pk}/lap-bien-ban/")
    assert "Đã lập biên bản" in follow_messages(client, response)


def test_public_pages_show_only_published_and_unknown_commune_is_404(
    client, commune, village, people, households
):
    decision = _meeting_passed(village, people, households)
    assert client.get(f"/xa/{commune.slug}/ban-quyet-dinh/{decision.pk}/").status_code == 404
    assert "Chưa có kết quả nào" in client.get(f"/xa/{commune.slug}/ban-quyet-dinh/").content.decode()
    assert client.get("/xa/khong-co/ban-quyet-dinh/").status_code == 404


def test_public_list_queries_do_not_grow_with_decisions(
    client, commune, village, people, households, django_assert_max_num_queries
):
    for _ in range(6):
        d = make_decision(village, people.village_head, method=Method.BALLOT)
        services.decision_open(decision=d, by=people.village_head)
        services.ballot_cast(decision=d, household=households[0], choice="approve", by=people.village_head)
        services.decision_close(decision=d, by=people.village_head)
        services.decision_record_outcome(decision=d, by=people.village_head)
        services.decision_publish(decision=d, by=people.village_head)
    with django_assert_max_num_queries(8):
        page = client.get(f"/xa/{commune.slug}/ban-quyet-dinh/")
    assert page.content.decode().count("1/100 hộ tán thành") == 6
