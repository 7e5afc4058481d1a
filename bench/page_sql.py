"""Every SQL query of a page timed at 1× and 10×, with the plans of those that grow (figures; not a test).

Run from the repository root, on the same files as `bench/growth.py` (each scale in its own process, in process
with Django's test client, the page cache off):

    .venv/bin/python bench/page_sql.py --pages "news,API organisations" --runs 3

For each page and reader (a visitor, then the signed-in person of `--who`), after one warm-up request, each of
`--runs` requests is timed (wall and CPU ms) with every query it runs (wall ms, through
`connection.execute_wrapper`; a query's figure is its fastest run). Queries of the two scales are paired by their
text with the values taken out (and their order among equal texts). Printed: per page and reader, the query
count, the SQL ms and the page ms at each scale; then every query whose time grew by more than `--grew-ms`, with
SQLite's `EXPLAIN QUERY PLAN` at the largest scale. SQL time is wall time of the database in this process, so a
loaded machine moves it less than the page's total but still some: read sub-millisecond differences as noise.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

_VALUES = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b")


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", choices=("large", "demo"), default="large")
    parser.add_argument("--scales", default="1,10")
    parser.add_argument(
        "--grow", default="", help="the tables the larger scales multiply (as bench/pages.py)"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", default="", help="only the pages whose label contains one of these")
    parser.add_argument("--who", choices=("secretariat", "focal-point"), default="secretariat")
    parser.add_argument("--grew-ms", type=float, default=0.5, help="list queries that grew by more than this")
    parser.add_argument("--all", action="store_true", help="list every query, grown or not")
    parser.add_argument("--measure", type=int, default=0, help=argparse.SUPPRESS)
    return parser.parse_args()


def _shape(sql: str) -> str:
    return _VALUES.sub("?", sql)


def measure(scale: int, grow: str, runs: int, only: list[str], who: str, data: str = "large") -> None:
    """In a child process: one JSON line per page and reader."""
    from database import bench_file, bench_person, use_bench_database
    from pages import database_name

    database = bench_file(database_name(data, scale, grow))
    if not database.exists():
        print(json.dumps({"missing": str(database)}), flush=True)
        return
    use_bench_database(database)
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from pages import pages

    settings.ALLOWED_HOSTS = ["*"]
    person = bench_person(who)
    visitor, signed_in = Client(), Client()
    if person is not None:
        signed_in.force_login(person)
    for label, path in pages():
        if only and not any(word in label for word in only):
            continue
        for reader, client in (("visitor", visitor), (who, signed_in)):
            client.get(path)
            timings: list[list[tuple[str, list, float]]] = []
            wall, cpu = [], []
            for _ in range(runs):
                queries: list[tuple[str, list, float]] = []

                def timed(execute, sql, params, many, context, queries=queries):
                    started = time.perf_counter()
                    try:
                        return execute(sql, params, many, context)
                    finally:
                        queries.append((sql, params, (time.perf_counter() - started) * 1000))

                started_wall, started_cpu = time.perf_counter(), time.process_time()
                with connection.execute_wrapper(timed):
                    status = client.get(path).status_code
                wall.append((time.perf_counter() - started_wall) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
                timings.append(queries)
            fastest = min(timings, key=len) if len({len(t) for t in timings}) > 1 else timings[0]
            rows = []
            for index, (sql, params, _ms) in enumerate(fastest):
                best = min(t[index][2] for t in timings if len(t) == len(fastest))
                rows.append({"sql": sql, "params": [str(p)[:40] for p in (params or [])], "ms": best})
            for row, (sql, params, _ms) in zip(rows, fastest, strict=True):
                if row["ms"] >= 0.3 and sql.lstrip().upper().startswith(("SELECT", "WITH")):
                    try:
                        with connection.cursor() as cursor:
                            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
                            row["plan"] = [str(line[-1]) for line in cursor.fetchall()]
                    except Exception as error:
                        row["plan"] = [f"(no plan: {error})"]
            print(
                json.dumps(
                    {
                        "page": label,
                        "path": path,
                        "reader": reader,
                        "status": status,
                        "wall": statistics.median(wall),
                        "cpu": statistics.median(cpu),
                        "sql": sum(row["ms"] for row in rows),
                        "queries": rows,
                    }
                ),
                flush=True,
            )


def _paired(small: list[dict], large: list[dict]) -> list[tuple[dict | None, dict]]:
    seen: Counter[str] = Counter()
    keyed = {}
    for row in small:
        shape = _shape(row["sql"])
        keyed[(shape, seen[shape])] = row
        seen[shape] += 1
    seen.clear()
    pairs = []
    for row in large:
        shape = _shape(row["sql"])
        pairs.append((keyed.get((shape, seen[shape])), row))
        seen[shape] += 1
    return pairs


def main() -> None:
    args = _parse_args()
    only = [word.strip() for word in args.pages.split(",") if word.strip()]
    if args.measure:
        measure(args.measure, args.grow, args.runs, only, args.who, args.data)
        return
    scales = [int(scale) for scale in args.scales.split(",")]
    results: dict[int, dict[tuple[str, str], dict]] = {}
    for scale in scales:
        command = [
            sys.executable,
            __file__,
            "--measure",
            str(scale),
            "--grow",
            args.grow,
            "--runs",
            str(args.runs),
        ]
        command += ["--pages", args.pages, "--who", args.who, "--data", args.data]
        output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
        rows = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
        for row in rows:
            if "missing" in row:
                raise SystemExit(f"build it first: {row['missing']}")
        results[scale] = {(row["page"], row["reader"]): row for row in rows}
    small, large = scales[0], scales[-1]
    load = os.getloadavg()[0]
    print(
        f"median of {args.runs} requests; a query's ms is its fastest run; load average {load:.1f} at the end"
    )
    header = f"{'page':<22}{'reader':<13}{'queries':>10}{'SQL ms':>18}{'page wall ms':>20}{'page CPU ms':>20}"
    print(header)
    print("-" * len(header))
    for key, row in results[small].items():
        end = results[large].get(key, {})
        cells = [f"{row[field]:.1f} → {end.get(field, float('nan')):.1f}" for field in ("sql", "wall", "cpu")]
        queries = f"{len(row['queries'])} → {len(end.get('queries', []))}"
        print(f"{key[0]:<22}{key[1]:<13}{queries:>10}{cells[0]:>18}{cells[1]:>20}{cells[2]:>20}")
    for key, row in results[small].items():
        end = results[large].get(key)
        if end is None:
            continue
        grown = [
            (before, after)
            for before, after in _paired(row["queries"], end["queries"])
            if args.all or after["ms"] - (before["ms"] if before else 0) > args.grew_ms
        ]
        if not grown:
            continue
        print(f"\n== {key[0]} ({key[1]}, {end['path']}): queries that grew")
        for before, after in grown:
            was = f"{before['ms']:.2f}" if before else "new"
            print(f"  {was} → {after['ms']:.2f} ms  {after['sql'][:600]}")
            print(f"      params {after['params'][:8]}")
            for line in after.get("plan", []):
                print(f"      | {line}")


if __name__ == "__main__":
    main()
