"""Grow the plans and the library of a copy of the large data set N times over, in set-based SQL (not a test).

Run from the repository root (SQLite only; minutes, where the ORM took hours):

    nice -n 10 .venv/bin/python bench/grow.py --scale 10 --grow plans,items \
        --source var/bench/pages-large-x10-organisations-events-news.sqlite3

It copies `--source` (SQLite's backup API; the source is only read) to the file `bench/pages.py` names for the
tables grown in the source plus `--grow` (here `var/bench/pages-large-x10.sqlite3`, every table at 10×), then adds
scale - 1 copies of the large set's rows with `INSERT … SELECT` over id offsets (copy k of a row with id i gets
id i + k × the table's highest id, so every copy's keys follow its parents' without a lookup):

- plans: the bench plans (`bench-plan-n`, n < 500 at 1×) become `bench-plan-(n + k × 500)` with their goal and
  outcomes, 200 indicators each, their reporting periods, values and stored verdicts (copied with the data they
  judge, so a grown plan reads exactly as its source: statuses, dates, translation columns as the 1× rows);
- library items: `bench-item-n` becomes `bench-item-(n + k × 20,000)` with its kind, year, date, access, abstract,
  subjects and country (the 1× spread), two authors named after the new id, a publisher spread over every bench
  organisation of the copy (a third have none, as at 1×), and its rows in the FTS5 index (`library_search_fts`,
  from the source row with the new title and people) and the spelling table that reads it.

`pages.py --scale N --grow …` calls the same functions when it grows a copy of the 1× set (after its own
organisations), so both doors build the same rows. A half-grown file is deleted.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench"
sys.path.insert(0, str(ROOT / "bench"))

PREFIX_LENGTH = len("bench-plan-")  # == len("bench-item-")


def _columns(db: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]


def _copy_rows(
    db: sqlite3.Connection, table: str, *, source: str, overrides: dict[str, str], params: dict[str, int]
) -> int:
    """INSERT INTO table SELECT every column of the source rows `s` (joined with the copies `c`), or its override."""
    columns = _columns(db, table)
    unknown = set(overrides) - set(columns)
    if unknown:
        raise SystemExit(f"{table} has no column {', '.join(sorted(unknown))}")
    names = ", ".join(f'"{name}"' for name in columns)
    values = ", ".join(overrides.get(name, f's."{name}"') for name in columns)
    cursor = db.execute(f'INSERT INTO "{table}" ({names}) SELECT {values} FROM {source}', params)
    return cursor.rowcount


def _highest(db: sqlite3.Connection, table: str, column: str = "id") -> int:
    return db.execute(f'SELECT COALESCE(MAX("{column}"), 0) FROM "{table}"').fetchone()[0]


def _copies(db: sqlite3.Connection, scale: int) -> None:
    db.execute("DROP TABLE IF EXISTS temp.grow_copies")
    db.execute("CREATE TEMP TABLE grow_copies (k INTEGER PRIMARY KEY)")
    db.executemany("INSERT INTO temp.grow_copies VALUES (?)", [(k,) for k in range(1, scale)])


def grow_plans(db: sqlite3.Connection, scale: int, say: Callable[[str], None]) -> None:
    """Add scale - 1 copies of every bench plan, its result nodes, indicators, periods, values and verdicts."""
    _copies(db, scale)
    plans = db.execute("SELECT COUNT(*) FROM plans_plan WHERE slug LIKE 'bench-plan-%'").fetchone()[0]
    if not plans:
        raise SystemExit("no bench plans to grow (is this the large data set?)")
    top = {
        name: _highest(db, table)
        for name, table in (
            ("plan", "plans_plan"),
            ("node", "plans_resultnode"),
            ("indicator", "plans_indicator"),
            ("period", "plans_reportingperiod"),
            ("value", "plans_indicatorvalue"),
        )
    }
    params = {"plans": plans, **top}
    db.execute("DROP TABLE IF EXISTS temp.grow_plans")
    db.execute(
        "CREATE TEMP TABLE grow_plans AS SELECT id FROM plans_plan WHERE slug LIKE 'bench-plan-%' ORDER BY id"
    )
    number = f"CAST(substr(s.slug, {PREFIX_LENGTH + 1}) AS INTEGER) + c.k * :plans"
    title = f"'Bench plan ' || printf('%05d', {number})"
    added = _copy_rows(
        db,
        "plans_plan",
        source="plans_plan s CROSS JOIN temp.grow_copies c WHERE s.id IN (SELECT id FROM temp.grow_plans)"
        " ORDER BY c.k, s.id",
        overrides={
            "id": "s.id + c.k * :plan",
            "slug": f"'bench-plan-' || ({number})",
            "title": title,
            "title_en": f"CASE WHEN s.title_en IS NULL THEN NULL ELSE {title} END",
        },
        params=params,
    )
    say(f"{added:,} plans")
    nodes = (
        "plans_resultnode s CROSS JOIN temp.grow_copies c WHERE s.plan_id IN (SELECT id FROM temp.grow_plans)"
    )
    added = _copy_rows(
        db,
        "plans_resultnode",
        source=nodes + " ORDER BY c.k, s.id",
        overrides={
            "id": "s.id + c.k * :node",
            "parent_id": "s.parent_id + c.k * :node",
            "plan_id": "s.plan_id + c.k * :plan",
        },
        params=params,
    )
    say(f"{added:,} result nodes")
    indicators = (
        "plans_indicator s CROSS JOIN temp.grow_copies c WHERE s.node_id IN"
        " (SELECT id FROM plans_resultnode WHERE plan_id IN (SELECT id FROM temp.grow_plans))"
    )
    added = _copy_rows(
        db,
        "plans_indicator",
        source=indicators + " ORDER BY c.k, s.id",
        overrides={"id": "s.id + c.k * :indicator", "node_id": "s.node_id + c.k * :node"},
        params=params,
    )
    say(f"{added:,} indicators")
    db.execute("DROP TABLE IF EXISTS temp.grow_indicators")
    db.execute(
        "CREATE TEMP TABLE grow_indicators AS SELECT i.id FROM plans_indicator i JOIN plans_resultnode n"
        " ON n.id = i.node_id WHERE n.plan_id IN (SELECT id FROM temp.grow_plans) AND i.id <= :indicator",
        params,
    )
    added = _copy_rows(
        db,
        "plans_reportingperiod",
        source="plans_reportingperiod s CROSS JOIN temp.grow_copies c"
        " WHERE s.indicator_id IN (SELECT id FROM temp.grow_indicators) ORDER BY c.k, s.id",
        overrides={"id": "s.id + c.k * :period", "indicator_id": "s.indicator_id + c.k * :indicator"},
        params=params,
    )
    say(f"{added:,} reporting periods")
    added = _copy_rows(
        db,
        "plans_indicatorvalue",
        source="plans_indicatorvalue s CROSS JOIN temp.grow_copies c WHERE s.period_id IN"
        " (SELECT id FROM plans_reportingperiod WHERE indicator_id IN (SELECT id FROM temp.grow_indicators)"
        " AND id <= :period) ORDER BY c.k, s.id",
        overrides={"id": "s.id + c.k * :value", "period_id": "s.period_id + c.k * :period"},
        params=params,
    )
    say(f"{added:,} values")
    added = _copy_rows(
        db,
        "plans_indicatorverdict",
        source="plans_indicatorverdict s CROSS JOIN temp.grow_copies c"
        " WHERE s.indicator_id IN (SELECT id FROM temp.grow_indicators) ORDER BY c.k, s.indicator_id",
        overrides={"indicator_id": "s.indicator_id + c.k * :indicator"},
        params=params,
    )
    say(f"{added:,} stored verdicts")
    _grow_gap_counts(db, params, say)


def _grow_gap_counts(db: sqlite3.Connection, params: dict[str, int], say: Callable[[str], None]) -> None:
    """Copy the gap report's counts stored per plan (`plans.gap_counts`, where the source set has them)."""
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "plans_plangapcounts" not in tables:
        return
    copied = "CROSS JOIN temp.grow_copies c WHERE s.plan_id IN (SELECT id FROM temp.grow_plans)"
    added = _copy_rows(
        db,
        "plans_plangapcounts",
        source=f"plans_plangapcounts s {copied} ORDER BY c.k, s.plan_id",
        overrides={"plan_id": "s.plan_id + c.k * :plan"},
        params=params,
    )
    params = {**params, "last_value": _highest(db, "plans_planlastvaluecount")}
    added += _copy_rows(
        db,
        "plans_planlastvaluecount",
        source=f"plans_planlastvaluecount s {copied} ORDER BY c.k, s.id",
        overrides={"id": "s.id + c.k * :last_value", "plan_id": "s.plan_id + c.k * :plan"},
        params=params,
    )
    say(f"{added:,} rows of stored gap counts")


FTS = "library_search_fts"
SPELLING = "library_search_spelling"


def grow_items(db: sqlite3.Connection, scale: int, say: Callable[[str], None]) -> None:
    """Add scale - 1 copies of every bench library item, with authors, subjects, country, publisher and index."""
    _copies(db, scale)
    items = db.execute("SELECT COUNT(*) FROM library_item WHERE slug LIKE 'bench-item-%'").fetchone()[0]
    if not items:
        raise SystemExit("no bench library items to grow (is this the large data set?)")
    db.execute("DROP TABLE IF EXISTS temp.grow_items")
    db.execute(
        "CREATE TEMP TABLE grow_items AS SELECT id FROM library_item WHERE slug LIKE 'bench-item-%' ORDER BY id"
    )
    # Publishers spread over every bench organisation of this copy, in the 1× set's rule (none for a third).
    db.execute("DROP TABLE IF EXISTS temp.grow_organisations")
    db.execute("CREATE TEMP TABLE grow_organisations (i INTEGER PRIMARY KEY, id INTEGER, name TEXT)")
    db.execute(
        "INSERT INTO temp.grow_organisations (id, name) SELECT id, name FROM partners_organisation"
        " WHERE slug LIKE 'bench-organisation-%' ORDER BY id"
    )
    organisations = db.execute("SELECT COUNT(*) FROM temp.grow_organisations").fetchone()[0]
    params = {"items": items, "item": _highest(db, "library_item"), "organisations": organisations}
    number = f"(CAST(substr(s.slug, {PREFIX_LENGTH + 1}) AS INTEGER) + c.k * :items)"
    # The 1× title ends with the item's number ("Forced labour and child, 12"): the copy's number replaces it.
    title = f"substr(s.title, 1, length(s.title) - length(substr(s.slug, {PREFIX_LENGTH + 1}))) || {number}"
    publisher = (
        f"CASE WHEN {number} % 3 != 0 AND :organisations > 0 THEN (SELECT o.id FROM temp.grow_organisations o"
        f" WHERE o.i = 1 + {number} % :organisations) END"
    )
    copies = "library_item s CROSS JOIN temp.grow_copies c WHERE s.id IN (SELECT id FROM temp.grow_items)"
    added = _copy_rows(
        db,
        "library_item",
        source=copies + " ORDER BY c.k, s.id",
        overrides={
            "id": "s.id + c.k * :item",
            "slug": f"'bench-item-' || {number}",
            "title": title,
            "publisher_id": publisher,
        },
        params=params,
    )
    say(f"{added:,} library items")
    author = "'Author' || ((s.item_id + c.k * :item) % 97)"
    links = (
        "CROSS JOIN temp.grow_copies c WHERE s.item_id IN (SELECT id FROM temp.grow_items) ORDER BY c.k, s.id"
    )
    for table, overrides in (
        ("library_author", {"family_name": author}),
        ("library_itemcountry", {}),
        ("library_item_concepts", {}),
        ("library_item_bodies", {}),
        ("library_item_corporate_authors", {}),
    ):
        added = _copy_rows(
            db,
            table,
            source=f"{table} s {links}",
            overrides={"id": "NULL", "item_id": "s.item_id + c.k * :item", **overrides},
            params=params,
        )
        say(f"{added:,} rows of {table}")
    # The index: the source item's row (abstract, subjects, files' text, stems) with the copy's title and people
    # (its authors and publisher, as documents.build_documents writes them).
    people = (
        "(SELECT group_concat(name, '; ') FROM (SELECT trim(a.given_names || ' ' || a.family_name) AS name"
        " FROM library_author a WHERE a.item_id = i.id UNION ALL SELECT o.name FROM partners_organisation o"
        " WHERE o.id = i.publisher_id))"
    )
    index_rows = (
        f"SELECT i.id, i.title, {people}, f.abstract, f.subjects, f.body, f.extra FROM temp.grow_items g"
        f" CROSS JOIN temp.grow_copies c CROSS JOIN library_item i CROSS JOIN {FTS} f"
        f" WHERE i.id = g.id + c.k * :item AND f.rowid = g.id ORDER BY c.k, g.id"
    )
    db.execute("DROP TABLE IF EXISTS temp.grow_index")
    db.execute(
        "CREATE TEMP TABLE grow_index (id INTEGER PRIMARY KEY, title, people, abstract, subjects, body, extra)"
    )
    db.execute(f"INSERT INTO temp.grow_index {index_rows}", params)
    added = db.execute(
        f"INSERT INTO {FTS} (rowid, title, people, abstract, subjects, body, extra)"
        " SELECT id, title, people, abstract, subjects, body, extra FROM temp.grow_index ORDER BY id"
    ).rowcount
    db.execute(
        f"INSERT INTO {SPELLING} (rowid, title, people, abstract, subjects)"
        " SELECT id, title, people, abstract, subjects FROM temp.grow_index ORDER BY id"
    )
    db.execute("DROP TABLE temp.grow_index")
    say(f"{added:,} rows of the search index")


GROWERS = {"plans": grow_plans, "items": grow_items}


def grow(db: sqlite3.Connection, scale: int, tables: list[str], say: Callable[[str], None]) -> None:
    """Grow these tables (of GROWERS) in one transaction, journal and syncing off (a half-built file is deleted)."""
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -200000")  # 200 MB of page cache
    db.execute("PRAGMA temp_store = MEMORY")
    db.execute("BEGIN")
    for table in tables:
        GROWERS[table](db, scale, say)
    # Nothing kept from before the change may be served (the data version is what every cache key holds).
    db.execute("UPDATE core_dataversion SET value = value + 1")
    db.execute("DELETE FROM alliance87_cache")
    db.execute("COMMIT")


def _target_name(source: Path, scale: int, tables: list[str]) -> str:
    from pages import TABLES

    stem = source.stem
    grown = set(tables)
    if stem.startswith(f"pages-large-x{scale}"):
        rest = stem.removeprefix(f"pages-large-x{scale}").strip("-")
        grown |= set(rest.split("-")) if rest else set(TABLES)
    elif stem != "pages-large":
        raise SystemExit(f"--source must be a pages-large file of bench/pages.py, not {source.name}")
    ordered = [table for table in TABLES if table in grown]
    name = f"pages-large-x{scale}"
    return name if ordered == list(TABLES) else name + "-" + "-".join(ordered)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--grow", default="plans,items", help="comma list of plans, items")
    parser.add_argument(
        "--source",
        type=Path,
        default=BENCH_DIR / "pages-large.sqlite3",
        help="the large set (or a copy of it already grown for other tables) to start from; only read",
    )
    args = parser.parse_args()
    tables = [word.strip() for word in args.grow.split(",") if word.strip()]
    if not tables or set(tables) - set(GROWERS):
        raise SystemExit(f"--grow takes {', '.join(GROWERS)}")
    target = BENCH_DIR / (_target_name(args.source, args.scale, tables) + ".sqlite3")
    if target.exists():
        raise SystemExit(f"{target} exists: delete it to build it again")
    started = time.perf_counter()

    def say(what: str) -> None:
        print(f"  {what:<48} {time.perf_counter() - started:7.1f} s", flush=True)

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(f"file:{args.source}?mode=ro", uri=True) as original:
        copy = sqlite3.connect(target, isolation_level=None)
        original.backup(copy)
    original.close()
    say(f"copied {args.source.name} to {target.name}")
    try:
        mode = copy.execute("PRAGMA journal_mode").fetchone()[0]
        copy.execute("PRAGMA journal_mode = OFF")
        grow(copy, args.scale, tables, say)
        copy.execute(f"PRAGMA journal_mode = {mode}")
        problems = copy.execute("PRAGMA foreign_key_check").fetchmany(5)
        if problems:
            raise SystemExit(f"rows pointing nowhere: {problems}")
        say("foreign keys checked")
    except BaseException:
        copy.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        raise
    copy.close()
    print(f"{target} grown ({', '.join(tables)} × {args.scale}) in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
