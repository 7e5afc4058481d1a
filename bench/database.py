"""Where a benchmark's data lives: a fresh SQLite file under var/bench/, unless DATABASE_URL names another database.

Imported by a benchmark before `django.setup()` reads the settings (the benchmarks run as scripts, so this
directory is on `sys.path`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench"


def prepare_database(name: str, *, reuse: bool = False) -> None:
    """Point Django at var/bench/<name>.sqlite3, emptied first unless `reuse`; DATABASE_URL, when set, wins."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance87.settings.dev")
    sys.path.insert(0, str(ROOT))
    if os.environ.get("DATABASE_URL"):
        return
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    database = BENCH_DIR / f"{name}.sqlite3"
    if not reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
