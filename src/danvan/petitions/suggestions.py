"""Suggested field (lĩnh vực), unit and kind for a new petition, with a confidence and the words that
decided it: suggestions only, staff always decide.

The field comes from two sources:
1. the keywords (`FieldKeyword`, editable in the admin), scored by `keywords.score_fields`: whole
   syllables with their diacritics, weighted by how telling each keyword is, addresses left out;
2. the commune's own model (`learning`), once it has `rules.SUGGESTION_MODEL_MIN_CASES` classified
   cases, trained in the background on that commune's history only. It is used only when it was right
   more often than the keywords on the same held-back cases (`SuggestionModel.in_use`), and then
   combined with them: a model trained on few cases still hears what the keywords say.
Below `rules.SUGGESTION_MIN_CONFIDENCE` nothing is pre-filled: the page says there is not enough to go
on and lists the likely fields. The unit comes from the model where it has one, else from the unit the
keywords of the chosen field name. The kind comes from `kinds.suggest_kind`.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from dataclasses import field as dc_field

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from danvan.core.background import enqueue_on_commit, enqueue_with_write
from danvan.geo.models import Commune
from danvan.org.models import Unit
from danvan.petitions import kinds, learning, rules
from danvan.petitions.keywords import (  # noqa: F401 - the matching helpers are part of this module's API
    KeywordEntry,
    confidence,
    is_typed_without_diacritics,
    keyword_matches,
    match_key,
    score_fields,
)
from danvan.petitions.models import Field, FieldKeyword, Petition, PetitionSuggestion, SuggestionModel
from danvan.text.normalize import fold

Source = PetitionSuggestion.Source
RETRAIN_EVERY = 25  # new classified cases before the model is trained again
MODEL_SHARE = 0.6  # weight of the model's probability against the keywords' share when both speak
_MODELS: dict[int, tuple] = {}  # commune id -> (trained_at, {"field": pipeline, "unit": pipeline})

# The background job that trains a commune's model (named, not imported: tasks.py imports this module).
TRAIN_TASK = "danvan.petitions.tasks.train_suggestion_model"


@dataclass
class Suggestion:
    source: str
    field: Field | None = None
    unit: Unit | None = None
    reason: str = ""
    matched: list[str] = dc_field(default_factory=list)
    confidence: float = 0.0
    alternatives: list[Field] = dc_field(default_factory=list)  # the likely fields, best first (≤ 3)
    kind: kinds.KindSuggestion | None = None

    def __bool__(self) -> bool:
        return self.field is not None or self.unit is not None or bool(self.alternatives)


def _fields_of(commune: Commune):
    return Field.objects.filter(Q(commune__isnull=True) | Q(commune=commune), is_active=True)


def keyword_entries(commune: Commune) -> list[KeywordEntry]:
    """The keywords of the fields this commune uses (1 query)."""
    rows = FieldKeyword.objects.filter(field__in=_fields_of(commune)).values_list(
        "field_id", "keyword", "weight", "unit_name"
    )
    return [KeywordEntry(*row) for row in rows]


def _unit_named(commune: Commune, wanted: dict[str, float]) -> Unit | None:
    if not wanted:
        return None
    by_name = {fold(u.name): u for u in Unit.objects.filter(commune=commune, is_active=True)}
    for name in sorted(wanted, key=lambda n: -wanted[n]):
        if name in by_name:
            return by_name[name]
    return None


def _ranked_fields(commune: Commune, scores: dict[int, float]) -> list[Field]:
    top = sorted(scores, key=lambda fid: -scores[fid])[:3]
    found = {f.pk: f for f in _fields_of(commune).filter(pk__in=top)}
    return [found[fid] for fid in top if fid in found]


def _words(items: list[str]) -> str:
    return ", ".join(f"“{w}”" for w in items[:4])


def keyword_suggestion(commune: Commune, text: str, entries: list[KeywordEntry] | None = None) -> Suggestion:
    """The keywords' suggestion alone (3 queries at most)."""
    ranked = score_fields(text, keyword_entries(commune) if entries is None else entries)
    if not ranked:
        return Suggestion(Source.KEYWORDS, reason="không có từ khóa nào của các lĩnh vực")
    conf = confidence(ranked)
    alternatives = _ranked_fields(commune, {r.field_id: r.score for r in ranked})
    best = ranked[0]
    chosen = alternatives[0] if alternatives and alternatives[0].pk == best.field_id else None
    unit = _unit_named(commune, best.unit_names) if chosen else None
    reason = f"từ khóa {_words(best.matched)}"
    return Suggestion(Source.KEYWORDS, chosen, unit, reason[:200], best.matched, conf, alternatives)


# --- the commune's own model -------------------------------------------------------------------------------


def training_cases(commune: Commune):
    """Classified cases with a field (and, where given, a unit): what the model learns from."""
    return (
        Petition.objects.filter(commune=commune, field__isnull=False)
        .exclude(kind=Petition.Kind.UNCLASSIFIED)
        .exclude(status=Petition.Status.SPLIT)
    )


def train(commune: Commune) -> SuggestionModel | None:
    """Train the commune's model on its own history; None when it has too few cases."""
    rows = list(training_cases(commune).values_list("content", "field_id", "unit_id"))
    if len(rows) < rules.SUGGESTION_MODEL_MIN_CASES:
        return None
    entries = keyword_entries(commune)

    def keywords_say(text: str) -> int | None:
        ranked = score_fields(text, entries)
        return ranked[0].field_id if ranked else None

    share = rules.SUGGESTION_TEST_SHARE
    fields = learning.fit_and_score([r[0] for r in rows], [r[1] for r in rows], share, keywords_say)
    with_unit = [r for r in rows if r[2] is not None]
    units = (
        learning.fit_and_score([r[0] for r in with_unit], [r[2] for r in with_unit], share)
        if len(with_unit) >= rules.SUGGESTION_MODEL_MIN_CASES
        else learning.Trained(None, None, None, 0)
    )
    blob = pickle.dumps({"field": fields.model, "unit": units.model}, protocol=pickle.HIGHEST_PROTOCOL)
    model, _ = SuggestionModel.objects.update_or_create(
        commune=commune,
        defaults={
            "trained_at": timezone.now(),
            "cases": len(rows),
            "tested": fields.tested,
            "field_accuracy": fields.accuracy,
            "unit_accuracy": units.accuracy,
            "keyword_accuracy": fields.baseline,
            "blob": blob,
        },
    )
    return model


def schedule_training(commune: Commune) -> bool:
    """Enqueue training (after commit) when the commune has enough cases and no recent model (2 queries)."""
    cases = training_cases(commune).count()
    if cases < rules.SUGGESTION_MODEL_MIN_CASES:
        return False
    trained_on = SuggestionModel.objects.filter(commune=commune).values_list("cases", flat=True).first()
    if trained_on is not None and cases < trained_on + RETRAIN_EVERY:
        return False
    enqueue_on_commit(TRAIN_TASK, commune.pk)
    return True


def _loaded(commune: Commune) -> tuple[dict | None, SuggestionModel | None]:
    """The commune's models when they are in use (they beat the keywords), with their row."""
    row = (
        SuggestionModel.objects.filter(commune=commune)
        .only("trained_at", "field_accuracy", "keyword_accuracy", "unit_accuracy")
        .first()
    )
    if row is None or not row.in_use:
        return None, row
    cached = _MODELS.get(commune.pk)
    if cached and cached[0] == row.trained_at:
        return cached[1], row
    blob = SuggestionModel.objects.filter(commune=commune).values_list("blob", flat=True).first()
    models = pickle.loads(bytes(blob))  # noqa: S301 - written by `train` above, never from outside
    _MODELS[commune.pk] = (row.trained_at, models)
    return models, row


def model_suggestion(commune: Commune, text: str) -> Suggestion:
    """The model's suggestion alone (empty when the commune has no model in use)."""
    models, _row = _loaded(commune)
    if not models or models.get("field") is None:
        return Suggestion(Source.MODEL)
    probs = learning.probabilities(models["field"], text)
    alternatives = _ranked_fields(commune, probs)
    best = alternatives[0] if alternatives else None
    unit = None
    if models.get("unit") is not None:
        unit_id = int(models["unit"].predict([text])[0])
        unit = Unit.objects.filter(commune=commune, is_active=True, pk=unit_id).first()
    conf = round(max(probs.values()), 3)
    reason = "học từ các đơn xã đã xử lý"
    return Suggestion(Source.MODEL, best, unit, reason, [], conf, alternatives)


def _combined(commune: Commune, text: str, models: dict) -> Suggestion:
    """Model and keywords together: MODEL_SHARE of the model's probability plus the rest of the
    keywords' share of the score, per field."""
    entries = keyword_entries(commune)
    ranked = score_fields(text, entries)
    total = sum(r.score for r in ranked) or 1.0
    kw_share = {r.field_id: r.score / total for r in ranked}
    probs = learning.probabilities(models["field"], text)
    weight = MODEL_SHARE if ranked else 1.0
    scores = {
        fid: weight * probs.get(fid, 0.0) + (1 - weight) * kw_share.get(fid, 0.0)
        for fid in set(probs) | set(kw_share)
    }
    alternatives = _ranked_fields(commune, scores)
    if not alternatives:
        return keyword_suggestion(commune, text, entries)
    best = alternatives[0]
    by_keywords = next((r for r in ranked if r.field_id == best.pk), None)
    unit = None
    if models.get("unit") is not None:
        unit_id = int(models["unit"].predict([text])[0])
        unit = Unit.objects.filter(commune=commune, is_active=True, pk=unit_id).first()
    if unit is None and by_keywords is not None:
        unit = _unit_named(commune, by_keywords.unit_names)
    source = Source.MODEL if probs and max(probs, key=probs.get) == best.pk else Source.KEYWORDS
    reason = "học từ các đơn xã đã xử lý"
    if by_keywords is not None:
        reason += f"; từ khóa {_words(by_keywords.matched)}"
    matched = by_keywords.matched if by_keywords else []
    return Suggestion(source, best, unit, reason[:200], matched, round(scores[best.pk], 3), alternatives)


def suggest(commune: Commune, text: str) -> Suggestion:
    """Field, unit and kind for a text, as a new petition gets them."""
    models, _row = _loaded(commune)
    if models and models.get("field") is not None:
        found = _combined(commune, text, models)
    else:
        found = keyword_suggestion(commune, text)
    if found.field is not None and found.confidence < rules.SUGGESTION_MIN_CONFIDENCE:
        names = "; ".join(f.name for f in found.alternatives)
        found.reason = f"chưa đủ căn cứ để gợi ý một lĩnh vực (có thể: {names}); {found.reason}"[:200]
        found.field = None
        found.unit = None
    found.kind = kinds.suggest_kind(text)
    return found


# The background job that suggests a new petition's field, unit and kind (named: tasks.py imports this).
SUGGEST_TASK = "danvan.petitions.tasks.suggest_for_petition"


def suggestion_schedule(petition: Petition) -> None:
    """Have the new petition's suggestion made in the background once its intake commits. The citizen
    waits for none of it (keywords, the commune's model, 4–5 queries): staff read it when they classify.
    Only the id goes to the task table, never the content. With the database backend the job's row is
    written in the intake's own transaction (`enqueue_with_write`): one commit for both."""
    enqueue_with_write(SUGGEST_TASK, petition.pk)


def record_suggestion(petition: Petition) -> PetitionSuggestion | None:
    """Store the suggestion for a new petition; idempotent (a task run twice stores one row). If staff
    classified the case before the task ran, whether they kept it is recorded at once."""
    existing = PetitionSuggestion.objects.filter(petition=petition).first()
    if existing is not None:
        return existing
    found = suggest(petition.commune, petition.content)
    kind = found.kind
    try:
        with transaction.atomic():
            row = _store(petition, found, kind)
    except IntegrityError:  # the same job ran twice at once: the other run stored it (one row per petition)
        return PetitionSuggestion.objects.get(petition=petition)
    if petition.kind != Petition.Kind.UNCLASSIFIED:
        record_outcome(petition)
        row.refresh_from_db()
    return row


def _store(petition: Petition, found: Suggestion, kind) -> PetitionSuggestion:
    return PetitionSuggestion.objects.create(
        petition=petition,
        source=found.source,
        field=found.field,
        unit=found.unit,
        reason=found.reason,
        confidence=found.confidence,
        alternatives=[f.pk for f in found.alternatives],
        kind=kind.kind if kind else "",
        kind_confidence=kind.confidence if kind else None,
        kind_reason=", ".join(kind.reasons)[:200] if kind else "",
    )


def record_outcome(petition: Petition) -> None:
    """After classification: whether the officer kept the suggested field, unit and kind."""
    row = PetitionSuggestion.objects.filter(petition=petition).first()
    if row is None:
        return
    with transaction.atomic():
        row.field_accepted = None if row.field_id is None else row.field_id == petition.field_id
        row.unit_accepted = None if row.unit_id is None else row.unit_id == petition.unit_id
        row.kind_accepted = None if row.kind in ("", kinds.SEVERAL) else row.kind == petition.kind
        row.save(update_fields=["field_accepted", "unit_accepted", "kind_accepted"])
