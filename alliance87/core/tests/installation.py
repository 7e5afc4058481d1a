"""A real installation in a temporary directory, driven through the `alliance87` command like an operator."""

from __future__ import annotations

import fcntl
import hashlib
import importlib.metadata
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parents[3]
#: Migrated SQLite databases kept between runs (and between CI's SQLite, threaded and PostgreSQL passes).
TEMPLATE_DIR = PROJECT_DIR / "var" / "test-cache"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(condition: Callable[[], object], *, timeout: float = 60, what: str = "the condition") -> object:
    """Poll until `condition()` is true (bounded; no fixed sleeps in the tests)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"Timed out waiting for {what}.")


def migrations_key() -> str:
    """What a migrated database depends on: every migration, the settings and apps (post_migrate handlers), and
    the version of every installed distribution (Django's and third-party apps' migrations)."""
    package = PROJECT_DIR / "alliance87"
    files = sorted(
        {*package.glob("*/migrations/*.py"), *package.glob("*/apps.py"), *package.glob("settings/*.py")}
    )
    digest = hashlib.sha256(sys.version.encode())
    for path in files:
        digest.update(f"\0{path.relative_to(PROJECT_DIR)}\0".encode())
        digest.update(path.read_bytes())
    versions = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join(versions).encode())
    return digest.hexdigest()[:16]


def migrated_template() -> Path:
    """A SQLite database made by one real `alliance87 migrate` (dev settings), built once per set of migrations.

    Two xdist workers asking at once: the second waits on the lock, then finds the file the first renamed into
    place; a half-built file never has the template's name."""
    TEMPLATE_DIR.mkdir(parents=True, exist_ok=True)
    template = TEMPLATE_DIR / f"migrated-{migrations_key()}.sqlite3"
    if template.exists():
        return template
    with (TEMPLATE_DIR / f"{template.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            with tempfile.TemporaryDirectory(dir=TEMPLATE_DIR, prefix="building-") as scratch:
                site = Installation(Path(scratch))
                # Its ~110 s of CPU can take several times that on a loaded machine; every test waits for it.
                site.run("migrate", "--noinput", "-v", "0", timeout=1200)
                built = site.data_dir / "alliance87.sqlite3"
                # Everything in the one file: the WAL folded in (the file stays in WAL mode, as migrate left it).
                db = sqlite3.connect(built)
                try:
                    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    db.close()
                wal = built.with_name(f"{built.name}-wal")
                assert not wal.exists() or not wal.stat().st_size, "the WAL was not folded into the database"
                os.replace(built, template)
    return template


class Installation:
    """A data directory with a migrated SQLite database, and the command to run against it."""

    def __init__(self, data_dir: Path, **env: str) -> None:
        self.data_dir = data_dir
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_", "ALLIANCE87_", "SECRET_KEY", "SITE_URL", "PYTEST"))
        }
        self.env.update(
            {
                "DJANGO_SETTINGS_MODULE": "alliance87.settings.dev",
                "ALLIANCE87_DATA_DIR": str(data_dir),
                "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
                **env,
            }
        )

    @property
    def sqlite_path(self) -> Path | None:
        """The installation's SQLite database file; None when it uses another database."""
        url = self.env.get("DATABASE_URL")
        if url is None:
            return self.data_dir / "alliance87.sqlite3"
        database = dj_database_url.parse(url)
        return Path(database["NAME"]) if database["ENGINE"] == "django.db.backends.sqlite3" else None

    def migrate(self) -> None:
        """Bring the database to the latest migrations: on SQLite with the dev settings a copy of the migrated
        template (what `alliance87 migrate` would leave, without its two minutes of CPU), otherwise (PostgreSQL,
        other settings) a real `alliance87 migrate`."""
        path = self.sqlite_path
        if path is None or self.env["DJANGO_SETTINGS_MODULE"] != "alliance87.settings.dev":
            # As long as the template's own build may take on a loaded machine.
            self.run("migrate", "--noinput", "-v", "0", timeout=1200)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(migrated_template(), path)

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "alliance87.cli", *args]

    def run(
        self, *args: str, check: bool = True, timeout: float = 300, **env: str
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            self.command(*args),
            cwd=PROJECT_DIR,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"alliance87 {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def start(self, *args: str, log: Path, **env: str) -> subprocess.Popen[bytes]:
        with log.open("wb") as out:
            return subprocess.Popen(
                self.command(*args),
                cwd=PROJECT_DIR,
                env={**self.env, **env},
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def shell(self, code: str) -> str:
        return self.run("shell", "-v", "0", "-c", code).stdout.strip()


if __name__ == "__main__":
    # CI's threaded pass starts its test database from the template: `python -m alliance87.core.tests.installation`
    # prints the template's path, building it first if no test has.
    print(migrated_template())
