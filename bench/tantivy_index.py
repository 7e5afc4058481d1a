"""Build the tantivy index of a bench data set from its FTS5 rows, in minutes instead of an hour (not a test).

`alliance87 rebuild_search_index` builds every document from the database (`build_documents`: Markdown rendered,
files' text, translations), ~24 ms an item on the shared machine: 8 minutes for the 20,000 items of the large set
and over an hour for the 200,000 of the 10× set. The bench sets already hold each item's indexed text in the FTS5
table (written by `build_documents` at 1×, copied with new titles and people by `grow.py` at 10×), so this reads
those rows and the items' facet and access fields (`documents.facet_fields`) and hands them to the engine's
rebuild. Both scales built this way index the same text the same way.

    .venv/bin/python bench/tantivy_index.py var/bench/pages-large.sqlite3        # -> var/bench/index-pages-large/
    .venv/bin/python bench/tantivy_index.py var/bench/pages-large-x10.sqlite3
    .venv/bin/python bench/growth.py --search-backend tantivy --pages "search,an item"
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BATCH = 2000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", type=Path, help="a bench SQLite file with its FTS5 index")
    args = parser.parse_args()
    database = args.database.resolve()
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["LIBRARY_SEARCH_BACKEND"] = "tantivy"
    os.environ["LIBRARY_SEARCH_INDEX_DIR"] = str(database.parent / f"index-{database.stem}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance87.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from alliance87.library.search.documents import facet_fields
    from alliance87.library.search.sqlite_fts5 import COLUMNS, TABLE
    from alliance87.library.search.tantivy_backend import ENGINE_FIELDS, local_engine

    def batches() -> Iterator[list[dict[str, Any]]]:
        last = 0
        while True:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT rowid, {', '.join(COLUMNS)} FROM {TABLE} WHERE rowid > %s ORDER BY rowid LIMIT %s",
                    [last, BATCH],
                )
                rows = cursor.fetchall()
            if not rows:
                return
            last = rows[-1][0]
            fields = facet_fields([row[0] for row in rows])
            documents = []
            for item_id, title, people, abstract, subjects, body, extra in rows:
                if item_id not in fields:
                    continue
                values = fields[item_id]
                documents.append(
                    {
                        "id": item_id,
                        "title": title,
                        "people": people,
                        "abstract": abstract,
                        "subjects": subjects,
                        "body": body,
                        "extra": extra,
                        "spelling": "\n".join([title, people, abstract, subjects]),
                        **{name: list(values[name]) for name in ENGINE_FIELDS},
                    }
                )
            yield documents

    started = time.monotonic()
    count = local_engine().rebuild(batches())
    print(
        f"{count} items indexed in {os.environ['LIBRARY_SEARCH_INDEX_DIR']} in {time.monotonic() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
