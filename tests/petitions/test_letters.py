"""A petition's official letters: each read back with its legal parts, numbered in the commune's register,
issued only at the right step by the case's handlers; a denouncer is never named to those not entitled."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from danvan.core.errors import ServiceError
from danvan.outgoing import sources
from danvan.outgoing.models import OutgoingDocument
from danvan.petitions import services
from danvan.petitions.letters import LETTERS, SENDER, SENDER_NAME, letters_for
from danvan.petitions.models import IdentityAccessLog
from danvan.petitions.services.letters import letter_issue
from tests.petitions.conftest import DENOUNCER, accepted, classify, submit

pytestmark = pytest.mark.django_db
DAY = date(2026, 3, 10)

DECISION = {
    "respondent": "Ông Phạm Văn B, công chức địa chính xã",
    "findings": "Diện tích thực tế đo đạc là 120 m², không phải 150 m² như đơn nêu.",
    "legal_basis": "Luật Đất đai năm 2024\nNghị định số 102/2024/NĐ-CP",
    "conclusion": "Khiếu nại đúng một phần.",
    "measures": "Sửa đổi thông báo thu hồi đất số 12/TB-UBND theo diện tích 120 m².",
}


def issue(petition, people, key, by=None, **inputs):
    return letter_issue(
        petition=petition,
        key=key,
        by=by or people.leader,
        issued_on=DAY,
        signer_name="Nguyễn Văn Chủ",
        **inputs,
    )


def read(document, user) -> str:
    from danvan.documents import nd30

    content = nd30.render_docx(sources.as_nd30(document, user))
    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(cells + [p.text for p in doc.paragraphs])


def test_the_decision_on_a_complaint_has_every_part_of_article_31(commune, people, unit):
    complaint = accepted(commune, people, unit, "complaint")
    document = issue(complaint, people, "quyet-dinh-giai-quyet-khieu-nai", **DECISION)
    text = read(document, people.leader)
    assert "Số: 01/QĐ-UBND" in text and "ỦY BAN NHÂN DÂN" in text and "ngày 10 tháng 3 năm 2026" in text
    assert "QUYẾT ĐỊNH" in text and "CHỦ TỊCH" in text and "Nguyễn Văn Chủ" in text
    for part in (
        DENOUNCER["full_name"],  # b) the complainant, for a reader entitled to them
        DECISION["respondent"],  # b) the respondent
        "Nội dung khiếu nại",  # c)
        "120 m²",  # d) verification
        "Kết quả đối thoại",  # đ)
        "Nghị định số 102/2024/NĐ-CP",  # e) legal basis
        "Khiếu nại đúng một phần",  # g)
        "Sửa đổi thông báo thu hồi đất",  # h)
        "bồi thường",  # i)
        "khởi kiện vụ án hành chính",  # k) the right to a second complaint or to sue
    ):
        assert part in text, part
    assert SENDER not in text and SENDER in str(document.content) and SENDER_NAME not in text
    assert f"khiếu nại của Ông/Bà {DENOUNCER['full_name']} (lần đầu)" in text  # the title: the name only
    assert DENOUNCER["full_name"] not in str(document.content)  # never stored, filled per reader


def test_the_numbers_follow_the_register_per_symbol(commune, people, unit):
    complaint = accepted(commune, people, unit, "complaint")
    notice = issue(complaint, people, "thu-ly-khieu-nai")
    decision = issue(complaint, people, "quyet-dinh-giai-quyet-khieu-nai", **DECISION)
    second_notice = issue(accepted(commune, people, unit, "complaint"), people, "thu-ly-khieu-nai")
    assert [notice.number_symbol, decision.number_symbol, second_notice.number_symbol] == [
        "01/TB-UBND",
        "01/QĐ-UBND",
        "02/TB-UBND",
    ]
    assert "Điều 27" in read(notice, people.leader) and "đã thụ lý" in read(notice, people.leader)


def test_a_letter_at_the_wrong_step_or_kind_or_without_its_parts_is_refused(commune, people, unit):
    complaint = accepted(commune, people, unit, "complaint")
    with pytest.raises(ServiceError) as wrong_step:
        issue(complaint, people, "khong-thu-ly-khieu-nai", reason="Quá thời hiệu")
    assert wrong_step.value.code == "status"
    with pytest.raises(ServiceError) as wrong_kind:
        issue(complaint, people, "thu-ly-to-cao")
    assert wrong_kind.value.code == "kind"
    with pytest.raises(ServiceError) as missing:
        issue(complaint, people, "quyet-dinh-giai-quyet-khieu-nai", **{**DECISION, "findings": " "})
    assert missing.value.field == "findings"
    with pytest.raises(ServiceError) as forbidden:
        issue(complaint, people, "thu-ly-khieu-nai", by=people.supervisor)
    assert forbidden.value.code == "forbidden"
    assert not OutgoingDocument.objects.exists()


def test_refusing_a_complaint_states_the_reason_of_article_11(commune, people, unit):
    complaint = classify(submit(commune, "complaint"), people, unit, "complaint")
    text = read(
        issue(complaint, people, "khong-thu-ly-khieu-nai", reason="Đã quá thời hiệu khiếu nại."),
        people.leader,
    )
    assert "không thụ lý" in text and "Điều 11" in text and "quá thời hiệu" in text


def test_guiding_and_returning_name_the_competent_agency(commune, people, unit):
    complaint = classify(submit(commune, "complaint"), people, unit, "complaint")
    guide = read(issue(complaint, people, "huong-dan", agency="Chủ tịch UBND tỉnh Lâm Đồng"), people.leader)
    assert "không thuộc thẩm quyền" in guide and "Chủ tịch UBND tỉnh Lâm Đồng" in guide and "một lần" in guide
    returned = read(
        issue(complaint, people, "tra-lai-don", agency="Ban Tiếp công dân tỉnh", reason="Việc thuộc Tòa án."),
        people.leader,
    )
    assert "trả lại đơn" in returned and "Ban Tiếp công dân tỉnh" in returned and "Tòa án" in returned


def test_denunciation_letters_never_name_the_denouncer_to_those_not_entitled(commune, people, unit):
    denunciation = accepted(commune, people, unit, "denunciation")
    notice = issue(denunciation, people, "thu-ly-to-cao")
    # The leader who accepted it reads the name (logged); the coordinator may see the content, not the name.
    reads = IdentityAccessLog.objects.count()
    assert DENOUNCER["full_name"] in read(notice, people.leader)
    assert IdentityAccessLog.objects.count() == reads + 1
    for_coordinator = read(notice, people.coordinator)
    assert DENOUNCER["full_name"] not in for_coordinator and "người tố cáo theo đơn mã" in for_coordinator
    assert "Điều 29" in for_coordinator and "bí mật" in for_coordinator
    assert not sources.may_open(people.supervisor, notice) and not sources.may_open(
        people.village_head, notice
    )


def test_the_conclusion_on_a_denunciation_has_the_parts_of_article_35(commune, people, unit):
    denunciation = accepted(commune, people, unit, "denunciation")
    with pytest.raises(ServiceError):  # not before the verification has started
        issue(denunciation, people, "ket-luan-to-cao", **DECISION)
    denunciation = services.petition_start_verification(petition=denunciation, by=people.leader)
    conclusion = issue(denunciation, people, "ket-luan-to-cao", **DECISION)
    text = read(conclusion, people.leader)
    assert "KẾT LUẬN" in text and "Số: 01/KL-UBND" in text
    for part in ("Kết quả xác minh", "Căn cứ pháp luật", "đúng một phần", "Biện pháp xử lý"):
        assert part in text, part
    assert DENOUNCER["full_name"] not in text  # sent to the person denounced: never the denouncer


def test_forwarding_and_the_result_of_a_feedback(commune, people, unit):
    feedback = classify(submit(commune, "feedback"), people, unit, "feedback")
    assert {x.key for x in letters_for(feedback)} == {"chuyen-don", "tra-lai-don"}
    forward = read(
        issue(feedback, people, "chuyen-don", agency="Công ty Điện lực Lâm Đồng"), people.coordinator
    )
    assert "PHIẾU CHUYỂN ĐƠN" in forward and "Công ty Điện lực Lâm Đồng" in forward and "sạt lở" in forward
    feedback = services.petition_accept(petition=feedback, on=date(2026, 3, 4), by=people.leader)
    feedback = services.petition_start_verification(petition=feedback, by=people.leader)
    services.petition_resolve(
        petition=feedback, answer="Đã san gạt, thông đường.", on=date(2026, 3, 9), by=people.leader
    )
    feedback.refresh_from_db()
    result = read(issue(feedback, people, "ket-qua-phan-anh-kien-nghi"), people.leader)
    assert "Điều 28" in result and "Đã san gạt, thông đường." in result


def test_every_letter_cites_its_form(commune):
    for letter in LETTERS.values():
        assert letter.form and letter.symbol and letter.name


def test_the_pages_issue_a_letter_and_show_it_on_the_case(client, commune, people, unit):
    complaint = accepted(commune, people, unit, "complaint")
    base = f"/lam-viec/{commune.code}/don-thu/{complaint.pk}/"
    client.force_login(people.leader)
    page = client.get(base + "van-ban/").content.decode()
    assert "Quyết định giải quyết khiếu nại (lần đầu)" in page and "Mẫu số 15-KN" in page
    bad = client.post(base + "van-ban/quyet-dinh-giai-quyet-khieu-nai/", {"issued_on": "10/03/2026"})
    assert bad.status_code == 400 and "Vui lòng ghi" in bad.content.decode()
    ok = client.post(
        base + "van-ban/quyet-dinh-giai-quyet-khieu-nai/",
        {"issued_on": "10/03/2026", "signer_name": "Nguyễn Văn Chủ", **DECISION},
    )
    assert ok.status_code == 302
    detail = client.get(base).content.decode()
    assert "01/QĐ-UBND" in detail and "Văn bản của đơn" in detail
    assert client.get(base + "van-ban/khong-co/").status_code == 404
    client.force_login(people.outsider)
    assert client.get(base + "van-ban/").status_code == 404


def test_a_denunciations_letters_page_is_closed_to_those_who_may_not_see_it(client, commune, people, unit):
    denunciation = accepted(commune, people, unit, "denunciation")
    issue(denunciation, people, "thu-ly-to-cao")
    client.force_login(people.supervisor)
    assert client.get(f"/lam-viec/{commune.code}/don-thu/{denunciation.pk}/van-ban/").status_code == 403
    document = OutgoingDocument.objects.get()
    assert client.get(f"/lam-viec/{commune.code}/van-ban-di/{document.pk}.docx").status_code == 403
    register = client.get(f"/lam-viec/{commune.code}/van-ban-di/").content.decode()
    assert "01/TB-UBND" in register and "Không được mở" in register


def test_who_signs_the_chairman_in_person_or_on_behalf_of_the_committee():
    from danvan.petitions.letters import signature_lines

    decision, forward = LETTERS["quyet-dinh-giai-quyet-khieu-nai"], LETTERS["chuyen-don"]
    assert signature_lines(decision, deputy=False) == ["CHỦ TỊCH"]
    assert signature_lines(decision, deputy=True) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert signature_lines(forward, deputy=False) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert signature_lines(forward, deputy=True) == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
