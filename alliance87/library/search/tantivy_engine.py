"""The tantivy engine: a Lucene-class index in a directory, and everything done inside it, without the database.

It ranks (BM25), applies the access rule and the filters, counts the total and the facets, marks snippets, and
keeps the documents the app gives it. `tantivy_backend.TantivyBackend` puts it behind the search interface (with
the database's part: documents, labels, the final access check), in the web process or, shared by several web
servers, in the search service (`service.py`), which exposes exactly this engine's methods.

The schema, the analysis and the queries are in `tantivy_queries.py`. The extra field holds elided forms
("divoire") and French/Spanish stems (documents.py), and query words also match their own French/Spanish stems
there.

Facet and access fields are fast fields: kind, language, theme, exploitation, country, access (raw strings),
year, organisation (corporate authors and publisher), access_body_id (integers) and sort_key (date, then id).
The access rule is `permissions.LibraryAccess`, translated into a query (`access_query`). The spelling field
holds the catalogue record's words unstemmed, accents kept: its term dictionary is the "did you mean" vocabulary.

An index built before the pairs field (`tantivy_queries.PREVIOUS_SCHEMA`) is still searched, without it, until
`alliance87 rebuild_search_index` builds it again with this schema (`TantivyEngine.current`).
"""

from __future__ import annotations

import fcntl
import logging
import re
import shutil
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tantivy

from ..permissions import LibraryAccess
from .query import ParsedQuery, any_of, parse
from .snippets import plain_passage
from .tantivy_queries import (
    INTEGER_FACETS,
    PAIRS,
    PREVIOUS_SCHEMA,
    SCHEMA,
    STRING_FACETS,
    TEXT_FIELDS,
    access_query,
    analyze,
    analyzers,
    combine,
    filter_queries,
    highlight_query,
    mark_title,
    pairs_text,
    query_words,
    text_query,
)
from .tantivy_snippets import snippet_html
from .types import FACET_NAMES, Hit, SearchQuery

logger = logging.getLogger(__name__)

# Enough buckets for every value of every facet (the page keeps the most frequent of the big ones).
FACET_BUCKETS = 10_000
# A results page counts its facets among at most this many matches, the most recently published (sort_key):
# counting every match of a common word visits all of them, seven facets each (26 ms at 200,000 items, ten times
# that at 20,000), where ranking and the total cost a fraction of it. Ranking and the total still cover every
# match. LIBRARY_SEARCH_FACETS_AMONG overrides it (0: count every match).
FACETS_AMONG = 5_000
SNIPPET_CHARS = 240
WRITER_HEAP = 64_000_000
REBUILD_HEAP = 256_000_000
BATCH = 500
LOCK_TIMEOUT = 60.0


def _first(document: tantivy.Document, name: str, default: Any = "") -> Any:
    value = document.get_first(name)
    return default if value is None else value


# Documents ---------------------------------------------------------------------------------------------------


def to_tantivy(document: dict[str, Any], *, pairs: bool = True) -> tantivy.Document:
    """A tantivy document from the plain one the app sends (`tantivy_backend.engine_documents`); `pairs=False`
    for an index without the pairs field."""
    doc = tantivy.Document()
    doc.add_integer("id", int(document["id"]))
    for name in (*TEXT_FIELDS, "spelling"):
        if document.get(name):
            doc.add_text(name, str(document[name]))
    if pairs:
        doc.add_text(PAIRS, pairs_text(str(document[name]) for name in TEXT_FIELDS if document.get(name)))
    for name in (*STRING_FACETS, "access"):
        for value in document.get(name, []):
            doc.add_text(name, str(value))
    for name in (*INTEGER_FACETS, "access_body_id", "sort_key"):
        for value in document.get(name, []):
            doc.add_integer(name, int(value))
    return doc


# Facet counts ------------------------------------------------------------------------------------------------

POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="library-search")


def facet_runs(filters: dict[str, tantivy.Query]) -> list[tuple[list[str], list[tantivy.Query]]]:
    """The aggregations a page needs: one for the facets without ticks (all filters applied), and one per facet
    with ticks (the other filters applied, not its own, so that its other values keep their counts)."""
    plain = [facet for facet in FACET_NAMES if facet not in filters]
    runs = [(plain, list(filters.values()))] if plain else []
    for facet in FACET_NAMES:
        if facet in filters:
            runs.append(([facet], [query for name, query in filters.items() if name != facet]))
    return runs


def facets_among() -> int:
    """How many matches a page counts its facets among at most (LIBRARY_SEARCH_FACETS_AMONG)."""
    from django.conf import settings

    return int(getattr(settings, "LIBRARY_SEARCH_FACETS_AMONG", FACETS_AMONG))


def aggregate(
    searcher: tantivy.Searcher, query: tantivy.Query, facets: list[str]
) -> dict[str, dict[str, int]]:
    """Counts of these facets' values over the documents matching the query (terms aggregations)."""
    fields = {**STRING_FACETS, **INTEGER_FACETS}
    answer = searcher.aggregate(
        query, {facet: {"terms": {"field": fields[facet], "size": FACET_BUCKETS}} for facet in facets}
    )
    counts: dict[str, dict[str, int]] = {}
    for facet in facets:
        counts[facet] = {}
        for bucket in answer.get(facet, {}).get("buckets", []):
            key = bucket["key"]
            value = str(int(key)) if isinstance(key, int | float) else str(key)
            counts[facet][value] = int(bucket["doc_count"])
    return counts


def bounded_aggregate(
    searcher: tantivy.Searcher, query: tantivy.Query, facets: list[str], bound: int, total: int | None = None
) -> tuple[dict[str, dict[str, int]], int]:
    """The facet counts over the query's matches, or, when more than `bound` match, over the `bound` most
    recently published of them; and how many they were counted among (0: every match). `total`: the query's
    matches when already counted (the ranking's), which saves a walk of them when there are few.

    The newest matches are found on the sort_key fast field (no scoring); the aggregations then visit only
    those, through a range on the same field (sort_key is unique: date, then id)."""
    if bound <= 0 or (total is not None and total <= bound):  # (and tantivy panics on a limit of 0)
        return aggregate(searcher, query, facets), 0
    newest = searcher.search(
        query, bound, count=total is None, order_by_field="sort_key", order=tantivy.Order.Desc
    )
    if total is None:
        total = int(getattr(newest, "count", 0) or 0)
    if total <= bound or len(newest.hits) < bound:
        return aggregate(searcher, query, facets), 0
    threshold = int(newest.hits[-1][0])
    since = tantivy.Query.range_query(SCHEMA, "sort_key", tantivy.FieldType.Integer, lower_bound=threshold)
    return aggregate(searcher, combine(query, [since]), facets), bound


# The engine --------------------------------------------------------------------------------------------------

_open_lock = threading.Lock()
_write_locks: dict[Path, threading.Lock] = defaultdict(threading.Lock)


@dataclass
class EngineAnswer:
    """A results page as the engine sees it: hits not yet checked against the database, the total, raw counts."""

    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    # When the facets without a ticked value were counted among the most recently published matches only: how
    # many (0: every match). A ticked facet's own counts always cover every match.
    facets_counted_among: int = 0


class TantivyEngine:
    """The index in one directory: reads by anyone, writes by one writer at a time."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._indexes: dict[Path, tantivy.Index] = {}
        self._current: dict[Path, bool] = {}
        self._opened: dict[Path, str] = {}  # the index's version (meta.json) when opened

    # The index and its one writer ----------------------------------------------------------------------------
    def index(self, *, fresh: bool = False) -> tantivy.Index:
        """The index, created when missing (or `fresh`: recreated, for a rebuild)."""
        path = self.path
        with _open_lock:
            index = None if fresh else self._indexes.get(path)
            if index is not None and not self._current[path] and self._opened[path] != self.version():
                index = None  # an index of the previous schema, committed to since: rebuilt?
            if index is None:
                path.mkdir(parents=True, exist_ok=True)
                current = True
                try:
                    index = tantivy.Index(SCHEMA, path=str(path), reuse=not fresh)
                except ValueError:
                    if fresh:
                        shutil.rmtree(path)
                        path.mkdir(parents=True)
                        index = tantivy.Index(SCHEMA, path=str(path), reuse=False)
                    else:
                        index, current = self._previous(path), False
                for name, analyzer in analyzers().items():
                    index.register_tokenizer(name, analyzer)
                self._indexes[path], self._current[path], self._opened[path] = index, current, self.version()
            return index

    @staticmethod
    def _previous(path: Path) -> tantivy.Index:
        """An index built before the pairs field, searched as it is until it is rebuilt; any other schema is an
        error (ValueError)."""
        index = tantivy.Index.open(str(path))
        if index.schema != PREVIOUS_SCHEMA:
            raise ValueError(
                f"The search index in {path} has another schema: run alliance87 rebuild_search_index."
            )
        logger.warning(
            "The search index in %s was built before the phrase pairs field: phrases are slower until "
            "`alliance87 rebuild_search_index` builds it again.",
            path,
        )
        return index

    def current(self) -> bool:
        """Whether the index has this code's schema (False: the previous one, until a rebuild)."""
        self.index()
        return self._current[self.path]

    @contextmanager
    def writer(self, *, heap: int = WRITER_HEAP, fresh: bool = False) -> Iterator[tantivy.IndexWriter]:
        """The index's one writer: a thread lock, a file lock across processes, then tantivy's own lock (retried).

        Committed when the block ends, rolled back if it fails.
        """
        path = self.path
        path.mkdir(parents=True, exist_ok=True)
        with _write_locks[path], open(path.parent / f".{path.name}.write.lock", "w") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                index = self.index(fresh=fresh)
                writer = self._acquire(index, heap)
                try:
                    yield writer
                    writer.commit()
                except BaseException:
                    writer.rollback()
                    raise
                finally:
                    writer.wait_merging_threads()
                index.reload()
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    @staticmethod
    def _acquire(index: tantivy.Index, heap: int) -> tantivy.IndexWriter:
        deadline = time.monotonic() + LOCK_TIMEOUT
        delay = 0.05
        while True:
            try:
                return index.writer(heap_size=heap, num_threads=1)
            except ValueError as error:  # LockBusy: a writer outside this code (another tool) holds the index
                if "LockBusy" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 1.0)

    def searcher(self) -> tantivy.Searcher:
        index = self.index()
        index.reload()  # see commits made by other processes (cheap: reads meta.json)
        return index.searcher()

    # Reads ---------------------------------------------------------------------------------------------------
    def search(self, query: SearchQuery, *, access: LibraryAccess) -> EngineAnswer:
        parsed = parse(query.text)
        searcher = self.searcher()
        text = text_query(parsed, pairs=self.current()) if parsed else None
        allowed = access_query(access)
        filters = filter_queries(query)
        base = [allowed] if allowed is not None else []
        runs = facet_runs(filters)
        # A ticked facet's own run counts one column over every match: bounding it would cost one more walk of
        # the matches for little saved, so it stays exact (and the page says so). These run in other threads
        # (tantivy releases the GIL) while this one ranks and marks snippets.
        ticked = [
            (facets, POOL.submit(aggregate, searcher, combine(text, [*base, *applied]), facets))
            for facets, applied in runs
            if facets[0] in filters
        ]
        full = combine(text, [*base, *filters.values()])
        # The facets without ticks are counted among the page's own matches, the newest first: finding those is a
        # walk of every match, as the ranking is, so both walks run at once (on two cores: a common word's or a
        # phrase's page waited for one walk after the other).
        plain = [
            (facets, POOL.submit(bounded_aggregate, searcher, full, facets, facets_among()))
            for facets, _ in runs
            if facets[0] not in filters
        ]
        if text is None or query.sort == "date":
            result = searcher.search(
                full, query.limit, offset=query.offset, order_by_field="sort_key", order=tantivy.Order.Desc
            )
        else:
            result = searcher.search(full, query.limit, offset=query.offset)
        total = int(getattr(result, "count", 0) or 0)  # (missing from the type stubs)
        hits = self.hits(searcher, text, parsed, result.hits)
        counts: dict[str, dict[str, int]] = {facet: {} for facet in FACET_NAMES}
        among = 0
        for facets, future in plain:
            answer, among = future.result()
            for facet in facets:
                counts[facet] = answer.get(facet, {})
        for facets, ticked_future in ticked:
            answer = ticked_future.result()
            for facet in facets:
                counts[facet] = answer.get(facet, {})
        return EngineAnswer(hits=hits, total=total, counts=counts, facets_counted_among=among)

    def hits(
        self,
        searcher: tantivy.Searcher,
        text: tantivy.Query | None,
        parsed: ParsedQuery,
        found: list[tuple[Any, tantivy.DocAddress]],
    ) -> list[Hit]:
        documents = [(key, searcher.doc(address)) for key, address in found]
        ids = [int(_first(document, "id", 0)) for _, document in documents]
        body = abstract = None
        if text is not None:
            marked = highlight_query(searcher, parsed, text)
            body = tantivy.SnippetGenerator.create(searcher, marked, SCHEMA, "body")
            body.set_max_num_chars(SNIPPET_CHARS)
            abstract = tantivy.SnippetGenerator.create(searcher, marked, SCHEMA, "abstract")
            abstract.set_max_num_chars(SNIPPET_CHARS)
        tokens, prefixes = query_words(parsed)
        hits = []
        for (key, document), item_id in zip(documents, ids, strict=True):
            title = str(_first(document, "title"))
            abstract_text = str(_first(document, "abstract"))
            hit = Hit(
                item_id=item_id,
                score=float(key) if text is not None and isinstance(key, float) else 0.0,
                title_html=mark_title(title, tokens, prefixes),
                abstract_html=plain_passage(abstract_text),
            )
            if body is not None and abstract is not None:
                hit.snippet_html = snippet_html(body, document, str(_first(document, "body")))
                hit.abstract_html = snippet_html(abstract, document, abstract_text) or hit.abstract_html
            hits.append(hit)
        return hits

    def count(self, query: SearchQuery, *, access: LibraryAccess) -> int:
        parsed = parse(query.text)
        allowed = access_query(access)
        filters = [*([allowed] if allowed is not None else []), *filter_queries(query).values()]
        searcher = self.searcher()
        full = combine(text_query(parsed, pairs=self.current()) if parsed else None, filters)
        return int(getattr(searcher.search(full, 1), "count", 0) or 0)

    def ranked(self, *, words: list[str], title_prefix: bool, access: LibraryAccess, limit: int) -> list[int]:
        """Ids of visible items, best first: titles starting with these words (the last one a prefix), or
        items with any of these words."""
        if limit <= 0 or not words:  # (tantivy panics on a limit of 0)
            return []
        searcher = self.searcher()
        if title_prefix:
            *full, last = words
            clauses = [
                (tantivy.Occur.Must, tantivy.Query.term_query(SCHEMA, "title", token))
                for word in full
                for token in analyze(word)
            ]
            pattern = re.escape(last.lower()) + ".*"
            clauses.append((tantivy.Occur.Must, tantivy.Query.regex_query(SCHEMA, "title", pattern)))
            text = tantivy.Query.boolean_query(clauses)
        else:
            text = text_query(any_of(words), pairs=self.current())
        allowed = access_query(access)
        result = searcher.search(combine(text, [allowed] if allowed is not None else []), limit, count=False)
        values = searcher.fast_field_values("id", [address for _, address in result.hits])
        return [int(value) for value in values if value is not None]

    def title_words(self, *, words: list[str], access: LibraryAccess, limit: int) -> dict[str, list[int]]:
        """Ids of visible items whose title holds each word, newest first, at most `limit` a word (for related
        items: a term's postings and a fast field, never a ranking of every match)."""
        allowed = access_query(access)
        searcher = self.searcher()
        found: dict[str, list[int]] = {}
        for word in words:
            tokens = analyze(word)[:1]
            if not tokens or limit <= 0:  # (tantivy panics on a limit of 0)
                found[word] = []
                continue
            text = tantivy.Query.term_query(SCHEMA, "title", tokens[0])
            result = searcher.search(
                combine(text, [allowed] if allowed is not None else []),
                limit,
                count=False,
                order_by_field="sort_key",
                order=tantivy.Order.Desc,
            )
            values = searcher.fast_field_values("id", [address for _, address in result.hits])
            found[word] = [int(value) for value in values if value is not None]
        return found

    def vocabulary(self) -> dict[str, int]:
        return {str(term): int(count) for term, count in self.searcher().terms_with_prefix("spelling", "")}

    def version(self) -> str:
        try:
            stat = (self.path / "meta.json").stat()
        except FileNotFoundError:
            return f"{self.path}:none"
        return f"{self.path}:{stat.st_mtime_ns}:{stat.st_size}"

    # Writes --------------------------------------------------------------------------------------------------
    def replace(self, item_ids: list[int], documents: list[dict[str, Any]]) -> None:
        """Remove these items and add these documents, in one commit."""
        with self.writer() as writer:
            for item_id in item_ids:
                writer.delete_documents_by_term("id", int(item_id))
            pairs = self.current()
            for document in documents:
                writer.add_document(to_tantivy(document, pairs=pairs))

    def rebuild(self, batches: Iterable[list[dict[str, Any]]]) -> int:
        """Replace every document; searches see the old index until the one commit at the end."""
        try:
            fresh = not self.current()  # an index of the previous schema: start again
        except ValueError:  # an index of another schema: start again
            fresh = True
        count = 0
        with self.writer(heap=REBUILD_HEAP, fresh=fresh) as writer:
            writer.delete_all_documents()
            for documents in batches:
                for document in documents:
                    writer.add_document(to_tantivy(document))
                    count += 1
        return count

    def clear(self) -> None:
        with self.writer() as writer:
            writer.delete_all_documents()
