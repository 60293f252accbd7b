"""Task blocks written as lettered fields under a numbered item: "a) Nhiệm vụ: … b) Cơ quan thực hiện:
- Đơn vị chủ trì: … - Đơn vị phối hợp: … c) Thời gian thực hiện: …". The letters are the task's fields,
not three more tasks: the coordinator must see one task with its owner and its deadline."""

from __future__ import annotations

from danvan.plans.importer import parse_plan_text

# Our own plan, written in the style of the provincial plans that use such blocks.
PLAN = """ỦY BAN NHÂN DÂN
XÃ SUỐI MÂY
Số: 21/KH-UBND\tSuối Mây, ngày 02 tháng 4 năm 2026

KẾ HOẠCH
Số hóa hồ sơ hộ tịch năm 2026 trên địa bàn xã Suối Mây

I. MỤC ĐÍCH, YÊU CẦU
1. Người dân tra cứu được giấy tờ hộ tịch của mình trên cổng dịch vụ công.
II. NHIỆM VỤ
1. Về dữ liệu
1.1. Số hóa sổ hộ tịch lưu trữ:
a) Nhiệm vụ: Quét và nhập liệu sổ đăng ký khai sinh, kết hôn từ năm 1990 đến nay.
b) Cơ quan thực hiện:
- Đơn vị chủ trì: Văn phòng HĐND và UBND xã.
- Đơn vị phối hợp: Công an xã; Trung tâm Dịch vụ công.
c) Thời gian thực hiện: Hoàn thành trong năm 2026.
1.2. Cập nhật dữ liệu dân cư:
a) Nhiệm vụ:
- Đối chiếu dữ liệu hộ tịch với dữ liệu dân cư của từng thôn.
- Sửa các sai lệch về họ tên, ngày sinh theo giấy tờ gốc.
b) Cơ quan thực hiện:
- Đơn vị chủ trì: Công an xã.
- Đơn vị phối hợp: Văn phòng HĐND và UBND xã.
c) Thời gian thực hiện: Thực hiện thường xuyên.
III. TỔ CHỨC THỰC HIỆN
1. Văn phòng HĐND và UBND xã theo dõi, đôn đốc việc thực hiện Kế hoạch này.

CHỦ TỊCH
Lò Văn Sáng
"""


def _tasks() -> dict[str, dict]:
    return {t["ref"]: t for t in parse_plan_text(PLAN)["tasks"] if t["origin"] == "content"}


def test_the_lettered_fields_are_the_numbered_tasks_own():
    tasks = _tasks()
    assert not [ref for ref in tasks if ref.rsplit(".", 1)[-1] in ("a", "b", "c")]
    first = tasks["II.1.1"]
    assert first["lead"] == ["Văn phòng HĐND và UBND xã"]
    assert first["coordinating"] == ["Công an xã", "Trung tâm Dịch vụ công"]
    assert first["timeframe"] == {
        "kind": "within_year",
        "date": "2026-12-31",
        "text": "Hoàn thành trong năm 2026",
    }
    # What the task is lies in "Nhiệm vụ:": kept as its text, not lost.
    assert first["details"] == ["Quét và nhập liệu sổ đăng ký khai sinh, kết hôn từ năm 1990 đến nay."]


def test_the_bullets_under_nhiem_vu_are_the_tasks_parts_with_its_owner():
    tasks = _tasks()
    second = tasks["II.1.2"]
    assert second["lead"] == ["Công an xã"]
    assert second["timeframe"]["kind"] == "ongoing"
    parts = [t for t in tasks.values() if t["parent"] == "II.1.2"]
    assert [t["content"] for t in parts] == [
        "Đối chiếu dữ liệu hộ tịch với dữ liệu dân cư của từng thôn.",
        "Sửa các sai lệch về họ tên, ngày sinh theo giấy tờ gốc.",
    ]
    assert all(t["lead"] == ["Công an xã"] and t["timeframe"]["kind"] == "ongoing" for t in parts)


def test_no_sample_plan_makes_a_task_of_a_field_label(samples):
    """On the real plans (skipped without ../shared/samples): no task is a bare field label."""
    from tests.plans.importer.conftest import SAMPLES

    labels = ("Nhiệm vụ:", "Cơ quan thực hiện:", "Thời gian thực hiện:", "Đơn vị thực hiện:")
    samples("plans-extra/010.txt")  # skips when the folder is absent
    wrong = []
    for path in sorted((SAMPLES / "plans").glob("*.txt")) + sorted((SAMPLES / "plans-extra").glob("*.txt")):
        text = samples(str(path.relative_to(SAMPLES)))
        for task in parse_plan_text(text)["tasks"]:
            if task["content"].startswith(labels):
                wrong.append(f"{path.name} {task['ref']}: {task['content'][:60]}")
    assert wrong == []
