"""Task tables in an appendix (Phụ lục), as the extractor linearises a Word table (our own plan)."""

from __future__ import annotations

from danvan.plans.importer.tables import appendix_tasks


def linearised(rows: list[list[str]]) -> str:
    """The text extract._docx_text writes for a table: '|' before each cell, '|' closing each row."""
    lines: list[str] = []
    for row in rows:
        for cell in row:
            lines.append("|")
            lines.extend(cell.split("\n"))
        lines.append("|")
    return "\n".join(lines)


TEXT = "Trên đây là Kế hoạch./.\nPHỤ LỤC\nDANH MỤC NHIỆM VỤ\n" + linearised(
    [
        ["TT", "Nội dung thực hiện", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
        ["I", "TUYÊN TRUYỀN"],
        ["1", "In tờ rơi về phòng cháy rừng", "Phòng Kinh tế", "- Công an xã\n- Các thôn", "Quý II/2026"],
        ["2", "Phát thanh trên loa các thôn", "Trung tâm Dịch vụ công", "", "Thường xuyên"],
        ["II", "KIỂM TRA"],
        ["1", "Kiểm tra các điểm nóng cháy rừng", "Công an xã", "Phòng Kinh tế", "Trước ngày\n30/4/2026"],
    ]
)


def test_each_numbered_row_is_a_task_with_its_units_and_time():
    tasks = appendix_tasks(TEXT, 2026)
    assert [t["ref"] for t in tasks] == ["PL.I.1", "PL.I.2", "PL.II.1"]
    first, second, third = tasks
    assert first["content"] == "In tờ rơi về phòng cháy rừng"
    assert first["lead"] == ["Phòng Kinh tế"]
    assert first["coordinating"] == ["Công an xã", "Các thôn"]
    assert (first["timeframe"]["kind"], first["timeframe"]["date"]) == ("within_quarter", "2026-06-30")
    assert second["coordinating"] == [] and second["timeframe"]["kind"] == "ongoing"
    assert (third["timeframe"]["kind"], third["timeframe"]["date"]) == ("by_date", "2026-04-30")
    assert all(t["origin"] == "appendix" for t in tasks)


def test_a_table_without_a_lead_column_is_not_a_task_list():
    scores = "PHỤ LỤC\n" + linearised([["STT", "Tiêu chí", "Điểm"], ["1", "Có kế hoạch", "10"]])
    assert appendix_tasks(scores, 2026) == []


def test_no_appendix_no_tasks():
    assert (
        appendix_tasks(linearised([["TT", "Nội dung", "Chủ trì"], ["1", "Việc", "Phòng Kinh tế"]]), 2026)
        == []
    )


def test_a_table_just_above_the_appendix_heading_does_not_shift_its_columns():
    """The signature block is often a table: its closing "|" sits right above "PHỤ LỤC". The heading is
    not a cell of the task table, so each task keeps its own content, lead, partners and time."""
    signature = linearised([["Nơi nhận:\n- Như trên;", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLò Văn Sáng"]])
    text = (
        "Trên đây là Kế hoạch./.\n"
        + signature
        + "\n\n\n**PHỤ LỤC**\n\nDANH MỤC NHIỆM VỤ\n"
        + TEXT.split("DANH MỤC NHIỆM VỤ\n", 1)[1]
    )
    tasks = appendix_tasks(text, 2026)
    assert [t["ref"] for t in tasks] == ["PL.I.1", "PL.I.2", "PL.II.1"]
    assert tasks[0]["content"] == "In tờ rơi về phòng cháy rừng"
    assert tasks[0]["lead"] == ["Phòng Kinh tế"]
    assert tasks[0]["coordinating"] == ["Công an xã", "Các thôn"]
    assert tasks[0]["timeframe"]["kind"] == "within_quarter"


def test_no_sample_appendix_task_is_named_by_its_row_number(samples):
    """On the real plans (skipped without ../shared/samples): an appendix task's name is its content."""
    from danvan.plans.importer import parse_plan_text
    from tests.plans.importer.conftest import SAMPLES

    samples("plans-extra/011.txt")  # skips when the folder is absent
    numbered = []
    for path in sorted((SAMPLES / "plans-extra").glob("*.txt")):
        for task in parse_plan_text(samples(f"plans-extra/{path.name}"))["tasks"]:
            if task["origin"] == "appendix" and task["content"].strip(" .").isdigit():
                numbered.append(f"{path.name} {task['ref']}")
    assert numbered == []
