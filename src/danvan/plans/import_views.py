"""The plan import pages: upload a file, then the preview where the coordinator checks what was read
(units per name and per task, time frames, reporting periods) and saves it as a draft plan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from danvan.core.errors import ServiceError
from danvan.org.access import commune_for
from danvan.org.models import Unit
from danvan.org.pages import workspace_context
from danvan.plans import import_preview, services
from danvan.plans.forms import PlanHeaderForm, PlanUploadForm, ReportingFormSet, TaskFormSet
from danvan.plans.models import PlanImportDraft


@login_required
def plan_upload(request, code: str):
    commune = commune_for(request.user, code, permission="plans.manage")
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            draft = services.plan_import_read(
                commune=commune, raw=upload.read(), filename=upload.name, by=request.user
            )
        except ServiceError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("plans:preview", code=commune.code, draft_id=draft.pk)
    return render(request, "plans/upload.html", workspace_context(request, commune, form=form))


def _task_initial(parsed: dict) -> list[dict]:
    rows = []
    for t in parsed.get("tasks", []):
        frame = t.get("timeframe") or {}
        rows.append(
            {
                "ref": t.get("ref", ""),
                "content": t.get("content", ""),
                "lead": "; ".join(t.get("lead") or []),
                "coordinating": "; ".join(t.get("coordinating") or []),
                "kind": frame.get("kind") or "unspecified",
                "date": frame.get("date"),
            }
        )
    return rows


def _split(names: str) -> list[str]:
    return [" ".join(n.split()) for n in (names or "").split(";") if n.strip()]


@login_required
def plan_preview(request, code: str, draft_id: int):
    commune = commune_for(request.user, code, permission="plans.manage")
    draft = get_object_or_404(PlanImportDraft, pk=draft_id, commune=commune)
    if draft.plan_id:
        messages.info(request, "Bản đọc này đã được lưu thành kế hoạch.")
        return redirect("plans:overview", code=commune.code, plan_id=draft.plan_id)
    parsed = draft.parsed
    unit_choices = [(str(u.pk), u.name) for u in Unit.objects.filter(commune=commune, is_active=True)]
    special = [
        (services.ALL_UNITS, "Tất cả các đơn vị"),
        (services.CREATE_UNIT, "Tạo đơn vị mới với tên này"),
        (services.KEEP_AS_TEXT, "Chỉ ghi tên, không giao cho đơn vị"),
    ]
    pickers = {"units": unit_choices, "specials": special[1:]}
    if request.method == "POST":
        header = PlanHeaderForm(request.POST, prefix="plan")
        tasks = TaskFormSet(request.POST, prefix="tasks", form_kwargs=pickers)
        reporting = ReportingFormSet(request.POST, prefix="rep")
    else:
        header = PlanHeaderForm(
            prefix="plan",
            initial={k: parsed.get(k) for k in ("title", "number", "issued_on", "year")},
        )
        tasks = TaskFormSet(prefix="tasks", initial=_task_initial(parsed), form_kwargs=pickers)
        reporting = ReportingFormSet(
            prefix="rep",
            initial=[
                {"what": r.get("what"), "due": r.get("due"), "to": "; ".join(r.get("to") or [])}
                for r in parsed.get("reporting", [])
            ],
        )
    # Unit names: those read from the file plus any typed into the task rows.
    names = services.unit_names_in(parsed)
    if tasks.is_bound and tasks.is_valid():
        for row in tasks.cleaned_data:
            for name in _split(row.get("lead", "")) + _split(row.get("coordinating", "")):
                if name not in names:
                    names.append(name)
    proposal = services.unit_map_default(commune=commune, names=names)
    mapping = [
        {"name": n, "field": f"unit-{i}", "value": request.POST.get(f"unit-{i}", proposal[n])}
        for i, n in enumerate(names)
    ]
    error = None
    cards = import_preview.task_cards(parsed, tasks)
    import_preview.label_suggested_leads(
        cards, {m["name"]: m["value"] for m in mapping}, unit_choices + special
    )
    if request.method == "POST" and header.is_valid() and tasks.is_valid() and reporting.is_valid():
        allowed = {c for c, _ in unit_choices + special}
        unit_map = {m["name"]: m["value"] if m["value"] in allowed else proposal[m["name"]] for m in mapping}
        data = {
            **parsed,
            "title": header.cleaned_data["title"],
            "number": header.cleaned_data["number"] or None,
            "issued_on": header.cleaned_data["issued_on"],
            "year": header.cleaned_data["year"],
            "tasks": [
                {
                    "ref": row["ref"],
                    "content": row["content"],
                    "lead": _split(row["lead"]),
                    "coordinating": _split(row["coordinating"]),
                    "timeframe": {"kind": row["kind"], "date": row["date"], "text": ""},
                    "lead_choice": row.get("lead_pick") or "",
                    "partner_units": row.get("partners_pick") or [],
                }
                for row in tasks.cleaned_data
                if row and row.get("content") and not row.get("DELETE")
            ],
            "reporting": [
                {"what": r["what"], "due": r["due"], "from": [], "to": _split(r["to"])}
                for r in reporting.cleaned_data
                if r and r.get("what") and not r.get("DELETE")
            ],
        }
        # Keep the document's original time-frame wording and detail paragraphs where the row was kept.
        originals = {(t.get("ref"), t.get("content")): t for t in parsed.get("tasks", [])}
        for t in data["tasks"]:
            original = originals.get((t["ref"], t["content"]))
            if original:
                t["timeframe"]["text"] = (original.get("timeframe") or {}).get("text", "")
                t["details"] = original.get("details") or []
        directions = {(r.get("what"), r.get("due")): r.get("direction") for r in parsed.get("reporting", [])}
        for r in data["reporting"]:
            r["direction"] = directions.get((r["what"], r["due"].isoformat() if r["due"] else None))
        try:
            plan = services.plan_import(
                commune=commune,
                data=data,
                unit_map=unit_map,
                by=request.user,
                source_name=draft.source_name,
                source_sha256=draft.source_sha256,
                draft=draft,
            )
        except ServiceError as exc:
            error = exc.message
        else:
            messages.success(request, f"Đã lưu dự thảo kế hoạch với {plan.tasks.count()} nhiệm vụ.")
            return redirect("plans:overview", code=commune.code, plan_id=plan.pk)
    elif request.method == "POST":
        error = "Một số ô chưa hợp lệ. Vui lòng xem các thông báo màu đỏ bên dưới."
    return render(
        request,
        "plans/preview.html",
        workspace_context(
            request,
            commune,
            draft=draft,
            parsed=parsed,
            header=header,
            tasks=tasks,
            reporting=reporting,
            mapping=mapping,
            unit_choices=unit_choices,
            special_choices=special,
            error=error,
            cards=cards,
            attention=sum(1 for c in cards if c["attention"]),
            duties=parsed.get("assignments", []),
            issuer_warning=import_preview.issuer_warning(parsed, commune),
        ),
        # A refused save answers 400, like every other form: the page says why.
        status=400 if request.method == "POST" else 200,
    )
