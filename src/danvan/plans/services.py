"""Every write to plans: import, issue/close, sub-plans; progress, units' periodic reports and reminders are
in `unit_reports.py`, named here too for the callers that take every plan service from this module."""

from __future__ import annotations

import hashlib
import re
from datetime import date

from django.db import transaction
from django.db.models import Q

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.org.models import Unit
from danvan.org.services import unit_create
from danvan.plans.import_picks import CREATE_UNIT, KEEP_AS_TEXT, apply_picks, pick_creations
from danvan.plans.importer import PlanImportError, import_plan
from danvan.plans.importer.parse import is_unit_name
from danvan.plans.importer.units import match_unit
from danvan.plans.models import (
    LegalDocument,
    Plan,
    PlanCitation,
    PlanImportDraft,
    ReportingPeriod,
    Task,
    Timeframe,
)
from danvan.plans.rules import (
    DATED,
    PLAN_TRANSITIONS,
)
from danvan.plans.unit_reports import (
    reminders_send,
    task_progress_add,
    unit_report_return,
    unit_report_save,
    unit_report_submit,
)
from danvan.text.normalize import fold

# How the preview maps each unit name found in the document.
UNIT_NAME_MAX = Unit._meta.get_field("name").max_length
ALL_UNITS = "__all__"  # "Các phòng, ban, đơn vị": every active unit of the commune


# --- import -------------------------------------------------------------------------------------


def unit_names_in(data: dict) -> list[str]:
    """Every distinct unit name the tasks mention, in order of first appearance."""
    seen: dict[str, str] = {}
    for task in data.get("tasks", []):
        for name in [*task.get("lead", []), *task.get("coordinating", [])]:
            name = " ".join(str(name).split())
            if name and fold(name) not in seen:
                seen[fold(name)] = name
    return list(seen.values())


def _is_group(name: str) -> bool:
    key = fold(name)
    return key.startswith("cac ") or key.startswith("tat ca") or key.startswith("moi ")


def _names_a_body(name: str) -> bool:
    """Whether a name read as a task's owner can be a unit: it starts like a body's name ("Phòng …",
    "Hội …", "Công an …") and says which one (a bare "Ban" or "Trường" is a word cut off a line)."""
    return is_unit_name(name) and len(name.split()) >= 2


def unit_map_default(*, commune, names: list[str]) -> dict[str, str]:
    """What the preview proposes: a matching unit, all units for a group, or a new unit."""
    units = list(Unit.objects.filter(commune=commune, is_active=True).values_list("pk", "name"))
    by_name = {name: str(pk) for pk, name in units}
    proposal = {}
    for name in names:
        matched = match_unit(name, list(by_name))
        if matched:
            proposal[name] = by_name[matched]
        elif _is_group(name):
            proposal[name] = ALL_UNITS
        elif fold(name).startswith(("ubnd", "uy ban nhan dan")) or "tinh" in fold(name).split():
            proposal[name] = KEEP_AS_TEXT
        elif len(name) > UNIT_NAME_MAX or not _names_a_body(name):
            # Longer than any unit's name can be (a list of bodies, a sentence read as a name: a new unit
            # would be refused and the whole plan with it), or not a body's name at all (a table's time
            # column "Quý IV/2025", "Hằng năm", "2026" or a task heading read as the owner): proposed as
            # the task's text, so saving the preview does not fill the commune with false units.
            proposal[name] = KEEP_AS_TEXT
        else:
            proposal[name] = CREATE_UNIT
    return proposal


def plan_import_read(*, commune, raw: bytes, filename: str, by) -> PlanImportDraft:
    """Read an uploaded plan into a draft the coordinator reviews; nothing of the commune's plans changes
    until the preview is saved. An unreadable file raises ServiceError with the importer's message."""
    try:
        parsed = import_plan(raw, filename)
    except PlanImportError as exc:
        raise ServiceError(exc.message, code=exc.code, field="file") from exc
    with transaction.atomic():
        draft = PlanImportDraft.objects.create(
            commune=commune,
            parsed=parsed,
            source_name=filename[:255],
            source_sha256=hashlib.sha256(raw).hexdigest(),
            created_by=by,
        )
        audit_record(
            actor=by,
            action="plans.import_read",
            obj=draft,
            commune=commune,
            after={"file": filename[:255], "tasks": len(parsed.get("tasks", []))},
        )
    return draft


def _document_key(doc_type: str, number: str | None, title: str | None) -> str:
    return f"{fold(doc_type)}|{fold(number) if number else 'title:' + fold(title or '')}"[:400]


def _legal_document(citation: dict) -> LegalDocument:
    doc_type = (citation.get("type") or "Văn bản")[:40]
    number = (citation.get("number") or "")[:60]
    key = _document_key(doc_type, number or None, citation.get("title"))
    issued = _parse_date(citation.get("date"), field="citation")
    doc, created = LegalDocument.objects.get_or_create(
        key=key,
        defaults={
            "doc_type": doc_type,
            "number": number,
            "title": (citation.get("title") or "")[:300],
            "issued_on": issued,
            "issuer": (citation.get("issuer") or "")[:200],
        },
    )
    # A later plan may know the date or issuer an earlier one left out.
    missing = {}
    if not doc.issued_on and issued:
        missing["issued_on"] = issued
    if not doc.issuer and citation.get("issuer"):
        missing["issuer"] = citation["issuer"][:200]
    if missing and not created:
        LegalDocument.objects.filter(pk=doc.pk).update(**missing)
    return doc


def _parse_date(value, *, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ServiceError(f"Ngày “{value}” không hợp lệ.", field=field) from exc


def _resolve_units(names, unit_map, commune_units, created) -> tuple[list[Unit], str]:
    units: dict[int, Unit] = {}
    for raw in names:
        name = " ".join(str(raw).split())
        choice = unit_map.get(name, KEEP_AS_TEXT)
        if choice == ALL_UNITS:
            units.update({u.pk: u for u in commune_units if u.is_active})
        elif choice == CREATE_UNIT:
            unit = created[fold(name)]
            units[unit.pk] = unit
        elif choice != KEEP_AS_TEXT:
            unit = next((u for u in commune_units if str(u.pk) == str(choice)), None)
            if unit is None:
                raise ServiceError(f"Đơn vị đã chọn cho “{name}” không thuộc xã này.", field="units")
            units[unit.pk] = unit
    return list(units.values()), "; ".join(" ".join(str(n).split()) for n in names)[:500]


def _period_from(entry: dict) -> dict:
    what = " ".join(str(entry.get("what") or "Báo cáo").split())[:200]
    to = "; ".join(entry.get("to") or [])
    key = fold(what)
    kind = (
        ReportingPeriod.Kind.SIX_MONTHS
        if "6 thang" in key
        else ReportingPeriod.Kind.YEAR
        if re.search(r"\bnam\b", key)
        else ReportingPeriod.Kind.OTHER
    )
    # The importer says which way a report goes; an entry typed in the preview is judged by its recipient.
    direction = entry.get("direction")
    if direction not in ReportingPeriod.Direction.values:
        to_province = any(w in fold(to) for w in ("tinh", "so noi vu", "ban dan van"))
        direction = (
            ReportingPeriod.Direction.COMMUNE_TO_PROVINCE
            if to_province
            else ReportingPeriod.Direction.UNITS_TO_COMMUNE
        )
    return {"name": what, "kind": kind, "direction": direction, "recipient": to[:300]}


def plan_import(
    *,
    commune,
    data: dict,
    unit_map: dict[str, str],
    by,
    source_name: str = "",
    source_sha256: str = "",
    draft: PlanImportDraft | None = None,
) -> Plan:
    """Save an imported (and possibly corrected) plan as a draft, with its tasks, citations and
    reporting periods. Units chosen as new are created first; nothing is saved if anything is wrong."""
    title = " ".join(str(data.get("title") or "").split())
    if not title:
        raise ServiceError("Kế hoạch chưa có tên. Vui lòng nhập tên kế hoạch.", field="title")
    tasks = [t for t in data.get("tasks", []) if " ".join(str(t.get("content") or "").split())]
    if not tasks:
        raise ServiceError(
            "Không tìm thấy nhiệm vụ nào trong kế hoạch. "
            "Hãy kiểm tra tệp, hoặc thêm nhiệm vụ ở màn hình xem trước.",
            field="tasks",
        )
    year = data.get("year")
    if year is not None and not (2000 <= int(year) <= 2100):
        raise ServiceError("Năm của kế hoạch không hợp lệ.", field="year")
    issued_on = _parse_date(data.get("issued_on"), field="issued_on")
    for task in tasks:
        kind = (task.get("timeframe") or {}).get("kind", Timeframe.UNSPECIFIED)
        if kind not in Timeframe.values:
            raise ServiceError(
                f"Thời gian thực hiện của nhiệm vụ {task.get('ref', '')} không hợp lệ.", field="tasks"
            )
        if kind in DATED and not (task.get("timeframe") or {}).get("date"):
            raise ServiceError(
                f"Nhiệm vụ {task.get('ref', '')} có thời hạn nhưng chưa có ngày. Vui lòng nhập ngày.",
                field="tasks",
            )
    signer = data.get("signer") or {}

    with transaction.atomic():
        if draft is not None:
            # Locked, so a double click on "Lưu kế hoạch" saves the plan once.
            draft = PlanImportDraft.objects.select_for_update().get(pk=draft.pk)
            if draft.plan_id:
                raise ServiceError("Bản đọc này đã được lưu thành kế hoạch.", code="already_saved")
        created_units: dict[str, Unit] = {}
        for name, choice in [*unit_map.items(), *pick_creations(tasks)]:
            if choice == CREATE_UNIT and fold(name) not in created_units:
                existing = match_unit(
                    name, list(Unit.objects.filter(commune=commune).values_list("name", flat=True))
                )
                unit = (
                    Unit.objects.get(commune=commune, name=existing)
                    if existing
                    else unit_create(commune=commune, name=name, by=by)
                )
                created_units[fold(name)] = unit
        commune_units = list(Unit.objects.filter(commune=commune))

        citations = data.get("citations") or []
        documents = [_legal_document(c) for c in citations]
        basis = {i for i in data.get("basis") or [] if isinstance(i, int) and 0 <= i < len(documents)}
        parent_document = next(
            (documents[i] for i in sorted(basis) if documents[i].doc_type == "Kế hoạch"), None
        )
        plan = Plan.objects.create(
            commune=commune,
            number=(data.get("number") or "")[:60],
            title=title[:500],
            issued_on=issued_on,
            year=year or (issued_on.year if issued_on else None),
            issuer=(data.get("issuer") or "")[:200],
            signer_name=(signer.get("name") or "")[:120],
            signer_title=(signer.get("title") or "")[:120],
            recipients=[str(r)[:300] for r in data.get("recipients") or []],
            parent_document=parent_document,
            source_name=source_name[:255],
            source_sha256=source_sha256,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        seen_docs = set()
        for order, doc in enumerate(documents):
            if doc.pk not in seen_docs:
                seen_docs.add(doc.pk)
                PlanCitation.objects.create(plan=plan, document=doc, is_basis=order in basis, order=order)

        for order, item in enumerate(tasks, start=1):
            frame = item.get("timeframe") or {}
            leads, lead_text = _resolve_units(item.get("lead") or [], unit_map, commune_units, created_units)
            coords, coord_text = _resolve_units(
                item.get("coordinating") or [], unit_map, commune_units, created_units
            )
            leads, coords = apply_picks(item, leads, coords, commune_units, created_units)
            task = Task.objects.create(
                plan=plan,
                ref=str(item.get("ref") or "")[:30],
                order=order,
                content=" ".join(str(item["content"]).split()),
                details="\n".join(
                    " ".join(str(d).split()) for d in item.get("details") or [] if str(d).strip()
                ),
                lead_text=lead_text,
                coordinating_text=coord_text,
                timeframe=frame.get("kind") or Timeframe.UNSPECIFIED,
                due_date=_parse_date(frame.get("date"), field="tasks"),
                timeframe_text=str(frame.get("text") or "")[:200],
            )
            task.lead_units.set(leads)
            task.coordinating_units.set([u for u in coords if u.pk not in {x.pk for x in leads}])

        for entry in data.get("reporting") or []:
            due = _parse_date(entry.get("due"), field="reporting")
            if due:
                ReportingPeriod.objects.create(plan=plan, due_date=due, **_period_from(entry))

        if draft is not None:
            draft.plan = plan
            draft.save(update_fields=["plan"])
        audit_record(
            actor=by,
            action="plans.plan_import",
            obj=plan,
            after={
                "title": plan.title,
                "tasks": len(tasks),
                "citations": len(seen_docs),
                "periods": plan.periods.count(),
                "units_created": [u.name for u in created_units.values()],
                "source": source_name,
            },
        )
    return plan


# --- plan life cycle ------------------------------------------------------------------------------


def _move_plan(plan: Plan, to: str, by, **changes) -> Plan:
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if to not in PLAN_TRANSITIONS[plan.status]:
            raise ServiceError(
                f"Không thể chuyển kế hoạch từ “{plan.get_status_display()}” sang “{Plan.Status(to).label}”.",
                code="bad_transition",
            )
        fields = ["status", "number", "issued_on", "year"]
        before = snapshot(plan, fields)
        plan.status = to
        for name, value in changes.items():
            setattr(plan, name, value)
        plan.save(update_fields=["status", *changes])
        audit_record(
            actor=by, action=f"plans.plan_{to}", obj=plan, before=before, after=snapshot(plan, fields)
        )
    return plan


_NUMBER = re.compile(r"^\d+[A-Za-zĐđ]?/[A-ZĐa-zđ0-9-]+$")


def plan_issue(*, plan: Plan, number: str, issued_on: date | None, by) -> Plan:
    """Ban hành: the plan gets its number and date; from now on units report against it."""
    number = (number or "").strip()
    if not _NUMBER.match(number):
        raise ServiceError("Số kế hoạch chưa đúng dạng, ví dụ 18/KH-UBND.", field="number")
    if issued_on is None:
        raise ServiceError("Vui lòng nhập ngày ban hành.", field="issued_on")
    return _move_plan(
        plan, Plan.Status.ISSUED, by, number=number, issued_on=issued_on, year=plan.year or issued_on.year
    )


def plan_close(*, plan: Plan, by) -> Plan:
    return _move_plan(plan, Plan.Status.CLOSED, by)


# Words that name villages in a plan's "chủ trì/phối hợp" lines. Not "bản": folded it is "ban", which
# would also match "Ban Chỉ huy Quân sự".
_VILLAGE_WORDS = re.compile(r"\b(thon|to dan pho|buon|bon|khu pho)\b")


def _village_tasks(parent: Plan, village) -> list[Task]:
    """Tasks a village carries out: those whose lead or partners name villages in general
    ("các thôn", "thôn, tổ dân phố") or this village by name."""
    name = fold(village.name)
    out = []
    for task in parent.tasks.order_by("order"):
        text = fold(f"{task.lead_text}; {task.coordinating_text}")
        if name in text or _VILLAGE_WORDS.search(text):
            out.append(task)
    return out


def subplan_create(*, parent: Plan, by, unit: Unit | None = None, village=None) -> Plan:
    """A unit's or a village's own plan implementing the commune's, starting from its tasks."""
    if (unit is None) == (village is None):
        raise ServiceError("Chọn một đơn vị hoặc một thôn lập kế hoạch.", field="unit")
    owner = unit or village
    if owner.commune_id != parent.commune_id:
        kind = "Đơn vị" if unit else "Thôn"
        raise ServiceError(f"{kind} không thuộc xã của kế hoạch.", field="unit")
    with transaction.atomic():
        # Read the parent again under a lock: two clicks on "Lập kế hoạch" must not make two plans.
        parent = Plan.objects.select_for_update().get(pk=parent.pk)
        if parent.status == Plan.Status.CLOSED:
            raise ServiceError("Kế hoạch đã kết thúc, không thể lập kế hoạch thực hiện.", code="closed")
        if parent.status == Plan.Status.DRAFT:
            raise ServiceError(
                "Kế hoạch chưa ban hành; đơn vị lập kế hoạch thực hiện sau khi kế hoạch được ban hành.",
                code="draft",
            )
        mine = (
            Plan.objects.filter(parent=parent, unit=unit)
            if unit
            else Plan.objects.filter(parent=parent, village=village)
        )
        existing = mine.exclude(status=Plan.Status.CLOSED).first()
        if existing:
            raise ServiceError(
                f"{owner.name} đã có kế hoạch thực hiện kế hoạch này (#{existing.pk}).", code="exists"
            )
        if unit is not None:
            # One query, not a UNION: SQLite refuses the model's default ORDER BY inside a compound select.
            source = list(
                parent.tasks.filter(Q(lead_units=unit) | Q(coordinating_units=unit))
                .distinct()
                .order_by("order")
            )
        else:
            source = _village_tasks(parent, village)
        if not source:
            raise ServiceError(
                f"{owner.name} không được giao nhiệm vụ nào trong kế hoạch này.", code="no_tasks"
            )
        plan = Plan.objects.create(
            commune=parent.commune,
            unit=unit,
            village=village,
            parent=parent,
            title=f"Kế hoạch của {owner.name} thực hiện {parent}"[:500],
            year=parent.year,
            issuer=owner.name[:200],
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        for order, src in enumerate(source, start=1):
            task = Task.objects.create(
                plan=plan,
                ref=src.ref,
                order=order,
                content=src.content,
                lead_text=owner.name,
                timeframe=src.timeframe,
                due_date=src.due_date,
                timeframe_text=src.timeframe_text,
                source_task=src,
            )
            if unit is not None:
                task.lead_units.set([unit])
        audit_record(
            actor=by,
            action="plans.subplan_create",
            obj=plan,
            after={"parent": parent.pk, "unit" if unit else "village": owner.name, "tasks": len(source)},
        )
    return plan


__all__ = [
    "plan_close",
    "plan_import",
    "plan_import_read",
    "plan_issue",
    "reminders_send",
    "subplan_create",
    "task_progress_add",
    "unit_map_default",
    "unit_names_in",
    "unit_report_return",
    "unit_report_save",
    "unit_report_submit",
]
