"""PostgreSQL full-text search: one row per item with a weighted tsvector in the item's language, GIN-indexed.

The text search configurations alliance87_en/_fr/_es/_simple (migration 0003) put `unaccent` before the
stemmers, so "Côte" and "cote" meet; a query is read in all of them (OR), since nobody says what language they
type in. Ranking: ts_rank_cd with weights A (title) B (people, subjects) C (abstract) D (full text).
"""

from __future__ import annotations

from typing import Any

from django.db import connection

from .documents import ItemDocument
from .query import ParsedQuery, Term
from .sqlbase import MARK_END, MARK_START, Match, SqlSearchBackend, marked_html

TABLE = "library_search_document"
WORDS = "library_search_word"
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

    def snippets(self, parsed: ParsedQuery, item_ids: list[int]) -> dict[int, tuple[str, str, str]]:
        expression, params = tsquery_sql(parsed)
        placeholders = ", ".join(["%s"] * len(item_ids))
        sql = (
            f"SELECT d.item_id, ts_headline(d.config, d.title, sq.q, 'HighlightAll=true, StartSel={MARK_START}, "
            f"StopSel={MARK_END}'), CASE WHEN d.body <> '' THEN ts_headline(d.config, d.body, sq.q, %s) ELSE '' END,"
            f" ts_headline(d.config, d.abstract, sq.q, %s)"
            f" FROM {TABLE} d CROSS JOIN (SELECT {expression} AS q) sq WHERE d.item_id IN ({placeholders})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [HEADLINE, HEADLINE, *params, *item_ids])
            results = {}
            for item_id, title, body, abstract in cursor.fetchall():
                body_html = marked_html(body) if MARK_START in (body or "") else ""
                results[int(item_id)] = (marked_html(title), body_html, marked_html(abstract))
            return results

    def write_documents(self, documents: list[ItemDocument]) -> None:
        rows = []
        for d in documents:
            config = CONFIGS.get(d.language, SIMPLE)
            rows.append(
                (
                    d.item_id,
                    config,
                    d.title,
                    d.abstract,
                    d.body,
                    config,
                    d.title,
                    d.title,
                    config,
                    f"{d.people}\n{d.subjects}",
                    config,
                    d.abstract,
                    config,
                    f"{d.body}\n{d.extra}",
                )
            )
        spelling = [(d.spelling_text, d.item_id) for d in documents]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (item_id, config, title, abstract, body, document) VALUES"
                " (%s, %s::regconfig, %s, %s, %s,"
                " setweight(to_tsvector(%s::regconfig, %s), 'A') || setweight(to_tsvector('alliance87_simple', %s), 'A')"
                " || setweight(to_tsvector(%s::regconfig, %s), 'B') || setweight(to_tsvector(%s::regconfig, %s), 'C')"
                " || setweight(to_tsvector(%s::regconfig, %s), 'D'))",
                rows,
            )
            cursor.executemany(
                f"UPDATE {TABLE} SET spelling = to_tsvector('alliance87_words', %s) WHERE item_id = %s",
                spelling,
            )
            # The vocabulary: how many items each word is in (words in a fixed order, so that two writers
            # never lock the same rows in opposite orders).
            cursor.execute(
                f"INSERT INTO {WORDS} (word, documents) SELECT word, COUNT(*) FROM {TABLE} d,"
                " unnest(tsvector_to_array(d.spelling)) word WHERE d.item_id = ANY(%s) GROUP BY word ORDER BY word"
                f" ON CONFLICT (word) DO UPDATE SET documents = {WORDS}.documents + EXCLUDED.documents",
                [[d.item_id for d in documents]],
            )

    def delete_documents(self, item_ids: list[int]) -> None:
        ids = list(item_ids)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {WORDS} w SET documents = w.documents - gone.n FROM (SELECT word, COUNT(*) AS n"
                f" FROM {TABLE} d, unnest(tsvector_to_array(d.spelling)) word WHERE d.item_id = ANY(%s)"
                " GROUP BY word ORDER BY word) gone WHERE w.word = gone.word",
                [ids],
            )
            cursor.execute(
                f"DELETE FROM {WORDS} WHERE documents <= 0 AND word IN (SELECT unnest(tsvector_to_array(spelling))"
                f" FROM {TABLE} WHERE item_id = ANY(%s))",
                [ids],
            )
            cursor.execute(f"DELETE FROM {TABLE} WHERE item_id = ANY(%s)", [ids])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {WORDS}")
            cursor.execute(f"DELETE FROM {TABLE}")

    def spelling_vocabulary(self) -> dict[str, int]:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT word, documents FROM {WORDS}")
            return {str(word): int(documents) for word, documents in cursor.fetchall()}
