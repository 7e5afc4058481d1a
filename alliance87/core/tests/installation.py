"""A real installation in a temporary directory, driven through the `alliance87` command like an operator."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[3]


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

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "alliance87.cli", *args]

    def run(self, *args: str, check: bool = True, **env: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            self.command(*args),
            cwd=PROJECT_DIR,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=300,
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
