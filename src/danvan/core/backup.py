"""One archive that is enough to bring a deployment back: the database, the uploaded and generated files
(media), and the secret key (without it the online voting codes stop verifying), with a manifest of
row counts and file checksums that `restore_archive` checks before it switches anything.

The database goes in as: SQLite, a consistent copy through SQLite's online backup API (safe while the
server runs); PostgreSQL, `pg_dump` in plain SQL when the client tools are installed, otherwise
Django's `dumpdata` (JSON). The manifest says which.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.dispatch import Signal

from danvan.core import pagecache
from danvan.core.errors import ServiceError

# Sent once a restore has replaced the database: what a process keeps of it (the working calendar,
# legaltime.calendar) is built again. Receivers take **kwargs.
restored = Signal()

FORMAT = 1


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def row_counts(db_path: Path | None = None) -> dict[str, int]:
    """Rows per table of every model: of the live database, or of a SQLite file."""
    tables = sorted({m._meta.db_table for m in apps.get_models(include_auto_created=True)})
    if db_path is not None:
        with sqlite3.connect(db_path) as db:
            # Table names come from our own models, never from input.
            sql = 'SELECT COUNT(*) FROM "{}"'
            return {t: db.execute(sql.format(t)).fetchone()[0] for t in tables}
    with connection.cursor() as cursor:
        out = {}
        for t in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(t)}")  # noqa: S608 - our tables
            out[t] = cursor.fetchone()[0]
        return out


def _sqlite_path() -> Path | None:
    db = settings.DATABASES["default"]
    return Path(db["NAME"]) if db["ENGINE"].endswith("sqlite3") else None


def _dump_database(workdir: Path) -> tuple[str, str]:
    """Write the database into `workdir`; returns (file name, method)."""
    source = _sqlite_path()
    if source is not None:
        target = workdir / "db.sqlite3"
        with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        return target.name, "sqlite-backup-api"
    db = settings.DATABASES["default"]
    if shutil.which("pg_dump"):
        target = workdir / "db.sql"
        env = {"PGPASSWORD": db.get("PASSWORD") or ""}
        args = ["pg_dump", "--no-owner", "--clean", "--if-exists", "-f", str(target)]
        args += ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432)]
        args += ["-U", db.get("USER") or "postgres", db["NAME"]]
        subprocess.run(args, check=True, env={**_os_env(), **env})  # noqa: S603 - settings, not input
        return target.name, "pg_dump"
    target = workdir / "db.json"
    with target.open("w", encoding="utf-8") as f:
        call_command(
            "dumpdata", "--natural-foreign", "--exclude=contenttypes", "--exclude=auth.permission", stdout=f
        )
    return target.name, "dumpdata"


def _os_env() -> dict[str, str]:
    import os

    return dict(os.environ)


def media_elsewhere() -> str:
    """Where the media files are when they are not in the local folder (an S3-compatible bucket shared by
    several nodes, `DANVAN_S3_BUCKET`): that bucket is backed up by its own means (versioning, replication
    to a second site), not by this archive. Empty for the local media folder."""
    default = settings.STORAGES["default"]
    if not default["BACKEND"].startswith("storages.backends."):
        return ""
    options = default.get("OPTIONS", {})
    return f"s3://{options.get('bucket_name', '')}/{options.get('location', '')}".rstrip("/")


def backup_create(*, output: Path) -> dict:
    """Write the archive to `output` (a .tar.gz); returns its manifest. With media in a bucket, the
    manifest names the bucket under "media_elsewhere" and the archive holds no media."""
    media = Path(settings.MEDIA_ROOT)
    elsewhere = media_elsewhere()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db_name, method = _dump_database(work)
        files = {f"database/{db_name}": work / db_name}
        if media.is_dir() and not elsewhere:
            for path in sorted(p for p in media.rglob("*") if p.is_file()):
                files[f"media/{path.relative_to(media).as_posix()}"] = path
        (work / "secret_key").write_text(settings.SECRET_KEY)
        files["secret_key"] = work / "secret_key"
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(),
            "database": {"engine": connection.vendor, "method": method, "file": f"database/{db_name}"},
            "rows": row_counts(),
            **({"media_elsewhere": elsewhere} if elsewhere else {}),
            "files": {
                name: {"sha256": _sha256(path), "bytes": path.stat().st_size} for name, path in files.items()
            },
        }
        output.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(output, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            for name, path in files.items():
                tar.add(path, arcname=name)
    output.chmod(0o600)  # it holds the secret key and personal data
    return manifest


def _extract_verified(archive: Path, into: Path) -> dict:
    """Unpack and check every file against the manifest (names, sizes, checksums); nothing else."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(into, filter="data")  # refuses absolute paths, "..", links outside
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise ServiceError(f"Không đọc được tệp sao lưu: {exc}", code="bad_archive") from None
    try:
        manifest = json.loads((into / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise ServiceError("Tệp sao lưu không có bản kê (manifest.json).", code="bad_archive") from None
    if manifest.get("format") != FORMAT:
        raise ServiceError("Tệp sao lưu có định dạng không hỗ trợ.", code="bad_archive")
    for name, meta in manifest["files"].items():
        path = into / name
        if not path.is_file() or _sha256(path) != meta["sha256"]:
            raise ServiceError(f"Tệp “{name}” trong bản sao lưu bị thiếu hoặc hỏng.", code="bad_checksum")
    return manifest


def restore_archive(*, archive: Path) -> dict:
    """Check the archive, then switch: database, media folder and secret key. The files it replaces are
    kept beside them with the suffix `.truoc-khoi-phuc` until the next restore."""
    media = Path(settings.MEDIA_ROOT)
    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=settings.DATA_DIR) as tmp:  # same disk: the media move is a rename
        work = Path(tmp)
        manifest = _extract_verified(archive, work)
        db_file = work / manifest["database"]["file"]
        method = manifest["database"]["method"]
        target = _sqlite_path()
        if method == "sqlite-backup-api":
            if target is None:
                raise ServiceError("Bản sao lưu SQLite chỉ khôi phục vào SQLite.", code="wrong_engine")
            if row_counts(db_file) != manifest["rows"]:
                raise ServiceError("Số dòng trong cơ sở dữ liệu sao lưu không khớp bản kê.", code="bad_rows")
            connection.close()
            _keep_previous(target)
            for suffix in ("-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            with sqlite3.connect(db_file) as src, sqlite3.connect(target) as dst:
                src.backup(dst)
        elif method == "pg_dump":
            db = settings.DATABASES["default"]
            args = [
                "psql",
                "-v",
                "ON_ERROR_STOP=1",
                "-q",
                "-f",
                str(db_file),
                "-h",
                db.get("HOST") or "127.0.0.1",
            ]
            args += ["-p", str(db.get("PORT") or 5432), "-U", db.get("USER") or "postgres", db["NAME"]]
            pg_env = {**_os_env(), "PGPASSWORD": db.get("PASSWORD") or ""}
            subprocess.run(args, check=True, env=pg_env)  # noqa: S603 - settings, not input
        else:
            call_command("flush", "--noinput", verbosity=0)
            call_command("loaddata", str(db_file), verbosity=0)
        if method != "sqlite-backup-api" and row_counts() != manifest["rows"]:
            raise ServiceError("Số dòng sau khi khôi phục không khớp bản kê.", code="bad_rows")
        # Media kept in a bucket were not in the archive: the local folder is left as it is.
        if not manifest.get("media_elsewhere") and ((work / "media").is_dir() or media.exists()):
            _keep_previous(media)
            if (work / "media").is_dir():
                shutil.move(str(work / "media"), media)
        key_file = Path(settings.DATA_DIR) / "secret_key"
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text((work / "secret_key").read_text())
        key_file.chmod(0o600)
    pagecache.invalidate_all()  # every public page showed the data just replaced
    restored.send(sender=restore_archive)
    return manifest


def _keep_previous(path: Path) -> None:
    previous = path.with_name(path.name + ".truoc-khoi-phuc")
    if previous.is_dir():
        shutil.rmtree(previous)
    else:
        previous.unlink(missing_ok=True)
    if path.is_dir():
        shutil.move(str(path), previous)
    elif path.exists():
        shutil.copy2(path, previous)
