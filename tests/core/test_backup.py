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
