"""What the two in-database backends share: filters, facet counts, suggestions of terms and related items.

A backend supplies the match (FROM, WHERE and score in SQL), snippets and the writes; the rest is here, so that
SQLite FTS5 and PostgreSQL give the same answers. Facets and the total come from one query over the matching
set (a CTE), whatever the number of facet values.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from alliance87.core.content_translation import translations_of

from ..models import Concept, IndexChange, Item, ItemCountry, Scheme
from ..permissions import LibraryAccess
from . import related
from .base import SearchBackend
from .documents import ItemDocument, build_documents, iter_all_documents, plain_text
from .facets import facet_values
from .query import ParsedQuery, fold, parse
from .snippets import plain_passage
from .spelling import forget_vocabulary
from .types import FACET_NAMES, Hit, SearchQuery, SearchResults, Suggestion

if TYPE_CHECKING:
    from collections.abc import Sequence

MARK_START, MARK_END = "\ue000", "\ue001"
ITEM = Item._meta.db_table
CONCEPT = Concept._meta.db_table
ITEM_CONCEPTS = Item.concepts.through._meta.db_table
ITEM_ORGANISATIONS = Item.corporate_authors.through._meta.db_table
ITEM_COUNTRIES = ItemCountry._meta.db_table


def marked_html(text: str) -> str:
    """Escape text for HTML, turning the engine's match markers into <mark> elements."""
    return html.escape(text or "").replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def plain_snippet(markdown: str, words: int = 40) -> str:
    """The start of a Markdown text as a reader sees it, escaped for HTML."""
    return plain_passage(plain_text(markdown), words)


@dataclass
class Match:
    """How a backend finds the items matching a query: joined to library_item by `item_id_sql`."""

    from_sql: str
    item_id_sql: str
    where_sql: str
    score_sql: str
    params: list[Any] = field(default_factory=list)
    # SQLite must scan the full-text index first and look items up by id, never the other way round.
    join_sql: str = "JOIN"


@dataclass
class Candidates:
    """A query matching too many items to rank and count every one: its most recently added matches only.

    `match` is the query narrowed to them; `size` how many there are (what the results page ranks and counts in
    its facets); `older` how many of the matches the reader may see and that pass the filters are older than
    them, counted when `older_is_estimate` is false, estimated from samples otherwise."""

    match: Match
    size: int
    older: int
    older_is_estimate: bool

    def total(self, counted: int) -> int:
        """How many items match, `counted` among the candidates: exact, or to two significant figures."""
        if not self.older_is_estimate:
            return counted + self.older
        return max(counted, about(counted + self.older))


def about(number: float) -> int:
    """A number rounded to two significant figures (201,234 → 200,000; 5,432 → 5,400)."""
    whole = round(number)
    digits = len(str(abs(whole)))
    return round(whole, -(digits - 2)) if digits > 2 else whole


def access_sql(access: LibraryAccess, alias: str) -> tuple[str, list[Any]]:
    """The library's access rule (permissions.library_access) as SQL on an alias of the item table."""
    if access.everything:
        return "1=1", []
    clauses: list[str] = []
    params: list[Any] = []
    for grant in access.grants:
        if grant.body_ids is None:
            clauses.append(f"{alias}.access = %s")
            params.append(grant.access)
        elif grant.body_ids:
            clauses.append(
                f"({alias}.access = %s AND {alias}.access_body_id IN ({_in(sorted(grant.body_ids))}))"
            )
            params += [grant.access, *sorted(grant.body_ids)]
    return "(" + (" OR ".join(clauses) or "1=0") + ")", params


def _in(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def filter_sql(query: SearchQuery, alias: str, *, skip: str | None = None) -> tuple[str, list[Any]]:
    """The query's filters as SQL on an item alias; `skip` leaves one facet's own filter out (for its counts)."""
    clauses: list[str] = []
    params: list[Any] = []
    if skip != "kind" and query.kinds:
        clauses.append(f"{alias}.kind IN ({_in(query.kinds)})")
        params += query.kinds
    if skip != "year" and query.years:
        clauses.append(f"{alias}.year IN ({_in(query.years)})")
        params += query.years
    if query.year_from is not None:
        clauses.append(f"{alias}.year >= %s")
        params.append(query.year_from)
    if query.year_to is not None:
        clauses.append(f"{alias}.year <= %s")
        params.append(query.year_to)
    if skip != "language" and query.languages:
        clauses.append(f"{alias}.language IN ({_in(query.languages)})")
        params += query.languages
    for scheme, codes in ((Scheme.THEME, query.themes), (Scheme.EXPLOITATION, query.exploitation)):
        if skip != str(scheme) and codes:
            clauses.append(
                f"{alias}.id IN (SELECT ic.item_id FROM {ITEM_CONCEPTS} ic JOIN {CONCEPT} c ON c.id = ic.concept_id"
                f" WHERE c.scheme = %s AND c.code IN ({_in(codes)}))"
            )
            params += [str(scheme), *codes]
    if skip != "country" and query.countries:
        clauses.append(
            f"{alias}.id IN (SELECT item_id FROM {ITEM_COUNTRIES} WHERE country IN ({_in(query.countries)}))"
        )
        params += query.countries
    if skip != "organisation" and query.organisations:
        orgs = query.organisations
        clauses.append(
            f"({alias}.id IN (SELECT item_id FROM {ITEM_ORGANISATIONS} WHERE organisation_id IN ({_in(orgs)}))"
            f" OR {alias}.publisher_id IN ({_in(orgs)}))"
        )
        params += [*orgs, *orgs]
    return (" AND ".join(clauses) or "1=1"), params


def suggestion_words(prefix: str) -> list[str]:
    """The words typed so far (the last one may be incomplete)."""
    return [word for term in parse(prefix, expand=False).terms for word in term.words][:6]


def term_suggestions(words: list[str], limit: int) -> list[Suggestion]:
    """Vocabulary terms whose label, in any language, starts with (or has a word starting with) the words typed;
    shown in the reader's language."""
    suggestions: list[Suggestion] = []
    search_url = reverse("library:search")
    folded = " ".join(fold(word) for word in words)
    for concept in Concept.objects.all():
        labels = [fold(label) for label in translations_of(concept, "label").values()]
        if any(label.startswith(folded) or f" {folded}" in label for label in labels):
            parameter = concept.scheme if concept.scheme in (Scheme.THEME, Scheme.EXPLOITATION) else "q"
            value = concept.code if parameter != "q" else concept.label
            suggestions.append(
                Suggestion(
                    text=concept.label, kind="term", url=f"{search_url}?{urlencode({parameter: value})}"
                )
            )
    return suggestions[: max(2, limit // 3)]


def title_suggestions(item_ids: list[int]) -> list[Suggestion]:
    """These items' titles, in this order (ids already checked against the access rule)."""
    titles = Item.objects.in_bulk(item_ids)
    return [
        Suggestion(text=titles[item_id].title, kind="title", url=titles[item_id].get_absolute_url())
        for item_id in item_ids
        if item_id in titles
    ]


class SqlSearchBackend(SearchBackend):
    """A backend whose index lives in the database, next to the items."""

    # Backend hooks -------------------------------------------------------------------------------------------
    def match(self, parsed: ParsedQuery) -> Match:
        raise NotImplementedError

    def snippets(self, parsed: ParsedQuery, item_ids: list[int]) -> dict[int, tuple[str, str, str]]:
        """Title, full-text snippet and abstract snippet (HTML) of these items, with the matches marked."""
        raise NotImplementedError

    def title_match(self, prefix_words: list[str]) -> Match:
        raise NotImplementedError

    def candidates(self, match: Match, query: SearchQuery, *, access: LibraryAccess) -> Candidates | None:
        """When a query matches more items than are worth ranking and counting, its most recently added
        matches (None: rank and count every match)."""
        return None

    def title_word_match(self, word: str) -> Match:
        """Items whose title holds this word (any form the index stems to the same), ordered by `item_id_sql`."""
        raise NotImplementedError

    def write_documents(self, documents: list[ItemDocument]) -> None:
        raise NotImplementedError

    def delete_documents(self, item_ids: list[int]) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    # The interface -------------------------------------------------------------------------------------------
    def _from(self, match: Match | None) -> tuple[str, str, list[Any]]:
        if match is None:
            return ITEM, "1=1", []
        return (
            f"{match.from_sql} {match.join_sql} {ITEM} ON {ITEM}.id = {match.item_id_sql}",
            match.where_sql,
            list(match.params),
        )

    def ranked_ids(
        self, match: Match | None, query: SearchQuery, *, access: LibraryAccess, limit: int, offset: int = 0
    ) -> list[tuple[int, float]]:
        from_sql, match_where, params = self._from(match)
        visible, visible_params = access_sql(access, ITEM)
        filters, filter_params = filter_sql(query, ITEM)
        score = match.score_sql if match else "0"
        if match is None or query.sort == "date":
            order = f"{ITEM}.publication_date DESC, {ITEM}.id DESC"
        else:
            order = f"score DESC, {ITEM}.publication_date DESC, {ITEM}.id DESC"
        sql = (
            f"SELECT {ITEM}.id, {score} AS score FROM {from_sql} WHERE {match_where} AND ({visible}) AND {filters}"
            f" ORDER BY {order} LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *visible_params, *filter_params, limit, offset])
            return [(int(row[0]), float(row[1] or 0)) for row in cursor.fetchall()]

    def facet_counts(
        self, match: Match | None, query: SearchQuery, *, access: LibraryAccess
    ) -> tuple[int, dict[str, dict[str, int]]]:
        """The total and every facet's counts, in one query over the matching set."""
        from_sql, match_where, params = self._from(match)
        visible, visible_params = access_sql(access, ITEM)
        all_params: list[Any] = [*params, *visible_params]
        cte = (
            f"WITH m AS MATERIALIZED (SELECT {ITEM}.id AS id, {ITEM}.kind AS kind, {ITEM}.year AS year, {ITEM}.language AS language,"
            f" {ITEM}.publisher_id AS publisher_id FROM {from_sql} WHERE {match_where} AND ({visible}))"
        )
        branches = []

        def branch(
            facet: str | None, select: str, joins: str = "", group: str = "", extra_where: str = ""
        ) -> None:
            where, where_params = filter_sql(query, "m", skip=facet)
            name = facet or "total"
            sql = (
                f"SELECT '{name}' AS facet, {select}, COUNT(*) AS n FROM m {joins} WHERE {where}{extra_where}"
            )
            branches.append(sql + (f" GROUP BY {group}" if group else ""))
            all_params.extend(where_params)

        branch(None, "''")
        branch("kind", "m.kind", group="m.kind")
        branch("year", "CAST(m.year AS TEXT)", group="m.year", extra_where=" AND m.year IS NOT NULL")
        branch("language", "m.language", group="m.language")
        # The links are read from the matches (CROSS JOIN keeps SQLite to that order): read from the subjects or
        # countries, by the indexes related items use, they would visit every link of a growing table.
        for scheme in (Scheme.THEME, Scheme.EXPLOITATION):
            branch(
                str(scheme),
                "c.code",
                joins=f"CROSS JOIN {ITEM_CONCEPTS} ic CROSS JOIN {CONCEPT} c",
                group="c.code",
                extra_where=f" AND ic.item_id = m.id AND c.id = ic.concept_id AND c.scheme = '{scheme}'",
            )
        branch(
            "country",
            "ct.country",
            joins=f"CROSS JOIN {ITEM_COUNTRIES} ct",
            group="ct.country",
            extra_where=" AND ct.item_id = m.id",
        )
        where, where_params = filter_sql(query, "m", skip="organisation")
        branches.append(
            "SELECT 'organisation' AS facet, CAST(o.organisation_id AS TEXT), COUNT(*) AS n FROM ("
            f"SELECT oa.item_id, oa.organisation_id FROM m JOIN {ITEM_ORGANISATIONS} oa ON oa.item_id = m.id WHERE {where}"
            f" UNION SELECT m.id, m.publisher_id FROM m WHERE m.publisher_id IS NOT NULL AND {where}"
            ") o GROUP BY o.organisation_id"
        )
        all_params.extend([*where_params, *where_params])
        counts: dict[str, dict[str, int]] = defaultdict(dict)
        total = 0
        with connection.cursor() as cursor:
            cursor.execute(cte + " " + " UNION ALL ".join(branches), all_params)
            for facet, value, n in cursor.fetchall():
                if facet == "total":
                    total = int(n)
                else:
                    counts[facet][str(value)] = int(n)
        return total, {name: counts.get(name, {}) for name in FACET_NAMES}

    def search(self, query: SearchQuery, *, access: LibraryAccess) -> SearchResults:
        parsed = parse(query.text)
        match = self.match(parsed) if parsed else None
        candidates = self.candidates(match, query, access=access) if match is not None else None
        if candidates is not None:
            match = candidates.match
        ranked = self.ranked_ids(match, query, access=access, limit=query.limit, offset=query.offset)
        total, counts = self.facet_counts(match, query, access=access)
        ids = [item_id for item_id, _ in ranked]
        marked = self.snippets(parsed, ids) if parsed and ids else {}
        if len(marked) < len(ids):
            for item_id, title, abstract in Item.objects.filter(pk__in=ids).values_list(
                "pk", "title", "abstract"
            ):
                marked.setdefault(item_id, (html.escape(title), "", plain_snippet(abstract)))
        hits = [
            Hit(
                item_id=item_id,
                score=score,
                title_html=marked[item_id][0],
                snippet_html=marked[item_id][1],
                abstract_html=marked[item_id][2],
            )
            for item_id, score in ranked
            if item_id in marked
        ]
        results = SearchResults(query=query, hits=hits, total=total, facets=facet_values(counts, query))
        if candidates is not None:  # ranked and counted among the candidates, the older matches added
            results.counted_among = total
            results.total = candidates.total(total)
            results.total_is_estimate = candidates.older_is_estimate
        return results

    def count(self, query: SearchQuery, *, access: LibraryAccess) -> int:
        parsed = parse(query.text)
        from_sql, match_where, params = self._from(self.match(parsed) if parsed else None)
        visible, visible_params = access_sql(access, ITEM)
        filters, filter_params = filter_sql(query, ITEM)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) FROM {from_sql} WHERE {match_where} AND {visible} AND {filters}",
                [*params, *visible_params, *filter_params],
            )
            return int(cursor.fetchone()[0])

    def suggest(self, prefix: str, *, access: LibraryAccess, limit: int = 8) -> list[Suggestion]:
        words = suggestion_words(prefix)
        if not words:
            return []
        suggestions = term_suggestions(words, limit)
        ranked = self.ranked_ids(
            self.title_match(words), SearchQuery(), access=access, limit=limit - len(suggestions)
        )
        return (suggestions + title_suggestions([item_id for item_id, _ in ranked]))[:limit]

    def related_items(self, item: Item, *, access: LibraryAccess, limit: int = 5) -> list[Item]:
        def by_words(words: list[str], limit_each: int) -> dict[str, list[int]]:
            return self.title_words(words, access=access, limit=limit_each)

        return related.related_items(item, access=access, limit=limit, title_words=by_words)

    def title_words(self, words: list[str], *, access: LibraryAccess, limit: int) -> dict[str, list[int]]:
        """Visible item ids whose title holds each word, newest first, at most `limit` a word: one index range
        each, however many items hold the word (for related items)."""
        visible, visible_params = access_sql(access, ITEM)
        found: dict[str, list[int]] = {}
        with connection.cursor() as cursor:
            for word in words:
                match = self.title_word_match(word)
                cursor.execute(
                    f"SELECT {match.item_id_sql} FROM {match.from_sql} CROSS JOIN {ITEM}"
                    f" WHERE {ITEM}.id = {match.item_id_sql} AND {match.where_sql} AND {visible}"
                    f" ORDER BY {match.item_id_sql} DESC LIMIT %s",
                    [*match.params, *visible_params, limit],
                )
                found[word] = [int(row[0]) for row in cursor.fetchall()]
        return found

    def index_items(self, item_ids: list[int]) -> None:
        documents = build_documents(item_ids)
        found = {document.item_id for document in documents}
        self.delete_documents(list(item_ids))
        self.write_documents(documents)
        missing = [item_id for item_id in item_ids if item_id not in found]
        if missing:
            self.delete_documents(missing)

    def remove_item(self, item_id: int) -> None:
        self.delete_documents([item_id])

    def vocabulary_version(self) -> str:
        # The index changes when the change log is applied (or rebuilt, which also clears the cache here).
        latest = (
            IndexChange.objects.filter(processed_at__isnull=False)
            .order_by("-processed_at")
            .values_list("processed_at", flat=True)
            .first()
        )
        return f"{connection.vendor}:{connection.settings_dict['NAME']}:{latest}"

    def rebuild(self) -> int:
        count = 0
        with transaction.atomic():
            self.clear()
            for documents in iter_all_documents():
                self.write_documents(documents)
                count += len(documents)
            IndexChange.objects.filter(processed_at__isnull=True).update(processed_at=timezone.now())
        forget_vocabulary()
        return count
