"""Household register pages: a village head keeps only their own village's register; add, edit, import."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.models import AuditEvent
from danvan.democracy.decisions.household_file import read_rows
from danvan.democracy.models import Household
from danvan.democracy.rules import DecisionStatus
from danvan.geo.models import Village
from tests.democracy.conftest import add_households
from tests.democracy.pages import follow_messages, login, ws

pytestmark = pytest.mark.django_db
S = DecisionStatus

# --- household register ---------------------------------------------------------------------------


def test_village_head_keeps_only_own_village_register(client, commune, village, other_village, people):
    add_households(village, 3)
    login(client, people.village_head)
    page = client.get(f"{ws(commune)}/thon/{village.pk}/ho-gia-dinh/")
    assert page.status_code == 200
    assert "H001" in page.content.decode() and "Chủ hộ 1" in page.content.decode()
    assert client.get(f"{ws(commune)}/thon/{other_village.pk}/ho-gia-dinh/").status_code == 403
    assert client.get(f"{ws(commune)}/thon/{other_village.pk}/ho-gia-dinh/them/").status_code == 403
    listing = client.get(f"{ws(commune)}/ho-gia-dinh/").content.decode()
    assert "Thôn 1" in listing and "Thôn 2" not in listing


def test_leaders_reach_every_register_and_others_are_refused(
    client, commune, village, other_village, people, other_commune
):
    login(client, people.coordinator)
    assert client.get(f"{ws(commune)}/thon/{other_village.pk}/ho-gia-dinh/").status_code == 200
    client.logout()
    login(client, people.officer)  # reads decisions, keeps no register
    assert client.get(f"{ws(commune)}/thon/{village.pk}/ho-gia-dinh/").status_code == 403
    client.logout()
    login(client, people.outsider)  # another commune's coordinator
    assert client.get(f"{ws(commune)}/thon/{village.pk}/ho-gia-dinh/").status_code == 404
    foreign = Village.objects.create(commune=other_commune, name="Tổ 1")
    assert client.get(f"{ws(other_commune)}/thon/{foreign.pk}/ho-gia-dinh/").status_code == 200
    # Another commune's village under one's own address: not found.
    client.logout()
    login(client, people.leader)
    assert client.get(f"{ws(commune)}/thon/{foreign.pk}/ho-gia-dinh/").status_code == 404


def test_add_and_edit_a_household_with_vietnamese_errors(client, commune, village, people):
    login(client, people.village_head)
    url = f"{ws(commune)}/thon/{village.pk}/ho-gia-dinh/them/"
    bad = client.post(url, {"code": "H100", "head_name": "Trần Văn Tư", "phone": "12ab"})
    assert bad.status_code == 200
    assert "số điện thoại “12ab” không hợp lệ" in bad.content.decode()
    assert not Household.objects.exists()
    ok = client.post(url, {"code": "H100", "head_name": "Trần Văn Tư", "phone": "0912 345 678"})
    assert ok.status_code == 302
    household = Household.objects.get(code="H100")
    assert household.phone == "0912345678"
    again = client.post(url, {"code": "h100", "head_name": "Người khác"})
    assert "đã có trong sổ hộ" in again.content.decode()
    edit = f"{ws(commune)}/thon/{village.pk}/ho-gia-dinh/{household.pk}/sua/"
    page = client.get(edit)
    assert 'value="H100"' in page.content.decode() and "disabled" in page.content.decode()
    client.post(edit, {"head_name": "Trần Văn Tư", "representative_name": "Trần Thị Năm", "is_active": "on"})
    household.refresh_from_db()
    assert household.representative_name == "Trần Thị Năm" and household.code == "H100"
    assert AuditEvent.objects.filter(action="democracy.household_updated").count() == 1


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("so-ho.csv", text.encode("utf-8"), content_type="text/csv")


def test_import_is_all_or_nothing_with_row_numbers(client, commune, village, people):
    login(client, people.village_head)
    url = f"{ws(commune)}/thon/{village.pk}/ho-gia-dinh/nhap-tep/"
    bad = _csv("Mã hộ,Chủ hộ,Điện thoại\nH001,Lò Văn Một,0912345678\nH002,,0912\n")
    page = client.post(url, {"file": bad})
    html = page.content.decode()
    assert page.status_code == 200
    assert "không có hộ nào được lưu" in html
    assert "Dòng 3: thiếu tên chủ hộ; số điện thoại “0912” không hợp lệ." in html
    assert not Household.objects.exists()
    good = _csv("Mã hộ,Chủ hộ,Điện thoại\nH001,Lò Văn Một,0912345678\nH002,Lò Thị Hai,\n")
    done = client.post(url, {"file": good})
    assert "2 hộ mới" in follow_messages(client, done)
    assert Household.objects.filter(village=village).count() == 2


def test_template_file_has_the_headers_the_importer_reads(client, commune, people):
    login(client, people.village_head)
    response = client.get(f"{ws(commune)}/ho-gia-dinh/mau-so-ho.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('"mau-so-ho-gia-dinh.xlsx"')
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book.worksheets[0][1]] == [
        "Mã hộ",
        "Chủ hộ",
        "Người đại diện",
        "Điện thoại",
        "Email",
        "Địa chỉ",
    ]
    # Filled in by a village head, it imports.
    sheet = book.worksheets[0]
    for column, value in enumerate(["H001", "Lò Văn Một", "", "0912345678", "", "Xóm Trên"], start=1):
        sheet.cell(row=2, column=column, value=value)
    out = io.BytesIO()
    book.save(out)
    assert read_rows(io.BytesIO(out.getvalue())) == [
        (
            2,
            {
                "code": "H001",
                "head_name": "Lò Văn Một",
                "representative_name": "",
                "phone": "0912345678",
                "email": "",
                "address": "Xóm Trên",
            },
        )
    ]
