"""Serve the public pages side by side with a bare Django page and print their rates (figures; not a test).

Run from the repository root:

    .venv/bin/python bench/pages.py                 # the large data set (built once, then reused)
    .venv/bin/python bench/pages.py --data demo     # the demo data only
    DATABASE_URL=postgres://dev:dev@127.0.0.1:5432/a87_bench .venv/bin/python bench/pages.py

For every page it starts nothing new: two servers run for the whole run, the platform (`alliance87 serve`, gunicorn
with 2 sync workers, no task worker) and a bare Django 5.2 project (`bench/bare_site.py`: one view rendering a
template of 20 rows, same gunicorn flags). Each page is loaded with wrk (Debian's `wrk`; a bounded Python loop
where it is missing) right after the bare page, so both figures come from the same minute of a shared machine.
One row per page: requests a second, the bare page's rate, their ratio, median and 99th-percentile latency.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from decimal import Decimal
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench"
PYTHON = sys.executable


def _database_url(data: str, scale: int, grow: str = "") -> str:
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    return f"sqlite:///{BENCH_DIR / (database_name(data, scale, grow) + '.sqlite3')}"


TABLES = ("organisations", "plans", "items", "events", "news")


def _grown(grow: str) -> tuple[str, ...]:
    """The tables multiplied by the scale (all when `grow` is empty)."""
    tables = tuple(table for table in TABLES if table in {word.strip() for word in grow.split(",")})
    return tables or TABLES


def database_name(data: str, scale: int, grow: str = "") -> str:
    """The file of a data set: one per data, scale and set of tables multiplied by it."""
    if data == "demo":
        return "pages-demo"
    name = f"pages-large-x{scale}" if scale > 1 else "pages-large"
    if scale > 1 and _grown(grow) != TABLES:
        name += "-" + "-".join(_grown(grow))
    return name


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", choices=("large", "demo"), default="large")
    parser.add_argument(
        "--scale", type=int, default=1, help="multiply the large data set (10 for the growth check)"
    )
    parser.add_argument(
        "--grow",
        default="",
        help=f"multiply only these tables by the scale (comma list of {', '.join(TABLES)}; default all)",
    )
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per page (and per bare run)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--pages", default="", help="only the pages whose label contains one of these (comma list)"
    )
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument(
        "--python-load", action="store_true", help="use the Python load loop even if wrk exists"
    )
    parser.add_argument(
        "--port", type=int, default=8730, help="the platform's port; the bare page uses port+1"
    )
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="serve every page rendered (PAGE_CACHE=off): the cost of the code",
    )
    parser.add_argument(
        "--signed-in",
        action="store_true",
        help="ask every page as a signed-in person (a partner organisation's focal point): their session "
        "cookie on every request to the platform (the bare page gets none)",
    )
    return parser.parse_args()


ARGS = _parse_args() if __name__ == "__main__" else None
if ARGS is not None:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = _database_url(ARGS.data, ARGS.scale, ARGS.grow)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance87.settings.dev")
    if ARGS.no_page_cache:
        os.environ["PAGE_CACHE"] = "off"
    os.environ.setdefault("ALLIANCE87_DATA_DIR", str(BENCH_DIR / "data"))
    # One index directory per database: the library's search index must match the rows it was built from.
    os.environ.setdefault(
        "LIBRARY_SEARCH_INDEX_DIR", str(BENCH_DIR / ("index-" + Path(os.environ["DATABASE_URL"]).stem))
    )
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

# --- The large data set ----------------------------------------------------------------------------------------

ORGANISATIONS = 2_000
PLANS = 500
INDICATORS = 200
ITEMS = 20_000
EVENTS = 2_000
NEWS = 5_000
BATCH = 2_000


def _batches(rows: range):
    for start in range(rows.start, rows.stop, BATCH):
        yield range(start, min(start + BATCH, rows.stop))


#: Tables a copy of the 1× set grows in set-based SQL (bench/grow.py: minutes, where bulk_create took hours).
GROWN_IN_SQL = ("plans", "items")


def _rows(base: int, table: str, scale: int, grow: str, grown_from_1x: bool) -> range:
    """The row numbers of `table` to add: all of them, or only those above the 1× set's when grown from its copy
    (none for the tables grown in SQL from the copy's own rows)."""
    if grown_from_1x and table in GROWN_IN_SQL:
        return range(0)
    stop = base * scale if table in _grown(grow) else base
    return range(base if grown_from_1x else 0, stop)


def build_large(scale: int, grow: str = "", *, grown_from_1x: bool = False) -> None:
    """Add the large data set on top of the demo data, with bulk_create (the services are bypassed on purpose).

    `grown_from_1x`: the database is a copy of the 1× set; only the grown tables' rows above it are added.
    """
    from alliance87.bodies.models import Body
    from alliance87.library.models import Author, Concept, Item, ItemCountry, ItemKind
    from alliance87.meetings.models import Event, EventKind, EventOrganiser
    from alliance87.news.models import Post, PostStatus, Tag
    from alliance87.partners.models import Organisation, OrganisationType
    from alliance87.plans.models import (
        Direction,
        Indicator,
        IndicatorValue,
        Plan,
        PlanStatus,
        ReportingPeriod,
        ResultNode,
        ValueOrigin,
        ValueStatus,
    )

    types = [value for value, _ in OrganisationType.choices]
    countries = ["IN", "BD", "NP", "CI", "BR", "GB", "FR", "ES", "MX", "NG", "PE", "VN", "KE", "GH"]
    started = time.perf_counter()

    def say(what: str) -> None:
        print(f"  {what:<48} {time.perf_counter() - started:7.1f} s", flush=True)

    organisation_rows = _rows(ORGANISATIONS, "organisations", scale, grow, grown_from_1x)
    for rows in _batches(organisation_rows):
        with transaction.atomic():
            Organisation.objects.bulk_create(
                Organisation(
                    name=f"Bench organisation {n:06d}",
                    acronym=f"BO{n}",
                    slug=f"bench-organisation-{n}",
                    type=types[n % len(types)],
                    country=countries[n % len(countries)] if n % 5 else "",
                    description="An organisation of the benchmark data set.",
                    is_partner=n % 7 != 0,
                    partner_since=datetime.date(2016 + n % 9, 1, 1),
                    is_demo=True,
                )
                for n in rows
            )
    say(f"{len(organisation_rows)} organisations")
    in_sql = [table for table in GROWN_IN_SQL if grown_from_1x and scale > 1 and table in _grown(grow)]
    if in_sql:
        _grow_in_sql(scale, in_sql, say)
    organisation_ids = list(
        Organisation.objects.filter(slug__startswith="bench-").order_by("pk").values_list("pk", flat=True)
    )
    bodies = list(Body.objects.order_by("pk"))

    owner = bodies[0] if bodies else None
    plan_numbers = _rows(PLANS, "plans", scale, grow, grown_from_1x)
    for plan_rows in _batches(plan_numbers):
        with transaction.atomic():
            plans = Plan.objects.bulk_create(
                Plan(
                    title=f"Bench plan {n:05d}",
                    slug=f"bench-plan-{n}",
                    owner_body=bodies[n % len(bodies)] if bodies else owner,
                    period_start=datetime.date(2022, 1, 1),
                    period_end=datetime.date(2030, 12, 31),
                    status=PlanStatus.DRAFT if n % 10 == 0 else PlanStatus.IN_IMPLEMENTATION,
                    is_demo=True,
                )
                for n in plan_rows
            )
            goals = ResultNode.objects.bulk_create(
                ResultNode(plan=plan, level=0, code="G", title="Goal", is_demo=True) for plan in plans
            )
            outcomes = ResultNode.objects.bulk_create(
                ResultNode(
                    plan=goal.plan,
                    parent=goal,
                    level=1,
                    position=i,
                    code=f"{i + 1}",
                    title=f"Outcome {i + 1}",
                )
                for goal in goals
                for i in range(4)
            )
            indicators = Indicator.objects.bulk_create(
                Indicator(
                    node=outcomes[p * 4 + i % 4],
                    position=i,
                    code=f"I{i + 1}",
                    title=f"Indicator {i + 1}",
                    direction=Direction.DECREASE if i % 3 == 0 else Direction.INCREASE,
                    baseline_value=Decimal(100),
                    baseline_year=2021,
                    target_value=Decimal(60 if i % 3 == 0 else 200),
                    target_year=2030,
                    source="Bench source",
                    unit="people",
                )
                for p in range(len(plans))
                for i in range(INDICATORS)
            )
            periods = ReportingPeriod.objects.bulk_create(
                ReportingPeriod(
                    indicator=indicator,
                    start=datetime.date(2024, 1, 1),
                    end=datetime.date(2024, 12, 31),
                    target_value=Decimal(120),
                )
                for indicator in indicators
            )
            IndicatorValue.objects.bulk_create(
                IndicatorValue(
                    period=period,
                    value=Decimal(100 + n % 50),
                    status=ValueStatus.APPROVED if n % 10 else ValueStatus.SUBMITTED,
                    origin=ValueOrigin.IMPORT,
                    source="Bench survey",
                )
                for n, period in enumerate(periods)
            )
    say(f"{len(plan_numbers)} plans × {INDICATORS} indicators")
    if plan_numbers:
        from alliance87.plans.verdicts import refresh_all

        for _batch in refresh_all():
            pass
        say("stored verdicts")

    concepts = list(Concept.objects.all())
    kinds = [value for value, _ in ItemKind.choices]
    words = [
        "forced",
        "labour",
        "child",
        "trafficking",
        "supply",
        "chains",
        "migrant",
        "workers",
        "recruitment",
        "debt",
        "bondage",
    ]
    item_rows = _rows(ITEMS, "items", scale, grow, grown_from_1x)
    for rows in _batches(item_rows):
        with transaction.atomic():
            items = Item.objects.bulk_create(
                Item(
                    kind=kinds[n % len(kinds)],
                    title=f"{words[n % 11].capitalize()} {words[(n * 7) % 11]} and {words[(n * 3) % 11]}, {n}",
                    slug=f"bench-item-{n}",
                    year=1995 + n % 31,
                    publication_date=datetime.date(1995 + n % 31, 1 + n % 12, 1),
                    language="en",
                    abstract=" ".join(words[(n + k) % 11] for k in range(60)),
                    countries=[countries[n % len(countries)]],
                    publisher_id=organisation_ids[n % len(organisation_ids)] if n % 3 else None,
                    is_demo=True,
                )
                for n in rows
            )
            ItemCountry.objects.bulk_create(
                ItemCountry(item=item, country=item.countries[0]) for item in items
            )
            Author.objects.bulk_create(
                Author(item=item, position=k, family_name=f"Author{item.pk % 97}", given_names="A.")
                for item in items
                for k in range(2)
            )
            if concepts:
                Item.concepts.through.objects.bulk_create(
                    Item.concepts.through(
                        item_id=item.pk, concept_id=concepts[(item.pk + k) % len(concepts)].pk
                    )
                    for item in items
                    for k in range(2)
                )
    say(f"{len(item_rows)} library items")
    if item_rows:
        call_command("rebuild_search_index", verbosity=0)
        say("library search index")

    now = timezone.now()
    event_rows = _rows(EVENTS, "events", scale, grow, grown_from_1x)
    middle = event_rows.stop // 2  # half past, half to come
    for rows in _batches(event_rows):
        with transaction.atomic():
            events = Event.objects.bulk_create(
                Event(
                    kind=EventKind.values[n % len(EventKind.values)],
                    title=f"Bench event {n}",
                    slug=f"bench-event-{n}",
                    description="A meeting of the benchmark data set.",
                    owner_body=bodies[n % len(bodies)] if bodies else None,
                    starts_at=now + datetime.timedelta(days=n - middle),
                    ends_at=now + datetime.timedelta(days=n - middle, hours=3),
                    city="Geneva",
                    is_demo=True,
                )
                for n in rows
            )
            EventOrganiser.objects.bulk_create(
                EventOrganiser(
                    event=event, organisation_id=organisation_ids[event.pk % len(organisation_ids)]
                )
                for event in events
            )
    say(f"{len(event_rows)} events")

    tags = list(Tag.objects.all())
    news_rows = _rows(NEWS, "news", scale, grow, grown_from_1x)
    for rows in _batches(news_rows):
        with transaction.atomic():
            posts = Post.objects.bulk_create(
                Post(
                    title=f"Bench news post {n}",
                    slug=f"bench-news-{n}",
                    summary="A post of the benchmark data set.",
                    body="Some **Markdown** text.\n\n" * 5,
                    language="en",
                    status=PostStatus.PUBLISHED if n % 20 else PostStatus.DRAFT,
                    published_at=now - datetime.timedelta(hours=n + 1),
                    is_demo=True,
                )
                for n in rows
            )
            if tags:
                Post.tags.through.objects.bulk_create(
                    Post.tags.through(post_id=post.pk, tag_id=tags[post.pk % len(tags)].pk) for post in posts
                )
    say(f"{len(news_rows)} news posts")


def _grow_in_sql(scale: int, tables: list[str], say) -> None:
    """Grow these tables of the copy with bench/grow.py's INSERT … SELECT (after the organisations it spreads
    the library's publishers over)."""
    from django.db import connection
    from grow import GROWERS

    connection.ensure_connection()
    with transaction.atomic():
        for table in tables:
            GROWERS[table](connection.connection, scale, say)


def _copy_of_1x(data: str, scale: int) -> bool:
    """Start a larger SQLite set from a copy of the 1× one when that exists: only the grown rows are then added.

    The 1× set takes the better part of an hour to build on a small machine (the library's index, the verdicts);
    a copy made with SQLite's backup API (safe while another process reads it) saves all of that.
    """
    from django.db import connection

    if data != "large" or scale == 1 or connection.vendor != "sqlite":
        return False
    target = Path(connection.settings_dict["NAME"])
    source = BENCH_DIR / (database_name("large", 1) + ".sqlite3")
    if target.exists() or not source.exists():
        return False
    import sqlite3

    started = time.perf_counter()
    with sqlite3.connect(source) as original, sqlite3.connect(target) as copy:
        original.backup(copy)
    original.close()
    copy.close()
    print(f"copied the 1× set {source.name} in {time.perf_counter() - started:.1f} s")
    return True


def prepare(data: str, scale: int, grow: str = "") -> None:
    from alliance87.partners.models import Organisation

    started = time.perf_counter()
    grown_from_1x = _copy_of_1x(data, scale)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if not Organisation.objects.exists():
        call_command("load_demo", verbosity=0)
        print(f"demo data loaded in {time.perf_counter() - started:.1f} s")
    if grown_from_1x:
        print(f"Growing {', '.join(_grown(grow))} of the 1× copy to {scale}× (once; reused by later runs) …")
        try:
            build_large(scale, grow, grown_from_1x=True)
        except BaseException:
            from django.db import connection

            connection.close()
            Path(connection.settings_dict["NAME"]).unlink(missing_ok=True)  # half grown: never reused
            raise
    elif data == "large" and not Organisation.objects.filter(slug__startswith="bench-").exists():
        print("Building the large data set (once; reused by later runs) …")
        build_large(scale, grow)
    # The bench rows go in after `migrate` analysed nearly empty tables, and a closing connection's `PRAGMA
    # optimize` refreshes a table only once it has grown 25-fold, on some later close: gather the planner's
    # statistics on every start (0.6 s at 1×, 2.3 s at 10×), as a site that has run a while has them, so every
    # run and every copy of a file measures the same query plans.
    from django.db import connection

    from alliance87.core.sqlite import analyze

    analyze(connection)
    print(f"database ready in {time.perf_counter() - started:.1f} s")


# --- Pages -----------------------------------------------------------------------------------------------------


def pages() -> list[tuple[str, str]]:
    """(label, path) for every public page, with real objects of this database."""
    from alliance87.bodies.models import Body
    from alliance87.community.models import Thread
    from alliance87.countries.models import PathfinderCountry
    from alliance87.data.models import Access as SeriesAccess
    from alliance87.data.models import Area, Series
    from alliance87.library.models import Access, Item
    from alliance87.meetings.models import Event
    from alliance87.news.models import Post, PostStatus
    from alliance87.partners.models import Organisation
    from alliance87.plans.models import Indicator, Plan, PlanStatus

    found: list[tuple[str, str]] = [
        ("home", "/"),
        ("directory", "/partners/"),
        ("bodies", "/bodies/"),
        ("countries", "/countries/"),
        ("plans", "/plans/"),
        ("gap report", "/plans/gaps/"),
        ("library", "/library/"),
        ("search", "/library/search/?q=forced+labour"),
        ("events", "/events/"),
        ("news", "/news/"),
        ("community", "/community/"),
        ("data", "/data/"),
        ("data series", "/data/series/"),
        ("data areas", "/data/areas/"),
        ("about", "/about/"),
    ]

    def add(label: str, obj: object | None, url: str | None = None) -> None:
        if obj is not None:
            found.append((label, url or obj.get_absolute_url()))  # type: ignore[attr-defined]

    add("a partner", Organisation.objects.filter(is_partner=True).order_by("name").first())
    add("a body", Body.objects.order_by("pk").first())
    add("a country", PathfinderCountry.objects.order_by("pk").first())
    plan = Plan.objects.exclude(status=PlanStatus.DRAFT).order_by("pk").first()
    add("a plan", plan)
    indicator = Indicator.objects.filter(node__plan=plan).order_by("pk").first() if plan else None
    add("an indicator", indicator)
    add("a plan's gaps", plan, f"/plans/{plan.slug}/gaps/" if plan else None)
    add("a series", Series.objects.filter(access=SeriesAccess.PUBLIC).order_by("code").first())
    add("an area", Area.objects.filter(code="001").first())
    add("an item", Item.objects.filter(access=Access.PUBLIC).order_by("-pk").first())
    add("an event", Event.objects.order_by("-starts_at").first())
    add("a post", Post.objects.filter(status=PostStatus.PUBLISHED).order_by("-published_at").first())
    add(
        "a thread", Thread.objects.filter(is_hidden=False, space__visibility="public").order_by("-pk").first()
    )
    found += [
        ("API organisations", "/api/v1/organisations"),
        ("API library items", "/api/v1/library/items"),
        ("API events", "/api/v1/events"),
        ("API news", "/api/v1/news"),
        ("API plans", "/api/v1/plans"),
    ]
    return found


# --- Servers and load ------------------------------------------------------------------------------------------


def _wait_for(port: int, path: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
                response.read()
                return
        except Exception:
            time.sleep(0.3)
    raise SystemExit(f"the server on port {port} did not answer {path} within {timeout:.0f} s")


def start_servers(port: int) -> list[subprocess.Popen]:
    log = open(BENCH_DIR / "servers.log", "ab")  # noqa: SIM115 - open for the servers' lifetime
    gunicorn = ["--workers=2", "--timeout=60", "--access-logfile=-", "--no-control-socket"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    platform = subprocess.Popen(
        [str(Path(PYTHON).with_name("alliance87")), "serve", "--no-worker", f"--port={port}", "--workers=2"],
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    bare = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "bare_site:application", f"--bind=127.0.0.1:{port + 1}", *gunicorn],
        env={**env, "DJANGO_SETTINGS_MODULE": "bare_site"},
        cwd=Path(__file__).parent,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    servers = [platform, bare]
    try:
        _wait_for(port, "/healthz")
        _wait_for(port + 1, "/")
    except BaseException:
        stop_servers(servers)
        raise
    return servers


def stop_servers(servers: list[subprocess.Popen]) -> None:
    for server in servers:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
    for server in servers:
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def signed_in_cookie() -> tuple[str, str]:
    """A session for a focal point of a partner organisation, as signing in makes one: (who, Cookie header)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from alliance87.partners.models import OrganisationMembership

    membership = (
        OrganisationMembership.objects.filter(
            is_focal_point=True, organisation__is_partner=True, user__is_active=True
        )
        .select_related("user", "organisation")
        .order_by("pk")
        .first()
    )
    if membership is None:
        raise SystemExit("no focal point of a partner organisation to sign in as")
    user = membership.user
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    who = f"focal point of {membership.organisation.name} (account {user.pk})"
    return who, f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


#: Headers every request to the platform carries (the session cookie with --signed-in).
HEADERS: dict[str, str] = {}


def load_wrk(
    url: str, duration: int, connections: int, headers: dict[str, str] | None = None
) -> tuple[float, float, float, int]:
    """Requests a second, p50 and p99 in ms, and the number of non-2xx/3xx answers, measured by wrk."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
        + [option for name, value in (headers or {}).items() for option in ("-H", f"{name}: {value}")]
        + [url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rate, p50, p99, int(errors.group(1)) if errors else 0


def load_python(
    url: str, duration: int, connections: int, headers: dict[str, str] | None = None
) -> tuple[float, float, float, int]:
    """The same figures from a bounded loop of keep-alive connections in threads (for machines without wrk)."""
    host, port_path = url.removeprefix("http://").split(":", 1)
    port, _, path = port_path.partition("/")
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def worker() -> None:
        connection = HTTPConnection(host, int(port), timeout=30)
        mine = []
        bad = 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            connection.request("GET", "/" + path, headers=headers or {})
            response = connection.getresponse()
            response.read()
            mine.append((time.perf_counter() - started) * 1000)
            bad += response.status >= 400
        connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()

    def pick(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else 0.0

    return len(latencies) / elapsed, pick(0.50), pick(0.99), errors[0]


def main() -> None:
    args = ARGS
    assert args is not None
    from django.conf import settings

    print(
        f"Database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]} {settings.DATABASES['default']['NAME']}"
    )
    prepare(args.data, args.scale, args.grow)
    if args.build_only:
        return
    targets = pages()
    if args.pages:
        wanted = [w.strip() for w in args.pages.split(",") if w.strip()]
        targets = [(label, path) for label, path in targets if any(w in label for w in wanted)]
    use_wrk = shutil.which("wrk") is not None and not args.python_load
    load = load_wrk if use_wrk else load_python
    port = args.port
    for candidate in (port, port + 1):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", candidate)) == 0:
                raise SystemExit(f"port {candidate} is taken; choose another with --port")
    if args.signed_in:
        who, cookie = signed_in_cookie()
        HEADERS["Cookie"] = cookie
        print(f"Signed in as a {who}.")
    print(
        f"Page cache: {'off' if args.no_page_cache else 'on'}. "
        f"Load: {'wrk' if use_wrk else 'Python loop'}, {args.connections} connections, {args.duration} s a page; "
        f"servers: gunicorn, 2 sync workers each; {os.cpu_count()} CPUs (shared: figures move with the load)"
    )
    servers = start_servers(port)
    try:
        bare_url = f"http://127.0.0.1:{port + 1}/"
        load(bare_url, 1, args.connections)  # warm up
        header = f"{'page':<20} {'req/s':>7} {'bare':>7} {'ratio':>6} {'p50 ms':>7} {'p99 ms':>7}  path"
        print(header)
        print("-" * len(header))
        for label, path in targets:
            url = f"http://127.0.0.1:{port}{path}"
            try:  # warm up (and check the page answers); a slow page on a busy machine may take long
                with urllib.request.urlopen(
                    urllib.request.Request(url, headers=HEADERS), timeout=300
                ) as response:
                    response.read()
                load(url, 1, 2, HEADERS)
                bare_rate, *_ = load(bare_url, args.duration, args.connections)
                rate, p50, p99, errors = load(url, args.duration, args.connections, HEADERS)
            except Exception as error:  # one failing page must not lose the others' figures
                print(f"{label:<20} failed: {type(error).__name__}: {error}  {path}", flush=True)
                continue
            note = f"  ({errors} errors)" if errors else ""
            print(
                f"{label:<20} {rate:7.0f} {bare_rate:7.0f} {rate / bare_rate:6.2f} {p50:7.1f} {p99:7.1f}  {path}{note}",
                flush=True,
            )
    finally:
        stop_servers(servers)


if __name__ == "__main__":
    main()
