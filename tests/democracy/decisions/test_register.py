"""The household register: kept by the village head, imported from .xlsx or .csv."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.democracy import services
from danvan.democracy.models import Household

pytestmark = pytest.mark.django_db

HEADER = ["Mã hộ", "Chủ hộ", "Người đại diện", "Điện thoại", "Email", "Địa chỉ"]


def xlsx(rows, header=HEADER) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "so-ho.xlsx"
    return out


def csv_file(text: str, *, bom: bool = True) -> io.BytesIO:
    data = text.encode("utf-8")
    return io.BytesIO(b"\xef\xbb\xbf" + data if bom else data)


ROWS = [
    ["H01", "Nguyễn Văn An", "Nguyễn Thị Bình", "0912 345 678", "an@example.vn", "Xóm Trên"],
    # Excel keeps a phone typed as a number without its leading zero, and a code as a number.
    [2, "Trần Văn Cường", None, 987654321, None, "Xóm Dưới"],
    [None, None, None, None, None, None],  # an empty row is skipped
    ["H03", "K'Brơi", "", "", "", ""],
]


def test_import_from_xlsx(village, people):
    result = services.household_import(village=village, file=xlsx(ROWS), by=people.village_head)
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    an = Household.objects.get(village=village, code="H01")
    assert (an.head_name, an.representative, an.phone, an.email) == (
        "Nguyễn Văn An",
        "Nguyễn Thị Bình",
        "0912345678",
        "an@example.vn",
    )
    cuong = Household.objects.get(village=village, code="2")
    assert (cuong.phone, cuong.representative) == ("0987654321", "Trần Văn Cường")
    event = AuditEvent.objects.get(action="democracy.households_imported")
    assert event.after == {"created": 3, "updated": 0, "unchanged": 0}
    assert event.actor == people.village_head and event.commune == village.commune


def test_import_twice_changes_nothing_and_updates_by_code(village, people):
    services.household_import(village=village, file=xlsx(ROWS), by=people.village_head)
    again = services.household_import(village=village, file=xlsx(ROWS), by=people.village_head)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    changed = [["H01", "Nguyễn Văn An", "Nguyễn Văn Dũng", "0912345678", "an@example.vn", "Xóm Giữa"]]
    result = services.household_import(village=village, file=xlsx(changed), by=people.village_head)
    assert (result.created, result.updated) == (0, 1)
    an = Household.objects.get(village=village, code="H01")
    assert (an.representative_name, an.address) == ("Nguyễn Văn Dũng", "Xóm Giữa")
    assert Household.objects.filter(village=village).count() == 3


@pytest.mark.parametrize("bom", [True, False])
def test_import_from_csv_with_or_without_bom(village, people, bom):
    text = (
        "Mã hộ,Chủ hộ,Người đại diện,Điện thoại,Email,Địa chỉ\n"
        "H01,Nguyễn Văn An,,0912345678,,Xóm Trên\n"
        'H02,"Lê Thị Hoa, bà",,,hoa@example.vn,\n'
    )
    result = services.household_import(village=village, file=csv_file(text, bom=bom), by=people.village_head)
    assert result.created == 2
    assert Household.objects.get(code="H02").head_name == "Lê Thị Hoa, bà"


def test_import_semicolon_csv_with_headers_in_any_case(village, people):
    text = "MÃ HỘ;CHỦ HỘ;Số điện thoại\nH01;Nguyễn Văn An;0912345678\n"
    services.household_import(village=village, file=csv_file(text), by=people.village_head)
    assert Household.objects.get(code="H01").phone == "0912345678"


def test_a_bad_row_saves_nothing_and_names_the_rows(village, people):
    rows = [
        ["H01", "Nguyễn Văn An", "", "", "", ""],
        ["H02", "", "", "", "", ""],  # row 3: no head of household
        ["H03", "Trần Văn Cường", "", "12ab", "khong-phai-email", ""],  # row 4
        ["h01", "Lê Văn Đức", "", "", "", ""],  # row 5: same code as row 2
    ]
    with pytest.raises(ServiceError) as err:
        services.household_import(village=village, file=xlsx(rows), by=people.village_head)
    message = err.value.message
    assert message.startswith("Chưa nhập được sổ hộ, không có hộ nào được lưu.")
    assert "Dòng 3: thiếu tên chủ hộ." in message
    assert "Dòng 4: số điện thoại “12ab” không hợp lệ; email “khong-phai-email” không hợp lệ." in message
    assert "Dòng 5: mã hộ “h01” trùng với dòng 2." in message
    assert "Dòng 2" not in message.replace("dòng 2", "")
    assert not Household.objects.exists()
    assert not AuditEvent.objects.filter(action="democracy.households_imported").exists()


def test_a_file_without_the_required_columns_is_refused(village, people):
    with pytest.raises(ServiceError) as err:
        services.household_import(
            village=village, file=xlsx([["Nguyễn Văn An"]], header=["Họ tên"]), by=people.village_head
        )
    assert err.value.message.startswith("Tệp thiếu cột: “Mã hộ”, “Chủ hộ”.")


def test_a_file_that_is_neither_xlsx_nor_utf8_csv(village, people):
    with pytest.raises(ServiceError) as err:
        services.household_import(
            village=village, file=io.BytesIO(b"M\xe3 h\xf4,Ch\xf9 h\xf4\n"), by=people.village_head
        )
    assert err.value.message == "Tệp CSV phải dùng bảng mã UTF-8."
    with pytest.raises(ServiceError) as err:
        services.household_import(
            village=village, file=io.BytesIO(b"PK\x03\x04garbage"), by=people.village_head
        )
    assert "Không đọc được tệp Excel" in err.value.message


def test_import_refused_for_another_commune_or_person(village, people, other_commune):
    with pytest.raises(ServiceError) as err:
        services.household_import(
            village=village, file=xlsx(ROWS), by=people.village_head, commune=other_commune
        )
    assert err.value.code == "not_found"
    for who in (people.outsider, people.supervisor, people.officer):
        with pytest.raises(ServiceError) as err:
            services.household_import(village=village, file=xlsx(ROWS), by=who)
        assert err.value.code == "forbidden"
    assert not Household.objects.exists()


def test_coordinator_may_import_for_a_village(village, people):
    assert services.household_import(village=village, file=xlsx(ROWS), by=people.coordinator).created == 3


def test_create_and_update_a_household(village, people):
    household = services.household_create(
        village=village,
        code="H09",
        head_name="Phạm Văn Giang",
        phone="+84 912 345 678",
        by=people.village_head,
    )
    assert household.phone == "+84912345678"
    with pytest.raises(ServiceError) as err:
        services.household_create(village=village, code="h09", head_name="Ai Đó", by=people.village_head)
    assert err.value.message == "Mã hộ “h09” đã có trong sổ hộ của thôn."
    services.household_update(
        household=household,
        head_name="Phạm Văn Giang",
        email="giang@example.vn",
        is_active=False,
        by=people.village_head,
    )
    household.refresh_from_db()
    assert (household.email, household.is_active, household.phone) == ("giang@example.vn", False, "")
    event = AuditEvent.objects.get(action="democracy.household_updated")
    assert event.before["is_active"] is True and event.after["is_active"] is False


def test_create_refuses_bad_details_and_other_communes(village, people, other_commune):
    with pytest.raises(ServiceError) as err:
        services.household_create(village=village, code="", head_name="", by=people.village_head)
    assert err.value.message == "Thông tin hộ chưa đúng: thiếu mã hộ; thiếu tên chủ hộ."
    with pytest.raises(ServiceError):
        services.household_create(
            village=village, code="H1", head_name="A", by=people.village_head, commune=other_commune
        )
    assert not Household.objects.exists()
