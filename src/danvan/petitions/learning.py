"""A commune's own suggestion model (no database): TF-IDF on the text and logistic regression, with its
accuracy measured on held-back cases beside the keywords' accuracy on the same cases.

Why these settings: a commune's history is small (tens to hundreds of cases) and unbalanced (roads
and land outnumber everything), so the regression weighs classes by their rarity
(`class_weight="balanced"`) and is regularised lightly (C=10): the strong default regularisation made
the first model answer the largest field for almost everything. Word pairs on the accent-folded text
let "y te" and "trạm y tế" meet however the sender typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from danvan.text.normalize import fold

REGULARISATION_C = 10.0


def pipeline():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(preprocessor=fold, ngram_range=(1, 2), min_df=1, sublinear_tf=True),
        LogisticRegression(max_iter=2000, C=REGULARISATION_C, class_weight="balanced"),
    )


@dataclass
class Trained:
    model: object | None  # fitted on every case
    accuracy: float | None  # on the held-back cases, of a model fitted without them
    baseline: float | None  # the keywords' accuracy on the same held-back cases
    tested: int


def fit_and_score(
    texts: Sequence[str],
    labels: Sequence[int],
    test_share: float,
    baseline: Callable[[str], int | None] | None = None,
    seed: int = 0,
) -> Trained:
    """Hold back `test_share` of the cases, score a model fitted on the rest (and `baseline`, the
    keywords, on the same cases), then fit the model on every case."""
    from sklearn.model_selection import train_test_split

    texts, labels = list(texts), list(labels)
    if len(set(labels)) < 2:
        return Trained(None, None, None, 0)
    counts = {label: labels.count(label) for label in set(labels)}
    stratify = labels if min(counts.values()) >= 2 else None
    try:
        x_train, x_test, y_train, y_test = train_test_split(
            texts, labels, test_size=test_share, random_state=seed, stratify=stratify
        )
    except ValueError:  # too few cases of some label for a stratified split
        x_train, x_test, y_train, y_test = train_test_split(
            texts, labels, test_size=test_share, random_state=seed
        )
    accuracy = base = None
    if len(set(y_train)) >= 2 and x_test:
        probe = pipeline().fit(x_train, y_train)
        accuracy = float(probe.score(x_test, y_test))
        if baseline is not None:
            base = sum(1 for text, label in zip(x_test, y_test, strict=True) if baseline(text) == label)
            base = base / len(x_test)
    return Trained(pipeline().fit(texts, labels), accuracy, base, len(x_test))


def probabilities(model, text: str) -> dict[int, float]:
    """Label -> probability for one text."""
    row = model.predict_proba([text])[0]
    return {int(label): float(p) for label, p in zip(model.classes_, row, strict=True)}
