"""Backup and restore round-trip the demo: every table and every file comes back the same, on SQLite and on
PostgreSQL; a damaged archive or a non-empty installation is refused before anything is written."""

from __future__ import annotations

import io
import json
import os
import tarfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from .installation import Installation

DIGESTS = "import json; from alliance87.core.backup import table_digests; print(json.dumps(table_digests()))"
FILES = (
    "import json; from alliance87.core.backup import local_media_root, media_files, sha256_of;"
    "root = local_media_root();"
    "print(json.dumps({str(p.relative_to(root)): sha256_of(p) for p in media_files(root)}))"
)


def snapshot(site: Installation) -> tuple[dict[str, str], dict[str, str]]:
    return json.loads(site.shell(DIGESTS)), json.loads(site.shell(FILES))


def round_trip(source: Installation, target: Installation, tmp_path: Path) -> None:
    source.migrate()  # on SQLite a copy of the migrated template; on PostgreSQL a real `alliance87 migrate`
    source.run("load_demo")
    media = source.data_dir / "media" / "news" / "2026" / "photo.jpg"
    media.parent.mkdir(parents=True, exist_ok=True)
    media.write_bytes(b"\xff\xd8 a photo")
    before_tables, before_files = snapshot(source)
    assert before_files  # the demo's library file and the photo

    archive = Path(source.run("backup", "--output", str(tmp_path / "backups")).stdout.strip())
    assert archive.name.startswith("alliance87-backup-") and archive.name.endswith(".tar.gz")
    target.run("restore", str(archive))

    after_tables, after_files = snapshot(target)
    assert after_tables == before_tables
    assert after_files == before_files
    assert len(after_tables) > 50
    # The restored site reads as the original did.
    assert "Supply Chains" in target.shell(
        "from alliance87.bodies.models import Body; print(Body.objects.get(slug='supply-chains').name)"
    )


def test_the_demo_round_trips_through_a_backup_on_sqlite(tmp_path):
    source = Installation(tmp_path / "source", DATABASE_URL=f"sqlite:///{tmp_path / 'source' / 'db.sqlite3'}")
    target = Installation(tmp_path / "target", DATABASE_URL=f"sqlite:///{tmp_path / 'target' / 'db.sqlite3'}")
    round_trip(source, target, tmp_path)


@pytest.fixture
def postgres_databases():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("set DATABASE_URL to a PostgreSQL server to run the PostgreSQL round trip")
    import psycopg

    parts = urlsplit(url)
    names = [f"a87_backup_{uuid.uuid4().hex[:8]}_{side}" for side in ("source", "target")]
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    yield [urlunsplit(parts._replace(path=f"/{name}")) for name in names]
    with psycopg.connect(admin_url, autocommit=True) as conn:
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_demo_round_trips_through_a_backup_on_postgresql(tmp_path, postgres_databases):
    source_url, target_url = postgres_databases
    source = Installation(tmp_path / "source", DATABASE_URL=source_url)
    target = Installation(tmp_path / "target", DATABASE_URL=target_url)
    round_trip(source, target, tmp_path)


def test_restore_refuses_a_damaged_archive_and_a_non_empty_installation(tmp_path):
    site = Installation(tmp_path / "site")
    site.migrate()
    archive = Path(site.run("backup", "--output", str(tmp_path)).stdout.strip())

    refused = site.run("restore", str(archive), check=False)
    assert refused.returncode != 0
    assert "Restore needs an empty installation" in refused.stderr

    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as original, tarfile.open(damaged, "w:gz") as copy:
        for member in original.getmembers():
            data = original.extractfile(member)
            if member.name.startswith("database/"):
                content = data.read()[:-10] + b"0123456789"
                member.size = len(content)
                copy.addfile(member, io.BytesIO(content))
            else:
                copy.addfile(member, data)
    empty = Installation(tmp_path / "empty")
    result = empty.run("restore", str(damaged), check=False)
    assert result.returncode != 0
    assert "checksum differs" in result.stderr
    assert (
        not (tmp_path / "empty" / "alliance87.sqlite3").exists()
        or empty.shell("from django.db import connection; print(len(connection.introspection.table_names()))")
        == "0"
    )
