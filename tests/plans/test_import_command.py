"""`danvan import_plan FILE`: what an administrator types to read a plan and save it as a draft."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from danvan.core.models import AuditEvent
from danvan.geo.models import Commune
from danvan.plans.importer.extract import MSG_EMPTY, MSG_LEGACY_DOC
from danvan.plans.importer.parse import NOT_A_PLAN_MESSAGE
from danvan.plans.models import LegalDocument, Plan, PlanCitation, ReportingPeriod, Task
from tests.plans.conftest import DEMO_PLAN

# The importer's JSON contract: every key the preview and other tools read.
CONTRACT_KEYS = {
    "title",
    "doc_type",
    "number",
    "number_code",
    "issuer",
    "place",
    "issued_on",
    "year",
    "signer",
    "citations",
    "basis",
    "sections",
    "assignments",
    "tasks",
    "reporting",
    "recipients",
    "footnotes",
}


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_plan", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def nothing_saved() -> bool:
    return not (
        Plan.objects.exists()
        or Task.objects.exists()
        or LegalDocument.objects.exists()
        or PlanCitation.objects.exists()
        or ReportingPeriod.objects.exists()
        or AuditEvent.objects.filter(action__startswith="plans.").exists()
    )


@pytest.mark.django_db
def test_saves_the_plan_as_a_draft_of_the_commune(commune):
    out, err = run(str(DEMO_PLAN), "--commune", "24637")
    plan = Plan.objects.get()
    assert out == ""
    assert err.strip() == (
        f"Đã lưu dự thảo kế hoạch #{plan.pk} “Thực hiện công tác dân vận chính quyền và dân chủ ở cơ sở "
        "năm 2026” vào Xã Tà Đùng: 22 nhiệm vụ, 6 văn bản trích dẫn, 4 kỳ báo cáo."
    )
    assert (plan.commune, plan.status, plan.number) == (commune, Plan.Status.DRAFT, "18/KH-UBND")
    assert plan.tasks.count() == 22
    assert plan.source_name == DEMO_PLAN.name
    assert plan.created_by is None
    # Mapped to the commune's units as the preview proposes; no unit invented.
    assert plan.tasks.get(ref="II.9").lead_units.get().name == "Phòng Kinh tế"
    assert commune.units.count() == 8
    event = AuditEvent.objects.get(action="plans.plan_import")
    assert (event.actor, event.actor_name, event.commune) == (None, "hệ thống", commune)


@pytest.mark.django_db
def test_the_only_active_commune_needs_no_code(commune):
    run(str(DEMO_PLAN))
    assert Plan.objects.get().commune == commune


@pytest.mark.django_db
def test_with_several_communes_the_code_is_required(commune, neighbour):
    with pytest.raises(CommandError) as err:
        run(str(DEMO_PLAN))
    assert "Hãy chọn xã bằng --commune MÃ_XÃ." in str(err.value)
    assert nothing_saved()


@pytest.mark.django_db
def test_an_unknown_or_inactive_commune_is_refused(commune, lam_dong):
    with pytest.raises(CommandError) as err:
        run(str(DEMO_PLAN), "--commune", "99999")
    assert "Không có xã/phường mã “99999”." in str(err.value)
    Commune.objects.create(
        code="24641", name="Xã Đinh Trang Thượng", province=lam_dong, division_type="xã", slug="dtt"
    )
    with pytest.raises(CommandError) as err:
        run(str(DEMO_PLAN), "--commune", "24641")
    assert "Xã Đinh Trang Thượng chưa được kích hoạt trên hệ thống." in str(err.value)
    assert nothing_saved()


@pytest.mark.django_db
def test_dry_run_json_prints_the_contract_and_saves_nothing(commune):
    audit_before = AuditEvent.objects.count()
    out, err = run(str(DEMO_PLAN), "--commune", "24637", "--dry-run", "--json")
    data = json.loads(out)
    assert set(data) == CONTRACT_KEYS
    assert data["number"] == "18/KH-UBND"
    assert data["issued_on"] == "2026-01-20"
    assert len(data["tasks"]) == 22
    assert set(data["tasks"][0]) >= {"ref", "content", "lead", "coordinating", "timeframe"}
    assert data["tasks"][0]["lead"] == ["Phòng Văn hóa – Xã hội"]
    # Vietnamese letters as they are, not \u escapes, so the file reads well.
    assert "Phòng Văn hóa – Xã hội" in out
    assert err == ""
    assert nothing_saved()
    assert AuditEvent.objects.count() == audit_before


@pytest.mark.django_db
def test_dry_run_without_json_prints_a_summary(commune):
    out, _ = run(str(DEMO_PLAN), "--dry-run")
    assert out.splitlines() == [
        "Tên: Thực hiện công tác dân vận chính quyền và dân chủ ở cơ sở năm 2026",
        "Số: 18/KH-UBND; ngày: 2026-01-20; năm: 2026",
        "Nhiệm vụ: 22; văn bản trích dẫn: 6; kỳ báo cáo: 4",
    ]
    assert nothing_saved()


@pytest.mark.django_db
def test_json_and_save_keep_stdout_clean_json(commune):
    out, err = run(str(DEMO_PLAN), "--commune", "24637", "--json")
    assert json.loads(out)["title"] == Plan.objects.get().title
    assert err.startswith("Đã lưu dự thảo kế hoạch")


# --- bad files through the real command line ---------------------------------------------------


def cli(tmp_path, *args) -> subprocess.CompletedProcess:
    """The real `danvan` entry point. The database it is given does not exist: these runs must fail
    on the file before they touch it."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'no-such-folder' / 'danvan.sqlite3'}",
        "DANVAN_SECRET_KEY": "khoa-bi-mat-chi-de-thu",
    }
    return subprocess.run(
        [sys.executable, "-m", "danvan.manage", "import_plan", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("ke-hoach.txt", b"", MSG_EMPTY),
        ("ghi-chu.txt", "Họp tổ dân phố tối thứ Sáu, mang theo sổ hộ khẩu.\n".encode(), NOT_A_PLAN_MESSAGE),
        ("ke-hoach.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024, MSG_LEGACY_DOC),
    ],
    ids=["empty", "not-a-plan", "legacy-doc"],
)
def test_cli_refuses_a_bad_file_with_a_vietnamese_message(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    proc = cli(tmp_path, str(path), "--dry-run")
    assert proc.returncode != 0
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert not (tmp_path / "no-such-folder").exists()


def test_cli_refuses_a_missing_file(tmp_path):
    missing = tmp_path / "khong-co.docx"
    proc = cli(tmp_path, str(missing), "--dry-run")
    assert proc.returncode != 0
    assert f"Không tìm thấy tệp “{missing}”." in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_cli_reads_the_demo_plan_without_a_database(tmp_path):
    proc = cli(tmp_path, str(DEMO_PLAN), "--dry-run", "--json")
    assert proc.returncode == 0, proc.stderr
    assert set(json.loads(proc.stdout)) == CONTRACT_KEYS


@pytest.mark.django_db
def test_dry_run_json_carries_what_the_text_says_about_who_and_when(commune, tmp_path):
    # Section II names no unit; section III says who does what and when reports are due.
    text = (
        "ỦY BAN NHÂN DÂN\nXÃ TÀ ĐÙNG\nSố: 30/KH-UBND\nTà Đùng, ngày 02 tháng 3 năm 2026\nKẾ HOẠCH\n"
        "Tuyên truyền chuyển đổi số năm 2026\nI. MỤC ĐÍCH, YÊU CẦU\n1. Người dân biết dùng dịch vụ công.\n"
        "II. NỘI DUNG\n1. Hướng dẫn người dân cài đặt ứng dụng định danh điện tử tại thôn\n"
        "Mỗi thôn một buổi hướng dẫn, hoàn thành trước ngày 30/6/2026.\n"
        "III. TỔ CHỨC THỰC HIỆN\n1. Công an xã: hướng dẫn người dân cài đặt ứng dụng định danh điện tử; "
        "phối hợp với các thôn.\n2. Các đơn vị gửi báo cáo năm về UBND xã trước ngày 15/11/2026.\n"
        "Trên đây là Kế hoạch của UBND xã Tà Đùng./.\n"
    )
    path = tmp_path / "chuyen-doi-so.txt"
    path.write_text(text, encoding="utf-8")
    out, err = run(str(path), "--commune", "24637", "--dry-run", "--json")
    (task,) = [t for t in json.loads(out)["tasks"] if t["ref"] == "II.1"]
    assert task["lead"] == ["Công an xã"]
    assert task["details"] == ["Mỗi thôn một buổi hướng dẫn, hoàn thành trước ngày 30/6/2026."]
    assert (task["timeframe"]["kind"], task["timeframe"]["date"]) == ("by_date", "2026-06-30")
    assert json.loads(out)["reporting"][0]["direction"] == "units"
    assert err == ""
    assert nothing_saved()


@pytest.mark.django_db
def test_a_plan_of_another_commune_is_pointed_out(commune, tmp_path):
    path = tmp_path / "hong-phong.txt"
    path.write_text(DEMO_PLAN.read_text(encoding="utf-8").replace("XÃ TÀ ĐÙNG", "XÃ HỒNG PHONG", 1), "utf-8")
    _, err = run(str(path), "--commune", "24637", "--dry-run")
    assert "Chú ý: Văn bản này do “ỦY BAN NHÂN DÂN XÃ HỒNG PHONG” ban hành, không phải Xã Tà Đùng." in err
    assert nothing_saved()
