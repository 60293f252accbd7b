"""`danvan backup` and `danvan restore` round-trip the demo on SQLite: database, media files and secret
key come back; a damaged archive is refused before anything is switched."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path


def _danvan(data: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DANVAN_SECRET_KEY")}
    env |= {"DANVAN_DATA_DIR": str(data), "DANVAN_SITE_URL": "http://127.0.0.1:8000"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "danvan.manage", *args], env=env, capture_output=True, text=True, timeout=300
    )


def _rows(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as c:
        return (
            c.execute("SELECT COUNT(*) FROM petitions_petition").fetchone()[0],
            c.execute("SELECT COUNT(*) FROM core_auditevent").fetchone()[0],
        )


def test_the_demo_round_trips_and_a_damaged_archive_is_refused(tmp_path):
    data = tmp_path / "data"
    for step in (("migrate", "--noinput", "-v", "0"), ("setup_demo",)):
        run = _danvan(data, *step)
        assert run.returncode == 0, run.stderr[-2000:]
    media = data / "media"
    (media / "kiem-tra").mkdir(parents=True, exist_ok=True)
    (media / "kiem-tra" / "tep.txt").write_text("minh chứng")
    key = (data / "secret_key").read_text()
    before = _rows(data / "danvan.sqlite3")
    archive = tmp_path / "sao-luu.tar.gz"
    run = _danvan(data, "backup", "--output", str(archive))
    assert run.returncode == 0 and "sqlite-backup-api" in run.stdout, run.stderr[-2000:]
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["rows"]["petitions_petition"] == before[0]
    assert "media/kiem-tra/tep.txt" in manifest["files"] and "secret_key" in manifest["files"]

    # Disaster: the database, the media and the key are lost.
    for name in ("danvan.sqlite3", "danvan.sqlite3-wal", "danvan.sqlite3-shm", "secret_key"):
        (data / name).unlink(missing_ok=True)
    (media / "kiem-tra" / "tep.txt").unlink()
    run = _danvan(data, "restore", str(archive))
    assert run.returncode == 0, run.stderr[-2000:]
    assert _rows(data / "danvan.sqlite3") == before
    assert (media / "kiem-tra" / "tep.txt").read_text() == "minh chứng"
    assert (data / "secret_key").read_text() == key

    # A damaged archive (one file changed) is refused and leaves the data as it was.
    broken = tmp_path / "hong.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(broken, "w:gz") as dst:
        for member in src.getmembers():
            f = src.extractfile(member)
            body = f.read() if f else b""
            if member.name == "secret_key":
                body = b"khoa-khac"
                member.size = len(body)
            dst.addfile(member, io.BytesIO(body))
    run = _danvan(data, "restore", str(broken))
    assert run.returncode != 0 and "bị thiếu hoặc hỏng" in run.stderr
    assert (data / "secret_key").read_text() == key and _rows(data / "danvan.sqlite3") == before


def _pg_url() -> str | None:
    """The PostgreSQL server this run uses (CI's second pass sets DATABASE_URL), or None on SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def test_the_demo_round_trips_on_postgresql(tmp_path):
    """The same round trip on PostgreSQL (pg_dump, then psql into the emptied database). Runs in the
    PostgreSQL pass of the suite; a database of its own, created and dropped here."""
    import psycopg
    from dj_database_url import parse

    url = _pg_url()
    if url is None:
        import pytest

        pytest.skip("chạy trong lượt PostgreSQL (DATABASE_URL=postgres://…)")
    conf = parse(url)
    name = f"{conf['NAME']}_sao_luu"[:60]
    server = {
        "host": conf["HOST"] or "127.0.0.1",
        "port": conf["PORT"] or 5432,
        "user": conf["USER"] or "postgres",
        "password": conf["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }

    def reset_database():
        with psycopg.connect(**server) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            c.execute(f'CREATE DATABASE "{name}"')

    def rows() -> tuple[int, int, int]:
        with psycopg.connect(**{**server, "dbname": name}) as c:
            return tuple(
                c.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # noqa: S608 - our own tables
                for t in ("petitions_petition", "core_auditevent", "otp_totp_totpdevice")
            )

    own_url = url.rsplit("/", 1)[0] + "/" + name
    data = tmp_path / "data"

    def danvan(*args):
        env = {
            k: v for k, v in os.environ.items() if k not in ("DANVAN_SECRET_KEY", "DJANGO_SETTINGS_MODULE")
        }
        env |= {"DANVAN_DATA_DIR": str(data), "DATABASE_URL": own_url, "DANVAN_SITE_URL": "http://127.0.0.1"}
        return subprocess.run(
            [sys.executable, "-m", "danvan.manage", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    reset_database()
    try:
        for step in (("migrate", "--noinput", "-v", "0"), ("setup_demo",)):
            run = danvan(*step)
            assert run.returncode == 0, run.stderr[-2000:]
        before = rows()
        assert before[0] > 0 and before[2] > 0  # petitions, and the demo leaders' authenticator keys
        archive = tmp_path / "sao-luu-pg.tar.gz"
        run = danvan("backup", "--output", str(archive))
        assert run.returncode == 0, run.stderr[-2000:]
        with tarfile.open(archive) as tar:
            manifest = json.load(tar.extractfile("manifest.json"))
        assert manifest["database"]["engine"] == "postgresql"
        assert manifest["database"]["method"] in ("pg_dump", "dumpdata")

        # Disaster: the database is lost; an empty one is created and migrated by nobody.
        reset_database()
        if manifest["database"]["method"] == "dumpdata":
            assert danvan("migrate", "--noinput", "-v", "0").returncode == 0
        run = danvan("restore", str(archive))
        assert run.returncode == 0, run.stderr[-2000:]
        assert rows() == before
        # The demo coordinator still signs in with the restored key (the audit trigger came back too).
        check = danvan("otp_code", "dieuphoi")
        assert check.returncode == 0 and check.stdout.strip().isdigit(), check.stderr[-1000:]
    finally:
        with psycopg.connect(**server) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
