"""The plan parser on the three real commune plans, the 42 extra plans, and an invented plan."""

from pathlib import Path

import pytest

from danvan.plans.importer import PlanImportError, parse_plan_text

SAMPLES = Path(__file__).resolve().parents[3] / ".." / "shared" / "samples"
EXTRAS = sorted((SAMPLES / "plans-extra").glob("*.txt")) if (SAMPLES / "plans-extra").exists() else []


def _cite(plan: dict, number: str | None, title: str | None = None) -> dict:
    for c in plan["citations"]:
        if c["number"] == number and (title is None or c["title"] == title):
            return c
    raise AssertionError(f"citation {number or title} not found")


def _task(plan: dict, ref: str) -> dict:
    return next(t for t in plan["tasks"] if t["ref"] == ref)


# ---------------------------------------------------------------- Tà Đùng (docx export, blank number/day)


def test_ta_dung_header(samples):
    plan = parse_plan_text(samples("plans/ta-dung-2026.txt"))
    assert plan["doc_type"] == "KH"
    assert plan["title"] == "Thực hiện công tác dân vận chính quyền năm 2026 trên địa bàn xã Tà Đùng"
    assert plan["number"] is None  # "Số:        /KH-UBND" is a draft's blank
    assert plan["issued_on"] is None  # "ngày        tháng  5  năm 2026"
    assert plan["year"] == 2026
    assert plan["issuer"] == "ỦY BAN NHÂN DÂN XÃ TÀ ĐÙNG"
    assert plan["place"] == "Tà Đùng"
    # The sample stops after its closing sentence: no recipients, no signature block.
    assert plan["recipients"] == []
    assert plan["signer"] is None


def test_ta_dung_citations_and_basis(samples):
    plan = parse_plan_text(samples("plans/ta-dung-2026.txt"))
    basis = [plan["citations"][i]["number"] for i in plan["basis"]]
    assert basis == ["6604/KH-UBND"]
    assert _cite(plan, "6604/KH-UBND")["date"] == "2026-05-11"
    decree = _cite(plan, "59/2023/NĐ-CP")
    assert (decree["type"], decree["date"], decree["issuer"]) == ("Nghị định", "2023-08-14", "Chính phủ")
    assert _cite(plan, "120-KL/TW")["date"] == "2016-01-07"
    assert _cite(plan, None, "Luật Tiếp cận thông tin")["type"] == "Luật"
    assert _cite(plan, "10/2022/QH15")["title"] == "Luật Thực hiện dân chủ ở cơ sở"
    numbers = [c["number"] for c in plan["citations"] if c["number"]]
    assert len(numbers) == len(set(numbers))
    assert {"06/KH-UBND", "217-QĐ/TW", "218-QĐ/TW", "97/2025/QH15"} <= set(numbers)


def test_ta_dung_tasks_and_assignments(samples):
    plan = parse_plan_text(samples("plans/ta-dung-2026.txt"))
    refs = [t["ref"] for t in plan["tasks"] if t["origin"] == "content"]
    # Five numbered items of section II and their dash bullets; section I (purpose) gives none.
    assert [r for r in refs if "-" not in r] == ["II.1", "II.2", "II.3", "II.4", "II.5"]
    assert len(refs) == 22
    assert "II.2-6" in refs and not any(r.startswith("I.") for r in refs)
    assert _task(plan, "II.3")["content"] == "Thực hiện tốt quy định về thực hiện dân chủ ở cơ sở"
    units = [a["unit"] for a in plan["assignments"]]
    assert units == [
        "Ban Xây dựng đảng",
        "Phòng Văn hóa - Xã hội",
        "Văn phòng HĐND và UBND xã",
        "Trung tâm dịch vụ tổng hợp xã",
        "Ban Chỉ huy Quân sự xã",
        "Công an xã",
    ]
    assert len(plan["assignments"][1]["duties"]) == 5


def test_ta_dung_reporting(samples):
    plan = parse_plan_text(samples("plans/ta-dung-2026.txt"))
    assert [(r["what"], r["due"]) for r in plan["reporting"]] == [
        ("Báo cáo năm", "2026-10-10"),
        ("Báo cáo kết quả", "2026-11-01"),
    ]
    first, second = plan["reporting"]
    assert first["to"] == ["UBND xã (qua Phòng Văn hóa - Xã hội)"]
    assert first["from"][0].startswith("Các phòng, ban, đơn vị")
    assert second["from"] == ["Phòng Văn hóa - Xã hội"]
    assert second["to"] == ["UBND tỉnh (qua Sở Nội vụ)", "Ban Xây dựng đảng"]


# ---------------------------------------------------------------- Hồng Phong (PDF text, ¹ footnotes)


def test_hong_phong(samples):
    plan = parse_plan_text(samples("plans/hong-phong-2026.txt"))
    assert plan["title"] == "Thực hiện công tác dân vận chính quyền năm 2026 trên địa bàn xã Hồng Phong"
    assert plan["number"] is None and plan["issued_on"] is None and plan["year"] == 2026
    # No letterhead survived extraction: the issuer comes from "UBND xã Hồng Phong ban hành …".
    assert plan["issuer"] == "ỦY BAN NHÂN DÂN XÃ HỒNG PHONG"
    assert plan["place"] == "Hồng Phong"
    assert [plan["citations"][i]["number"] for i in plan["basis"]] == ["61/KH-UBND"]
    assert _cite(plan, "61/KH-UBND")["date"] == "2026-02-26"
    assert _cite(plan, "43-KL/TW")["date"] == "2019-01-07"
    # Cited only inside footnotes ¹ and ², which still count.
    assert _cite(plan, "43-NQ/TW")["date"] == "2023-11-24"
    assert _cite(plan, "61/2023/NĐ-CP")["date"] == "2023-08-16"
    assert [t["ref"] for t in plan["tasks"] if t["origin"] == "content"] == [f"II.{n}" for n in range(1, 8)]
    assert len(plan["footnotes"]) == 3
    # Footnote text is lifted out of the item it interrupted, and the split sentence is whole again.
    item2 = " ".join(_task(plan, "II.2")["details"])
    assert "Trọng tâm là" not in item2
    assert "nhiệm vụ chính trị của cơ quan, đơn vị, địa phương" in item2
    assert [a["unit"] for a in plan["assignments"]] == [
        "Các cơ quan, đơn vị",
        "Phòng Văn hóa - Xã hội",
        "Văn phòng HĐND và UBND xã",
        "Trung tâm Phục vụ hành chính công",
        "Trung tâm Dịch vụ công ích",
    ]
    assert plan["reporting"] == []  # it asks for reports "theo quy định", with no date
    assert plan["recipients"][0] == "TT Đảng ủy"
    assert plan["recipients"][-1] == "Lưu: VT, VHXX"
    assert "Ban biên tập Trang TTĐT xã (đăng tin)" in plan["recipients"]
    assert plan["signer"] == {"name": "Hoàng Thanh Tuấn", "title": "CHỦ TỊCH", "on_behalf": None}


# ---------------------------------------------------------------- Bình Chương (PDF text, wrapped lines)


def test_binh_chuong(samples):
    plan = parse_plan_text(samples("plans/binh-chuong-2026.txt"))
    assert plan["title"] == "Thực hiện công tác dân vận chính quyền và dân chủ ở cơ sở năm 2026"
    assert plan["number"] is None and plan["year"] == 2026
    assert plan["issuer"] == "ỦY BAN NHÂN DÂN XÃ BÌNH CHƯƠNG"
    assert plan["place"] == "Bình Chương"
    assert [plan["citations"][i]["number"] for i in plan["basis"]] == ["33/CT-TTg", "14/KH-UBND"]
    assert _cite(plan, "14/KH-UBND")["date"] == "2026-01-19"
    assert _cite(plan, "114-KL/TW")["date"] == "2015-07-14"
    assert _cite(plan, "07-HD/BTGDVTU")["type"] == "Hướng dẫn"
    assert [t["ref"] for t in plan["tasks"] if t["origin"] == "content"] == [f"II.{n}" for n in range(1, 12)]


def test_binh_chuong_task_fields(samples):
    plan = parse_plan_text(samples("plans/binh-chuong-2026.txt"))
    t2 = _task(plan, "II.2")
    assert t2["lead"] == ["Phòng Văn hóa – Xã hội", "Phòng Kinh tế"]
    assert t2["coordinating"] == ["Các cơ quan, đơn vị, các thôn"]
    assert t2["timeframe"]["kind"] == "ongoing"
    assert _task(plan, "II.3")["lead"] == ["Văn phòng HĐND và UBND xã"]
    assert _task(plan, "II.7")["timeframe"] == {
        "kind": "within_year",
        "date": "2026-12-31",
        "text": "Trong năm 2026",
    }
    t8 = _task(plan, "II.8")
    assert (t8["timeframe"]["kind"], t8["timeframe"]["date"]) == ("by_date", "2026-05-30")
    # The document names a group; the duty of section IV that matches it names the unit that leads.
    assert t8["lead"] == ["Phòng Văn hóa - Xã hội"] and "Các cơ quan, đơn vị" in t8["coordinating"]
    # The footnote marker "cơ sở1" and the page-foot footnote are gone from the item's text.
    t1 = _task(plan, "II.1")["content"]
    assert "dân chủ ở cơ sở, nhằm nâng cao" in t1 and "Luật Thực hiện dân chủ ở cơ sở năm 2022" not in t1
    t3 = _task(plan, "II.3")["content"]
    assert "giải quyết các vấn đề bức xúc của Nhân dân" in t3


def test_binh_chuong_reporting_recipients_signer(samples):
    plan = parse_plan_text(samples("plans/binh-chuong-2026.txt"))
    assert [(r["what"], r["due"]) for r in plan["reporting"]] == [
        ("Kế hoạch", "2026-01-30"),
        ("Báo cáo 6 tháng", "2026-05-15"),
        ("Báo cáo năm", "2026-10-30"),
    ]
    for entry in plan["reporting"]:
        assert entry["from"] == ["Các phòng, cơ quan, đơn vị thuộc UBND xã"]
        assert entry["to"] == ["Phòng Văn hóa – Xã hội"]
    assert len(plan["recipients"]) == 9
    assert plan["recipients"][0] == "Sở Nội vụ (báo cáo)"
    assert "VP HĐND&UBND tỉnh: CVP, CV" in plan["recipients"]
    assert plan["signer"] == {"name": "Võ Văn Tâm", "title": "CHỦ TỊCH", "on_behalf": "TM. ỦY BAN NHÂN DÂN"}
    assert [a["unit"] for a in plan["assignments"]][:2] == [
        "Các phòng, cơ quan, đơn vị thuộc UBND xã",
        "Trung tâm Phục vụ hành chính công xã",
    ]


# ---------------------------------------------------------------- the 42 extra plans


@pytest.mark.skipif(not EXTRAS, reason=f"plans-extra samples not found under {SAMPLES.resolve()}")
def test_extra_plans_parse():
    with_tasks = with_number = with_signer = 0
    for path in EXTRAS:
        text = path.read_text(encoding="utf-8")
        if text.startswith("# source:"):
            text = text.split("\n", 1)[1]
        plan = parse_plan_text(text)
        assert plan["title"], path.name
        assert plan["year"] in (2025, 2026), path.name
        with_tasks += bool(plan["tasks"])
        with_number += bool(plan["number"])
        with_signer += bool(plan["signer"] and plan["signer"]["name"])
        for task in plan["tasks"]:
            assert task["ref"] and task["content"], path.name
            assert task["timeframe"]["kind"] in (
                "ongoing",
                "by_date",
                "within_year",
                "within_quarter",
                "unspecified",
            )
    assert len(EXTRAS) == 42
    assert with_tasks == 42
    assert with_number >= 33
    assert with_signer >= 35


def test_nfd_text_is_read_like_nfc(samples):
    import unicodedata

    nfc_text = samples("plans/ta-dung-2026.txt")
    a = parse_plan_text(nfc_text)
    b = parse_plan_text(unicodedata.normalize("NFD", nfc_text))
    assert a == b


# ---------------------------------------------------------------- invented plan, full expected dict


def _first_contract(plan: dict) -> dict:
    """The plan as the importer's first contract had it: section II tasks only, without the later keys
    (suggestions, parent, origin; a period's direction and source text; an assignment's ref)."""
    drop = {"suggestions", "parent", "origin"}
    plan["tasks"] = [
        {k: v for k, v in t.items() if k not in drop} for t in plan["tasks"] if t["origin"] == "content"
    ]
    plan["reporting"] = [
        {k: v for k, v in r.items() if k not in ("direction", "text")} for r in plan["reporting"]
    ]
    plan["assignments"] = [{k: v for k, v in a.items() if k != "ref"} for a in plan["assignments"]]
    return plan


def test_fixture_plan_full(fixture_text):
    plan = _first_contract(parse_plan_text(fixture_text("suoi-may-2026.txt")))
    ongoing = {"kind": "ongoing", "date": None, "text": "Thường xuyên"}
    year = {"kind": "within_year", "date": "2026-12-31", "text": "Năm 2026"}
    assert plan == {
        "title": "Tuyên truyền phòng, chống cháy rừng mùa khô năm 2026 trên địa bàn xã Suối Mây",
        "doc_type": "KH",
        "number": "15/KH-UBND",
        "number_code": "KH-UBND",
        "issuer": "ỦY BAN NHÂN DÂN XÃ SUỐI MÂY",
        "place": "Suối Mây",
        "issued_on": "2026-03-20",
        "year": 2026,
        "signer": {
            "name": "Lò Văn Sáng",
            "title": "KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
            "on_behalf": "TM. ỦY BAN NHÂN DÂN",
        },
        "citations": [
            {
                "type": "Kế hoạch",
                "number": "212/KH-UBND",
                "date": "2026-03-05",
                "issuer": "Ủy ban nhân dân tỉnh",
                "title": "về tuyên truyền phòng, chống cháy rừng năm 2026",
            },
            {
                "type": "Chỉ thị",
                "number": "04/CT-UBND",
                "date": "2026-01-10",
                "issuer": "Chủ tịch UBND tỉnh",
                "title": "về tăng cường bảo vệ rừng mùa khô",
            },
        ],
        "basis": [0, 1],
        "sections": [
            {"ref": "I", "title": "MỤC ĐÍCH, YÊU CẦU", "roles": ["purpose"]},
            {"ref": "II", "title": "NỘI DUNG, NHIỆM VỤ", "roles": ["tasks"]},
            {"ref": "III", "title": "TỔ CHỨC THỰC HIỆN", "roles": ["assignments"]},
        ],
        "tasks": [
            {
                "ref": "II.1",
                "content": "Tổ chức hội nghị tuyên truyền tại 06 thôn có rừng giáp ranh",
                "details": [],
                "lead": ["Phòng Kinh tế"],
                "coordinating": ["Công an xã", "Ban Chỉ huy Quân sự xã"],
                "timeframe": {"kind": "within_quarter", "date": "2026-06-30", "text": "Quý II/2026"},
                "output": None,
            },
            {
                "ref": "II.2",
                "content": "Phát sóng chuyên mục “Giữ rừng xanh” trên hệ thống truyền thanh xã",
                "details": [],
                "lead": ["Trung tâm Dịch vụ công"],
                "coordinating": [],
                "timeframe": ongoing,
                "output": None,
            },
            {
                "ref": "II.3",
                "content": "Cấp phát tờ rơi và ký cam kết không đốt nương trái phép",
                "details": [],
                "lead": ["Phòng Văn hóa - Xã hội"],  # the lead its items got
                "coordinating": [],
                "timeframe": year,
                "output": None,
            },
            {
                "ref": "II.3-1",
                "content": "Vận động 100% hộ gia đình sống gần rừng ký cam kết, "
                "hoàn thành trước ngày 15/4/2026.",
                "details": [],
                "lead": ["Phòng Văn hóa - Xã hội"],  # its heading's
                "coordinating": [],
                "timeframe": {"kind": "by_date", "date": "2026-04-15", "text": "trước ngày 15/4/2026"},
                "output": None,
            },
            {
                "ref": "II.3-2",
                "content": "Phòng Văn hóa - Xã hội chủ trì, phối hợp với Ủy ban MTTQ Việt Nam xã "
                "in và cấp phát 2.000 tờ rơi.",
                "details": [],
                "lead": ["Phòng Văn hóa - Xã hội"],
                "coordinating": ["Ủy ban MTTQ Việt Nam xã"],
                "timeframe": year,
                "output": None,
            },
        ],
        "assignments": [
            {
                "unit": "Phòng Kinh tế",
                "duties": [
                    "Chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch này.",
                    "Tổng hợp báo cáo kết quả 6 tháng (trước ngày 10/6/2026) "
                    "và năm (trước ngày 25/11/2026) gửi về UBND xã.",
                ],
            },
            {"unit": "Văn phòng HĐND và UBND xã", "duties": ["Bố trí kinh phí tuyên truyền theo quy định."]},
        ],
        "reporting": [
            {"what": "Báo cáo 6 tháng", "due": "2026-06-10", "from": ["Phòng Kinh tế"], "to": ["UBND xã"]},
            {"what": "Báo cáo năm", "due": "2026-11-25", "from": ["Phòng Kinh tế"], "to": ["UBND xã"]},
        ],
        "recipients": [
            "UBND tỉnh (báo cáo)",
            "Các phòng, ban, đơn vị thuộc xã",
            "Các thôn trên địa bàn xã",
            "Lưu: VT, KT",
        ],
        "footnotes": [],
    }


# ---------------------------------------------------------------- not a plan


def test_empty_text_is_refused():
    with pytest.raises(PlanImportError) as err:
        parse_plan_text("   \n  ")
    assert err.value.code == PlanImportError.EMPTY


def test_random_text_is_not_a_plan():
    text = "Hôm nay trời đẹp. Chúng tôi đi chợ mua rau, cá và trái cây.\nBuổi chiều cả nhà đi dạo công viên."
    with pytest.raises(PlanImportError) as err:
        parse_plan_text(text)
    assert err.value.code == PlanImportError.NOT_A_PLAN
    assert "Không nhận ra đây là một kế hoạch" in err.value.message


def test_title_without_any_items_is_not_a_plan():
    with pytest.raises(PlanImportError):
        parse_plan_text("KẾ HOẠCH\nMột dòng tiêu đề\nChỉ có một đoạn văn mà không có mục nào.")


# ---------------------------------------------------------------- unit names


def test_match_unit_aliases_and_spelling_variants():
    from danvan.plans.importer.units import STANDARD_UNITS, match_unit

    units = list(STANDARD_UNITS)
    assert match_unit("VP HĐND&UBND", units) == "Văn phòng HĐND và UBND"
    assert match_unit("Văn phòng HĐND và UBND xã", units) == "Văn phòng HĐND và UBND"
    assert match_unit("Phòng Văn hóa - Xã hội", units) == "Phòng Văn hóa – Xã hội"
    assert match_unit("phong van hoa – xa hoi", units) == "Phòng Văn hóa – Xã hội"
    assert match_unit("Phòng VHXH", units) == "Phòng Văn hóa – Xã hội"
    assert match_unit("Công an xã", units) == "Công an xã"
    assert match_unit("UBMTTQ", units) == "Ủy ban MTTQ Việt Nam xã"
    assert match_unit("Ủy ban MTTQ Việt Nam xã", units) == "Ủy ban MTTQ Việt Nam xã"
    assert match_unit("Ban Chỉ huy Quân sự xã", units) == "Ban Chỉ huy Quân sự"
    assert match_unit("Sở Nội vụ", units) is None
    assert match_unit("", units) is None
    assert (
        match_unit("Đội Thuế", ["Đội Thuế liên xã"], {"Đội Thuế": "Đội Thuế liên xã"}) == "Đội Thuế liên xã"
    )
