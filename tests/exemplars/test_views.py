"""“Dân vận khéo” pages: who opens what (another commune: 404; a role: 403), forms through the services
(bad input: a Vietnamese 400 and nothing changed), the portal (only consented, recognised models)."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.exemplars import services
from danvan.exemplars.models import Commendation, CouncilScore, Exemplar, Progress
from tests.exemplars.conftest import POINTS_90, TODAY, audits, built, evaluated, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(commune, people):
    building = built(commune, people, name="Mô hình đang xây dựng")
    services.exemplar_progress_add(by=people.officer, exemplar=building, note="Đã có 10 hộ tham gia")
    done = evaluated(commune, people, name="Mô hình đã công nhận", public_consent=True)
    services.exemplar_recognise(
        by=people.leader,
        exemplar=done,
        kind="recognition",
        level="commune",
        decision_number="7/QĐ-UBND",
        decision_on=TODAY,
        issuer="UBND xã",
    )
    hidden = evaluated(commune, people, name="Mô hình không công khai")
    services.exemplar_recognise(
        by=people.leader,
        exemplar=hidden,
        kind="recognition",
        level="commune",
        decision_number="8/QĐ-UBND",
        decision_on=TODAY,
        issuer="UBND xã",
    )
    return {"building": building, "done": done, "hidden": hidden, "progress": building.progress.get()}


def urls(commune, data) -> dict[str, str]:
    b = f"/lam-viec/{commune.code}/dan-van-kheo"
    return {
        "list": f"{b}/",
        "list filtered": f"{b}/?nam=2026&status=building&kind=unit&q=m%C3%B4",
        "register": f"{b}/dang-ky/",
        "detail": f"{b}/{data['building'].pk}/",
        "recognised": f"{b}/{data['done'].pk}/",
        "replicate": f"{b}/dang-ky/?nhan-rong={data['done'].pk}",
    }


def test_every_page_opens_for_the_coordinator(client, people, commune, data):
    client.force_login(people.coordinator)
    for name, url in urls(commune, data).items():
        assert client.get(url).status_code == 200, name


def test_another_communes_user_gets_404_everywhere(client, people, commune, data):
    client.force_login(people.outsider)
    for name, url in urls(commune, data).items():
        assert client.get(url).status_code == 404, name
    assert (
        client.post(f"/lam-viec/{commune.code}/dan-van-kheo/{data['building'].pk}/ket-luan/").status_code
        == 404
    )


def test_a_model_of_another_commune_is_not_found_here(client, people, commune, neighbour, data):
    client.force_login(people.coordinator)
    assert client.get(f"/lam-viec/{commune.code}/dan-van-kheo/999999/").status_code == 404
    url = f"/lam-viec/{commune.code}/dan-van-kheo/{data['building'].pk}/minh-chung/{data['progress'].pk}/"
    assert client.get(url).status_code == 404  # no file in it


def test_the_list_shows_the_registration_overview(client, people, commune, data):
    services.registration_call_set(
        by=people.coordinator, commune=commune, year=2026, deadline=dt.date(2026, 2, 1)
    )
    client.force_login(people.coordinator)
    page = client.get(f"/lam-viec/{commune.code}/dan-van-kheo/").content.decode()
    assert "1/8 đơn vị" in page and "0/1 thôn" in page
    assert "3 mô hình đăng ký sau hạn" in page
    assert "Mô hình đang xây dựng" in page
    filtered = client.get(f"/lam-viec/{commune.code}/dan-van-kheo/?status=recognised").content.decode()
    assert "Mô hình đã công nhận" in filtered and "Mô hình đang xây dựng" not in filtered


def test_the_list_survives_nonsense_filters(client, people, commune, data):
    client.force_login(people.coordinator)
    response = client.get(f"/lam-viec/{commune.code}/dan-van-kheo/?nam=abc&field=x&unit=-1&status=zzz")
    assert response.status_code == 200


def test_a_supervisor_may_not_set_the_deadline_or_close_an_evaluation(client, people, commune, data):
    client.force_login(people.supervisor)
    b = f"/lam-viec/{commune.code}/dan-van-kheo"
    assert client.post(f"{b}/han-dang-ky/", {"deadline": "2026-02-28"}).status_code == 403
    assert client.post(f"{b}/{data['building'].pk}/ket-luan/", {"conclusion": "Đạt"}).status_code == 403
    assert client.post(f"{b}/{data['building'].pk}/tiep-nhan/").status_code == 403


def test_a_unit_officer_may_not_score_or_recognise(client, people, commune, data):
    client.force_login(people.officer)
    b = f"/lam-viec/{commune.code}/dan-van-kheo/{data['building'].pk}"
    assert client.post(f"{b}/cham-diem/", POINTS_90).status_code == 403
    assert client.post(f"{b}/cong-nhan/", {}).status_code == 403
    assert CouncilScore.objects.filter(exemplar=data["building"]).count() == 0


def test_the_coordinator_may_not_recognise(client, people, commune, data):
    e = evaluated(commune, people, name="Chờ công nhận")
    client.force_login(people.coordinator)
    response = client.post(
        f"/lam-viec/{commune.code}/dan-van-kheo/{e.pk}/cong-nhan/",
        {
            "kind": "recognition",
            "level": "commune",
            "decision_number": "1",
            "decision_on": "2026-03-04",
            "issuer": "x",
        },
    )
    assert response.status_code == 403


def test_a_village_head_registers_for_their_village_through_the_form(client, people, commune):
    client.force_login(people.village_head)
    page = client.get(f"/lam-viec/{commune.code}/dan-van-kheo/dang-ky/").content.decode()
    assert 'value="village" selected' in page.replace("\n", " ") or "selected" in page
    from danvan.exemplars.models import ExemplarField
    from danvan.geo.models import Village

    village = Village.objects.get(commune=commune, name="Thôn 1")
    response = client.post(
        f"/lam-viec/{commune.code}/dan-van-kheo/dang-ky/",
        {
            "name": "Tổ dân vận “Nói để dân hiểu”",
            "field": ExemplarField.objects.get(commune__isnull=True, name="Xây dựng hệ thống chính trị").pk,
            "registrant_kind": "village",
            "village": village.pk,
            "builders": "Ban nhân dân thôn",
            "content": "Họp tổ mỗi tháng, trả lời thắc mắc của dân ngay tại chỗ.",
            "start_on": "2026-03-04",
            "review_on": "2026-10-30",
            "target_1": "Cuộc họp tổ",
            "measure_1": "cuộc",
            "planned_1": "10",
            "villages": [village.pk],
        },
    )
    e = Exemplar.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/dan-van-kheo/{e.pk}/")
    assert e.village == village and e.created_by == people.village_head


def test_bad_registration_input_is_a_400_with_the_message_and_nothing_saved(client, people, commune):
    client.force_login(people.officer)
    url = f"/lam-viec/{commune.code}/dan-van-kheo/dang-ky/"
    base = {
        "name": "Mô hình",
        "registrant_kind": "unit",
        "builders": "Phòng",
        "content": "Nội dung",
        "start_on": "2026-03-04",
        "review_on": "2026-10-30",
    }
    from danvan.exemplars.models import ExemplarField
    from danvan.org.models import Unit

    field = ExemplarField.objects.get(commune__isnull=True, name="Kinh tế").pk
    unit = Unit.objects.get(commune=commune, name="Phòng Kinh tế").pk
    response = client.post(url, {**base, "field": field, "unit": unit})  # no target
    assert response.status_code == 400
    assert "ít nhất một kết quả dự kiến" in response.content.decode()
    response = client.post(url, {**base, "field": "abc", "start_on": "ngày mai"})
    assert response.status_code == 400 and "Ngày không hợp lệ." in response.content.decode()
    response = client.post(
        url, {**base, "field": field, "unit": unit, "target_1": "Hộ", "measure_1": "hộ", "planned_1": "nhiều"}
    )
    assert response.status_code == 400 and "phải là một số" in response.content.decode()
    assert Exemplar.objects.count() == 0


def test_registering_for_another_unit_through_the_form_is_a_403(client, people, commune):
    from danvan.exemplars.models import ExemplarField
    from danvan.org.models import Unit

    client.force_login(people.officer)
    response = client.post(
        f"/lam-viec/{commune.code}/dan-van-kheo/dang-ky/",
        {
            "name": "Mô hình",
            "field": ExemplarField.objects.get(commune__isnull=True, name="Kinh tế").pk,
            "registrant_kind": "unit",
            "unit": Unit.objects.get(commune=commune, name="Công an xã").pk,
            "builders": "x",
            "content": "x",
            "start_on": "2026-03-04",
            "review_on": "2026-10-30",
            "target_1": "Hộ",
            "measure_1": "hộ",
            "planned_1": "3",
        },
    )
    assert response.status_code == 403 and Exemplar.objects.count() == 0


def test_the_whole_lifecycle_through_the_pages(client, people, commune):
    e = register(commune, people.officer)
    b = f"/lam-viec/{commune.code}/dan-van-kheo/{e.pk}"
    client.force_login(people.coordinator)
    assert client.post(f"{b}/tiep-nhan/").status_code == 302
    client.force_login(people.officer)
    target = e.targets.first()
    assert (
        client.post(f"{b}/tien-do/", {"note": "Đã có 25 hộ", f"figure_{target.pk}": "25"}).status_code == 302
    )
    target.refresh_from_db()
    assert target.achieved == 25
    client.force_login(people.leader)
    assert client.post(f"{b}/cham-diem/", {**POINTS_90, "comment": "Tốt"}).status_code == 302
    client.force_login(people.coordinator)
    assert client.post(f"{b}/ket-luan/", {"conclusion": "Đạt, đề nghị tỉnh"}).status_code == 302
    client.force_login(people.leader)
    response = client.post(
        f"{b}/cong-nhan/",
        {
            "kind": "award",
            "level": "province",
            "decision_number": "15/QĐ-UBND",
            "decision_on": "2026-03-04",
            "issuer": "UBND xã Tà Đùng",
            "reward": "Giấy khen",
        },
    )
    assert response.status_code == 302
    e.refresh_from_db()
    assert e.status == "recognised" and e.commendation.decision_number == "15/QĐ-UBND"
    page = client.get(f"{b}/").content.decode()
    assert "15/QĐ-UBND" in page and "Đăng ký nhân rộng mô hình này" in page


def test_bad_scores_and_decisions_are_400_and_nothing_changes(client, people, commune, data):
    b = f"/lam-viec/{commune.code}/dan-van-kheo/{data['building'].pk}"
    client.force_login(people.leader)
    response = client.post(f"{b}/cham-diem/", {**POINTS_90, "effect": "99"})
    assert response.status_code == 400 and "Tối đa 30 điểm." in response.content.decode()
    assert CouncilScore.objects.filter(exemplar=data["building"]).count() == 0
    client.force_login(people.coordinator)
    response = client.post(f"{b}/ket-luan/", {"conclusion": "Đạt"})
    assert response.status_code == 400 and "Chưa có thành viên hội đồng" in response.content.decode()
    response = client.post(f"{b}/tien-do/", {"note": ""})
    assert response.status_code == 400
    e = evaluated(commune, people, name="Một mô hình khác")
    client.force_login(people.leader)
    response = client.post(
        f"/lam-viec/{commune.code}/dan-van-kheo/{e.pk}/cong-nhan/",
        {
            "kind": "award",
            "level": "commune",
            "decision_number": "1",
            "decision_on": "2026-03-04",
            "issuer": "x",
        },
    )
    assert response.status_code == 400 and "hình thức khen thưởng" in response.content.decode()
    assert Commendation.objects.filter(exemplar=e).count() == 0
    before = audits()
    assert client.post(f"/lam-viec/{commune.code}/dan-van-kheo/{e.pk}/tiep-nhan/").status_code == 400
    assert audits() == before


def test_the_council_member_with_a_conflict_sees_no_score_form(client, people, commune, unit):
    from danvan.org.models import Role
    from danvan.org.services import membership_grant

    e = built(commune, people)
    membership_grant(user=people.coordinator, role=Role.UNIT_OFFICER, commune=commune, unit=unit, by=None)
    client.force_login(people.coordinator)
    page = client.get(f"/lam-viec/{commune.code}/dan-van-kheo/{e.pk}/").content.decode()
    assert "Phiếu chấm điểm của bạn" not in page
    assert (
        client.post(f"/lam-viec/{commune.code}/dan-van-kheo/{e.pk}/cham-diem/", POINTS_90).status_code == 403
    )


def test_the_portal_shows_only_consented_recognised_models(client, commune, data):
    page = client.get(f"/xa/{commune.slug}/dan-van-kheo/").content.decode()
    assert "Mô hình đã công nhận" in page
    assert "Mô hình không công khai" not in page and "Mô hình đang xây dựng" not in page
    assert client.get(f"/xa/{commune.slug}/dan-van-kheo/{data['done'].pk}/").status_code == 200
    assert client.get(f"/xa/{commune.slug}/dan-van-kheo/{data['hidden'].pk}/").status_code == 404
    assert client.get(f"/xa/{commune.slug}/dan-van-kheo/{data['building'].pk}/").status_code == 404
    photo = f"/xa/{commune.slug}/dan-van-kheo/{data['done'].pk}/anh/{data['progress'].pk}/"
    assert client.get(photo).status_code == 404
    assert "dan-van-kheo" in client.get(f"/xa/{commune.slug}/").content.decode()


def test_the_portal_serves_a_public_photo_but_never_a_private_one(client, people, commune, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.exemplars.test_services import PNG

    e = data["done"]
    public = services.exemplar_progress_add(
        by=people.officer,
        exemplar=e,
        note="Ảnh lễ công nhận",
        evidence=SimpleUploadedFile("a.png", PNG, "image/png"),
        evidence_public=True,
    )
    private = services.exemplar_progress_add(
        by=people.officer,
        exemplar=e,
        note="Ảnh nội bộ",
        evidence=SimpleUploadedFile("b.png", PNG, "image/png"),
    )
    base = f"/xa/{commune.slug}/dan-van-kheo/{e.pk}/anh"
    response = client.get(f"{base}/{public.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert client.get(f"{base}/{private.pk}/").status_code == 404
    assert Progress.objects.filter(exemplar=e).count() == 2


def test_list_queries_do_not_grow_with_models(client, people, commune, django_assert_max_num_queries):
    client.force_login(people.coordinator)
    for i in range(3):
        register(commune, people.coordinator, name=f"Mô hình {i}")
    url = f"/lam-viec/{commune.code}/dan-van-kheo/"
    client.get(url)
    with django_assert_max_num_queries(25) as few:
        client.get(url)
    for i in range(3, 30):
        register(commune, people.coordinator, name=f"Mô hình {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
    page = client.get(f"/xa/{commune.slug}/dan-van-kheo/")
    assert page.status_code == 200
