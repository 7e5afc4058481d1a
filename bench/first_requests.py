"""What the first request of each audience costs after a change of the data (figures; not a test).

With every cache on, as deployed: each round raises the data version (as any change does), then requests the page
as a visitor, a partner organisation's focal point and the Secretariat, in that order, and times each (CPU ms of
the process: the database is SQLite, in process). The first of them renders what is shared by every audience (the
calendar's tables, the dashboard's figures and tables); the others render only what is theirs. A last column times
the page once kept (the same request again, nothing changed). Run from the repository root on a copy of the large
data set (`bench/pages.py --build-only`, or the lead's file in your own var/bench/):

    PYTHONPATH=. .venv/bin/python bench/first_requests.py --runs 5 --pages "events,data"
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="large", help="the data set (var/bench/pages-<data>.sqlite3)")
    parser.add_argument("--runs", type=int, default=5, help="rounds (a change, then each audience's request)")
    parser.add_argument(
        "--pages", default="events,data", help="the labels of the pages (as bench/pages.py names them)"
    )
    return parser.parse_args()


def main() -> None:
    args = _parse_args()
    from database import bench_file, bench_person, use_bench_database

    database = bench_file(f"pages-{args.data}")
    if not database.exists():
        raise SystemExit(f"no {database}: build it with bench/pages.py --build-only, or copy it there")
    use_bench_database(database, page_cache=True)
    from django.conf import settings
    from django.test import Client
    from pages import pages

    from alliance87.core.pagecache import data_changed

    settings.ALLOWED_HOSTS = ["*"]
    focal = bench_person("focal-point")
    clients: dict[str, Client] = {"visitor": Client(), "focal point": Client(), "Secretariat": Client()}
    if focal is not None:
        clients["focal point"].force_login(focal)
    clients["Secretariat"].force_login(bench_person("secretariat"))
    only = [word.strip() for word in args.pages.split(",") if word.strip()]

    def cpu_ms(client: Client, path: str) -> float:
        started = time.process_time()
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return (time.process_time() - started) * 1000

    load = os.getloadavg()[0]
    print(
        f"CPU ms (median of {args.runs} rounds), data set {args.data}, every cache on; load {load:.1f} at the start"
    )
    header = (
        f"{'page':<12}"
        + "".join(f"{f'{n}. {who}':>18}" for n, who in enumerate(clients, 1))
        + f"{'kept':>10}"
    )
    print(header)
    print("-" * len(header))
    for label, path in pages():
        if only and label not in only:
            continue
        for client in clients.values():
            client.get(path)  # warm: templates loaded, sessions read once
        timings: dict[str, list[float]] = {who: [] for who in clients}
        kept: list[float] = []
        for _ in range(args.runs):
            data_changed()
            for who, client in clients.items():
                timings[who].append(cpu_ms(client, path))
            kept.append(cpu_ms(clients["Secretariat"], path))
        cells = "".join(f"{statistics.median(timings[who]):18.1f}" for who in clients)
        print(f"{label:<12}{cells}{statistics.median(kept):10.1f}", flush=True)


if __name__ == "__main__":
    main()
