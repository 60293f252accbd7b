"""Survey pages: the staff pages (another commune: 404; a role without the permission: 403), the public
answer page on the short link (no account; one answer per code, per client token; a rate limit), the
poster's QR code, the .xlsx export without personal data, the resident's low-rating page, constant
queries at 10× the data."""

from __future__ import annotations

import io

import pytest
from django.test import override_settings
from openpyxl import load_workbook

from danvan.surveys import rules, services
from danvan.surveys.models import Question, RatingReview, Response, Survey
from tests.surveys.conftest import ALL, answer, aspect_questions, rated_petition, sipas

pytestmark = pytest.mark.django_db


def staff_pages(commune, survey) -> list[str]:
    b = f"/lam-viec/{commune.code}/khao-sat"
    return [
        f"{b}/",
        f"{b}/{survey.pk}/",
        f"{b}/{survey.pk}/ap-phich/",
        f"{b}/{survey.pk}/ket-qua/",
        f"{b}/{survey.pk}/ket-qua/?start=01/01/2026&village=x",
        f"{b}/{survey.pk}/ket-qua.xlsx",
        f"{b}/{survey.pk}/phieu-giay/",
        f"{b}/danh-gia-don/",
    ]


def test_every_staff_page_opens_for_the_coordinator_and_not_for_outsiders(client, people, commune):
    survey = sipas(commune, people.coordinator)
    client.force_login(people.coordinator)
    for url in staff_pages(commune, survey):
        assert client.get(url).status_code == 200, url
    client.force_login(people.outsider)
    for url in staff_pages(commune, survey):
        assert client.get(url).status_code == 404, url


def test_a_village_head_reads_results_but_cannot_build_or_enter_paper(client, people, commune):
    survey = sipas(commune, people.coordinator)
    client.force_login(people.village_head)
    b = f"/lam-viec/{commune.code}/khao-sat"
    assert client.get(f"{b}/{survey.pk}/ket-qua/").status_code == 200
    assert client.post(f"{b}/", {"template": "sipas", "one_answer": "rate_limit"}).status_code == 403
    assert client.get(f"{b}/{survey.pk}/phieu-giay/").status_code == 403
    assert client.post(f"{b}/{survey.pk}/trang-thai/dong/").status_code == 403


def test_the_coordinator_builds_and_opens_a_survey_through_the_pages(client, people, commune):
    client.force_login(people.coordinator)
    b = f"/lam-viec/{commune.code}/khao-sat"
    response = client.post(f"{b}/", {"template": "blank", "title": "Khảo sát về chợ", "one_answer": "code"})
    survey = Survey.objects.get()
    assert response["Location"].endswith(f"/khao-sat/{survey.pk}/")
    client.post(f"{b}/{survey.pk}/them-phan/", {"title": "Chợ xã"})
    section = survey.sections.get()
    bad = client.post(
        f"{b}/{survey.pk}/them-cau-hoi/", {"section": section.pk, "text": "Sạch?", "kind": "single"}
    )
    assert bad.status_code == 400 and "hai lựa chọn" in bad.content.decode()
    client.post(
        f"{b}/{survey.pk}/them-cau-hoi/",
        {
            "section": section.pk,
            "text": "Chợ sạch không?",
            "kind": "single",
            "choices": "Có\nKhông",
            "required": "on",
        },
    )
    client.post(f"{b}/{survey.pk}/trang-thai/mo/")
    survey.refresh_from_db()
    assert survey.status == "open" and Question.objects.count() == 1
    codes = client.post(f"{b}/{survey.pk}/ma-phieu/", {"count": "5"})
    wb = load_workbook(io.BytesIO(codes.content))
    assert wb.active.max_row == 6 and "-" in wb.active["B2"].value


def test_the_poster_carries_the_qr_code_and_short_link(client, people, commune):
    survey = sipas(commune, people.coordinator)
    client.force_login(people.coordinator)
    body = client.get(f"/lam-viec/{commune.code}/khao-sat/{survey.pk}/ap-phich/").content.decode()
    assert "<svg" in body and f"/k/{survey.short_code}/" in body and "XÃ TÀ ĐÙNG" in body


def test_a_resident_answers_from_the_short_link_without_an_account(client, people, commune):
    survey = sipas(commune, people.coordinator)
    page = client.get(f"/k/{survey.short_code}/", follow=True)
    assert page.status_code == 200 and survey.title in page.content.decode()
    form = page.context["form"]
    data = {"client_token": form.initial["client_token"]}
    for q in Question.objects.filter(section__survey=survey):
        if q.kind == "scale":
            data[f"q{q.pk}"] = "5"
        elif q.kind == "single":
            data[f"q{q.pk}"] = "0"
    url = f"/xa/{commune.slug}/khao-sat/{survey.short_code}/"
    done = client.post(url, data)
    assert "Xin cảm ơn" in done.content.decode()
    client.post(url, data)  # the same form sent again
    assert Response.objects.count() == 1


def test_missing_required_answers_are_a_400_in_vietnamese(client, people, commune):
    survey = sipas(commune, people.coordinator)
    response = client.post(f"/xa/{commune.slug}/khao-sat/{survey.short_code}/", {"client_token": "t"})
    assert response.status_code == 400 and "Vui lòng trả lời câu này." in response.content.decode()
    assert not Response.objects.exists()


def _full(survey) -> dict:
    data = {}
    for q in Question.objects.filter(section__survey=survey, required=True):
        data[f"q{q.pk}"] = "4" if q.kind == "scale" else "0"
    return data


def test_a_used_code_is_refused_on_the_page(client, people, commune):
    survey = sipas(commune, people.coordinator, one_answer="code")
    code = services.codes_issue(by=people.coordinator, survey=survey, count=1)[0]
    url = f"/xa/{commune.slug}/khao-sat/{survey.short_code}/"
    assert client.post(url, {**_full(survey), "code": code, "client_token": "a"}).status_code == 200
    again = client.post(url, {**_full(survey), "code": code, "client_token": "b"})
    assert again.status_code == 409 and "đã được dùng" in again.content.decode()
    assert Response.objects.count() == 1


@override_settings(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "s"}}
)
def test_the_public_page_is_rate_limited_per_address(client, people, commune):
    survey = sipas(commune, people.coordinator)
    url = f"/xa/{commune.slug}/khao-sat/{survey.short_code}/"
    codes = [client.post(url, {**_full(survey), "client_token": f"t{i}"}).status_code for i in range(11)]
    assert codes == [200] * rules.PUBLIC_ANSWERS_PER_HOUR + [429]
    assert Response.objects.count() == rules.PUBLIC_ANSWERS_PER_HOUR


def test_a_draft_survey_is_not_answerable_and_an_unknown_one_is_404(client, people, commune):
    survey = services.survey_create_sipas(by=people.coordinator, commune=commune)
    assert client.get(f"/xa/{commune.slug}/khao-sat/{survey.short_code}/").status_code == 410
    assert client.get(f"/xa/{commune.slug}/khao-sat/khongco/").status_code == 404
    assert client.get("/k/khongco/").status_code == 404


def test_the_export_holds_answers_and_nothing_personal(client, people, commune):
    survey = sipas(commune, people.coordinator)
    text_q = Question.objects.get(section__survey=survey, kind="text")
    answer(survey, dict.fromkeys(ALL, 5), extra={text_q.pk: "Nên có thêm ghế chờ"})
    answer(survey, dict.fromkeys(ALL, 2), by=people.officer)
    client.force_login(people.coordinator)
    wb = load_workbook(
        io.BytesIO(client.get(f"/lam-viec/{commune.code}/khao-sat/{survey.pk}/ket-qua.xlsx").content)
    )
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert header[:4] == ["STT", "Ngày", "Hình thức", "Thôn"] and ws.max_row == 3
    assert "Nên có thêm ghế chờ" in [c.value for c in ws[2]] and "Phiếu giấy" in [c.value for c in ws[3]]
    assert not any("kinhte" in str(c.value) for row in ws.iter_rows() for c in row)


def test_the_results_page_shows_the_index(client, people, commune):
    survey = sipas(commune, people.coordinator)
    for v in (5, 4, 2, 1):
        answer(survey, dict.fromkeys(ALL, v))
    client.force_login(people.leader)
    body = client.get(f"/lam-viec/{commune.code}/khao-sat/{survey.pk}/ket-qua/").content.decode()
    assert "50,0%" in body and "Tiếp cận dịch vụ" in body and "1001/QĐ-BNV" in body


def test_a_sender_not_satisfied_is_listed_for_the_unit_which_answers(client, people, commune):
    from danvan.petitions.services.resident import petition_rate_with_reason

    petition = rated_petition(commune, None)
    petition_rate_with_reason(
        petition=petition, tracking_code=petition.tracking_code, rating=1, reason="Chưa sửa", review=True
    )
    client.force_login(people.officer)
    page = client.get(f"/lam-viec/{commune.code}/khao-sat/danh-gia-don/").content.decode()
    assert petition.tracking_code in page and "Chưa sửa" in page and "Đề nghị xem xét lại" in page
    client.post(
        f"/lam-viec/{commune.code}/khao-sat/danh-gia-don/{petition.pk}/tra-loi/", {"answer": "Sẽ sửa"}
    )
    assert RatingReview.objects.get(petition=petition).status == "answered"
    assert "Sẽ sửa" in client.get(f"/lam-viec/{commune.code}/khao-sat/danh-gia-don/").content.decode()


def _bulk(commune, people, survey, n):
    from danvan.geo.models import Village

    for i in range(n):
        v = Village.objects.create(commune=commune, name=f"Thôn mới {survey.pk}-{n}-{i}")
        answer(survey, dict.fromkeys(ALL, 1 + i % 5), village=v)
        rated_petition(commune, 1 + i % 5)
    RatingReview.objects.bulk_create(
        RatingReview(petition=p, commune=commune, reason="Chưa ổn")
        for p in commune.petitions.filter(rating__lte=2, rating_review__isnull=True)
    )


def test_pages_keep_a_constant_number_of_queries(client, people, commune, django_assert_max_num_queries):
    survey = sipas(commune, people.coordinator)
    _bulk(commune, people, survey, 2)
    client.force_login(people.leader)
    b = f"/lam-viec/{commune.code}/khao-sat"
    urls = [
        f"{b}/",
        f"{b}/{survey.pk}/",
        f"{b}/{survey.pk}/ket-qua/",
        f"{b}/danh-gia-don/",
        f"{b}/{survey.pk}/ket-qua.xlsx",
        f"{b}/{survey.pk}/ap-phich/",
        f"{b}/{survey.pk}/phieu-giay/",
        f"/xa/{commune.slug}/khao-sat/{survey.short_code}/",
        f"/xa/{commune.slug}/muc-do-hai-long/",
    ]
    counts = {}
    for url in urls:
        with django_assert_max_num_queries(40) as few:
            client.get(url)
        counts[url] = len(few.captured_queries)
    _bulk(commune, people, survey, 20)
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            assert client.get(url).status_code == 200
    # The public page too.
    with django_assert_max_num_queries(20) as few:
        client.get(f"/xa/{commune.slug}/khao-sat/{survey.short_code}/")
    assert len(few.captured_queries) < 20
    assert aspect_questions(survey)


def test_the_public_satisfaction_page_and_the_sms_link_keeps_the_code(
    client, people, commune, django_assert_max_num_queries
):
    survey = sipas(commune, people.coordinator, one_answer="code")
    answer(survey, dict.fromkeys(ALL, 4), by=people.officer)
    rated_petition(commune, 5)
    with django_assert_max_num_queries(12):
        body = client.get(f"/xa/{commune.slug}/muc-do-hai-long/?nam=abc").content.decode()
    assert "100,0%" in body and "Đất đai" in body
    page = client.get(f"/k/{survey.short_code}/?ma=ABCD-EFGH", follow=True)
    assert page.context["form"].initial["code"] == "ABCDEFGH"


def test_the_results_report_docx_has_the_index_and_charts_as_images(client, people, commune):
    from docx import Document

    survey = sipas(commune, people.coordinator)
    text_q = Question.objects.get(section__survey=survey, kind="text")
    from danvan.geo.models import Village

    # Two villages: the report charts each aspect and each village (a single bar is not charted).
    villages = [
        Village.objects.get(commune=commune, name="Thôn 1"),
        Village.objects.create(commune=commune, name="Thôn 2"),
    ]
    for i, v in enumerate((5, 4, 2, 1)):
        answer(
            survey,
            dict.fromkeys(ALL, v),
            extra={text_q.pk: "Ông Nguyễn Văn A ở xóm trên"},
            village=villages[i % 2],
        )
    client.force_login(people.leader)
    response = client.get(f"/lam-viec/{commune.code}/khao-sat/{survey.pk}/ket-qua.docx")
    doc = Document(io.BytesIO(response.content))
    body = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "Chỉ số hài lòng chung: 50,0%" in body and "Tiếp cận dịch vụ" in cells
    assert len(doc.inline_shapes) >= 2 and "Nguyễn Văn A" not in body + cells
