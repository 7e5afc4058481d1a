"""How the cost of each page grows from the large data set to ten times it (figures; not a test).

Run from the repository root, after building the data sets with `bench/pages.py --build-only` (1×) and with
`--scale 10` (every table, or only those named by `--grow`: 500 plans of 200 indicators at 10× is a million
indicators, and 200,000 library items take hours to build on a small machine):

    .venv/bin/python bench/pages.py --build-only --scale 10 --grow organisations,events,news
    .venv/bin/python bench/growth.py --grow organisations,events,news    # 1× against that 10× set
    .venv/bin/python bench/growth.py                                     # 1× against everything at 10×

Each scale is measured in its own process (its own database, `bench/pages.py`'s files under var/bench/), in
process with Django's test client and the page cache off (`PAGE_CACHE=off`): the cost of rendering, as a visitor
and as the Secretariat (who sees every row). Timings are CPU time of the process (the database is SQLite, in the
same process), so other work on a shared machine moves them less than wall-clock time; each run also times a bare
page (twenty rows of one table through a template) as its yardstick. One row per page: median milliseconds at each
scale, and their ratio (the issue asks for at most 2 from 1× to 10×).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10", help="comma list of scales to compare")
    parser.add_argument(
        "--grow", default="", help="the tables the larger scales multiply (as bench/pages.py)"
    )
    parser.add_argument("--runs", type=int, default=5, help="timed requests per page (after one warm-up)")
    parser.add_argument("--pages", default="", help="only the pages whose label contains one of these")
    parser.add_argument(
        "--page-cache",
        action="store_true",
        help="keep the page caches on: what a visitor and a signed-in person are served once a page is kept "
        "(the public page cache and the audience cache), after the one warm-up request that keeps it",
    )
    parser.add_argument(
        "--signed-in-as",
        "--who",
        choices=("secretariat", "focal-point"),
        default="secretariat",
        help="who the signed-in column is: a Secretariat officer (every row, every edit button) or a partner "
        "organisation's focal point (as pages.py --signed-in)",
    )
    parser.add_argument(
        "--token",
        action="store_true",
        help="the signed-in person calls the API with a personal API token (Authorization: Bearer) instead of "
        "their session (pages stay on the session)",
    )
    parser.add_argument(
        "--registered",
        action="store_true",
        help="the signed-in person holds a place at the event measured (their registration box and the "
        "participant list are filled in on its page): a registration written to the bench database",
    )
    parser.add_argument(
        "--search-backend",
        default="",
        choices=("", "sqlite_fts5", "tantivy"),
        help="the library's search backend (default: the database's own, FTS5); tantivy reads the index in "
        "var/bench/index-<data set>/, built beforehand: LIBRARY_SEARCH_BACKEND=tantivy LIBRARY_SEARCH_INDEX_DIR="
        "var/bench/index-<data set> DATABASE_URL=sqlite:///var/bench/<data set>.sqlite3 .venv/bin/alliance87 "
        "rebuild_search_index",
    )
    parser.add_argument("--measure", type=int, default=0, help=argparse.SUPPRESS)  # one scale, in a child
    parser.add_argument("--cached", action="store_true", help=argparse.SUPPRESS)  # --page-cache, in a child
    return parser.parse_args()


def _cpu_ms(call, runs: int) -> float:
    call()
    timings = []
    for _ in range(runs):
        started = time.process_time()
        call()
        timings.append((time.process_time() - started) * 1000)
    return statistics.median(timings)


def measure(
    scale: int,
    grow: str,
    runs: int,
    only: list[str],
    *,
    page_cache: bool = False,
    who: str = "secretariat",
    token: bool = False,
    registered: bool = False,
    search_backend: str = "",
) -> None:
    """In a child process: time every page on this scale's database, print one JSON line per page."""
    from database import bench_file, bench_person, use_bench_database
    from pages import database_name

    database = bench_file(database_name("large", scale, grow))
    if not database.exists():
        print(json.dumps({"missing": str(database)}), flush=True)
        return
    # The planner's statistics of the rows there now, as pages.py gathers them.
    use_bench_database(database, page_cache=page_cache, search_backend=search_backend, analyse=True)
    from django.conf import settings
    from django.template import engines
    from django.test import Client
    from pages import pages

    from alliance87.partners.models import Organisation

    settings.ALLOWED_HOSTS = ["*"]
    template = engines["django"].from_string(
        "<ul>{% for o in rows %}<li><a href='/o/{{ o.slug }}/'>{{ o.name }}</a> {{ o.country }}</li>{% endfor %}</ul>"
    )

    def bare() -> None:
        template.render({"rows": list(Organisation.objects.order_by("name")[:20])})

    print(json.dumps({"page": "bare page", "visitor": _cpu_ms(bare, runs * 4)}), flush=True)
    visitor = Client()
    officer = Client()
    person = bench_person(who)
    api_headers: dict[str, str] = {}
    if person is not None:
        officer.force_login(person)
        if token:
            from alliance87.accounts.services import issue_api_token

            _token, raw = issue_api_token(user=person, name="bench", scope="read", days=1)
            api_headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    found = pages()
    if registered and person is not None:
        _register(person, dict(found).get("an event", ""))
    for label, path in found:
        if only and not any(word in label for word in only):
            continue
        row: dict[str, object] = {"page": label, "path": path}
        for who, client in (("visitor", visitor), ("secretariat", officer)):
            statuses: set[int] = set()

            headers = api_headers if who == "secretariat" and path.startswith("/api/") else {}

            def get(
                client: Client = client, statuses: set[int] = statuses, path: str = path, headers=headers
            ) -> None:
                statuses.add(client.get(path, **headers).status_code)

            row[who] = _cpu_ms(get, runs)
            row[f"{who}_status"] = sorted(statuses)
        print(json.dumps(row), flush=True)


def _register(person, path: str) -> None:
    """The person holds a place at the event of this page (a registration of theirs, once)."""
    from alliance87.meetings.models import Event, Registration, RegistrationStatus

    event = Event.objects.filter(slug=path.strip("/").rsplit("/", 1)[-1]).first()
    if event is not None:
        Registration.objects.update_or_create(
            event=event, user=person, defaults={"status": RegistrationStatus.REGISTERED, "position": 0}
        )


def main() -> None:
    args = _parse_args()
    only = [word.strip() for word in args.pages.split(",") if word.strip()]
    if args.measure:
        measure(
            args.measure,
            args.grow,
            args.runs,
            only,
            page_cache=args.cached,
            who=args.signed_in_as,
            token=args.token,
            registered=args.registered,
            search_backend=args.search_backend,
        )
        return
    scales = [int(scale) for scale in args.scales.split(",")]
    results: dict[int, dict[str, dict]] = {}
    for scale in scales:
        command = [sys.executable, __file__, "--measure", str(scale), "--grow", args.grow]
        command += ["--runs", str(args.runs), "--pages", args.pages, "--signed-in-as", args.signed_in_as]
        command += ["--cached"] if args.page_cache else []
        command += ["--token"] if args.token else []
        command += ["--registered"] if args.registered else []
        command += ["--search-backend", args.search_backend] if args.search_backend else []
        output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
        rows = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
        for row in rows:
            if "missing" in row:
                raise SystemExit(
                    f"build it first: bench/pages.py --build-only --scale {scale}: {row['missing']}"
                )
        results[scale] = {row["page"]: row for row in rows}
    load = os.getloadavg()
    cache = "page caches on (served once kept)" if args.page_cache else "page cache off"
    if args.token:
        cache += "; the signed-in person's API calls with a personal API token"
    signed = "Sec." if args.signed_in_as == "secretariat" else "focal"
    print(
        f"CPU ms a request (median of {args.runs}), {cache}; load average {load[0]:.1f} at the end; "
        f"signed-in column: {args.signed_in_as}{' (registered to the event)' if args.registered else ''}; "
        f"library search: {args.search_backend or 'the database (FTS5)'}"
    )
    columns = "".join(f"{f'{scale}× visitor':>13}{f'{scale}× {signed}':>11}" for scale in scales)
    last = scales[-1]
    bare = results[scales[0]].get("bare page", {}).get("visitor")
    header = f"{'page':<20}{columns}{f'{last}×/{scales[0]}× (visitor, {signed})':>28}{f'{signed}/bare':>11}"
    print(header)
    print("-" * len(header))
    first = results[scales[0]]
    for page, row in first.items():
        cells = ""
        for scale in scales:
            other = results[scale].get(page, {})
            cells += (
                f"{other.get('visitor', float('nan')):13.1f}{other.get('secretariat', float('nan')):11.1f}"
            )
        end = results[last].get(page, {})
        ratios = [
            f"{end[who] / row[who]:.2f}" if row.get(who) and end.get(who) else "-"
            for who in ("visitor", "secretariat")
        ]
        times_bare = f"{row['secretariat'] / bare:.1f}" if bare and row.get("secretariat") else "-"
        print(f"{page:<20}{cells}{', '.join(ratios):>28}{times_bare:>11}")


if __name__ == "__main__":
    main()
