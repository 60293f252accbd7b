"""`danvan import_plan FILE [--commune CODE] [--dry-run] [--json]`: read a plan and save it as a draft."""

from __future__ import annotations

import hashlib
import json as _json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.core.errors import ServiceError
from danvan.geo.models import Commune
from danvan.plans.import_preview import issuer_warning
from danvan.plans.importer import PlanImportError, import_plan
from danvan.plans.models import Plan
from danvan.plans.services import CREATE_UNIT, plan_import, unit_map_default, unit_names_in


class Command(BaseCommand):
    help = "Đọc kế hoạch (.docx, .pdf, .txt) và lưu vào xã dưới dạng dự thảo; --json in cấu trúc đọc được."

    def add_arguments(self, parser):
        parser.add_argument("file", help="đường dẫn tệp kế hoạch")
        parser.add_argument("--commune", help="mã xã/phường (5 chữ số), ví dụ 24637")
        parser.add_argument("--dry-run", action="store_true", help="chỉ đọc, không lưu")
        parser.add_argument("--json", action="store_true", help="in kết quả đọc dưới dạng JSON")
        parser.add_argument("--again", action="store_true", help="nhập lại một tệp đã nhập (tạo dự thảo mới)")

    def handle(self, *args, file, commune=None, dry_run=False, **options):
        as_json = options["json"]
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp “{file}”. (Hint: file not found.)")
        raw = path.read_bytes()
        try:
            data = import_plan(raw, path.name)
        except PlanImportError as exc:
            raise CommandError(f"{exc.message} (Hint: {exc.code})") from exc
        if as_json:
            self.stdout.write(_json.dumps(data, ensure_ascii=False, indent=2))
        if commune:
            warning = issuer_warning(data, self._commune(commune))
            if warning:
                self.stderr.write(f"Chú ý: {warning}")
        if dry_run:
            if not as_json:
                self.stdout.write(_summary(data))
            return
        target = self._commune(commune)
        digest = hashlib.sha256(raw).hexdigest()
        already = Plan.objects.filter(commune=target, source_sha256=digest).first()
        if already and not options["again"]:
            raise CommandError(
                f"Tệp này đã được nhập vào {target.name} thành kế hoạch #{already.pk}; "
                "thêm --again nếu thật sự muốn nhập lại. (Hint: already imported.)"
            )
        names = unit_names_in(data)
        unit_map = unit_map_default(commune=target, names=names)
        try:
            plan = plan_import(
                commune=target,
                data=data,
                unit_map=unit_map,
                by=None,
                source_name=path.name,
                source_sha256=digest,
            )
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        created = [n for n, c in unit_map.items() if c == CREATE_UNIT]
        # On stderr, so that `--json > plan.json` leaves a clean JSON file.
        self.stderr.write(
            f"Đã lưu dự thảo kế hoạch #{plan.pk} “{plan.title}” vào {target.name}: "
            f"{plan.tasks.count()} nhiệm vụ, "
            f"{plan.plan_citations.count()} văn bản trích dẫn, {plan.periods.count()} kỳ báo cáo."
            + (f" Đơn vị mới: {', '.join(created)}." if created else "")
        )

    def _commune(self, code: str | None) -> Commune:
        if code:
            commune = Commune.objects.filter(code=code).first()
            if commune is None:
                raise CommandError(f"Không có xã/phường mã “{code}”. (Hint: unknown commune code.)")
            if not commune.is_active:
                raise CommandError(
                    f"{commune.name} chưa được kích hoạt trên hệ thống. (Hint: commune not active.)"
                )
            return commune
        active = list(Commune.objects.filter(is_active=True)[:2])
        if len(active) != 1:
            raise CommandError("Hãy chọn xã bằng --commune MÃ_XÃ. (Hint: --commune CODE is required.)")
        return active[0]


def _summary(data: dict) -> str:
    lines = [
        f"Tên: {data.get('title')}",
        f"Số: {data.get('number') or '(để trống)'}; ngày: {data.get('issued_on') or '(để trống)'}; "
        f"năm: {data.get('year')}",
        f"Nhiệm vụ: {len(data.get('tasks', []))}; văn bản trích dẫn: {len(data.get('citations', []))}; "
        f"kỳ báo cáo: {len(data.get('reporting', []))}",
    ]
    return "\n".join(lines)
