"""PostgreSQL full-text search: one narrow row per item with weighted tsvectors in the item's language, GIN-indexed.

The text search configurations alliance87_en/_fr/_es/_simple (migration 0003) put `unaccent` before the
stemmers, so "Côte" and "cote" meet; a query is read in all of them (OR), since nobody says what language they
type in.

What a results page costs is kept to what PostgreSQL does well (migration 0005, see bench/README.md):
- The row holds the item's access values and its facet values as one array of "facet:value" tokens, so the
  matching set is found, counted and faceted in one statement over one narrow table, without joining the items
  (one pass over the set when no filter is ticked); the texts for headlines live in a side table, read for the
  20 shown only.
- Ranking reads small vectors: the `head` vector (title, people, subjects) ranks the items whose record
  matches; items matching only in the abstract or full text follow, the newest RANK_CANDIDATES of them ranked
  by ts_rank_cd over the whole document (weights A title, B people and subjects, C abstract, D full text).
- The planner is told not to scan the table (it would de-TOAST every document to test it): the GIN indexes.
- The index lags the database by the change log, like tantivy's: the items shown are checked against the access
  rule in the database before they are shown.
"""

from __future__ import annotations

import html
from collections import defaultdict
from typing import Any

from django.db import connection, transaction

from ..models import Item
from ..permissions import LibraryAccess
from .documents import ItemDocument, facet_fields
from .facets import facet_values
from .query import ParsedQuery, Term, parse
from .sqlbase import MARK_END, MARK_START, Match, SqlSearchBackend, access_sql, marked_html, plain_snippet
from .types import FACET_NAMES, Hit, SearchQuery, SearchResults

TABLE = "library_search_document"
TEXTS = "library_search_text"
WORDS = "library_search_word"
# Items matching only outside their record (title, people, subjects) that are ranked, newest first.
RANK_CANDIDATES = 1000
CONFIGS = {"en": "alliance87_en", "fr": "alliance87_fr", "es": "alliance87_es"}
SIMPLE = "alliance87_simple"
QUERY_CONFIGS = (*CONFIGS.values(), SIMPLE)
HEADLINE = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=40, MinWords=15, MaxFragments=2, "
    'FragmentDelimiter=" … "'
)


def _term_sql(term: Term, config: str, params: list[Any], *, weights: str = "") -> str:
    if term.any_order:
        return "(" + " && ".join(_term_sql(Term(words=(word,)), config, params) for word in term.words) + ")"
    if term.is_prefix:
        params.append(f"{term.words[0]}:*{weights}")
        return f"to_tsquery('{config}', %s)"
    params.append('"' + " ".join(term.words) + '"' if term.is_phrase else term.words[0])
    return f"websearch_to_tsquery('{config}', %s)"


def _groups_sql(parsed: ParsedQuery, config: str, params: list[Any]) -> str:
    groups = [
        "(" + " || ".join(_term_sql(term, config, params) for term in group) + ")" for group in parsed.groups
    ]
    return "(" + " && ".join(groups) + ")"


def tsquery_sql(parsed: ParsedQuery) -> tuple[str, list[Any]]:
    """The query as a tsquery: read in each language (a stop word of one language drops out there), OR-ed;
    an excluded word is excluded in every language ("-fishing" also drops items stemmed "fish").

    Every word travels as a parameter, so no input can break the syntax.
    """
    params: list[Any] = []
    expression = " || ".join(_groups_sql(parsed, config, params) for config in QUERY_CONFIGS)
    if parsed.excluded:
        excluded = " || ".join(
            _term_sql(term, config, params) for config in QUERY_CONFIGS for term in parsed.excluded
        )
        expression = f"({expression}) && !!({excluded})"
    return f"({expression})", params


def _in(values: list[Any] | tuple[Any, ...]) -> str:
    return ", ".join(["%s"] * len(values))


def facet_tokens(values: dict[str, Any]) -> list[str]:
    """An item's facet values as the tokens of the search row's `facets` array ("country:IN", "year:2019")."""
    tokens = []
    for facet in FACET_NAMES:
        tokens += [f"{facet}:{value}" for value in values.get(facet, [])]
    return tokens


def filter_sql(query: SearchQuery, *, skip: str | None = None) -> tuple[str, list[Any]]:
    """The query's filters on the search row (alias d); `skip` leaves one facet's own filter out (values of one
    facet are alternatives: the row's tokens overlap them)."""
    clauses: list[str] = []
    params: list[Any] = []
    for facet in FACET_NAMES:
        ticked = query.filter_values(facet)
        if skip != facet and ticked:
            clauses.append("d.facets && %s::text[]")
            params.append([f"{facet}:{value}" for value in ticked])
    if query.year_from is not None:
        clauses.append("d.year >= %s")
        params.append(query.year_from)
    if query.year_to is not None:
        clauses.append("d.year <= %s")
        params.append(query.year_to)
    return (" AND ".join(clauses) or "TRUE"), params


class PostgresBackend(SqlSearchBackend):
    def _match(self, expression: str, params: list[Any]) -> Match:
        return Match(
            from_sql=f"{TABLE} d CROSS JOIN (SELECT {expression} AS q) sq",
            item_id_sql="d.item_id",
            where_sql="d.document @@ sq.q",
            score_sql="ts_rank_cd(d.document, sq.q, 1)",
            params=params,
        )

    def match(self, parsed: ParsedQuery) -> Match:
        return self._match(*tsquery_sql(parsed))

    def title_match(self, prefix_words: list[str]) -> Match:
        params: list[Any] = []
        *full, last = prefix_words
        alternatives = []
        for config in QUERY_CONFIGS:
            parts = [_term_sql(Term(words=(word,)), config, params) for word in full]
            parts.append(_term_sql(Term(words=(last,), is_prefix=True), config, params, weights="A"))
            alternatives.append("(" + " && ".join(parts) + ")")
        return self._match("(" + " || ".join(alternatives) + ")", params)

    def title_word_match(self, word: str) -> Match:
        params: list[Any] = []
        alternatives = []
        for config in QUERY_CONFIGS:
            params.append(f"{word}:A")  # letters and digits only (query.WORD): nothing to escape
            alternatives.append(f"to_tsquery('{config}', %s)")
        match = self._match("(" + " || ".join(alternatives) + ")", params)
        match.where_sql = "d.head @@ sq.q"  # the small record vector, title words weighted A
        return match

    # The results page ----------------------------------------------------------------------------------------
    def _where(
        self, parsed: ParsedQuery, query: SearchQuery, access: LibraryAccess, *, skip: str | None = None
    ) -> tuple[str, list[Any], str]:
        """FROM … WHERE … over the search table (alias d, the query as sq.q), and the FROM part alone."""
        params: list[Any] = []
        if parsed:
            expression, text_params = tsquery_sql(parsed)
            source = f"{TABLE} d CROSS JOIN (SELECT {expression} AS q) sq"
            params += text_params
            conditions = ["d.document @@ sq.q"]
        else:
            source = f"{TABLE} d"
            conditions = []
        visible, visible_params = access_sql(access, "d")
        filters, filter_params = filter_sql(query, skip=skip)
        conditions += [visible, filters]
        return (
            f"{source} WHERE {' AND '.join(conditions)}",
            [*params, *visible_params, *filter_params],
            source,
        )

    def search(self, query: SearchQuery, *, access: LibraryAccess) -> SearchResults:
        parsed = parse(query.text)
        with transaction.atomic(), connection.cursor() as cursor:
            # Testing a query against the table row by row means de-TOASTing every document: use the indexes.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL work_mem = '64MB'")  # the matching set's CTE stays in memory
            total, counts = self._facet_counts(cursor, parsed, query, access)
            ranked = self._ranked(cursor, parsed, query, access)
        ids = [item_id for item_id, _ in ranked]
        # The index lags the database by the change log: show nothing deleted or restricted meanwhile.
        allowed = set(Item.objects.filter(access.as_q(), pk__in=ids).values_list("pk", flat=True))
        ranked = [(item_id, score) for item_id, score in ranked if item_id in allowed]
        marked = self._headlines(parsed, [item_id for item_id, _ in ranked])
        hits = [
            Hit(item_id=item_id, score=score, title_html=title, snippet_html=body, abstract_html=abstract)
            for item_id, score in ranked
            if item_id in marked
            for title, body, abstract in [marked[item_id]]
        ]
        return SearchResults(query=query, hits=hits, total=total, facets=facet_values(counts, query))

    def _facet_counts(
        self, cursor: Any, parsed: ParsedQuery, query: SearchQuery, access: LibraryAccess
    ) -> tuple[int, dict[str, dict[str, int]]]:
        """The total and every facet's counts in one statement: the matching set is read once (a CTE), and the
        facets without ticks are counted in one pass over it (those with ticks each in their own)."""
        where, params, _ = self._where(parsed, SearchQuery(text=query.text), access)
        sql = f"WITH d AS MATERIALIZED (SELECT d.facets, d.year FROM {where})"
        filters, filter_params = filter_sql(query)
        branches = [f"SELECT 'total:', COUNT(*) FROM d WHERE {filters}"]
        params += filter_params
        ticked = [facet for facet in FACET_NAMES if query.filter_values(facet)]
        plain = [f"{facet}:%" for facet in FACET_NAMES if facet not in ticked]
        if plain and not ticked:  # the usual page: every facet in one pass, no test on the tokens
            branches.append(f"SELECT v, COUNT(*) FROM d, unnest(d.facets) v WHERE {filters} GROUP BY v")
            params += filter_params
        elif plain:
            branches.append(
                f"SELECT v, COUNT(*) FROM d, unnest(d.facets) v WHERE {filters} AND v LIKE ANY(%s) GROUP BY v"
            )
            params += [*filter_params, plain]
        for facet in ticked:
            filters, filter_params = filter_sql(query, skip=facet)
            branches.append(
                f"SELECT v, COUNT(*) FROM d, unnest(d.facets) v WHERE {filters} AND v LIKE %s GROUP BY v"
            )
            params += [*filter_params, f"{facet}:%"]
        cursor.execute(sql + " " + " UNION ALL ".join(branches), params)
        counts: dict[str, dict[str, int]] = defaultdict(dict)
        total = 0
        for token, n in cursor.fetchall():
            facet, _, value = str(token).partition(":")
            if facet == "total":
                total = int(n)
            else:
                counts[facet][value] = int(n)
        return total, {name: counts.get(name, {}) for name in FACET_NAMES}

    def _ranked(
        self, cursor: Any, parsed: ParsedQuery, query: SearchQuery, access: LibraryAccess
    ) -> list[tuple[int, float]]:
        where, params, _ = self._where(parsed, query, access)
        newest = "d.published DESC NULLS LAST, d.item_id DESC"
        if not parsed or query.sort == "date":
            cursor.execute(
                f"SELECT d.item_id, 0 FROM {where} ORDER BY {newest} LIMIT %s OFFSET %s",
                [*params, query.limit, query.offset],
            )
            return [(int(item_id), 0.0) for item_id, _ in cursor.fetchall()]
        # First the items whose record (title, people, subjects) matches, ranked on that small vector (the
        # record is part of the document: without exclusions, matching it is enough) …
        end = query.offset + query.limit
        head_where = where if parsed.excluded else where.replace("d.document @@ sq.q AND ", "", 1)
        cursor.execute(
            f"SELECT d.item_id, ts_rank_cd(d.head, sq.q, 1) AS score FROM {head_where} AND d.head @@ sq.q"
            f" ORDER BY score DESC, {newest} LIMIT %s",
            [*params, end],
        )
        first = [(int(item_id), float(score)) for item_id, score in cursor.fetchall()]
        if len(first) >= end:
            return first[query.offset :]
        # … then those matching elsewhere: the newest candidates, ranked on the whole document.
        cursor.execute(
            f"SELECT c.item_id, ts_rank_cd(c.document, c.q, 1) AS score FROM (SELECT d.item_id, d.document,"
            f" d.published, sq.q FROM {where} AND NOT d.head @@ sq.q ORDER BY {newest} LIMIT %s) c"
            " ORDER BY score DESC, c.published DESC NULLS LAST, c.item_id DESC LIMIT %s",
            [*params, RANK_CANDIDATES, end - len(first)],
        )
        rest = [(int(item_id), float(score)) for item_id, score in cursor.fetchall()]
        beyond = end - len(first) - RANK_CANDIDATES
        if beyond > 0:  # deep pages: past the ranked candidates, the older matches by date
            cursor.execute(
                f"SELECT d.item_id FROM {where} AND NOT d.head @@ sq.q ORDER BY {newest} LIMIT %s OFFSET %s",
                [*params, beyond, RANK_CANDIDATES],
            )
            rest += [(int(item_id), 0.0) for (item_id,) in cursor.fetchall()]
        return (first + rest)[query.offset : end]

    def _headlines(self, parsed: ParsedQuery, item_ids: list[int]) -> dict[int, tuple[str, str, str]]:
        if not item_ids:
            return {}
        if not parsed:
            rows = Item.objects.filter(pk__in=item_ids).values_list("pk", "title", "abstract")
            return {pk: (html.escape(title), "", plain_snippet(abstract)) for pk, title, abstract in rows}
        return self.snippets(parsed, item_ids)

    def count(self, query: SearchQuery, *, access: LibraryAccess) -> int:
        where, params, _ = self._where(parse(query.text), query, access)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"SELECT COUNT(*) FROM {where}", params)
            return int(cursor.fetchone()[0])

    def snippets(self, parsed: ParsedQuery, item_ids: list[int]) -> dict[int, tuple[str, str, str]]:
        expression, params = tsquery_sql(parsed)
        placeholders = ", ".join(["%s"] * len(item_ids))
        sql = (
            f"SELECT t.item_id, ts_headline(t.config, t.title, sq.q, 'HighlightAll=true, StartSel={MARK_START}, "
            f"StopSel={MARK_END}'), CASE WHEN t.body <> '' THEN ts_headline(t.config, t.body, sq.q, %s) ELSE '' END,"
            f" ts_headline(t.config, t.abstract, sq.q, %s)"
            f" FROM {TEXTS} t CROSS JOIN (SELECT {expression} AS q) sq WHERE t.item_id IN ({placeholders})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [HEADLINE, HEADLINE, *params, *item_ids])
            results = {}
            for item_id, title, body, abstract in cursor.fetchall():
                body_html = marked_html(body) if MARK_START in (body or "") else ""
                results[int(item_id)] = (marked_html(title), body_html, marked_html(abstract))
            return results

    # Writes --------------------------------------------------------------------------------------------------
    def write_documents(self, documents: list[ItemDocument]) -> None:
        fields = facet_fields([d.item_id for d in documents])
        rows, texts = [], []
        for d in documents:
            if d.item_id not in fields:
                continue
            config = CONFIGS.get(d.language, SIMPLE)
            f = fields[d.item_id]
            record = f"{d.people}\n{d.subjects}"
            rows.append(
                {
                    "item_id": d.item_id,
                    "config": config,
                    "title": d.title,
                    "record": record,
                    "abstract": d.abstract,
                    "body": f"{d.body}\n{d.extra}",
                    "year": f["year"][0] if f["year"] else None,
                    "access": f["access"][0],
                    "access_body_id": f["access_body_id"][0] if f["access_body_id"] else None,
                    "published": f["published"],
                    "facets": facet_tokens(f),
                }
            )
            texts.append((d.item_id, config, d.title, d.abstract, d.body, d.spelling_text))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (item_id, config, document, head, year, access, access_body_id, published,"
                " facets) VALUES"
                " (%(item_id)s, %(config)s::regconfig,"
                " setweight(to_tsvector(%(config)s::regconfig, %(title)s), 'A')"
                " || setweight(to_tsvector('alliance87_simple', %(title)s), 'A')"
                " || setweight(to_tsvector(%(config)s::regconfig, %(record)s), 'B')"
                " || setweight(to_tsvector(%(config)s::regconfig, %(abstract)s), 'C')"
                " || setweight(to_tsvector(%(config)s::regconfig, %(body)s), 'D'),"
                " setweight(to_tsvector(%(config)s::regconfig, %(title)s), 'A')"
                " || setweight(to_tsvector('alliance87_simple', %(title)s), 'A')"
                " || setweight(to_tsvector(%(config)s::regconfig, %(record)s), 'B'),"
                " %(year)s, %(access)s, %(access_body_id)s, %(published)s, %(facets)s)",
                rows,
            )
            cursor.executemany(
                f"INSERT INTO {TEXTS} (item_id, config, title, abstract, body, spelling) VALUES"
                " (%s, %s::regconfig, %s, %s, %s, to_tsvector('alliance87_words', %s))",
                texts,
            )
            # The vocabulary: how many items each word is in (words in a fixed order, so that two writers
            # never lock the same rows in opposite orders).
            cursor.execute(
                f"INSERT INTO {WORDS} (word, documents) SELECT word, COUNT(*) FROM {TEXTS} t,"
                " unnest(tsvector_to_array(t.spelling)) word WHERE t.item_id = ANY(%s) GROUP BY word ORDER BY word"
                f" ON CONFLICT (word) DO UPDATE SET documents = {WORDS}.documents + EXCLUDED.documents",
                [[row["item_id"] for row in rows]],
            )

    def delete_documents(self, item_ids: list[int]) -> None:
        ids = list(item_ids)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {WORDS} w SET documents = w.documents - gone.n FROM (SELECT word, COUNT(*) AS n"
                f" FROM {TEXTS} t, unnest(tsvector_to_array(t.spelling)) word WHERE t.item_id = ANY(%s)"
                " GROUP BY word ORDER BY word) gone WHERE w.word = gone.word",
                [ids],
            )
            cursor.execute(
                f"DELETE FROM {WORDS} WHERE documents <= 0 AND word IN (SELECT unnest(tsvector_to_array(spelling))"
                f" FROM {TEXTS} WHERE item_id = ANY(%s))",
                [ids],
            )
            cursor.execute(f"DELETE FROM {TEXTS} WHERE item_id = ANY(%s)", [ids])
            cursor.execute(f"DELETE FROM {TABLE} WHERE item_id = ANY(%s)", [ids])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {WORDS}")
            cursor.execute(f"DELETE FROM {TEXTS}")
            cursor.execute(f"DELETE FROM {TABLE}")

    def spelling_vocabulary(self) -> dict[str, int]:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT word, documents FROM {WORDS}")
            return {str(word): int(documents) for word, documents in cursor.fetchall()}
