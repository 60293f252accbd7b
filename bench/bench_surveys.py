"""Survey results page (issue 17): SQL queries and time with 100 and with 10,000 answers to the SIPAS
survey (each answer: the five aspects, the single-choice questions, a free-text line).

Run from the repository root:  .venv/bin/python bench/bench_surveys.py [--runs 10]
Uses a throw-away database: a temporary SQLite file, or the PostgreSQL server named by
BENCH_DATABASE_URL. The point is the query count, which must not grow with the answers; times are
reported with 100 answers as the reference. Rows are bulk-inserted (the services are tested elsewhere).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp.name}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "danvan.settings"
    os.environ["DANVAN_DATA_DIR"] = tmp.name
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        results = [measure(n, args.runs) for n in (100, 10_000)]
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    base = results[0]
    print(f"database: {connection.vendor}; {args.runs} runs each after 2 warm-up runs")
    print("| answers | page | queries | mean ms | median ms | time / 100 answers |")
    print("|---:|---|---:|---:|---:|---:|")
    same = True
    for r in results:
        for page, (queries, mean, median) in r["pages"].items():
            ref = base["pages"][page]
            same &= queries == ref[0]
            print(f"| {r['n']} | {page} | {queries} | {mean:.1f} | {median:.1f} | {mean / ref[1]:.2f}× |")
    print("query count independent of size:", "yes" if same else "NO")
    sys.exit(0 if same else 1)


def measure(n: int, runs: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from danvan.geo.models import Commune, Province, Village
    from danvan.org.models import Role
    from danvan.org.services import commune_activate, membership_grant
    from danvan.surveys import services
    from danvan.surveys.models import Answer, Question, Response

    province, _ = Province.objects.get_or_create(
        code="68", defaults={"name": "Lâm Đồng", "division_type": "tỉnh", "slug": "lam-dong"}
    )
    code = f"{80000 + n % 10000}"
    commune = Commune.objects.create(
        code=code, province=province, name=f"Xã Đo {n}", division_type="xã", slug=f"do-{n}"
    )
    commune_activate(commune=commune, by=None)
    villages = [Village.objects.create(commune=commune, name=f"Thôn {i}") for i in range(1, 9)]
    user = get_user_model().objects.create_user(f"bench{n}")
    membership_grant(user=user, role=Role.COORDINATOR, commune=commune, by=None)
    survey = services.survey_create_sipas(by=user, commune=commune)
    services.survey_open(by=user, survey=survey)
    questions = list(Question.objects.filter(section__survey=survey))
    responses = Response.objects.bulk_create(
        Response(survey=survey, village=villages[i % len(villages)], client_token=f"b{i}") for i in range(n)
    )
    rows = []
    for i, r in enumerate(responses):
        for q in questions:
            if q.kind == "scale":
                rows.append(Answer(response=r, question=q, scale=1 + (i * 7 + q.pk) % 5))
            elif q.kind in ("single", "multiple"):
                rows.append(Answer(response=r, question=q, picks=[i % len(q.choices)]))
            elif i % 10 == 0:
                rows.append(Answer(response=r, question=q, text=f"Góp ý số {i}"))
    Answer.objects.bulk_create(rows, batch_size=5000)
    client = Client()
    client.force_login(user)
    pages = {
        "kết quả": f"/lam-viec/{code}/khao-sat/{survey.pk}/ket-qua/",
        "công khai": f"/xa/{commune.slug}/muc-do-hai-long/",
    }
    out = {}
    for name, url in pages.items():
        for _ in range(2):
            assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        queries = len(ctx.captured_queries)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        out[name] = (queries, statistics.mean(times), statistics.median(times))
    return {"n": n, "pages": out}


if __name__ == "__main__":
    main()
