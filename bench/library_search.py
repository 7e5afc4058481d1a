"""Library search latency on a 100,000-item corpus: the full results page on each backend, and bare yardsticks.

    DJANGO_SETTINGS_MODULE=alliance87.settings.dev .venv/bin/python bench/library_search.py [--items N]
    … bench/library_search.py --postgres postgres://USER:PASSWORD@127.0.0.1:5432/DATABASE

Builds (once; reused while its size matches) the corpus in `var/bench/library_search.sqlite3`, or with
`--postgres` in that PostgreSQL database (the same corpus: the generator is seeded), then prints p50/p95 latency of
`alliance87.library.search.search()` — ranked top 20 with snippets, total, all facet counts and the spelling
check — for typical queries: on the database's own backend (SQLite FTS5, or PostgreSQL full-text search) with
its bare yardstick (FTS5's bm25 top 20; PostgreSQL's count of the matching set, the least any results page must
do there), a bare tantivy top 20, and the same full results page through the tantivy backend (its index rebuilt
from the corpus into `var/bench/tantivy-backend[-postgres]/` when missing or stale). `--skip-database` times the
tantivy backend only, on a corpus built without the database's index (`var/bench/library_search-tantivy-only.sqlite3`,
index in `var/bench/tantivy-backend-tantivy-only/`); `--existing FILE` times a bench file as it is (e.g.
`pages.py`'s `pages-large-x10.sqlite3`). Not a test.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench"
DATABASE = BENCH_DIR / "library_search.sqlite3"
BENCH_DIR.mkdir(parents=True, exist_ok=True)
_database = argparse.ArgumentParser(add_help=False)
_database.add_argument("--postgres", default="")
_database.add_argument("--existing", default="")
_database.add_argument("--skip-database", action="store_true")
_known = _database.parse_known_args()[0]
POSTGRES_URL, EXISTING = _known.postgres, _known.existing
# Timing tantivy only, the corpus needs no database index: built without it, in a file of its own (the FTS5
# documents are most of a build's time: ~60 min for 100,000 items on a loaded 2-core machine, against a few).
DATABASE_INDEXED = not (_known.skip_database and not POSTGRES_URL)
if not DATABASE_INDEXED:
    DATABASE = BENCH_DIR / "library_search-tantivy-only.sqlite3"
if POSTGRES_URL:
    os.environ["DATABASE_URL"] = POSTGRES_URL
elif EXISTING:
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(EXISTING).resolve()}"
else:
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance87.settings.dev")
os.environ["LIBRARY_SEARCH_BACKEND"] = ""
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from alliance87.library.models import Concept, Item, ItemCountry, ItemFile, ItemKind  # noqa: E402
from alliance87.library.search import SearchQuery, get_backend, search  # noqa: E402
from alliance87.library.search.documents import build_documents  # noqa: E402
from alliance87.library.search.query import fold  # noqa: E402

DOMAIN = [
    "forced",
    "labour",
    "child",
    "labour",
    "human",
    "trafficking",
    "modern",
    "slavery",
    "debt",
    "bondage",
    "forced",
    "marriage",
    "migrant",
    "workers",
    "supply",
    "chains",
    "recruitment",
    "fees",
    "domestic",
    "work",
    "brick",
    "kilns",
    "fishing",
    "vessels",
    "cocoa",
    "farming",
    "garment",
    "factories",
    "due",
    "diligence",
    "victims",
    "survivors",
    "remediation",
    "prosecution",
    "protection",
    "prevention",
    "partnership",
    "pathfinder",
    "country",
    "evidence",
    "evaluation",
    "labour",
    "inspection",
    "social",
    "protection",
    "decent",
    "work",
]
COMMON = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "for",
    "on",
    "that",
    "by",
    "with",
    "as",
    "are",
    "was",
    "from",
    "this",
    "be",
    "at",
    "or",
    "an",
    "which",
    "these",
    "have",
    "has",
    "their",
    "more",
    "report",
    "data",
    "study",
    "policy",
    "government",
    "national",
    "programme",
    "results",
    "analysis",
    "findings",
    "risk",
    "sector",
    "workers",
    "children",
    "women",
    "men",
    "households",
    "survey",
    "law",
    "rights",
    "employment",
    "income",
    "poverty",
    "access",
    "services",
    "community",
]
RARE = [f"term{n}" for n in range(20_000)]
QUERIES = [
    "forced labour",
    "child labour",
    "human trafficking supply chains",
    '"modern slavery"',
    "traffick*",
    "migrant workers recruitment fees",
    "debt bondage brick kilns",
    "côte d'ivoire cocoa",
    "term123",
    "evaluation -fishing",
    "chld labour",
]


def text(rng: random.Random, words: int) -> str:
    parts = []
    for _ in range(words // 8):
        parts.append(" ".join(rng.choices(COMMON, k=5)))
        parts.append(" ".join(rng.choices(DOMAIN, k=2)))
        parts.append(rng.choice(RARE))
    return ". ".join(parts)


def build(count: int) -> None:
    rng = random.Random(87)
    concepts = list(Concept.objects.all())
    kinds = [choice for choice, _ in ItemKind.choices]
    started = time.perf_counter()
    batch = 2000
    for start in range(0, count, batch):
        with transaction.atomic():
            items = []
            for n in range(start, min(start + batch, count)):
                year = rng.randint(1995, 2025)
                title = " ".join(rng.choices(DOMAIN, k=3) + rng.choices(COMMON, k=3)).capitalize()
                if n % 500 == 0:
                    title += " in Côte d'Ivoire"
                items.append(
                    Item(
                        kind=rng.choice(kinds),
                        title=title,
                        slug=f"bench-{n}",
                        year=year,
                        language=rng.choice("eeeefs")
                        .replace("e", "en")
                        .replace("f", "fr")
                        .replace("s", "es"),
                        abstract=text(rng, 80),
                        countries=rng.sample(["IN", "BD", "NP", "CI", "BR", "GB"], 2),
                        is_demo=True,
                    )
                )
            items = Item.objects.bulk_create(items)
            ItemCountry.objects.bulk_create(
                [ItemCountry(item=item, country=code) for item in items for code in item.countries]
            )
            Item.concepts.through.objects.bulk_create(
                [
                    Item.concepts.through(item_id=item.pk, concept_id=c.pk)
                    for item in items
                    for c in rng.sample(concepts, 3)
                ]
            )
            ItemFile.objects.bulk_create(
                [
                    ItemFile(
                        item=item,
                        file=f"library/bench/{item.pk}.pdf",
                        original_name="report.pdf",
                        content_type="application/pdf",
                        size=1,
                        sha256="0" * 64,
                        extraction_status="done",
                        extracted_text=text(rng, 450),
                    )
                    for item in items
                ]
            )
            if DATABASE_INDEXED:
                get_backend().write_documents(build_documents([item.pk for item in items]))  # type: ignore[attr-defined]
        print(f"  {start + len(items):>7} items  {time.perf_counter() - started:6.1f} s", flush=True)


def percentiles(samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return f"p50 {statistics.median(samples) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"


def timed(function, runs: int) -> list[float]:
    function()  # warm the caches
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--skip-database", action="store_true", help="time the tantivy backend only")
    parser.add_argument("--postgres", default="", help="a PostgreSQL database URL (built there instead)")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument(
        "--existing",
        default="",
        help="a SQLite bench file to search as it is (e.g. var/bench/pages-large-x10.sqlite3, 200,000 items), "
        "never built nor changed; its tantivy index is the one pages.py uses, var/bench/index-<file name>/",
    )
    args = parser.parse_args()
    from django.conf import settings

    # Searches are kept per query and data version (`core.fragments`): time the search itself, not the copy.
    settings.PAGE_CACHE_VIEWS = []
    if not EXISTING:
        call_command("migrate", verbosity=0)
    if not EXISTING and Item.objects.count() != args.items:
        Item.objects.all().delete()
        if DATABASE_INDEXED:
            get_backend().clear()  # type: ignore[attr-defined]
        print(f"Building {args.items} items in {DATABASE} …")
        build(args.items)
    print(f"Corpus: {Item.objects.count()} items")
    if args.build_only:
        return
    if not args.skip_database:
        if POSTGRES_URL:
            pages("postgres", args.runs)
            postgres_yardstick(args.runs)
        else:
            pages("sqlite_fts5", args.runs)
            fts5_yardstick(args.runs)
        tantivy_yardstick(args.runs)
    tantivy_pages(args.runs)


SEARCHES = [SearchQuery(text=text_query) for text_query in QUERIES] + [
    SearchQuery(text="forced labour", sort="date"),
    SearchQuery(text="forced labour", kinds=("report",), countries=("IN", "BD"), year_from=2010),
    SearchQuery(),
]


def pages(backend: str, runs: int) -> None:
    """The full results page through one backend, for every search of the list."""
    from django.conf import settings

    settings.LIBRARY_SEARCH_BACKEND = backend
    anonymous = AnonymousUser()
    all_full = []
    print(f"\nFull results page (top 20, snippets, total, 7 facets, spelling check) with {backend}:")
    for query in SEARCHES:
        samples = timed(lambda query=query: search(query, user=anonymous), runs)
        results = search(query, user=anonymous)
        all_full += samples
        label = repr(query.text) + (" by date" if query.sort == "date" else "")
        label += " +3 filters" if query.kinds else ""
        label = label if query.text or query.kinds else "(browse, no query)"
        print(f"  {label:38} {results.total:>7} hits   {percentiles(samples)}")
    print(f"  {'all queries':38} {'':>12}   {percentiles(all_full)}")
    settings.LIBRARY_SEARCH_BACKEND = ""


def postgres_yardstick(runs: int) -> None:
    """The least a results page costs on PostgreSQL: counting the matching set through the GIN index."""
    from alliance87.library.search.postgres import tsquery_sql
    from alliance87.library.search.query import parse

    print("\nYardstick: bare PostgreSQL count of the matching set (GIN bitmap, no ranking, no facets):")
    all_bare = []
    for text_query in QUERIES:
        expression, params = tsquery_sql(parse(text_query))

        def bare(expression: str = expression, params: list = params) -> None:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute(
                    f"SELECT COUNT(*) FROM library_search_document d WHERE d.document @@ {expression}", params
                )
                cursor.fetchall()

        samples = timed(bare, runs)
        all_bare += samples
        print(f"  {text_query!r:38} {percentiles(samples)}")
    print(f"  {'all queries':38} {percentiles(all_bare)}")


def fts5_yardstick(runs: int) -> None:
    all_bare = []
    from alliance87.library.search.query import parse
    from alliance87.library.search.sqlite_fts5 import fts5_query

    print("\nYardstick: bare FTS5 bm25 top 20:")
    for text_query in QUERIES:
        expression = fts5_query(parse(text_query))

        def bare(expression: str = expression) -> None:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT rowid FROM library_search_fts WHERE library_search_fts MATCH %s "
                    "ORDER BY bm25(library_search_fts, 10.0, 4.0, 3.0, 4.0, 1.0, 1.0) LIMIT 20",
                    [expression],
                )
                cursor.fetchall()

        samples = timed(bare, runs)
        all_bare += samples
        print(f"  {text_query!r:38} {percentiles(samples)}")
    print(f"  {'all queries':38} {percentiles(all_bare)}")


def tantivy_yardstick(runs: int) -> None:
    try:
        import tantivy
    except ImportError:
        print("\ntantivy is not installed (pip install -e .[bench]); yardstick skipped.")
        return
    path = BENCH_DIR / "tantivy"
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    for name in ("title", "abstract", "body"):
        builder.add_text_field(name, stored=name != "body", tokenizer_name="en_stem")
    schema = builder.build()
    fresh = not path.exists()
    path.mkdir(exist_ok=True)
    index = tantivy.Index(schema, path=str(path))
    if fresh:
        started = time.perf_counter()
        writer = index.writer(heap_size=200_000_000, num_threads=2)
        ids = list(Item.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), 2000):
            for document in build_documents(ids[start : start + 2000]):
                writer.add_document(
                    tantivy.Document(
                        id=document.item_id,
                        title=document.title,
                        abstract=document.abstract,
                        body=document.body,
                    )
                )
        writer.commit()
        writer.wait_merging_threads()
        print(f"\ntantivy index built in {time.perf_counter() - started:.1f} s")
    index.reload()
    searcher = index.searcher()
    print("\nYardstick: tantivy top 20 (BM25, title boosted):")
    all_samples = []
    for text_query in QUERIES:
        query = index.parse_query(
            fold(text_query).replace("'", ""), ["title", "abstract", "body"], {"title": 3.0}
        )

        def run(query=query) -> None:
            searcher.search(query, 20).hits  # noqa: B018

        samples = timed(run, runs)
        all_samples += samples
        print(f"  {text_query!r:38} {percentiles(samples)}")
    print(f"  {'all queries':38} {percentiles(all_samples)}")


def tantivy_pages(runs: int) -> None:
    """The same full results page through the tantivy backend (index in var/bench/tantivy-backend[-postgres]/)."""
    from django.conf import settings

    from alliance87.library.search.tantivy_backend import TantivyBackend, local_engine

    settings.LIBRARY_SEARCH_BACKEND = "tantivy"
    settings.LIBRARY_SEARCH_INDEX_DIR = BENCH_DIR / (
        "tantivy-backend-postgres"
        if POSTGRES_URL
        else f"index-{Path(EXISTING).stem}"  # the index `pages.py` serves that file with
        if EXISTING
        else "tantivy-backend"
        if DATABASE_INDEXED
        else "tantivy-backend-tantivy-only"
    )
    backend = get_backend()
    assert isinstance(backend, TantivyBackend)
    engine = local_engine()
    # Rebuilt too when built before the index's present schema (`TantivyEngine.current`), but not an existing bench
    # file's index (an hour at 10×): bench/tantivy_index.py builds that one again in minutes.
    outdated = not engine.current()
    if outdated and EXISTING:
        print("  (this index predates the phrase pairs field: rebuild it with bench/tantivy_index.py)")
    if (outdated and not EXISTING) or engine.searcher().num_docs != Item.objects.count():
        print(
            f"\nRebuilding the tantivy backend's index in {settings.LIBRARY_SEARCH_INDEX_DIR} …", flush=True
        )
        started = time.perf_counter()
        count = backend.rebuild()
        print(f"  {count} items indexed in {time.perf_counter() - started:.1f} s")
    size = sum(f.stat().st_size for f in Path(settings.LIBRARY_SEARCH_INDEX_DIR).iterdir() if f.is_file())
    print(f"  index: {size / 1e6:.0f} MB")
    pages("tantivy", runs)
    service_pages(Path(settings.LIBRARY_SEARCH_INDEX_DIR), runs)


def service_pages(index: Path, runs: int) -> None:
    """The same page through the search service (`alliance87 search_service`, another process, same index)."""
    import socket
    import subprocess

    from django.conf import settings

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    token = "bench-token"
    env = {**os.environ, "LIBRARY_SEARCH_INDEX_DIR": str(index), "LIBRARY_SEARCH_SERVICE_TOKEN": token}
    service = subprocess.Popen(
        [str(Path(sys.executable).with_name("alliance87")), "search_service", "--port", str(port)], env=env
    )
    try:
        for _ in range(600):  # up to 60 s for the service to open the index and listen
            with socket.socket() as attempt:
                if attempt.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if service.poll() is not None:
                raise SystemExit(f"the search service stopped (exit {service.returncode})")
            time.sleep(0.1)
        else:
            raise SystemExit("the search service did not listen within 60 s")
        settings.LIBRARY_SEARCH_SERVICE_URL = f"http://127.0.0.1:{port}"
        settings.LIBRARY_SEARCH_SERVICE_TOKEN = token
        pages("tantivy_service", runs)
    finally:
        service.terminate()
        service.wait(timeout=10)


if __name__ == "__main__":
    main()
