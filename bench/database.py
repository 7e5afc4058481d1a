"""Where a benchmark's data lives, and how a benchmark points Django at it (before `django.setup()` reads the
settings; the benchmarks run as scripts, so this directory is on `sys.path`).

- `prepare_database(name)`: a fresh SQLite file under var/bench/ that the benchmark fills, unless DATABASE_URL
  names another database (or whatever it names, with `own_file`).
- `use_bench_database(file)`: one of the bench files `bench/pages.py` builds (or a copy of the lead's), with its
  own search index and the bench's data directory; Django set up. `bench_person(who)` is the signed-in reader
  the benchmarks measure on it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench"


def prepare_database(name: str, *, reuse: bool = False, own_file: bool = False) -> None:
    """Point Django at var/bench/<name>.sqlite3, emptied first unless `reuse`; DATABASE_URL, when set, wins, unless
    `own_file` (a benchmark that fills its file and must never write to another database)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance87.settings.dev")
    sys.path.insert(0, str(ROOT))
    if os.environ.get("DATABASE_URL") and not own_file:
        return
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    database = BENCH_DIR / f"{name}.sqlite3"
    if not reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"


def bench_file(name: str) -> Path:
    """A bench data set's SQLite file: var/bench/<name>.sqlite3 (`pages.database_name` names them)."""
    return BENCH_DIR / f"{name}.sqlite3"


def use_bench_database(
    database: str | Path, *, page_cache: bool | None = False, search_backend: str = "", analyse: bool = True
) -> None:
    """Point Django at this SQLite file, as it is, and set Django up.

    The data directory is var/bench/data and the library's search index var/bench/index-<file>/ (the index must
    match the rows it was built from), unless the environment names others. The page cache is off (the cost of
    rendering), on with `page_cache`, as the environment says with None. `search_backend` chooses the library's
    (default: the database's own). The planner's statistics are gathered on the rows there now, as `bench/pages.py`
    does at each start (0.6 s at 1×, 2.3 s at 10×): a file's plans are then those a server of it would use, not
    those of the statistics its last `migrate` left (`analyse=False` keeps them).
    """
    database = Path(database).resolve()
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    if page_cache is not None:
        os.environ["PAGE_CACHE"] = "on" if page_cache else "off"
    if search_backend:
        os.environ["LIBRARY_SEARCH_BACKEND"] = search_backend
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance87.settings.dev")
    os.environ.setdefault("ALLIANCE87_DATA_DIR", str(BENCH_DIR / "data"))
    os.environ.setdefault("LIBRARY_SEARCH_INDEX_DIR", str(database.parent / f"index-{database.stem}"))
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if analyse:
        from django.db import connection

        from alliance87.core.sqlite import analyze

        analyze(connection)


def bench_person(who: str) -> Any:
    """The signed-in reader a benchmark measures: "secretariat" (the first active Secretariat officer: every row,
    every edit button) or "focal-point" (the first focal point of a partner organisation, as `pages.py
    --signed-in`); None for a visitor, or when the data has no such person."""
    from alliance87.accounts.models import User
    from alliance87.partners.models import OrganisationMembership

    if who == "secretariat":
        return User.objects.filter(is_secretariat=True, is_active=True).first()
    if who == "focal-point":
        focal = (
            OrganisationMembership.objects.filter(
                is_focal_point=True, organisation__is_partner=True, user__is_active=True
            )
            .select_related("user")
            .order_by("pk")
            .first()
        )
        return focal.user if focal is not None else None
    return None
