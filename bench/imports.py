"""Time how long a background import holds the write transaction (prints figures; not a timed test).

Run from the repository root, on SQLite (a fresh file under var/bench/) or on PostgreSQL:

    .venv/bin/python bench/imports.py [--records 3000]
    DATABASE_URL=postgres://dev:dev@127.0.0.1:5432/a87_bench .venv/bin/python bench/imports.py

It imports a BibTeX file of N records (two authors and two keywords each) and a file of N observations through
the import jobs (`core.imports`): the check outside any transaction, then the one write transaction. The bare
baseline, measured in the same run, is `bulk_create` of N items without history, authors or subjects (rolled
back). Issue 15 measured the old import (one `save_item` per record in one transaction) at ~40 s for 2,500.
"""

from __future__ import annotations

import argparse
import time

from database import prepare_database

prepare_database("imports")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from alliance87.accounts.models import User  # noqa: E402
from alliance87.core.imports import run_import, start_import  # noqa: E402
from alliance87.core.models import ImportJob  # noqa: E402
from alliance87.data.models import Area, AreaKind, Series, Unit  # noqa: E402
from alliance87.library.models import Item  # noqa: E402


def bibtex(count: int) -> bytes:
    return "".join(
        f"@techreport{{r{i}, title = {{Report {i} on forced labour}}, author = {{Doe, Jane and Roe, Ann}},"
        f" year = {{{2000 + i % 20}}}, keywords = {{child labour; cocoa}}}}\n"
        for i in range(count)
    ).encode()


def observations(count: int) -> bytes:
    codes = list(Area.objects.filter(kind=AreaKind.COUNTRY).order_by("code").values_list("code", flat=True))
    rows = [f"CL_RATE,{codes[i % len(codes)]},{1950 + i // len(codes)},{i % 50}.5" for i in range(count)]
    return ("series,area,year,value\n" + "\n".join(rows) + "\n").encode()


def bare_inserts(count: int) -> float:
    began = time.perf_counter()
    with transaction.atomic():
        Item.objects.bulk_create(
            [Item(title=f"Bare {i}", slug=f"bare-{i}", kind="report") for i in range(count)], batch_size=500
        )
        seconds = time.perf_counter() - began
        transaction.set_rollback(True)
    return seconds


def run(by: User, kind: str, name: str, content: bytes, options: dict[str, str]) -> ImportJob:
    job = start_import(by=by, kind=kind, file_name=name, content=content, options=options)
    began = time.perf_counter()
    run_import.call(job_id=job.pk)  # what the worker does (the task may also have run inline)
    job.refresh_from_db()
    assert job.state == "done", job.errors[:5]
    job.total_seconds = time.perf_counter() - began  # type: ignore[attr-defined]
    return job


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=3000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    by, _created = User.objects.get_or_create(
        email="bench@example.org", defaults={"username": "bench", "is_secretariat": True}
    )
    Series.objects.get_or_create(
        code="CL_RATE", defaults={"name": "Child labour", "unit": Unit.PERCENT, "source_organisation": "ILO"}
    )
    count = args.records
    baseline = bare_inserts(count)
    items = run(
        by, "library.citations", "bench.bib", bibtex(count), {"file_format": "bibtex", "access": "public"}
    )
    data = run(by, "data.observations", "bench.csv", observations(count), {"format": ""})
    print(f"{count} records, {Item.objects.count()} items")
    print(f"bare baseline: bulk_create of {count} bare items     {baseline:7.2f} s")
    print(f"library import: write transaction                {items.write_seconds:7.2f} s")
    print(f"library import: check + write (job)              {items.total_seconds:7.2f} s")  # type: ignore[attr-defined]
    print(f"data import: write transaction                   {data.write_seconds:7.2f} s")
    print(f"data import: check + write (job)                 {data.total_seconds:7.2f} s")  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
