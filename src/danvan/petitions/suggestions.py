"""Suggested field (lĩnh vực) and unit for a new petition: suggestions only, staff always decide.

Two sources, tried in this order:
1. the commune's own model, once it has `rules.SUGGESTION_MODEL_MIN_CASES` classified cases: TF-IDF
   on the accent-folded text (words and word pairs) + logistic regression, one for the field and one
   for the unit, trained in the background (`tasks.train_suggestion_model`) on that commune's history
   only; its accuracy is measured on `rules.SUGGESTION_TEST_SHARE` of the cases held back from
   training and shown in the admin;
2. the keyword list (`FieldKeyword`, editable in the admin): the field whose keywords appear most
   (longer phrases weigh more), and the unit named next to those keywords. Keywords match whole
   syllable sequences, with their diacritics when the text is written with them ("cắp" is not
   "cấp", "xả thải" is not "xã Thái"); only text typed without diacritics is matched accent-folded.
"""

from __future__ import annotations

import pickle
import re
from dataclasses import dataclass
from dataclasses import field as dc_field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from danvan.core.background import enqueue_on_commit
from danvan.geo.models import Commune
from danvan.org.models import Unit
from danvan.petitions import rules
from danvan.petitions.models import Field, FieldKeyword, Petition, PetitionSuggestion, SuggestionModel
from danvan.text.normalize import fold, nfc, strip_accents

Source = PetitionSuggestion.Source
RETRAIN_EVERY = 25  # new classified cases before the model is trained again
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

    def __bool__(self) -> bool:
        return self.field is not None or self.unit is not None


# --- keywords ------------------------------------------------------------------------------------------


def _fields_of(commune: Commune):
    return Field.objects.filter(Q(commune__isnull=True) | Q(commune=commune), is_active=True)


_SYLLABLE = re.compile(r"[^\W_]+")
# Vietnamese written with diacritics carries them on most syllables; text typed without them has
# none or nearly none (a stray "đ"). Below this share the text is taken as typed without them.
ACCENTED_SHARE = 0.15


def _syllables(text: str) -> list[str]:
    return _SYLLABLE.findall(nfc(text).lower())


def is_typed_without_diacritics(text: str) -> bool:
    """True for "duong bi o ga", False for "đường bị ổ gà" (and for text with no letters at all)."""
    words = _syllables(text)
    if not words:
        return False
    accented = sum(1 for w in words if strip_accents(w) != w)
    return accented / len(words) < ACCENTED_SHARE


def match_key(text: str, folded: bool) -> str:
    """Lower-case syllables joined by single spaces, accent-folded only when `folded`."""
    words = _syllables(text)
    return " ".join(fold(w) for w in words) if folded else " ".join(words)


def keyword_matches(keyword: str, text_key: str, folded: bool) -> bool:
    """Whether the keyword occurs in the text as a whole syllable sequence (`text_key` from `match_key`)."""
    key = match_key(keyword, folded)
    return bool(key) and f" {key} " in f" {text_key} "


def keyword_suggestion(commune: Commune, text: str) -> Suggestion:
    """The field whose keywords occur most in the text (2 queries)."""
    folded = is_typed_without_diacritics(text)
    text_key = match_key(text, folded)
    scores: dict[int, float] = {}
    matched: dict[int, list[str]] = {}
    unit_names: dict[int, dict[str, float]] = {}
    fields: dict[int, Field] = {}
    rows = FieldKeyword.objects.filter(field__in=_fields_of(commune)).select_related("field")
    for kw in rows:
        if not keyword_matches(kw.keyword, text_key, folded):
            continue
        weight = len(_syllables(kw.keyword))
        scores[kw.field_id] = scores.get(kw.field_id, 0) + weight
        matched.setdefault(kw.field_id, []).append(kw.keyword)
        fields[kw.field_id] = kw.field
        if kw.unit_name:
            names = unit_names.setdefault(kw.field_id, {})
            names[fold(kw.unit_name)] = names.get(fold(kw.unit_name), 0) + weight
    if not scores:
        return Suggestion(Source.KEYWORDS)
    best = max(scores, key=lambda fid: (scores[fid], -fields[fid].sort_order))
    unit = None
    wanted = unit_names.get(best)
    if wanted:
        by_name = {fold(u.name): u for u in Unit.objects.filter(commune=commune, is_active=True)}
        for name in sorted(wanted, key=lambda n: -wanted[n]):
            if name in by_name:
                unit = by_name[name]
                break
    words = ", ".join(matched[best][:4])
    return Suggestion(Source.KEYWORDS, fields[best], unit, f"từ khóa: {words}"[:200], matched[best])


# --- the commune's own model -------------------------------------------------------------------------------


def training_cases(commune: Commune):
    """Classified cases with a field (and, where given, a unit): what the model learns from."""
    return (
        Petition.objects.filter(commune=commune, field__isnull=False)
        .exclude(kind=Petition.Kind.UNCLASSIFIED)
        .exclude(status=Petition.Status.SPLIT)
    )


def _pipeline():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(preprocessor=fold, ngram_range=(1, 2), min_df=1, sublinear_tf=True),
        LogisticRegression(max_iter=1000),
    )


def _fit_and_score(texts: list[str], labels: list[int]) -> tuple[object | None, float | None, int]:
    """Accuracy on the held-back share, then the model refitted on every case."""
    from sklearn.model_selection import train_test_split

    if len(set(labels)) < 2:
        return None, None, 0
    counts = {label: labels.count(label) for label in set(labels)}
    stratify = labels if min(counts.values()) >= 2 else None
    try:
        x_train, x_test, y_train, y_test = train_test_split(
            texts, labels, test_size=rules.SUGGESTION_TEST_SHARE, random_state=0, stratify=stratify
        )
    except ValueError:  # too few cases of some label for a stratified split
        x_train, x_test, y_train, y_test = train_test_split(
            texts, labels, test_size=rules.SUGGESTION_TEST_SHARE, random_state=0
        )
    accuracy = None
    if len(set(y_train)) >= 2 and x_test:
        probe = _pipeline().fit(x_train, y_train)
        accuracy = float(probe.score(x_test, y_test))
    return _pipeline().fit(texts, labels), accuracy, len(x_test)


def train(commune: Commune) -> SuggestionModel | None:
    """Train the commune's model on its own history; None when it has too few cases."""
    rows = list(training_cases(commune).values_list("content", "field_id", "unit_id"))
    if len(rows) < rules.SUGGESTION_MODEL_MIN_CASES:
        return None
    field_model, field_accuracy, tested = _fit_and_score([r[0] for r in rows], [r[1] for r in rows])
    with_unit = [r for r in rows if r[2] is not None]
    unit_model, unit_accuracy, _ = (
        _fit_and_score([r[0] for r in with_unit], [r[2] for r in with_unit])
        if len(with_unit) >= rules.SUGGESTION_MODEL_MIN_CASES
        else (None, None, 0)
    )
    blob = pickle.dumps({"field": field_model, "unit": unit_model}, protocol=pickle.HIGHEST_PROTOCOL)
    model, _ = SuggestionModel.objects.update_or_create(
        commune=commune,
        defaults={
            "trained_at": timezone.now(),
            "cases": len(rows),
            "tested": tested,
            "field_accuracy": field_accuracy,
            "unit_accuracy": unit_accuracy,
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


def _loaded(commune: Commune) -> dict | None:
    stamp = SuggestionModel.objects.filter(commune=commune).values_list("trained_at", flat=True).first()
    if stamp is None:
        return None
    cached = _MODELS.get(commune.pk)
    if cached and cached[0] == stamp:
        return cached[1]
    blob = SuggestionModel.objects.filter(commune=commune).values_list("blob", flat=True).first()
    models = pickle.loads(bytes(blob))  # noqa: S301 - written by `train` above, never from outside
    _MODELS[commune.pk] = (stamp, models)
    return models


def model_suggestion(commune: Commune, text: str) -> Suggestion:
    models = _loaded(commune)
    if not models or models.get("field") is None:
        return Suggestion(Source.MODEL)
    field_id = int(models["field"].predict([text])[0])
    field_prob = float(models["field"].predict_proba([text]).max())
    unit_id = int(models["unit"].predict([text])[0]) if models.get("unit") is not None else None
    found_field = _fields_of(commune).filter(pk=field_id).first()
    unit = Unit.objects.filter(commune=commune, is_active=True, pk=unit_id).first() if unit_id else None
    reason = f"học từ các đơn xã đã xử lý (độ tin cậy {round(100 * field_prob)}%)"
    return Suggestion(Source.MODEL, found_field, unit, reason)


def suggest(commune: Commune, text: str) -> Suggestion:
    """The model's suggestion where the commune has one, else the keywords'."""
    found = model_suggestion(commune, text)
    if found.field is not None:
        return found
    return keyword_suggestion(commune, text)


def record_suggestion(petition: Petition) -> PetitionSuggestion | None:
    """Store the suggestion for a new petition (in the intake transaction)."""
    found = suggest(petition.commune, petition.content)
    if not found:
        return None
    return PetitionSuggestion.objects.create(
        petition=petition, source=found.source, field=found.field, unit=found.unit, reason=found.reason
    )


def record_outcome(petition: Petition) -> None:
    """After classification: whether the officer kept the suggested field and unit."""
    row = PetitionSuggestion.objects.filter(petition=petition).first()
    if row is None:
        return
    with transaction.atomic():
        row.field_accepted = None if row.field_id is None else row.field_id == petition.field_id
        row.unit_accepted = None if row.unit_id is None else row.unit_id == petition.unit_id
        row.save(update_fields=["field_accepted", "unit_accepted"])
