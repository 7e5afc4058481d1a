"""Time a country's data profile and the Target 8.7 dashboard over ≈1.1 million observations (prints figures).

Run from the repository root, on SQLite (a fresh file under var/bench/) or on PostgreSQL:

    DJANGO_SETTINGS_MODULE=alliance87.settings.dev .venv/bin/python bench/data.py
    DATABASE_URL=postgres://dev:dev@127.0.0.1:5432/a87_bench .venv/bin/python bench/data.py

It builds 250 areas × 30 series × 25 years × 6 breakdowns (total, girls, boys, urban, rural, aged 5-11) with
`bulk_create`, then renders with `django.test.Client` the data profile of one country, the dashboard (its world
map, paces and regional breakdowns), the profile API, and — the bare baseline measured in the same run — the
profile of an area without values, which costs what every page costs (middleware, session, base template).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from database import prepare_database

prepare_database("data", reuse="--reuse" in sys.argv)
# Every request rendered: the figures are the pages' cost, not the page cache's (a visitor's first request
# after any change costs this much; `PAGE_CACHE=on` in the environment measures the cache instead).
os.environ.setdefault("PAGE_CACHE", "off")

import django  # noqa: E402

django.setup()

from decimal import Decimal  # noqa: E402

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from alliance87.data.models import (  # noqa: E402
    Area,
    AreaKind,
    Licence,
    Observation,
    SdgIndicator,
    Series,
    Source,
    TargetPart,
    Unit,
)

BREAKDOWNS = [{}, {"sex": "F"}, {"sex": "M"}, {"location": "U"}, {"location": "R"}, {"age": "5-11"}]


def build(n_areas: int, n_series: int, n_years: int) -> int:
    """Create the series and observations; returns the number of observations."""
    areas = list(Area.objects.filter(kind=AreaKind.WORLD)) + list(Area.objects.filter(kind=AreaKind.REGION))
    areas += list(Area.objects.filter(kind=AreaKind.COUNTRY).order_by("code")[: n_areas - len(areas)])
    source = Source.objects.create(title="Bench source", publisher="Bench", url="https://example.org/bench")
    indicator = SdgIndicator.objects.get(code="8.7.1")
    parts = [p for p in TargetPart.values if p]
    series_list = [
        Series.objects.create(
            code=f"BENCH_{index:02d}",
            name=f"Bench series {index}",
            unit=Unit.MILLIONS if index < len(parts) else Unit.PERCENT,
            indicator=indicator if index % 2 else None,
            source_organisation="Bench",
            default_source=source,
            licence=Licence.CC_BY_4,
            tracks=parts[index] if index < len(parts) else "",
            is_headline=index < 6,
        )
        for index in range(n_series)
    ]
    total = 0
    batch: list[Observation] = []
    first_year = 2025 - n_years
    for series in series_list:
        for area in areas:
            for year in range(first_year, first_year + n_years):
                for position, breakdown in enumerate(BREAKDOWNS):
                    value = Decimal(100 + (area.pk * 7 + series.pk * 3 + year * 5 + position) % 400) / 10
                    batch.append(
                        Observation(
                            series=series, area=area, year=year, end_year=year, value=value, nature="E",
                            source=source, **breakdown,
                        )
                    )  # fmt: skip
            if len(batch) >= 20_000:
                Observation.objects.bulk_create(batch, batch_size=5000)
                total += len(batch)
                batch = []
    Observation.objects.bulk_create(batch, batch_size=5000)
    return total + len(batch)


def timed(client: Client, path: str, runs: int) -> tuple[float, float, float, int, int]:
    """Median and 95th percentile of wall time in ms, median CPU time of this process, queries, page size.

    The CPU time is what this process spent (Python, and SQLite, which runs in it); it is steadier than the wall
    time on a shared machine, but leaves out a PostgreSQL server's own work.
    """
    response = client.get(path)  # warm-up (template loading, caches)
    assert response.status_code == 200, (path, response.status_code)
    times, cpu = [], []
    for _run in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return (
        statistics.median(times),
        p95,
        statistics.median(cpu),
        len(queries.captured_queries),
        len(response.content),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=250)
    parser.add_argument("--series", type=int, default=30)
    parser.add_argument("--years", type=int, default=25)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--reuse", action="store_true", help="Keep the data a previous run built.")
    args = parser.parse_args()
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    call_command("migrate", verbosity=0)
    if args.reuse and Series.objects.filter(code__startswith="BENCH_").count() == args.series:
        print(f"{engine}: reusing {Observation.objects.count():,} observations")
    else:
        Observation.objects.all().delete()
        Series.objects.all().delete()
        Source.objects.filter(title="Bench source").delete()
        start = time.perf_counter()
        with transaction.atomic():
            count = build(args.areas, args.series, args.years)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"{engine}: {count:,} observations built in {time.perf_counter() - start:.1f} s")
    client = Client(HTTP_HOST="127.0.0.1")
    country = Area.objects.filter(kind=AreaKind.COUNTRY, observations__isnull=False).order_by("code").first()
    assert country is not None
    empty = Area.objects.filter(kind=AreaKind.COUNTRY, observations__isnull=True).order_by("code").first()
    assert empty is not None
    rows = [
        ("baseline: profile of an area without values", f"/data/areas/{empty.slug}/"),
        (f"data profile of {country.code} (30 series)", f"/data/areas/{country.slug}/"),
        ("dashboard (figures, paces, map, regions)", "/data/"),
        ("dashboard, map of one year", f"/data/?series=BENCH_01&year={2024}"),
        (f"profile API of {country.code}", f"/api/v1/data/areas/{country.slug}/profile"),
    ]
    print(f"{'page':<48} {'median':>8} {'p95':>8} {'cpu':>8} {'queries':>8} {'size':>8}")
    for label, path in rows:
        median, p95, cpu, queries, size = timed(client, path, args.runs)
        print(f"{label:<48} {median:>6.0f}ms {p95:>6.0f}ms {cpu:>6.0f}ms {queries:>8} {size / 1024:>6.0f}kB")


if __name__ == "__main__":
    main()
