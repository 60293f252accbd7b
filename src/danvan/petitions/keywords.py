"""Keyword scoring of a petition's text against the fields' keywords (no database: the rows are passed in).

How a text is read, and why:
- Keywords match whole syllable sequences, with their diacritics when the text is written with them
  ("cắp" is not "cấp", "xả thải" is not "xã Thái"); only text typed without diacritics is matched
  accent-folded. The old and new places of the tone mark ("hoà"/"hòa", "thuỷ"/"thủy") are one spelling.
- Addresses are not subjects: "đường Lê Lợi", "thôn Nà Pin", "xã Cao Minh" name a place, so the
  place noun and the capitalised name after it are left out before matching ("đường" alone would
  otherwise make every address a road problem).
- A keyword weighs what its catalogue weight says (1 general, 2 ordinary, 3 telling), divided by the
  number of fields that list it: a word shared by two fields decides neither. Longer phrases are not
  favoured for their length (that let "xây dựng" or "hỗ trợ" win over "trạm y tế").
- What is asked comes first: a keyword in the first sentence (or right after "đề nghị:") weighs a
  little more than one in the explanation that follows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from danvan.text.normalize import fold, nfc, strip_accents

_SYLLABLE = re.compile(r"[^\W_]+")
# Vietnamese written with diacritics carries them on most syllables; text typed without them has
# none or nearly none (a stray "đ"). Below this share the text is taken as typed without them.
ACCENTED_SHARE = 0.15
# Extra weight of a keyword found where the request is stated (first sentence or after "đề nghị:").
LEAD_BONUS = 0.5

# Old-style tone placement on the last syllable vowel pair -> the new style (Quy định chính tả, both
# are in use; a text and a keyword written in the other style must still match).
_TONE = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
_TONE_END = re.compile(r"(?<!q)(" + "|".join(_TONE) + r")$")

# A place noun followed by a capitalised name (or a number): an address, not a subject.
_PLACE = re.compile(
    r"\b(?:đường|phố|ngõ|ngách|kiệt|hẻm|thôn|xóm|bản|buôn|ấp|tổ dân phố|khu phố|tổ|khu|xã|phường|"
    r"thị trấn|huyện|quận|thị xã|thành phố|tỉnh|TP\.?|Tp\.?)"
    r"(?:\s+(?:số\s+)?(?:[A-ZĐÀ-Ỹ][\w'.-]*|\d[\w/.-]*))+",
)
_LEAD_END = re.compile(r"[.;!?\n]")
_ASK = re.compile(r"\b(?:đề nghị|kiến nghị|đề xuất|yêu cầu|mong muốn)\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class KeywordEntry:
    """One keyword row as the scorer needs it."""

    field_id: int
    keyword: str
    weight: float = 2
    unit_name: str = ""


@dataclass
class FieldScore:
    field_id: int
    score: float
    matched: list[str]
    unit_names: dict[str, float]


def syllables(text: str) -> list[str]:
    return _SYLLABLE.findall(nfc(text).lower())


def is_typed_without_diacritics(text: str) -> bool:
    """True for "duong bi o ga", False for "đường bị ổ gà" (and for text with no letters at all)."""
    words = syllables(text)
    if not words:
        return False
    accented = sum(1 for w in words if strip_accents(w) != w)
    return accented / len(words) < ACCENTED_SHARE


def _unify_tone(word: str) -> str:
    return _TONE_END.sub(lambda m: _TONE[m.group(1)], word)


def match_key(text: str, folded: bool) -> str:
    """Lower-case syllables joined by single spaces, accent-folded only when `folded`."""
    words = syllables(text)
    return " ".join(fold(w) for w in words) if folded else " ".join(_unify_tone(w) for w in words)


@lru_cache(maxsize=8192)
def _keyword_key(keyword: str, folded: bool) -> str:
    # Keywords are few and asked for on every petition: their keys are worked out once.
    key = match_key(keyword, folded)
    return f" {key} " if key else ""


def keyword_matches(keyword: str, text_key: str, folded: bool) -> bool:
    """Whether the keyword occurs in the text as a whole syllable sequence (`text_key` from `match_key`)."""
    key = _keyword_key(keyword, folded)
    return bool(key) and key in f" {text_key} "


def without_addresses(text: str) -> str:
    """The text with place references ("đường Lê Lợi", "thôn Nà Pin") blanked out."""
    return _PLACE.sub(" , ", nfc(text))


def lead_part(text: str) -> str:
    """Where the request is stated: after "đề nghị:" when the text says so, else its first sentence."""
    asked = _ASK.search(text)
    rest = text[asked.end() :] if asked else text
    end = _LEAD_END.search(rest)
    return rest[: end.start()] if end else rest


def specificity(entries: Iterable[KeywordEntry]) -> dict[str, int]:
    """How many fields list each keyword (by its folded form)."""
    fields: dict[str, set[int]] = {}
    for entry in entries:
        fields.setdefault(_keyword_key(entry.keyword, True), set()).add(entry.field_id)
    return {key: len(ids) for key, ids in fields.items()}


def score_fields(text: str, entries: list[KeywordEntry]) -> list[FieldScore]:
    """Every field with at least one keyword in the text, best first."""
    folded = is_typed_without_diacritics(text)
    body = without_addresses(text)
    text_key = match_key(body, folded)
    lead_key = match_key(lead_part(body), folded)
    shared = specificity(entries)
    found: dict[int, list[tuple[str, float, str]]] = {}
    for entry in entries:
        if not keyword_matches(entry.keyword, text_key, folded):
            continue
        weight = entry.weight / shared.get(_keyword_key(entry.keyword, True), 1)
        if keyword_matches(entry.keyword, lead_key, folded):
            weight *= 1 + LEAD_BONUS
        found.setdefault(entry.field_id, []).append((entry.keyword, weight, entry.unit_name))
    ranked = []
    for field_id, hits in found.items():
        # A phrase and a word inside it ("trạm y tế", "y tế") are one piece of evidence: keep the phrase.
        hits.sort(key=lambda h: -len(h[0]))
        kept: list[tuple[str, float, str]] = []
        for hit in hits:
            inner = _keyword_key(hit[0], True)
            if not any(inner in _keyword_key(k[0], True) for k in kept):
                kept.append(hit)
        units: dict[str, float] = {}
        for _key, weight, unit_name in kept:
            if unit_name:
                units[fold(unit_name)] = units.get(fold(unit_name), 0) + weight
        ranked.append(FieldScore(field_id, sum(h[1] for h in kept), [h[0] for h in kept], units))
    return sorted(ranked, key=lambda r: -r.score)


def confidence(ranked: list[FieldScore]) -> float:
    """0..1: how far the best field stands ahead of the next (a tie is 0), times how much evidence
    there is for it (one general word is little, a telling phrase where the request is stated is plenty)."""
    if not ranked:
        return 0.0
    best = ranked[0].score
    second = ranked[1].score if len(ranked) > 1 else 0.0
    margin = (best - second) / best if best else 0.0
    amount = min(1.0, best / 4.0)
    return round(margin * amount**0.5, 3)
