"""Possible duplicates (đơn trùng): open petitions of the same commune about the same thing.

A candidate must share the place (same village) or the sender (same phone or e-mail), and its text
must be similar: the share of distinct words common to both texts (Jaccard index on words as written
when both texts carry diacritics, accent-folded when one does not; short and very common words
dropped). Plain enough to explain to the officer: the reason shown is "cùng thôn X; nội dung giống
62%". A suggestion only: staff link or dismiss.

The sender match reads `PetitionIdentity` inside the database only (a subquery): no identity value
leaves this module. "Same sender" is itself derived from the identity, so it is computed only for a
`viewer` entitled to read the sender of both petitions (`services.may_read_identity`), and never with a
denunciation on either side: a denouncer's identity is secret (Luật Tố cáo 2018, Điều 9), and "this
tố cáo has the same sender as that phản ánh" would name the denouncer to whoever reads the phản ánh.
Without the right, the sender plays no part at all (not in the candidates, not in the threshold), so
neither the list nor the reason lets anyone infer it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Q

from danvan.petitions import rules
from danvan.petitions.keywords import is_typed_without_diacritics
from danvan.petitions.keywords import syllables as keyword_syllables
from danvan.petitions.models import DuplicateDismissal, Petition, PetitionIdentity
from danvan.petitions.services.identity import may_read_identity
from danvan.text.normalize import fold

Kind = Petition.Kind
CANDIDATE_LIMIT = 200  # the most recent open petitions looked at; one query
_WORD = re.compile(r"[a-z0-9]+")
# Folded words too common in petitions to tell two apart.
_STOP = frozenset(
    [
        "va",
        "cua",
        "la",
        "co",
        "cho",
        "cac",
        "nhung",
        "mot",
        "duoc",
        "khong",
        "da",
        "dang",
        "se",
        "thi",
        "ma",
        "nay",
        "do",
        "de",
        "voi",
        "tai",
        "tu",
        "ve",
        "ra",
        "vao",
        "len",
        "trong",
        "ngoai",
        "toi",
        "chung",
        "ong",
        "ba",
        "anh",
        "chi",
        "em",
        "nguoi",
        "dan",
        "xa",
        "thon",
        "xom",
        "ban",
        "to",
        "xin",
        "nghi",
        "kinh",
        "gui",
        "ubnd",
        "nhan",
        "viec",
        "van",
        "rat",
        "nhieu",
        "con",
        "lai",
        "cung",
        "nhu",
        "bi",
    ]
)


@dataclass(frozen=True)
class WordSets:
    """A text's distinct meaningful words: with their diacritics (None when the text is typed without
    them) and accent-folded. Two texts written with diacritics are compared as written, so "cấp" (issue)
    and "cắp" (steal), "công" and "cống" stay different words; folded only when one of them has none."""

    accented: frozenset[str] | None
    folded: frozenset[str]


def words(text: str) -> WordSets:
    """The distinct meaningful words of a text (short and very common words dropped)."""
    syllables = [w for w in keyword_syllables(text or "") if not w.isdigit() or len(w) > 1]
    kept = [w for w in syllables if len(w) > 1 and fold(w) not in _STOP]
    folded = frozenset(fold(w) for w in kept if _WORD.fullmatch(fold(w)))
    accented = None if is_typed_without_diacritics(text or "") else frozenset(kept)
    return WordSets(accented, folded)


def similarity(a: str | WordSets, b: str | WordSets) -> float:
    """Jaccard index of the two texts' word sets, 0..1: as written when both carry diacritics."""
    wa = a if isinstance(a, WordSets) else words(a)
    wb = b if isinstance(b, WordSets) else words(b)
    if wa.accented is not None and wb.accented is not None:
        sa, sb = wa.accented, wb.accented
    else:
        sa, sb = wa.folded, wb.folded
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


@dataclass
class Candidate:
    petition: Petition
    score: float
    same_village: bool
    same_sender: bool

    @property
    def reason(self) -> str:
        parts = []
        if self.same_village:
            parts.append(f"cùng {self.petition.village.name}")
        if self.same_sender:
            parts.append("cùng người gửi (số điện thoại hoặc thư điện tử)")
        parts.append(f"nội dung giống {round(100 * self.score)}%")
        return "; ".join(parts)


def _contacts_q(petition: Petition, viewer) -> Q | None:
    """Petitions whose sender gave the same phone or e-mail (None when there is nothing to match, or
    the viewer may not know who sent this one)."""
    if Kind.DENUNCIATION in (petition.kind, petition.kind_hint):
        return None
    if viewer is None or not may_read_identity(viewer, petition):
        return None
    mine = PetitionIdentity.objects.filter(petition=petition).values("phone", "email").first()
    if not mine:
        return None
    q = Q()
    if mine["phone"]:
        q |= Q(phone=mine["phone"])
    if mine["email"]:
        q |= Q(email__iexact=mine["email"])
    if not q:
        return None
    return Q(pk__in=PetitionIdentity.objects.filter(q).values("petition_id"))


def possible_duplicates(
    petition: Petition, *, viewer=None, include_denunciations: bool = False, limit: int = 5
) -> list[Candidate]:
    """Open petitions of the same commune that may be the same case, most similar first (a few queries).
    Leaves out: the petition itself, petitions already linked as duplicates, pairs staff dismissed,
    and (unless the viewer may see them) denunciations. The sender is matched only for a `viewer`
    entitled to it on both sides (see the module docstring); with no viewer, by place and text only."""
    if petition.status not in rules.OPEN_STATUSES or petition.duplicate_of_id:
        return []
    same_sender_q = _contacts_q(petition, viewer)
    if same_sender_q is not None:
        # Never a denunciation on the other side either.
        same_sender_q &= ~Q(kind=Kind.DENUNCIATION) & ~Q(kind_hint=Kind.DENUNCIATION)
    near = Q(village_id=petition.village_id) if petition.village_id else Q(pk__in=[])
    if same_sender_q is not None:
        near |= same_sender_q
    dismissed = DuplicateDismissal.objects.filter(Q(petition=petition) | Q(other=petition)).values_list(
        "petition_id", "other_id"
    )
    skip = {petition.pk} | {pk for pair in dismissed for pk in pair}
    qs = (
        Petition.objects.filter(near, commune_id=petition.commune_id, status__in=rules.OPEN_STATUSES)
        .filter(duplicate_of__isnull=True)
        .exclude(pk__in=skip)
        .select_related("village", "commune")
        .only(
            "id",
            "tracking_code",
            "kind",
            "kind_hint",
            "status",
            "received_on",
            "content",
            "village__name",
            "unit_id",
            "accepted_by_id",
            "recorded_by_id",
            "commune__code",
        )
        .order_by("-received_on", "-id")
    )
    if not include_denunciations:
        qs = qs.exclude(kind=Kind.DENUNCIATION).exclude(kind_hint=Kind.DENUNCIATION)
    sender_ids: set[int] = set()
    if same_sender_q is not None:
        sender_ids = set(
            Petition.objects.filter(same_sender_q, commune_id=petition.commune_id).values_list(
                "id", flat=True
            )[:CANDIDATE_LIMIT]
        )
    mine = words(petition.content)
    found = []
    for other in qs[:CANDIDATE_LIMIT]:
        same_village = bool(petition.village_id) and other.village_id == petition.village_id
        same_sender = other.pk in sender_ids and may_read_identity(viewer, other)
        if other.pk in sender_ids and not same_sender and not same_village:
            continue  # found only through a sender the viewer may not know of
        score = similarity(mine, words(other.content))
        needed = rules.DUPLICATE_MIN_SIMILARITY_SAME_SENDER if same_sender else rules.DUPLICATE_MIN_SIMILARITY
        if score >= needed:
            found.append(Candidate(other, score, same_village, same_sender))
    found.sort(key=lambda c: (-c.score, -c.petition.pk))
    return found[:limit]
