"""The SIPAS-style index on our own fixture numbers, each against a value worked out by hand.

Formula (surveys/rules.py, after QĐ 1001/QĐ-BNV ngày 11/12/2023, ../shared/LEGAL.md “Satisfaction”):
aspect index = answers “hài lòng” or “rất hài lòng” (4–5) / answers × 100; 95 % Wilson interval;
overall = the mean over respondents of the share of aspects each was satisfied with."""

from __future__ import annotations

import pytest

from danvan.surveys import rules


def test_aspect_index_is_the_share_satisfied_with_a_wilson_interval():
    # 8 of 10 satisfied: 80 %; Wilson 95 % for 8/10 is 0.490–0.943 (Newcombe 1998, table I).
    idx = rules.aspect_index(8, 10)
    assert (idx.value, idx.answers, idx.low, idx.high) == (80.0, 10, 49.0, 94.3)


def test_aspect_index_at_the_edges_stays_inside_0_100():
    assert rules.aspect_index(0, 0).value is None
    all_yes = rules.aspect_index(25, 25)
    assert all_yes.value == 100.0 and all_yes.high == 100.0 and 86.0 < all_yes.low < 87.0
    none = rules.aspect_index(0, 25)
    assert none.value == 0.0 and none.low == 0.0


def test_overall_index_is_the_mean_of_respondents_shares():
    # Respondent A satisfied on 5/5 aspects, B on 3/5, C on 1/5: mean (1 + .6 + .2) / 3 = 60 %.
    idx = rules.overall_index([1.0, 0.6, 0.2])
    assert idx.value == 60.0 and idx.answers == 3
    # s = 0.4, half width = 1.96 × 0.4 / √3 = 0.4526: 14.7 %–100 % after clipping.
    assert idx.low == pytest.approx(14.7, abs=0.1) and idx.high == 100.0


def test_the_template_has_the_five_aspects_each_with_one_scale_question():
    dims = [q.dimension for s in rules.SIPAS_TEMPLATE for q in s.questions if q.dimension]
    assert sorted(dims) == sorted(rules.ASPECTS)
    assert all(q.kind == "scale" for s in rules.SIPAS_TEMPLATE for q in s.questions if q.dimension)
