"""The cross-plan gap report's CSV written whole or streamed: peak memory, time to the first byte (figures).

Run from the repository root on a large set built by `bench/pages.py` (read only; nothing is written to it):

    .venv/bin/python bench/gap_csv.py                 # var/bench/pages-large.sqlite3, as a visitor
    .venv/bin/python bench/gap_csv.py --scale 10 --who secretariat

Each way of writing the file runs in its own process (peak memory is the process's own `ru_maxrss`):
``whole`` builds the whole report in memory first (`selectors.gap_report`, what the download did before), then
writes its rows; ``streamed`` reads the indicator lists a few plans at a time (`gaps.streamed.gap_rows`, what the
download does now). Prints, for each: the rows and bytes written, CPU and wall seconds, seconds to the first
chunk of the file, and the process's peak memory before and after (the difference is what the file cost).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(way: str, scale: int, who: str) -> None:
    from database import bench_file, bench_person, use_bench_database
    from pages import database_name

    use_bench_database(bench_file(database_name("large", scale, "")), page_cache=None)
    from django.contrib.auth.models import AnonymousUser

    from alliance87.plans.gaps import gap_report
    from alliance87.plans.gaps import views as gap_views
    from alliance87.plans.gaps.streamed import gap_rows

    officer = bench_person("secretariat")
    user = officer if who == "secretariat" and officer is not None else AnonymousUser()
    before = _peak_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    if way == "whole":
        chunks = gap_views._csv_chunks(gap_report(user=user))
    else:
        chunks = gap_views._streamed_csv(gap_rows(user=user))
    digest = hashlib.sha256()
    size = rows = 0
    first = None
    for chunk in chunks:
        if first is None:
            first = time.perf_counter() - wall
        digest.update(chunk)
        size += len(chunk)
        rows += chunk.count(b"\n")
    print(
        json.dumps(
            {
                "way": way,
                "rows": rows - 1,
                "bytes": size,
                "sha256": digest.hexdigest()[:16],
                "cpu_s": round(time.process_time() - cpu, 2),
                "wall_s": round(time.perf_counter() - wall, 2),
                "first_chunk_s": round(first or 0, 2),
                "peak_mb_before": round(before),
                "peak_mb": round(_peak_mb()),
            }
        ),
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--who", choices=("visitor", "secretariat"), default="visitor")
    parser.add_argument("--ways", default="whole,streamed")
    parser.add_argument("--measure", default="", help=argparse.SUPPRESS)  # one way, in a child
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.scale, args.who)
        return
    for way in args.ways.split(","):
        command = [sys.executable, __file__, "--measure", way, "--scale", str(args.scale), "--who", args.who]
        output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
        print(output.strip().splitlines()[-1], flush=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
