"""Each SQL query of the cross-plan gap page (`gaps.bounded.gap_report_page`), timed in process (figures; not a
test): what still grows with the number of plans, indicators and results.

    PYTHONPATH=. nice -n 10 .venv/bin/python bench/gap_page_sql.py var/bench/pages-large-x10.sqlite3

Renders the page's report once to warm up (and store the counts of stale plans), then `--runs` more times as a
visitor and as the Secretariat, and prints each query's median time (ms), its number of rows, and SQLite's plan
for the slowest ones (`--plans N`).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database", help="a bench SQLite file (migrated)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--plans", type=int, default=3, help="print the query plan of the N slowest queries")
    args = parser.parse_args()
    from database import bench_person, use_bench_database

    use_bench_database(args.database)
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from alliance87.plans.gaps import bounded

    secretariat = bench_person("secretariat")
    for who, user in (("visitor", AnonymousUser()), ("secretariat", secretariat)):
        bounded.gap_report_page(user=user)  # warm-up: stale plans are counted here
        times: dict[str, list[float]] = defaultdict(list)
        shown: dict[str, tuple[str, list]] = {}
        totals = []

        def timed(execute, sql, params, many, context, times=times, shown=shown):
            started = time.perf_counter()
            result = execute(sql, params, many, context)
            times[sql].append((time.perf_counter() - started) * 1000)
            shown[sql] = (sql, list(params or ()))
            return result

        for _ in range(args.runs):
            started = time.perf_counter()
            with connection.execute_wrapper(timed):
                bounded.gap_report_page(user=user)
            totals.append((time.perf_counter() - started) * 1000)
        print(
            f"\n== {who}: {statistics.median(totals):.1f} ms a report (median of {args.runs}), "
            f"{len(times)} queries"
        )
        ranked = sorted(times, key=lambda sql: -statistics.median(times[sql]))
        for sql in ranked:
            print(f"{statistics.median(times[sql]):8.2f} ms  {' '.join(sql.split())[:150]}")
        for sql in ranked[: args.plans]:
            query, params = shown[sql]
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN QUERY PLAN {query}", params)
                print(f"\n{' '.join(query.split())[:300]}")
                for row in cursor.fetchall():
                    print("   ", row[-1])


if __name__ == "__main__":
    main()
