"""Who does each task: section III duties matched to section II tasks by content (our own small plans)."""

from __future__ import annotations

from danvan.plans.importer.parse import is_unit_name, parse_plan_text

HEAD = """ỦY BAN NHÂN DÂN
XÃ SUỐI MÂY
Số: 21/KH-UBND
Suối Mây, ngày 05 tháng 02 năm 2026
KẾ HOẠCH
Công tác dân vận chính quyền năm 2026
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao hiệu quả công tác dân vận chính quyền.
"""
TAIL = """Trên đây là Kế hoạch công tác dân vận chính quyền năm 2026 của UBND xã Suối Mây./.
Nơi nhận:
- UBND tỉnh;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lò Văn Sơn
"""

TASKS = """II. NỘI DUNG THỰC HIỆN
1. Tiếp công dân định kỳ, đối thoại với Nhân dân về đất đai và giải phóng mặt bằng
2. Hướng dẫn người dân nộp hồ sơ trực tuyến trên Cổng dịch vụ công, thanh toán không dùng tiền mặt
3. Tuyên truyền pháp luật về bảo vệ rừng, phòng cháy rừng đến các thôn bằng loa truyền thanh
"""


def plan(tasks: str, duties: str) -> dict:
    return parse_plan_text(HEAD + tasks + "III. TỔ CHỨC THỰC HIỆN\n" + duties + TAIL)


def task(parsed: dict, ref: str) -> dict:
    return next(t for t in parsed["tasks"] if t["ref"] == ref)


def test_duties_go_to_the_task_they_talk_about_not_the_one_at_their_position():
    parsed = plan(
        TASKS,
        "1. Phòng Kinh tế: tuyên truyền pháp luật về bảo vệ rừng và phòng cháy rừng tại các thôn.\n"
        "2. Văn phòng HĐND và UBND xã: tham mưu lịch tiếp công dân, tổ chức đối thoại về đất đai.\n"
        "3. Trung tâm Phục vụ hành chính công: hướng dẫn người dân nộp hồ sơ trực tuyến, thanh toán "
        "không dùng tiền mặt.\n",
    )
    assert task(parsed, "II.1")["lead"] == ["Văn phòng HĐND và UBND xã"]
    assert task(parsed, "II.2")["lead"] == ["Trung tâm Phục vụ hành chính công"]
    assert task(parsed, "II.3")["lead"] == ["Phòng Kinh tế"]
    # Each suggestion keeps the sentence it came from, for the preview to show.
    suggestion = task(parsed, "II.3")["suggestions"][0]
    assert suggestion["source"] == "duty" and suggestion["text"].startswith(
        "Tuyên truyền pháp luật về bảo vệ rừng"
    )


def test_a_duty_that_says_phoi_hop_makes_a_partner_and_the_closest_unit_leads():
    parsed = plan(
        TASKS,
        "1. Công an xã: phối hợp tiếp công dân, đối thoại với Nhân dân về đất đai.\n"
        "2. Văn phòng HĐND và UBND xã: tham mưu tiếp công dân định kỳ, đối thoại với Nhân dân về đất "
        "đai và giải phóng mặt bằng.\n",
    )
    first = task(parsed, "II.1")
    assert first["lead"] == ["Văn phòng HĐND và UBND xã"]
    assert first["coordinating"] == ["Công an xã"]


def test_a_duty_matching_no_task_becomes_the_units_own_task_with_its_time_frame():
    parsed = plan(
        TASKS,
        "1. Phòng Văn hóa - Xã hội: tổng hợp danh sách người có uy tín trong đồng bào dân tộc thiểu số, "
        "gửi UBND xã trước ngày 30/6/2026.\n",
    )
    own = [t for t in parsed["tasks"] if t["origin"] == "assignment"]
    assert len(own) == 1
    assert own[0]["ref"] == "III.1-1"
    assert own[0]["lead"] == ["Phòng Văn hóa - Xã hội"]
    assert (own[0]["timeframe"]["kind"], own[0]["timeframe"]["date"]) == ("by_date", "2026-06-30")


def test_a_heading_naming_two_units_gives_one_task_they_lead_together():
    parsed = plan(
        TASKS,
        "1. Công an xã, Ban Chỉ huy Quân sự xã: nắm tình hình an ninh nông thôn, xử lý tụ điểm phức tạp.\n",
    )
    own = [t for t in parsed["tasks"] if t["origin"] == "assignment"]
    assert [t["lead"] for t in own] == [["Công an xã", "Ban Chỉ huy Quân sự xã"]]


def test_making_ones_own_implementing_plan_is_not_one_more_task():
    parsed = plan(
        TASKS,
        "1. Phòng Kinh tế\n"
        "- Căn cứ Kế hoạch này, xây dựng kế hoạch thực hiện của đơn vị.\n"
        "- Tuyên truyền pháp luật về bảo vệ rừng, phòng cháy rừng tại các thôn.\n",
    )
    assert task(parsed, "II.3")["lead"] == ["Phòng Kinh tế"]
    assert not [t for t in parsed["tasks"] if t["origin"] == "assignment"]


def test_a_named_unit_leads_where_the_text_only_says_all_units():
    tasks = TASKS.replace(
        "bằng loa truyền thanh\n", "bằng loa truyền thanh\n- Cơ quan thực hiện: Các cơ quan, đơn vị.\n"
    )
    parsed = plan(tasks, "1. Phòng Kinh tế: tuyên truyền pháp luật về bảo vệ rừng, phòng cháy rừng.\n")
    third = task(parsed, "II.3")
    assert third["lead"] == ["Phòng Kinh tế"]
    assert "Các cơ quan, đơn vị" in third["coordinating"]


def test_the_plans_standing_unit_leads_what_nothing_assigns_and_is_marked_as_a_guess():
    parsed = plan(
        TASKS,
        "1. Phòng Văn hóa - Xã hội: chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch này.\n"
        "2. Văn phòng HĐND và UBND xã: tham mưu tiếp công dân định kỳ, đối thoại về đất đai.\n",
    )
    second = task(parsed, "II.2")
    assert second["lead"] == ["Phòng Văn hóa - Xã hội"]
    assert [s["source"] for s in second["suggestions"]] == ["plan_owner"]
    assert task(parsed, "II.1")["lead"] == ["Văn phòng HĐND và UBND xã"]


def test_details_stay_with_their_heading_and_leads_pass_between_heading_and_items():
    tasks = (
        "II. NỘI DUNG THỰC HIỆN\n"
        "1. Phát triển mô hình “Dân vận khéo”\n"
        "Mỗi thôn đăng ký ít nhất một mô hình, gắn với xây dựng nông thôn mới.\n"
        "- Hướng dẫn các thôn đăng ký mô hình dân vận khéo trong quý I.\n"
        "- Biểu dương mô hình tiêu biểu dịp tổng kết năm.\n"
    )
    parsed = plan(tasks, "1. Phòng Văn hóa - Xã hội: hướng dẫn các thôn đăng ký mô hình dân vận khéo.\n")
    heading = task(parsed, "II.1")
    assert heading["details"] == ["Mỗi thôn đăng ký ít nhất một mô hình, gắn với xây dựng nông thôn mới."]
    assert heading["lead"] == ["Phòng Văn hóa - Xã hội"]  # the lead its items got
    assert task(parsed, "II.1-2")["lead"] == ["Phòng Văn hóa - Xã hội"]  # its heading's
    assert task(parsed, "II.1-1")["timeframe"]["kind"] == "within_quarter"


def test_a_unit_as_the_subject_of_a_sentence_in_section_iii():
    parsed = plan(
        TASKS,
        "1. Công an xã có trách nhiệm tuyên truyền pháp luật về bảo vệ rừng, phòng cháy rừng ở thôn.\n"
        "2. Giao Trung tâm Phục vụ hành chính công chủ trì hướng dẫn nộp hồ sơ trực tuyến.\n",
    )
    assert [a["unit"] for a in parsed["assignments"]] == ["Công an xã", "Trung tâm Phục vụ hành chính công"]
    assert task(parsed, "II.3")["lead"] == ["Công an xã"]
    assert task(parsed, "II.2")["lead"] == ["Trung tâm Phục vụ hành chính công"]


def test_lettered_duties_under_a_unit_are_its_duties():
    parsed = plan(
        TASKS,
        "1. Phòng Kinh tế\na) Tuyên truyền pháp luật về bảo vệ rừng, phòng cháy rừng.\n"
        "b) Bố trí kinh phí in tờ rơi.\nc) Tổ chức kiểm tra các điểm nóng cháy rừng.\n",
    )
    assert parsed["assignments"] == [
        {
            "unit": "Phòng Kinh tế",
            "ref": "III.1",
            "duties": [
                "Tuyên truyền pháp luật về bảo vệ rừng, phòng cháy rừng.",
                "Bố trí kinh phí in tờ rơi.",
                "Tổ chức kiểm tra các điểm nóng cháy rừng.",
            ],
        }
    ]


def test_unit_names_are_told_from_verbs_by_their_diacritics():
    for name in (
        "Bộ Chỉ huy Quân sự tỉnh",
        "Tổ công tác 1",
        "Sở Nội vụ",
        "Các phòng, ban",
        "Hội Nông dân xã",
    ):
        assert is_unit_name(name), name
    for phrase in (
        "Bố trí kinh phí",
        "Tổ chức hội nghị",
        "Ban hành quy chế",
        "Hội nghị cán bộ",
        "Các nội dung",
    ):
        assert not is_unit_name(phrase), phrase


def test_a_duty_list_with_five_points_gives_five_tasks():
    tasks = (
        "II. NHIỆM VỤ\n"
        "Các phòng, ban thực hiện các nhiệm vụ sau:\n"
        "a) Rà soát quy chế dân chủ của cơ quan.\n"
        "b) Công khai thủ tục hành chính tại trụ sở.\n"
        "c) Tiếp nhận phản ánh, kiến nghị qua hòm thư góp ý.\n"
        "d) Đối thoại với Nhân dân 6 tháng một lần.\n"
        "đ) Báo cáo kết quả về UBND xã.\n"
    )
    parsed = plan(tasks, "1. Phòng Văn hóa - Xã hội: theo dõi, đôn đốc việc thực hiện Kế hoạch này.\n")
    content = [t for t in parsed["tasks"] if t["origin"] == "content"]
    assert len(content) == 5
    assert all(t["lead"] for t in content)


def test_no_organisation_section_means_no_invented_units():
    parsed = parse_plan_text(HEAD + TASKS + TAIL)
    assert parsed["assignments"] == []
    assert all(t["lead"] == [] for t in parsed["tasks"])
