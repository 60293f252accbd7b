"""Who does each task: section III duties matched to section II tasks by what they say, not where they stand.

A plan lists its work twice: section II says *what* ("Đẩy mạnh cải cách hành chính…"), section III says
*who* ("Trung tâm Phục vụ hành chính công: theo dõi việc giải quyết hồ sơ theo cơ chế một cửa…"). Each
duty sentence is compared with every task by TF-IDF cosine over folded words and word pairs (Vietnamese
words are mostly two syllables, so pairs carry the meaning); the weights come from this plan alone, so
words every paragraph uses ("công tác dân vận") count for little. A duty close enough to a task makes its
unit the lead ("chủ trì", "tham mưu", any other verb) or a partner ("phối hợp …") of that task; a duty
close to nothing becomes that unit's own task. Tasks still without a lead take, in order: the lead most
of their sub-items got, their parent's lead, and the unit the plan makes responsible for following the
whole plan ("theo dõi, đôn đốc việc thực hiện Kế hoạch này"), marked so the preview asks for a look.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from danvan.plans.importer.timeframe import UNSPECIFIED, timeframe_in
from danvan.text.normalize import fold

# A duty whose best task scores below this is that unit's own task. Chosen so that unrelated sentences
# of the same plan (which share the plan's vocabulary) stay apart; checked on our own texts in tests.
MATCH_THRESHOLD = 0.15

_WORD = re.compile(r"[a-z][a-z0-9]*")
_STOP = frozenset(
    [
        "va",
        "cac",
        "cua",
        "trong",
        "tren",
        "voi",
        "cho",
        "de",
        "la",
        "co",
        "duoc",
        "nhung",
        "theo",
        "ve",
        "tai",
        "tu",
        "den",
        "mot",
        "so",
        "nhat",
        "hoac",
        "nay",
        "do",
        "khi",
        "thi",
        "cung",
        "o",
        "tot",
        "hon",
        "nham",
        "dong",
        "thoi",
        "nhu",
        "viec",
        "ra",
        "vao",
        "bang",
        "giua",
        "sau",
        "truoc",
        "da",
        "se",
        "dang",
        "can",
        "phai",
        "moi",
        "ca",
        "lai",
        "con",
        "nhieu",
        "it",
        "tung",
        "kip",
        "hien",
        "tiep",
        "tuc",
        "chu",
        "dong",
        "tich",
        "cuc",
        "hieu",
        "qua",
        "xa",
        "phuong",
        "tinh",
        "nam",
        "ngay",
        "thang",
        "quy",
    ]
)
_COORDINATING_VERB = re.compile(r"^(?:phối hợp|tham gia|hỗ trợ|tạo điều kiện)\b", re.IGNORECASE)
# "…theo dõi, đôn đốc … (triển khai) (thực hiện) Kế hoạch này", "tổng hợp … báo cáo … kết quả thực hiện".
_PLAN_OWNER = re.compile(
    r"(?:theo dõi|đôn đốc|hướng dẫn|kiểm tra)[^.;]{0,120}?(?:thực hiện|triển khai)\s+(?:các nội dung của\s+)?"
    r"kế hoạch(?:\s+này)?|tổng hợp[^.;]{0,60}?báo cáo[^.;]{0,80}?kết quả|cơ quan thường trực"
    r"|tham mưu[^.;]{0,40}?tổ chức triển khai[^.;]{0,40}?kế hoạch",
    re.IGNORECASE,
)
_IMPLEMENTS = re.compile(
    r"^(?:căn cứ|trên cơ sở)\b[^.;]{0,120}?(?:kế hoạch này|mục [IVX]+|nhiệm vụ được giao)"
    r"[^.;]{0,80}?(?:xây dựng|ban hành|lập)\s+(?:kế hoạch|lịch|chương trình)",
    re.IGNORECASE,
)
_VIA = re.compile(r"\(\s*qua\s+([^)]{3,80})\)", re.IGNORECASE)
GROUP_PREFIXES = ("cac ", "tat ca", "moi ", "thu truong cac", "nguoi dung dau cac")


def is_group(name: str) -> bool:
    """'Các phòng, ban, đơn vị' and the like name every unit, not one."""
    return fold(name).startswith(GROUP_PREFIXES)


def _terms(text: str) -> Counter:
    """Folded words and adjacent word pairs (pairs as tuples), without stop words and numbers."""
    words = _WORD.findall(fold(text))
    terms = Counter(w for w in words if w not in _STOP and len(w) >= 2)
    terms.update(p for p in itertools.pairwise(words) if not (p[0] in _STOP and p[1] in _STOP))
    return terms


def _tfidf(texts: list[str]):
    """TF-IDF rows of one plan's task and duty texts (log-scaled term counts, smoothed IDF, unit length),
    as a sparse matrix: the weighting runs in numpy, not term by term in Python."""
    import numpy as np
    from scipy.sparse import csr_matrix

    columns: dict = {}
    data: list[int] = []
    indices: list[int] = []
    indptr = [0]
    for text in texts:
        for term, count in _terms(text).items():
            indices.append(columns.setdefault(term, len(columns)))
            data.append(count)
        indptr.append(len(indices))
    cols = np.asarray(indices, dtype=np.int64)
    counts = np.asarray(data, dtype=np.float64)
    df = np.bincount(cols, minlength=len(columns))  # a term counts once per text
    idf = np.log((1 + len(texts)) / (1 + df)) + 1.0
    weights = np.where(counts == 1, 1.0, 1.0 + np.log(np.maximum(counts, 1.0))) * idf[cols]
    rows = np.repeat(np.arange(len(texts)), np.diff(indptr))
    norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=len(texts)))
    norms[norms == 0] = 1.0
    return csr_matrix((weights / norms[rows], cols, np.asarray(indptr)), shape=(len(texts), len(columns)))


def _best_tasks(task_texts: list[str], duty_texts: list[str]) -> list[tuple[int | None, float]]:
    """For each duty, the task whose text is closest (cosine of TF-IDF; the first on a tie) and the score.

    One sparse matrix product (duties × terms by terms × tasks) in C: scoring pair by pair in Python
    was the slowest step of a 200-task plan."""
    if not task_texts or not duty_texts:
        return [(None, 0.0)] * len(duty_texts)
    import numpy as np

    matrix = _tfidf(task_texts + duty_texts)
    tasks, duties = matrix[: len(task_texts)], matrix[len(task_texts) :]
    scores = (duties @ tasks.T).toarray()
    best = scores.argmax(axis=1)  # the first maximum: the earliest task wins a tie
    top = scores[np.arange(len(duty_texts)), best]
    return [(int(b), float(t)) if t > 0 else (None, 0.0) for b, t in zip(best, top, strict=True)]


def _add(task: dict, role: str, unit: str, source: str, text: str, score: float | None = None) -> None:
    if any(fold(u) == fold(unit) for u in task["lead"] + task["coordinating"]):
        return
    task[role].append(unit)
    suggestion = {"role": role, "unit": unit, "source": source, "text": text}
    if score is not None:
        suggestion["score"] = round(score, 3)
    task["suggestions"].append(suggestion)


def plan_owner(assignments: list[dict], reporting: list[dict]) -> str | None:
    """The unit the plan makes responsible for following the whole plan, or None."""
    for entry in assignments:
        if is_group(entry["unit"]):
            continue
        if any(_PLAN_OWNER.search(d) for d in entry["duties"]):
            return entry["unit"]
    for entry in reporting:
        for text in [*entry.get("to", []), entry.get("text", "")]:
            m = _VIA.search(text or "")
            if m and not is_group(m.group(1)):
                return m.group(1).strip()
    # Plans list their standing body first ("1. Phòng Văn hóa - Xã hội: là cơ quan thường trực …").
    return next((e["unit"] for e in assignments if not is_group(e["unit"])), None)


def assign(tasks: list[dict], assignments: list[dict], reporting: list[dict], year: int | None) -> list[dict]:
    """Fill each task's lead/coordinating/timeframe from section III; return the units' own new tasks.

    `tasks` are the parser's dicts (with "parent" refs); each gets "suggestions": what was proposed, from
    which text ("task": its own lines, "duty": a section III duty, "children", "parent", "plan_owner").
    """
    # A heading naming several units ("Phòng Kinh tế, Công an xã: …") gives each the same duties: one
    # duty, several units, so an unmatched one becomes one task they lead together.
    grouped: dict[tuple[str, int, str], list[str]] = {}
    for entry in assignments:
        for k, text in enumerate(entry["duties"], start=1):
            if len(text.split()) >= 3:
                grouped.setdefault((entry.get("ref") or "PC", k, text), []).append(entry["unit"])
    duties = [({"ref": ref, "units": units}, k, text) for (ref, k, text), units in grouped.items()]
    for task in tasks:
        task.setdefault("suggestions", [])
        for role in ("lead", "coordinating"):
            for unit in task[role]:
                task["suggestions"].append({"role": role, "unit": unit, "source": "task", "text": unit})
    task_texts = [" ".join([t["content"], *t.get("details", [])]) for t in tasks]

    # Best-scoring pairs first, so the closest unit leads and later ones join as partners.
    pairs = []
    unmatched: list[tuple[dict, int, str]] = []
    for (entry, k, text), (best, score) in zip(
        duties, _best_tasks(task_texts, [d[2] for d in duties]), strict=True
    ):
        if best is None or score < MATCH_THRESHOLD:
            unmatched.append((entry, k, text))
            continue
        pairs.append((score, best, entry, text))
    pairs.sort(key=lambda p: -p[0])
    for score, i, entry, text in pairs:
        for unit in entry["units"]:
            _apply(tasks[i], unit, text, score, year)

    owning = {fold(u) for t in tasks for u in t["lead"] + t["coordinating"]}
    own: list[dict] = []
    for entry, k, text in unmatched:
        if _IMPLEMENTS.search(text) and all(is_group(u) or fold(u) in owning for u in entry["units"]):
            # "Căn cứ Kế hoạch này, xây dựng kế hoạch cụ thể…": the unit's own implementing plan (a
            # sub-plan of its tasks), not one more task, once the unit has tasks of its own.
            continue
        own.append(
            {
                "ref": f"{entry['ref']}-{k}",
                "content": text,
                "details": [],
                "lead": [],
                "coordinating": [],
                "timeframe": timeframe_in(text, year) or {"kind": UNSPECIFIED, "date": None, "text": None},
                "output": None,
                "parent": None,
                "origin": "assignment",
                "suggestions": [],
            }
        )
        for unit in entry["units"]:
            _add(own[-1], "lead", unit, "duty", text)

    _inherit(tasks)
    owner = plan_owner(assignments, reporting)
    if owner:
        for task in tasks:
            if not task["lead"]:
                # The standing unit already taking part leads it rather than join twice.
                task["coordinating"] = [u for u in task["coordinating"] if fold(u) != fold(owner)]
                task["suggestions"] = [
                    x
                    for x in task["suggestions"]
                    if not (x["role"] == "coordinating" and fold(x["unit"]) == fold(owner))
                ]
                _add(task, "lead", owner, "plan_owner", owner)
    return own


def _apply(task: dict, unit: str, text: str, score: float, year: int | None) -> None:
    """A duty that matches a task: its unit leads it, or takes part when someone already leads."""
    explicit = [u for u in task["lead"] if not is_group(u)]
    wants_lead = not _COORDINATING_VERB.match(text) and not is_group(unit) and not explicit
    if wants_lead:
        # A group written as the lead ("Các cơ quan, đơn vị") takes part; the named unit leads.
        for group in [u for u in task["lead"] if is_group(u)]:
            task["lead"].remove(group)
            task["coordinating"].append(group)
            for suggestion in task["suggestions"]:
                if suggestion["unit"] == group:
                    suggestion["role"] = "coordinating"
    _add(task, "lead" if wants_lead else "coordinating", unit, "duty", text, score)
    if task["timeframe"]["kind"] == UNSPECIFIED:
        found = timeframe_in(text, year)
        if found:
            task["timeframe"] = found


def _inherit(tasks: list[dict]) -> None:
    """An item without a lead takes its heading's, where the text gave the heading one; then a heading
    still without a lead takes the lead most of its items got, and passes it to its other items only when
    at least half of them have a lead: one item's match does not spread to all its siblings."""
    by_ref = {t["ref"]: t for t in tasks}
    children: dict[str, list[dict]] = {}
    for t in tasks:
        if t.get("parent"):
            children.setdefault(t["parent"], []).append(t)
    for t in tasks:
        parent = by_ref.get(t.get("parent") or "")
        while parent is not None and not t["lead"]:
            for unit in parent["lead"]:
                _add(t, "lead", unit, "parent", unit)
            parent = by_ref.get(parent.get("parent") or "")
        if t["timeframe"]["kind"] == UNSPECIFIED:
            parent = by_ref.get(t.get("parent") or "")
            while parent is not None and parent["timeframe"]["kind"] == UNSPECIFIED:
                parent = by_ref.get(parent.get("parent") or "")
            if parent is not None:
                t["timeframe"] = dict(parent["timeframe"])
    for t in reversed(tasks):  # deepest first, so a heading sees its items' leads
        if t["lead"] or t["ref"] not in children:
            continue
        items = children[t["ref"]]
        votes = Counter(u for c in items for u in c["lead"] if not is_group(u))
        if votes:
            unit, _ = votes.most_common(1)[0]
            _add(t, "lead", unit, "children", unit)
            if 2 * sum(1 for c in items if c["lead"]) >= len(items):
                # Most items name this unit: the rest of them most likely belong to it too.
                for c in items:
                    if not c["lead"]:
                        _add(c, "lead", unit, "parent", unit)
