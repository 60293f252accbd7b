"""The registry answers with the rule in force on the day asked, on both sides of each change of law."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from danvan.law import registry
from danvan.law.entries import ENTRIES
from danvan.law.registry import count_needed, rule, rules_in_force, share_reached

JUNE_30 = dt.date(2026, 6, 30)
JULY_1 = dt.date(2026, 7, 1)


def test_reception_rule_changes_on_1_july_2026():
    assert rule("reception.chairman_days", on=JUNE_30).value == {"days": 1, "per": "week"}
    assert rule("reception.chairman_days", on=JULY_1).value == {"days": 2, "per": "month"}
    assert "136/2025/QH15" in rule("reception.chairman_days", on=JULY_1).citation


def test_escalation_above_the_commune_is_the_province_since_1_july_2025():
    assert rule("escalation.above_commune", on=dt.date(2025, 6, 30)).value["level"] == "district"
    assert rule("escalation.above_commune", on=dt.date(2025, 7, 1)).value["level"] == "province"


def test_no_key_has_two_entries_in_force_on_the_same_day():
    by_key: dict[str, list] = {}
    for entry in ENTRIES:
        by_key.setdefault(entry.key, []).append(entry)
    for key, entries in by_key.items():
        entries.sort(key=lambda e: e.in_force_from)
        for before, after in itertools.pairwise(entries):
            assert before.in_force_until is not None, key
            # The next entry starts the day after the previous one ends: no gap, no overlap.
            assert after.in_force_from == before.in_force_until + dt.timedelta(days=1), key


def test_every_entry_cites_a_text_and_says_what_it_means():
    for entry in ENTRIES:
        assert any(t in entry.citation for t in ("Luật", "Nghị định", "Thông tư")), entry.key
        assert entry.title, entry.key
        assert entry.uses, entry.key


def test_an_unconfirmed_rule_is_a_setting_with_the_best_supported_default(settings):
    assert rule("complaint.accept_days", on=JULY_1).value == {"days": 10, "working": True}
    assert not rule("complaint.accept_days", on=JULY_1).confirmed
    settings.DANVAN_COMPLAINT_ACCEPT_DAYS = 7
    assert rule("complaint.accept_days", on=JULY_1).value == {"days": 7, "working": True}
    # The setting does not rewrite the rule that was in force before: it was confirmed.
    assert rule("complaint.accept_days", on=JUNE_30).value["days"] == 10


def test_a_day_before_any_text_has_no_rule():
    with pytest.raises(registry.NoRuleInForce):
        rule("decision.pass.other", on=dt.date(2020, 1, 1))


@pytest.mark.parametrize(
    ("count", "total", "share", "inclusive", "expected"),
    [
        (66, 100, "2/3", True, False),
        (67, 100, "2/3", True, True),
        (2, 3, "2/3", True, True),
        (50, 100, "1/2", False, False),
        (51, 100, "1/2", False, True),
        (0, 0, "1/2", False, False),
    ],
)
def test_shares_at_their_edges(count, total, share, inclusive, expected):
    assert share_reached(count, total, share=share, inclusive=inclusive) is expected
    if expected:
        assert count >= count_needed(total, share=share, inclusive=inclusive)
    elif total:
        assert count < count_needed(total, share=share, inclusive=inclusive)


def _rules_json(on: str) -> list[dict]:
    out = StringIO()
    call_command("rules", "--on", on, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_command_prints_the_rules_in_force_and_they_differ_across_1_july_2026():
    before, after = _rules_json("2026-06-30"), _rules_json("2026-07-01")
    b, a = {r["key"]: r for r in before}, {r["key"]: r for r in after}
    assert set(before[0]) == {"key", "value", "citation", "in_force_from", "in_force_until", "confirmed"}
    assert b["reception.chairman_days"]["value"] == {"days": 1, "per": "week"}
    assert b["reception.chairman_days"]["in_force_until"] == "2026-06-30"
    assert a["reception.chairman_days"]["value"] == {"days": 2, "per": "month"}
    assert a["decision.pass.contributions"]["value"] == {"share": "2/3", "inclusive": True}
    assert a["decision.pass.other"]["value"] == {"share": "1/2", "inclusive": False}
    assert a["supervision.answer_days"]["value"] == {"days": 15, "working": False}
    assert a["supervision.answer_days"]["confirmed"] is True
    assert set(a["complaint.accept_days"]["value"]) == {"days", "working"}
    assert b["complaint.suspension"]["value"] == {"allowed": False}
    assert a["complaint.suspension"]["value"]["clock_paused"] is True
    changed = {k for k in a if a[k] != b.get(k)}
    assert changed == {"reception.chairman_days", "complaint.accept_days", "complaint.suspension"}


def test_command_text_output_and_bad_date():
    out = StringIO()
    call_command("rules", "--on", "2026-07-01", stdout=out)
    assert "ít nhất 02 ngày trong 01 tháng" in out.getvalue()
    with pytest.raises(CommandError, match="NĂM-THÁNG-NGÀY"):
        call_command("rules", "--on", "1/7/2026")


def test_rules_in_force_is_sorted_by_key():
    found = [r.key for r in rules_in_force(JULY_1)]
    assert found == sorted(found)
