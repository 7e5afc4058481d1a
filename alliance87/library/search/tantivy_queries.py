"""The tantivy index's schema and analysis, and the queries built on it (`tantivy_engine` runs them).

Text fields (title ×10, people ×4, abstract ×3, subjects ×4, body ×1, extra ×1) go through one analyzer: words of
letters and digits, lower case, ASCII folding ("Côte" → "cote") and the English Snowball stemmer. Queries are built
from `query.parse` as tantivy Query objects (never through tantivy's query parser), so every word is required
unless joined by OR, and no input can break the syntax.

The "pairs" field holds every two tokens that follow each other in any text field ("modern_slaveri"), without
positions. A phrase is still matched and scored by tantivy's phrase query on each field, but only among the items
holding all its pairs: a phrase of common words ("modern slavery", or the synonym list's "trafficking in human
beings") otherwise read the positions of nearly every item in every field, the dearest part of the slowest
searches (bench/README.md, "library search under 50 ms"). The pairs only narrow the items a phrase is checked in;
they never add or drop a match, and add nothing to a score (a filter of constant score 0).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import tantivy

from ..permissions import LibraryAccess
from .query import WORD, ParsedQuery, Term, snowball_stems
from .types import FACET_NAMES, SearchQuery

ANALYZER = "alliance87_fold_en"
SPELLING_ANALYZER = "alliance87_words"
PAIRS_ANALYZER = "alliance87_pairs"
PAIRS = "pairs"
TEXT_FIELDS = {"title": 10.0, "people": 4.0, "abstract": 3.0, "subjects": 4.0, "body": 1.0, "extra": 1.0}
STORED_TEXT = ("title", "abstract", "body")
# Facet name → fast field (the same names).
STRING_FACETS = {name: name for name in ("kind", "language", "theme", "exploitation", "country")}
INTEGER_FACETS = {name: name for name in ("year", "organisation")}
PREFIX_MARKS = 20  # words a prefix stands for, marked in snippets


def _analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def _spelling_analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .build()
    )


def _pairs_analyzer() -> tantivy.TextAnalyzer:
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()


def analyzers() -> dict[str, tantivy.TextAnalyzer]:
    """The analyzers an index of this schema is opened with, by name."""
    return {ANALYZER: _analyzer(), SPELLING_ANALYZER: _spelling_analyzer(), PAIRS_ANALYZER: _pairs_analyzer()}


def build_schema(*, pairs: bool = True) -> tantivy.Schema:
    """The index's fields; `pairs=False`: the schema before the pairs field (an index not yet rebuilt)."""
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    for name in TEXT_FIELDS:
        builder.add_text_field(name, stored=name in STORED_TEXT, tokenizer_name=ANALYZER)
    builder.add_text_field("spelling", tokenizer_name=SPELLING_ANALYZER, index_option="basic")
    for name in (*STRING_FACETS, "access"):
        builder.add_text_field(name, fast=True, tokenizer_name="raw")
    for name in (*INTEGER_FACETS, "access_body_id"):
        builder.add_integer_field(name, indexed=True, fast=True)
    builder.add_integer_field("sort_key", fast=True)
    if pairs:  # last: the fields before it keep their numbers
        builder.add_text_field(PAIRS, tokenizer_name=PAIRS_ANALYZER, index_option="basic")
    return builder.build()


SCHEMA = build_schema()
PREVIOUS_SCHEMA = build_schema(pairs=False)
ANALYZE = _analyzer()


def analyze(text: str) -> list[str]:
    """Tokens as the index keeps them (folded, stemmed)."""
    return list(ANALYZE.analyze(text))


def pair(first: str, second: str) -> str:
    return f"{first}_{second}"  # (tokens are letters and digits only)


def pairs_text(texts: Iterable[str]) -> str:
    """The pairs field of a document: every two consecutive tokens of each text, once."""
    found: set[str] = set()
    for text in texts:
        tokens = ANALYZE.analyze(text)
        found.update(map(pair, tokens, tokens[1:]))
    return " ".join(sorted(found))


@lru_cache(maxsize=50_000)
def word_tokens(word: str) -> tuple[str, ...]:
    """One word's tokens, kept (a page's titles ask for the same words again and again)."""
    return tuple(ANALYZE.analyze(word))


# Access ------------------------------------------------------------------------------------------------------


def access_query(access: LibraryAccess) -> tantivy.Query | None:
    """The library's access rule as a tantivy query (None: everything)."""
    if access.everything:
        return None
    allowed = []
    for grant in access.grants:
        level = tantivy.Query.term_query(SCHEMA, "access", str(grant.access))
        if grant.body_ids is not None:
            bodies = tantivy.Query.term_set_query(SCHEMA, "access_body_id", sorted(grant.body_ids))
            level = tantivy.Query.boolean_query([(tantivy.Occur.Must, level), (tantivy.Occur.Must, bodies)])
        allowed.append((tantivy.Occur.Should, level))
    return tantivy.Query.boolean_query(allowed)


# Queries -----------------------------------------------------------------------------------------------------


def _any(clauses: list[tantivy.Query]) -> tantivy.Query:
    if not clauses:
        return tantivy.Query.empty_query()
    if len(clauses) == 1:
        return clauses[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, clause) for clause in clauses])


def _in_fields(make: Any, fields: Iterable[str] = TEXT_FIELDS) -> tantivy.Query:
    """One clause per text field, weighted, any of them matching."""
    return _any([tantivy.Query.boost_query(make(field), TEXT_FIELDS[field]) for field in fields])


def term_query(term: Term, *, pairs: bool = True) -> tantivy.Query:
    if term.any_order:
        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, term_query(Term(words=(word,)), pairs=pairs)) for word in term.words]
        )
    if term.is_prefix:
        pattern = re.escape(term.words[0].lower()) + ".*"
        return _in_fields(lambda field: tantivy.Query.regex_query(SCHEMA, field, pattern))
    tokens = analyze(" ".join(term.words))
    if not tokens:
        return tantivy.Query.empty_query()
    if len(tokens) > 1:
        words: list[str | tuple[int, str]] = list(tokens)
        if not pairs:
            return _in_fields(lambda field: tantivy.Query.phrase_query(SCHEMA, field, words))
        among = pairs_filter(tokens)
        return _in_fields(
            lambda field: tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Must, tantivy.Query.phrase_query(SCHEMA, field, words)),
                    (tantivy.Occur.Must, among),
                ]
            )
        )
    token = tokens[0]
    alternatives = [_in_fields(lambda field: tantivy.Query.term_query(SCHEMA, field, token))]
    for stem in snowball_stems(term.words[0]):
        for stemmed in analyze(stem)[:1]:
            if stemmed != token:
                alternatives.append(tantivy.Query.term_query(SCHEMA, "extra", stemmed))
    return _any(alternatives)


def pairs_filter(tokens: list[str]) -> tantivy.Query:
    """The items holding every pair of a phrase's tokens, as a filter of score 0 (the phrase query, beside it,
    then reads positions in these items only: each field's clause is an intersection led by the rarer side)."""
    pairs = sorted(set(map(pair, tokens, tokens[1:])))
    clauses = [tantivy.Query.term_query(SCHEMA, PAIRS, each) for each in pairs]
    every = (
        clauses[0]
        if len(clauses) == 1
        else tantivy.Query.boolean_query([(tantivy.Occur.Must, clause) for clause in clauses])
    )
    return tantivy.Query.const_score_query(every, 0.0)


def text_query(parsed: ParsedQuery, *, pairs: bool = True) -> tantivy.Query:
    """All groups required (AND), alternatives within a group (OR), exclusions removed; `pairs=False` on an index
    without the pairs field (built before it)."""
    clauses = [
        (tantivy.Occur.Must, _any([term_query(term, pairs=pairs) for term in group]))
        for group in parsed.groups
    ]
    clauses += [(tantivy.Occur.MustNot, term_query(term, pairs=pairs)) for term in parsed.excluded]
    return tantivy.Query.boolean_query(clauses)


def filter_queries(query: SearchQuery) -> dict[str, tantivy.Query]:
    """Each ticked facet's filter (values are alternatives), and the year range under the name "range"."""
    filters: dict[str, tantivy.Query] = {}
    for facet in FACET_NAMES:
        values = query.filter_values(facet)
        if not values:
            continue
        if facet in INTEGER_FACETS:
            numbers = sorted({int(value) for value in values})
            filters[facet] = tantivy.Query.term_set_query(SCHEMA, INTEGER_FACETS[facet], numbers)
        else:
            filters[facet] = tantivy.Query.term_set_query(SCHEMA, STRING_FACETS[facet], sorted(set(values)))
    if query.year_from is not None or query.year_to is not None:
        filters["range"] = tantivy.Query.range_query(
            SCHEMA, "year", tantivy.FieldType.Integer, query.year_from, query.year_to
        )
    return filters


def combine(text: tantivy.Query | None, filters: list[tantivy.Query]) -> tantivy.Query:
    """The text query, scored, narrowed by filters that do not change the score."""
    clauses = [(tantivy.Occur.Must, text if text is not None else tantivy.Query.all_query())]
    clauses += [(tantivy.Occur.Must, tantivy.Query.const_score_query(f, 0.0)) for f in filters]
    return clauses[0][1] if len(clauses) == 1 else tantivy.Query.boolean_query(clauses)


def query_words(parsed: ParsedQuery) -> tuple[set[str], list[str]]:
    """The analyzed tokens and the prefixes of a query's positive terms (for marking titles)."""
    tokens: set[str] = set()
    prefixes: list[str] = []
    for term in parsed.terms:
        if term.is_prefix:
            prefixes.append(term.words[0].lower())
        else:
            tokens.update(analyze(" ".join(term.words)))
    return tokens, prefixes


def mark_title(title: str, tokens: set[str], prefixes: list[str]) -> str:
    """The title HTML-escaped, with <mark> around words matching the query."""
    out: list[str] = []
    last = 0
    for match in WORD.finditer(title):
        analyzed = word_tokens(match.group())
        hit = any(token in tokens for token in analyzed) or any(
            token.startswith(prefix) for token in analyzed for prefix in prefixes
        )
        if hit:
            out.append(html.escape(title[last : match.start()]))
            out.append(f"<mark>{html.escape(match.group())}</mark>")
            last = match.end()
    out.append(html.escape(title[last:]))
    return "".join(out)


def highlight_query(searcher: tantivy.Searcher, parsed: ParsedQuery, text: tantivy.Query) -> tantivy.Query:
    """The query whose terms snippets mark: a prefix (matched by a regex, which has no terms) becomes the most
    frequent words it stands for."""
    expanded = [
        tantivy.Query.term_query(SCHEMA, field, token)
        for term in parsed.terms
        if term.is_prefix
        for field in ("body", "abstract")
        for token, _ in searcher.terms_with_prefix(field, term.words[0].lower(), limit=PREFIX_MARKS)
    ]
    return _any([text, *expanded]) if expanded else text
