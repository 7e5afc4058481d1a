"""Backups: one dated archive with a consistent database dump, the uploaded files and a manifest of checksums.

The database is copied while the site runs: SQLite through its online backup API (a consistent snapshot even
while others write), PostgreSQL with `pg_dump` (one transaction, custom format). `restore` checks every
checksum before it writes anything, and only into an empty installation, so it can never mix two sites.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection, connections

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_DUMP = "database/alliance87.sqlite3"
POSTGRES_DUMP = "database/alliance87.pgdump"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _postgres_env() -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment for pg_dump / pg_restore (the password travels in the environment)."""
    db = settings.DATABASES["default"]
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    tool = command[0]
    if shutil.which(tool) is None:
        raise BackupError(f"{tool} is not installed (Debian: apt-get install postgresql-client).")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()}")


def dump_database(target: Path) -> str:
    """Write a consistent copy of the database to `target`; returns its archive name."""
    vendor = connection.vendor
    if vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return SQLITE_DUMP
    if vendor == "postgresql":
        args, env = _postgres_env()
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *args], env
        )
        return POSTGRES_DUMP
    raise BackupError(f"Backups of a {vendor} database are not supported.")


def local_media_root() -> Path | None:
    """MEDIA_ROOT when uploads are on local disk; None when they live in an object store (backed up there)."""
    return Path(settings.MEDIA_ROOT) if isinstance(default_storage, FileSystemStorage) else None


def media_files(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] != "healthcheck")


@dataclass
class BackupResult:
    archive: Path
    files: int
    database: str


def create_backup(*, directory: Path, now: datetime.datetime | None = None) -> BackupResult:
    """Write `alliance87-backup-<UTC time>.tar.gz` into `directory` and return where it is."""
    now = now or datetime.datetime.now(datetime.UTC)
    directory.mkdir(parents=True, exist_ok=True)
    name = f"alliance87-backup-{now:%Y%m%dT%H%M%SZ}"
    with tempfile.TemporaryDirectory(dir=directory, prefix=".backup-") as scratch:
        dump = Path(scratch) / "database.dump"
        dump_name = dump_database(dump)
        entries: dict[str, dict[str, Any]] = {
            dump_name: {"sha256": sha256_of(dump), "size": dump.stat().st_size},
        }
        root = local_media_root()
        files = media_files(root) if root else []
        for path in files:
            entries[f"media/{path.relative_to(root).as_posix()}"] = {  # type: ignore[arg-type]
                "sha256": sha256_of(path),
                "size": path.stat().st_size,
            }
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": now.isoformat(),
            "database": connection.vendor,
            "media": "included" if root else "object store: back up the bucket with the provider's tools",
            "tables": table_digests(),
            "files": entries,
        }
        manifest_path = Path(scratch) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True))
        partial = Path(scratch) / f"{name}.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(manifest_path, arcname=MANIFEST)
            archive.add(dump, arcname=dump_name)
            for path in files:
                archive.add(path, arcname=f"media/{path.relative_to(root).as_posix()}")  # type: ignore[arg-type]
        final = directory / partial.name
        partial.chmod(0o600)  # it holds every account's data
        partial.replace(final)  # appears whole or not at all
    return BackupResult(archive=final, files=len(files), database=dump_name)


def table_digests(using: str = "default") -> dict[str, str]:
    """A checksum of every table's rows (in primary-key order), to prove a restore brought back the same data."""
    conn = connections[using]
    digests = {}
    with conn.cursor() as cursor:
        for table in sorted(conn.introspection.table_names(cursor)):
            if table.startswith("sqlite_"):
                continue
            columns = [c.name for c in conn.introspection.get_table_description(cursor, table)]
            quoted = ", ".join(conn.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {conn.ops.quote_name(table)}")  # noqa: S608 - names from the schema
            rows = sorted(json.dumps([_plain(v) for v in row], default=str) for row in cursor.fetchall())
            digests[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return digests


def _plain(value: Any) -> Any:
    """One form per value, whichever database returned it (memoryview, Decimal, datetime, JSON text…)."""
    if isinstance(value, memoryview | bytes):
        return bytes(value).hex()
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat() if value.tzinfo else value.isoformat()
    return str(value) if value is not None else None


# --- restore -------------------------------------------------------------------------------------------------


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = archive.getmembers()
    for member in members:
        path = Path(member.name)
        if path.is_absolute() or ".." in path.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"The archive holds an unsafe entry: {member.name!r}.")
    return members


def read_and_verify(archive_path: Path, scratch: Path) -> dict[str, Any]:
    """Unpack the archive into `scratch` and check every file against the manifest."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(scratch, members=_safe_members(archive), filter="data")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{archive_path} is not a readable backup: {error}") from error
    manifest_path = scratch / MANIFEST
    if not manifest_path.exists():
        raise BackupError(f"{archive_path} has no {MANIFEST}: not an Alliance 8.7 backup.")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Backup format {manifest.get('format')} is not supported by this version.")
    for name, expected in manifest["files"].items():
        path = scratch / name
        if not path.is_file() or sha256_of(path) != expected["sha256"]:
            raise BackupError(
                f"{name} is missing or damaged in the archive (checksum differs); nothing restored."
            )
    return manifest


def installation_is_empty() -> tuple[bool, str]:
    with connection.cursor() as cursor:
        tables = [t for t in connection.introspection.table_names(cursor) if not t.startswith("sqlite_")]
    if tables:
        return False, f"the database already has {len(tables)} tables"
    root = local_media_root()
    if root and media_files(root):
        return False, f"{root} already holds files"
    return True, ""


def restore_backup(*, archive: Path) -> dict[str, Any]:
    """Bring a backup back into an empty installation; returns the manifest."""
    empty, why = installation_is_empty()
    if not empty:
        raise BackupError(
            f"Restore needs an empty installation, but {why}. Point DATABASE_URL and ALLIANCE87_DATA_DIR at a new "
            "database and directory (or empty them) and run restore again."
        )
    with tempfile.TemporaryDirectory(prefix="alliance87-restore-") as scratch_name:
        scratch = Path(scratch_name)
        manifest = read_and_verify(archive, scratch)
        if manifest["database"] != connection.vendor:
            raise BackupError(
                f"The backup is of a {manifest['database']} database; this installation uses {connection.vendor}."
            )
        if connection.vendor == "sqlite":
            _restore_sqlite(scratch / SQLITE_DUMP)
        else:
            args, env = _postgres_env()
            connection.close()
            _run(
                [
                    "pg_restore",
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    *args,
                    str(scratch / POSTGRES_DUMP),
                ],
                env,
            )
        root = local_media_root()
        media = scratch / "media"
        if media.exists():
            if root is None:
                raise BackupError(
                    "The backup holds files but uploads go to an object store; copy media/ there."
                )
            root.mkdir(parents=True, exist_ok=True)
            shutil.copytree(media, root, dirs_exist_ok=True)
    return manifest


def _restore_sqlite(dump: Path) -> None:
    """Copy the snapshot into the (empty) database through the backup API, so open connections stay valid."""
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    connection.close()
