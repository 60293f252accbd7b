"""The layering of the apps: an app imports only apps below it, so a change low down never needs a
change higher up and no import cycle between apps can form. This list is the one place the layers are
written; docs/ARCHITECTURE.md explains them."""

from __future__ import annotations

import ast
from pathlib import Path

import danvan

# Lowest first. An app may import apps of lower layers only (and itself).
LAYERS: list[set[str]] = [
    {"text", "documents"},  # no Django models: Vietnamese text, the ND 30 document engine
    {
        "core"
    },  # audit, errors, files, rate limits, background jobs, schedule, form conventions, report contract
    {"geo", "legaltime", "law", "comms"},  # places, the working calendar, the legal rules registry, messages
    {"org"},  # units, roles, the tenant scope
    {"outgoing"},  # the register of outgoing documents (numbers in the commune's year)
    # plans; petitions; news, loudspeaker; inspections; staff accounts (second factor, sessions)
    {"plans", "petitions", "announcements", "inspections", "accounts"},
    {
        "democracy",
        "engagement",
        "exemplars",
        "mediation",
        "opinion",
        "surveys",
        "followup",
        "front",
        "training",
        "prestige",
        "budget",
        "assignments",
    },  # democracy; reception and commitments; “Dân vận khéo”; mediation; opinion; surveys; follow-up; Front
    {"reports", "api", "scoring"},  # what reads across the apps: reports, the REST API and Open311, scoring
    {"demo", "web"},  # the demo commune; the portal and workspace shell
]
PACKAGE = Path(danvan.__file__).parent


def _layer_of(app: str) -> int | None:
    return next((i for i, apps in enumerate(LAYERS) if app in apps), None)


def _imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "danvan" and len(parts) > 1:
                out.add(parts[1])
    return out


def _apps() -> list[str]:
    return sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists())


def test_every_app_has_a_layer():
    missing = [app for app in _apps() if _layer_of(app) is None]
    assert not missing, f"add these apps to LAYERS in {__file__}: {missing}"


def test_no_app_imports_an_app_above_or_beside_it():
    wrong = []
    for app in _apps():
        mine = _layer_of(app)
        for path in sorted((PACKAGE / app).rglob("*.py")):
            for other in _imported_apps(path) - {app}:
                theirs = _layer_of(other)
                if theirs is not None and mine is not None and theirs >= mine:
                    wrong.append(f"{path.relative_to(PACKAGE)} imports danvan.{other}")
    assert not wrong, "imports against the layering:\n" + "\n".join(wrong)
