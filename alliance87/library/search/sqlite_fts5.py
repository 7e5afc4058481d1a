"""SQLite FTS5: a virtual table (migration 0002 on SQLite) with porter stemming and accent folding.

Columns, by weight: title 10, people 4, abstract 3, subjects 4, body (files' text) 1, extra 1 — the extra column
holds elided forms ("divoire") and French/Spanish Snowball stems, and query words are matched against their
stems there too.

A second FTS5 table (migration 0005), without stemming and with accents kept, reads the catalogue record's
columns of the first (external content, so nothing is stored twice); its fts5vocab table is the vocabulary that
"did you mean" draws from.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection

from .documents import ItemDocument
from .query import ParsedQuery, Term, parse, snowball_stems
from .sqlbase import (
    ITEM,
    MARK_END,
    MARK_START,
    Candidates,
    Match,
    SqlSearchBackend,
    access_sql,
    filter_sql,
    marked_html,
)

if TYPE_CHECKING:
    from ..permissions import LibraryAccess
    from .types import SearchQuery

TABLE = "library_search_fts"
COLUMNS = ("title", "people", "abstract", "subjects", "body", "extra")
WEIGHTS = "10.0, 4.0, 3.0, 4.0, 1.0, 1.0"
SPELLING = "library_search_spelling"
# A results page ranks (bm25) and counts facets over at most this many matches, the most recently added: beyond
# it, the total is an estimate and the page says so (LIBRARY_SEARCH_CANDIDATES overrides it).
CANDIDATES = 5000
SPELLING_VOCABULARY = "library_search_spelling_vocabulary"
SPELLING_COLUMNS = ("title", "people", "abstract", "subjects")
CREATE_SQL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5({', '.join(COLUMNS)}, "
    "tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3')"
)


def _term(term: Term) -> str:
    if term.any_order:
        return "(" + " AND ".join(_term(Term(words=(word,))) for word in term.words) + ")"
    quoted = '"' + " ".join(term.words) + '"'
    if term.is_prefix:
        return quoted + "*"
    if term.is_phrase:
        return quoted
    alternatives = [quoted, *(f'extra : "{stem}"' for stem in snowball_stems(term.words[0]))]
    return alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"


def fts5_query(parsed: ParsedQuery) -> str:
    """Render a parsed query in FTS5 syntax; every word is quoted, so no input can break it."""
    groups = []
    for group in parsed.groups:
        rendered = [_term(term) for term in group]
        groups.append(rendered[0] if len(rendered) == 1 else "(" + " OR ".join(rendered) + ")")
    expression = " AND ".join(groups)
    for term in parsed.excluded:
        expression += f" NOT {_term(term)}"
    return expression


def candidate_bound() -> int:
    """How many matches a results page ranks and counts at most (LIBRARY_SEARCH_CANDIDATES)."""
    return int(getattr(settings, "LIBRARY_SEARCH_CANDIDATES", CANDIDATES))


class SqliteFts5Backend(SqlSearchBackend):
    def candidates(self, match: Match, query: SearchQuery, *, access: LibraryAccess) -> Candidates | None:
        """The most recently added matches, when there are more than the bound: ranking (bm25) and counting
        facets visit every match, so a word found in most of a large library would cost a second or more.

        One range of rowids (item ids): the newest `bound` matches the reader may see that pass the filters are
        found by reading the index backwards; ranking and counting then add `rowid > threshold`, which FTS5
        answers from the index. The older matches are counted from samples (`older_matches`)."""
        bound = candidate_bound()
        visible, visible_params = access_sql(access, ITEM)
        filters, filter_params = filter_sql(query, ITEM)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {TABLE}.rowid, (SELECT MIN(id) FROM {ITEM}) FROM {TABLE} CROSS JOIN {ITEM}"
                f" WHERE {ITEM}.id = {TABLE}.rowid AND {match.where_sql} AND {visible} AND {filters}"
                f" ORDER BY {TABLE}.rowid DESC LIMIT 1 OFFSET %s",
                [*match.params, *visible_params, *filter_params, bound],
            )
            row = cursor.fetchone()
        if row is None:
            return None  # no more than the bound: every match is ranked and counted
        threshold, first = int(row[0]), int(row[1])
        parsed = parse(query.text)
        prefixed = any(term.is_prefix for term in [*parsed.terms, *parsed.excluded])
        older, is_estimate = older_matches(
            match,
            visible=(visible, visible_params),
            filters=(filters, filter_params),
            ids=(first, threshold),
            strata=PREFIX_STRATA if prefixed else STRATA,
        )
        narrowed = replace(
            match, where_sql=f"{match.where_sql} AND {TABLE}.rowid > %s", params=[*match.params, threshold]
        )
        return Candidates(match=narrowed, size=bound, older=older, older_is_estimate=is_estimate)

    def match(self, parsed: ParsedQuery) -> Match:
        return Match(
            from_sql=TABLE,
            item_id_sql=f"{TABLE}.rowid",
            where_sql=f"{TABLE} MATCH %s",
            score_sql=f"-bm25({TABLE}, {WEIGHTS})",
            params=[fts5_query(parsed)],
            join_sql="CROSS JOIN",
        )

    def title_match(self, prefix_words: list[str]) -> Match:
        *full, last = prefix_words
        parts = [f'"{word}"' for word in full] + [f'"{last}"*']
        match = self.match(ParsedQuery())
        match.params = ["title : (" + " AND ".join(parts) + ")"]
        return match

    def title_word_match(self, word: str) -> Match:
        match = self.match(ParsedQuery())
        match.params = [f'title : "{word}"']  # letters and digits only (query.WORD): nothing to escape
        return match

    def snippets(self, parsed: ParsedQuery, item_ids: list[int]) -> dict[int, tuple[str, str, str]]:
        marks = f"'{MARK_START}', '{MARK_END}'"
        placeholders = ", ".join(["%s"] * len(item_ids))
        sql = (
            f"SELECT rowid, highlight({TABLE}, 0, {marks}), snippet({TABLE}, 4, {marks}, '…', 40),"
            f" snippet({TABLE}, 2, {marks}, '…', 40) FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid IN ({placeholders})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [fts5_query(parsed), *item_ids])
            return {
                int(rowid): (marked_html(title), marked_html(body), marked_html(abstract))
                for rowid, title, body, abstract in cursor.fetchall()
            }

    def write_documents(self, documents: list[ItemDocument]) -> None:
        rows = [(d.item_id, d.title, d.people, d.abstract, d.subjects, d.body, d.extra) for d in documents]
        spelling = [(d.item_id, d.title, d.people, d.abstract, d.subjects) for d in documents]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, {', '.join(COLUMNS)}) VALUES (%s, %s, %s, %s, %s, %s, %s)", rows
            )
            cursor.executemany(
                f"INSERT INTO {SPELLING} (rowid, {', '.join(SPELLING_COLUMNS)}) VALUES (%s, %s, %s, %s, %s)",
                spelling,
            )

    def delete_documents(self, item_ids: list[int]) -> None:
        columns = ", ".join(SPELLING_COLUMNS)
        with connection.cursor() as cursor:
            for item_id in item_ids:
                # An external-content table forgets a row when told its old values (still in the main table).
                cursor.execute(
                    f"INSERT INTO {SPELLING} ({SPELLING}, rowid, {columns})"
                    f" SELECT 'delete', rowid, {columns} FROM {TABLE} WHERE rowid = %s",
                    [item_id],
                )
                cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [item_id])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {SPELLING} ({SPELLING}) VALUES ('delete-all')")
            cursor.execute(f"DELETE FROM {TABLE}")

    def spelling_vocabulary(self) -> dict[str, int]:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT term, doc FROM {SPELLING_VOCABULARY}")
            return {str(term): int(documents) for term, documents in cursor.fetchall()}


# The matches older than the candidates are counted in this many equal ranges of item ids (strata), reading at
# most PROBE of each from its start: a range holding fewer is counted exactly; in one holding more, the rest of the
# range is estimated at the density of the later half of those read. At most STRATA × PROBE matches are read,
# whatever the library's size. Each range is one more FTS5 cursor, which costs more than the matches it reads
# (0.2 ms for "forced labour", ~1 ms with a synonym's phrases); a prefix beyond the prefix index (traffick*) makes
# every cursor merge the doclists of all its words (~13 ms at 200,000 items), so such a query is read in fewer.
STRATA = 8
PROBE = 64
PREFIX_STRATA = 2


def older_matches(
    match: Match,
    *,
    visible: tuple[str, list[Any]],
    filters: tuple[str, list[Any]],
    ids: tuple[int, int],
    strata: int,
) -> tuple[int, bool]:
    """How many matches the reader may see that pass the filters have ids in `ids` (both ends included), and
    whether that is an estimate: a stratified sample of the range, in one query.

    A COUNT over every match costs what the library's size does (33 ms for "forced labour" at 200,000 items);
    this reads a bounded number, spread over the whole range so that a word used only in recent years, or an
    older collection, is estimated by the density of its own years."""
    first, last = ids
    if last < first:
        return 0, False
    parts = ranges(first, last, strata)
    arms = []
    params: list[Any] = []
    for part, (start, end) in enumerate(parts):
        arms.append(
            f"SELECT {part}, id FROM (SELECT {TABLE}.rowid AS id FROM {TABLE} CROSS JOIN {ITEM}"
            f" WHERE {ITEM}.id = {TABLE}.rowid AND {match.where_sql} AND {TABLE}.rowid BETWEEN %s AND %s"
            f" AND {visible[0]} AND {filters[0]} ORDER BY {TABLE}.rowid LIMIT %s)"
        )
        params += [*match.params, start, end, *visible[1], *filters[1], PROBE]
    found: list[list[int]] = [[] for _ in parts]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(arms), params)
        for part, item_id in cursor.fetchall():
            found[part].append(int(item_id))
    total = 0.0
    is_estimate = False
    for (_start, end), ids_read in zip(parts, found, strict=True):
        total += len(ids_read)
        if len(ids_read) >= PROBE:
            # None before the first read; after the last, as dense as the later half of those read (the nearest
            # in time: the first ones may be a different collection, such as the oldest items imported).
            is_estimate = True
            later = sorted(ids_read)[(len(ids_read) - 1) // 2 :]
            total += (len(later) - 1) * (end - later[-1]) / max(later[-1] - later[0], 1)
    return round(total), is_estimate


def ranges(first: int, last: int, parts: int) -> list[tuple[int, int]]:
    """`first`..`last` (both included) cut into at most `parts` consecutive ranges of (nearly) equal length."""
    size = last - first + 1
    parts = max(1, min(parts, size))
    bounds = [first + size * part // parts for part in range(parts + 1)]
    return [(bounds[part], bounds[part + 1] - 1) for part in range(parts)]
