"""Scoring rules: a measured share as points, bands from the thresholds, thresholds checked."""

from __future__ import annotations

from decimal import Decimal

from danvan.scoring import rules


def test_measured_points_are_the_share_of_the_maximum_in_quarters():
    assert rules.measured_points(Decimal(20), 2, 3) == Decimal("13.25")  # 13.33 → 13.25
    assert rules.measured_points(Decimal(10), 3, 3) == Decimal("10.00")
    assert rules.measured_points(Decimal(10), 0, 4) == Decimal("0.00")


def test_nothing_owed_earns_the_full_points_and_more_than_owed_is_capped():
    assert rules.measured_points(Decimal(15), 0, 0) == Decimal(15)
    assert rules.measured_points(Decimal(5), 3, 1) == Decimal("5.00")


def test_band_follows_the_share_of_the_maximum_total():
    t = rules.DEFAULT_BANDS
    assert rules.band_for(Decimal(90), Decimal(100), t) == "excellent"
    assert rules.band_for(Decimal("89.75"), Decimal(100), t) == "good"
    assert rules.band_for(Decimal(50), Decimal(100), t) == "pass"
    assert rules.band_for(Decimal("49.75"), Decimal(100), t) == "fail"
    # Thresholds are shares: 45 of 50 points is 90 %.
    assert rules.band_for(Decimal(45), Decimal(50), t) == "excellent"


def test_thresholds_must_decrease_and_stay_within_0_to_100():
    ok = {"excellent": Decimal(90), "good": Decimal(75), "pass": Decimal(50)}
    assert rules.thresholds_valid(ok) is None
    assert "giảm dần" in rules.thresholds_valid({**ok, "good": Decimal(95)})
    assert "từ 0 đến 100" in rules.thresholds_valid({**ok, "excellent": Decimal(101)})


def test_default_frameworks_total_100_points_and_use_known_measures():
    for catalogue, subject in ((rules.DEFAULT_UNITS, "units"), (rules.DEFAULT_COMMUNES, "communes")):
        criteria = [c for _, group in catalogue for c in group]
        assert sum(c.max_points for c in criteria) == 100
        for c in criteria:
            if c.measure:
                assert subject in rules.MEASURES[c.measure].subjects
