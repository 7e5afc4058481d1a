"""Related items: a few candidates found through indexes, ranked by what they share with the item.

An item's page shows a handful of items related to it. Ranking the whole library by the item's words (a
full-text search for any of them) costs what a search matching nearly every item costs: half a second at 200,000
items. Related items are not a search, so they are chosen among a bounded set of candidates, each list read from
an index, newest first:
- the items sharing each of the item's subjects (the subject link table's index by subject, then item),
- the items about each of its countries (likewise),
- the items whose title holds each significant word of the item's title, subtitle and keywords (the search
  backend's own index: FTS5's title column, PostgreSQL's record vector, tantivy's title field);
then ranked here by the share of subjects, words and countries they have in common (a word found in few titles
weighs more than a word found in many). The work is the same whatever the size of the library; what is shown is,
as before, items sharing subjects and words with this one, among those the reader may see.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.db import connection

from ..models import Item, ItemCountry
from .query import WORD, fold, parse
from .synonyms import english_key

if TYPE_CHECKING:
    from ..permissions import LibraryAccess

# Candidates read per subject, per country and per word (newest first), and how many of each are used.
PER_SUBJECT = 50
PER_COUNTRY = 25
PER_WORD = 30
MAX_SUBJECTS = 8
MAX_COUNTRIES = 4
MAX_WORDS = 10
# What each kind of thing shared is worth (each a share of the item's own: 0 to 1).
SUBJECT_WEIGHT = 1.0
WORD_WEIGHT = 1.0
COUNTRY_WEIGHT = 0.5
ITEM = Item._meta.db_table
ITEM_CONCEPTS = Item.concepts.through._meta.db_table
ITEM_COUNTRIES = ItemCountry._meta.db_table
STOPWORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "into",
        "their",
        "about",
        "under",
        "over",
        "between",
        "des",
        "les",
        "une",
        "pour",
        "dans",
        "sur",
        "par",
        "aux",
        "del",
        "los",
        "las",
        "por",
        "para",
        "con",
        "una",
        "sobre",
    ]
)

# The backend's part: visible item ids whose title holds each word, newest first (at most `limit` a word).
TitleWords = Callable[[list[str], int], dict[str, list[int]]]


def significant_words(texts: Iterable[str]) -> list[str]:
    """The words of these texts worth relating items by: longer than three letters, not the most common."""
    words: list[str] = []
    for term in parse(" ".join(texts), max_terms=40, expand=False).terms:
        for word in term.words:
            if len(word) > 3 and word not in STOPWORDS and word not in words:
                words.append(word)
    return words[:MAX_WORDS]


def word_key(word: str) -> str:
    """How two words are compared: lower case, no accents, English stem ("farming" and "farms" meet)."""
    return english_key((fold(word),))[-1]


def title_keys(title: str, subtitle: str, keywords: Any) -> set[str]:
    keyword_texts = [str(keyword) for keyword in keywords or []] if isinstance(keywords, list) else []
    return {word_key(word) for text in (title, subtitle, *keyword_texts) for word in WORD.findall(text or "")}


def _newest_linked(
    table: str, column: str, values: list[Any], *, exclude: int, access: LibraryAccess, limit: int
) -> list[int]:
    """Visible items linked to each value, newest first, at most `limit` a value (one index range each)."""
    from .sqlbase import access_sql

    visible, visible_params = access_sql(access, ITEM)
    found: list[int] = []
    with connection.cursor() as cursor:
        for value in values:
            # CROSS JOIN: SQLite reads the link index first, newest item first, and stops at the limit.
            cursor.execute(
                f"SELECT l.item_id FROM {table} l CROSS JOIN {ITEM} WHERE {ITEM}.id = l.item_id"
                f" AND l.{column} = %s AND l.item_id <> %s AND {visible} ORDER BY l.item_id DESC LIMIT %s",
                [value, exclude, *visible_params, limit],
            )
            found += [int(row[0]) for row in cursor.fetchall()]
    return found


def _shared_counts(table: str, column: str, values: list[Any], candidates: list[int]) -> dict[int, int]:
    """How many of these values each candidate is linked to (one query, by the link table's item index)."""
    if not values or not candidates:
        return {}
    items = ", ".join(["%s"] * len(candidates))
    wanted = ", ".join(["%s"] * len(values))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT item_id, COUNT(*) FROM {table} WHERE item_id IN ({items}) AND {column} IN ({wanted})"
            " GROUP BY item_id",
            [*candidates, *values],
        )
        return {int(item_id): int(n) for item_id, n in cursor.fetchall()}


def word_weight(found: int) -> float:
    """A word found in few titles relates items more than one found in many (`found` is capped at PER_WORD)."""
    return 1.0 / math.log2(2 + found)


def related_items(item: Item, *, access: LibraryAccess, limit: int, title_words: TitleWords) -> list[Item]:
    """Items sharing subjects, title words and countries with this one, most related first, newest first among
    equals, among those the reader may see."""
    concept_ids = sorted(item.concepts.values_list("pk", flat=True))[:MAX_SUBJECTS]
    country_codes = sorted({str(code) for code in item.countries or [] if code})[:MAX_COUNTRIES]
    words = significant_words([item.title, item.subtitle, *(str(k) for k in item.keywords or [])])
    candidates: list[int] = _newest_linked(
        ITEM_CONCEPTS, "concept_id", concept_ids, exclude=item.pk, access=access, limit=PER_SUBJECT
    )
    candidates += _newest_linked(
        ITEM_COUNTRIES, "country", country_codes, exclude=item.pk, access=access, limit=PER_COUNTRY
    )
    by_word = title_words(words, PER_WORD) if words else {}
    found_with: dict[int, set[str]] = defaultdict(set)
    for word, item_ids in by_word.items():
        for item_id in item_ids:
            found_with[item_id].add(word)
    candidates += list(found_with)
    unique = sorted({pk for pk in candidates if pk != item.pk})
    if not unique:
        return []
    # The final check in the database: the search index lags it by the change log.
    rows = Item.objects.filter(access.as_q(), pk__in=unique).values_list(
        "pk", "title", "subtitle", "keywords"
    )
    keys = {pk: title_keys(title, subtitle, keywords) for pk, title, subtitle, keywords in rows}
    visible = list(keys)
    subjects = _shared_counts(ITEM_CONCEPTS, "concept_id", concept_ids, visible)
    countries = _shared_counts(ITEM_COUNTRIES, "country", country_codes, visible)
    word_keys = {word: word_key(word) for word in words}
    weights = {word: word_weight(len(by_word.get(word, []))) for word in words}
    all_words = sum(weights.values()) or 1.0
    scores: dict[int, float] = {}
    for pk in visible:
        shared = {word for word in words if word_keys[word] in keys[pk]} | found_with.get(pk, set())
        score = WORD_WEIGHT * sum(weights[word] for word in shared) / all_words
        if concept_ids:
            score += SUBJECT_WEIGHT * subjects.get(pk, 0) / len(concept_ids)
        if country_codes:
            score += COUNTRY_WEIGHT * countries.get(pk, 0) / len(country_codes)
        if score > 0:
            scores[pk] = score
    best = sorted(scores, key=lambda pk: (-scores[pk], -pk))[:limit]
    items = Item.objects.in_bulk(best)
    return [items[pk] for pk in best if pk in items]
