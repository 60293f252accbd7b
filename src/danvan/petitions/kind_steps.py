"""Which steps a commune leaves out for a kind of đơn (reads only; the setting is written by
`services.kinds.kind_workflow_set`). The law's part is in `rules.required_steps` / `rules.default_skipped`."""

from __future__ import annotations

from danvan.petitions import rules
from danvan.petitions.models import KindWorkflow, Petition

Kind = Petition.Kind
OPTIONAL_KINDS = (Kind.FEEDBACK, Kind.RECOMMENDATION)


def _skipped(row: KindWorkflow | None, kind: str) -> frozenset[str]:
    if kind not in OPTIONAL_KINDS:
        return frozenset()
    if row is None:
        return rules.default_skipped(kind)
    steps = set()
    if row.skip_acceptance:
        steps.add(rules.ACCEPT)
    if row.skip_verification:
        steps.add(rules.VERIFY)
    # Never more than the law lets go of, whatever a row says.
    return frozenset(steps) - rules.required_steps(kind)


def skipped_by_kind(commune) -> dict[str, frozenset[str]]:
    """Every kind's skipped steps in this commune (1 query)."""
    rows = {r.kind: r for r in KindWorkflow.objects.filter(commune=commune)}
    return {kind: _skipped(rows.get(kind), kind) for kind in Kind.values}


def skipped_steps(commune, kind: str) -> frozenset[str]:
    """The steps this commune leaves out for this kind (at most 1 query)."""
    if kind not in OPTIONAL_KINDS:
        return frozenset()
    return _skipped(KindWorkflow.objects.filter(commune=commune, kind=kind).first(), kind)
