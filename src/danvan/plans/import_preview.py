"""What the import preview shows beside each task row: the suggestions and the text they came from.

Read-only helpers for `views.plan_preview`; nothing here writes. Highlighted text is built escaped, with
only <mark> added, so a document's wording can never inject markup.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from danvan.text.normalize import fold

_SOURCE_LABELS = {
    "task": "ghi trong nhiệm vụ",
    "duty": "từ phần Tổ chức thực hiện",
    "children": "theo các ý bên dưới",
    "parent": "theo mục lớn",
    "plan_owner": "đơn vị theo dõi chung kế hoạch",
}
# Suggestions that guess rather than read: the coordinator should look at them.
_GUESSED = {"plan_owner", "parent", "children"}
_ADMIN = re.compile(r"\b(?:XA|PHUONG|DAC KHU|THI TRAN)\s+(.+)$")


def highlight(text: str, phrase: str | None):
    """`text` escaped, with the first occurrence of `phrase` (compared without accents or case) marked."""
    if not phrase or not text:
        return escape(text or "")
    start = fold(text).find(fold(phrase))
    # fold() keeps one character per character except collapsed spaces; only trust an exact-length hit.
    if start < 0 or len(fold(text)) != len(text):
        return escape(text)
    end = start + len(fold(phrase))
    return mark_safe(f"{escape(text[:start])}<mark>{escape(text[start:end])}</mark>{escape(text[end:])}")  # noqa: S308 (every part escaped)


def task_cards(parsed: dict, formset) -> list[dict]:
    """One card per task row: its suggestions with their sources, and whether it needs a look."""
    by_key = {(t.get("ref"), t.get("content")): t for t in parsed.get("tasks", [])}
    cards = []
    for form in formset:
        ref = form["ref"].value() or ""
        content = form["content"].value() or ""
        task = by_key.get((ref, content)) or {}
        frame = task.get("timeframe") or {}
        suggestions = []
        for s in task.get("suggestions", []):
            source = s.get("source")
            quote = s.get("text") if source == "duty" else None
            suggestions.append(
                {
                    "role": "Chủ trì" if s.get("role") == "lead" else "Phối hợp",
                    "unit": s.get("unit"),
                    "source": _SOURCE_LABELS.get(source, source),
                    "guessed": source in _GUESSED,
                    "quote": highlight(quote, s.get("unit")) if quote else None,
                }
            )
        reasons = []
        if not content.strip() and not task:
            # One of the blank rows for adding a task by hand.
            cards.append(
                {
                    "form": form,
                    "title": "Thêm nhiệm vụ mới",
                    "content": "",
                    "details": [],
                    "timeframe_text": None,
                    "from_duties": False,
                    "suggestions": [],
                    "attention": False,
                    "reasons": [],
                }
            )
            continue
        lead = form["lead"].value() or ""
        if not lead.strip():
            reasons.append("chưa có đơn vị chủ trì")
        elif any(s["guessed"] and s["role"] == "Chủ trì" for s in suggestions):
            reasons.append("đơn vị chủ trì được đoán, cần xem lại")
        if (form["kind"].value() or "unspecified") == "unspecified":
            reasons.append("chưa có thời gian thực hiện")
        if form.errors:
            reasons.append("có ô chưa hợp lệ")
        cards.append(
            {
                "form": form,
                "title": content[:140] or "Nhiệm vụ mới",
                "content": highlight(content, frame.get("text")),
                "details": [highlight(d, frame.get("text")) for d in task.get("details", [])],
                "timeframe_text": frame.get("text"),
                "from_duties": task.get("origin") == "assignment",
                "suggestions": suggestions,
                "attention": bool(reasons),
                "reasons": reasons,
            }
        )
    return cards


def label_suggested_leads(cards: list[dict], mapping: dict[str, str], choices: list[tuple[str, str]]) -> None:
    """Name, in each task's lead picker, the unit the row follows when left as is: "Theo gợi ý: Phòng
    Kinh tế", so accepting the suggestion is a glance, not a lookup."""
    labels = dict(choices)
    for card in cards:
        form = card["form"]
        names = [n.strip() for n in (form["lead"].value() or "").split(";") if n.strip()]
        if not names:
            continue
        targets = [labels.get(mapping.get(" ".join(n.split()), ""), n) for n in names]
        field = form.fields["lead_pick"]
        field.choices = [("", "Theo gợi ý: " + "; ".join(targets)), *field.choices[1:]]


def issuer_warning(parsed: dict, commune) -> str | None:
    """A warning when the document was issued by another commune than the one importing it."""
    issuer = fold(parsed.get("issuer") or "").upper()
    m = _ADMIN.search(issuer)
    if not m:
        return None
    if fold(m.group(1)) == fold(commune.name.split(" ", 1)[-1]) or fold(m.group(1)) == fold(commune.name):
        return None
    return (
        f"Văn bản này do “{parsed.get('issuer')}” ban hành, không phải {commune.name}. "
        "Hãy kiểm tra đã chọn đúng tệp chưa trước khi lưu."
    )
