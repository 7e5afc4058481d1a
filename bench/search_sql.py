"""Every SQL query of one library search, timed, with SQLite's query plan (figures; not a test).

Run from the repository root on a bench data set (its own copy: a search writes statistics):

    PYTHONPATH=. .venv/bin/python bench/search_sql.py var/bench/pages-large-x10.sqlite3 "forced labour"

The search goes through the interface the page uses (`alliance87.library.search.search`), as a visitor or as
the Secretariat (`--who`), with the page cache off, after one warm-up. One line per query: CPU milliseconds
(median of `--runs`, each query run again on its own with its rows fetched), rows returned and the start of the SQL; `--plan` adds `EXPLAIN QUERY PLAN` of each.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database")
    parser.add_argument("query", nargs="*", default=["forced labour"])
    parser.add_argument("--who", choices=("visitor", "secretariat"), default="visitor")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--plan", action="store_true", help="print each query's EXPLAIN QUERY PLAN")
    args = parser.parse_args()
    from database import bench_person, use_bench_database

    use_bench_database(args.database)
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from alliance87.library.search import SearchQuery, search

    person = AnonymousUser() if args.who == "visitor" else bench_person(args.who)
    for text in args.query:
        captured: dict[str, tuple] = {}

        def capture(execute, sql, params, many, context, captured=captured):
            captured.setdefault(sql, params)
            return execute(sql, params, many, context)

        query = SearchQuery(text=text)
        search(query, user=person)  # warm-up
        totals = []
        for _ in range(args.runs):
            with connection.execute_wrapper(capture):
                started = time.process_time()
                results = search(query, user=person)
                totals.append((time.process_time() - started) * 1000)
        # Each query again on its own, rows fetched (SQLite does most of its work while they are fetched).
        timings: dict[str, list[float]] = defaultdict(list)
        rows: dict[str, int] = {}
        with connection.cursor() as cursor:
            for _ in range(args.runs):
                for sql, params in captured.items():
                    started = time.process_time()
                    cursor.execute(sql, params)
                    rows[sql] = len(cursor.fetchall())
                    timings[sql].append((time.process_time() - started) * 1000)
        estimate = (
            f" (estimate, counted among {results.counted_among:,})" if results.total_is_estimate else ""
        )
        among = (
            f" (exact, ranked among {results.counted_among:,})"
            if results.counted_among and not estimate
            else ""
        )
        print(
            f"\n{text!r} ({args.who}): total {results.total:,}{estimate}{among}; search() CPU"
            f" {statistics.median(totals):.1f} ms, its SQL {sum(statistics.median(t) for t in timings.values()):.1f} ms"
        )
        for sql, times in sorted(timings.items(), key=lambda pair: -statistics.median(pair[1])):
            print(f"{statistics.median(times):8.2f} ms {rows[sql]:>6} rows  {' '.join(sql.split())[:140]}")
            if args.plan and sql.lstrip().upper().startswith(("SELECT", "WITH")):
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN QUERY PLAN " + sql, captured[sql])
                    for plan in cursor.fetchall():
                        print(f"{'':26}{plan[-1]}")


if __name__ == "__main__":
    main()
