""" "Did you mean …": a misspelled query corrected from the index's own words, the same way on every backend.

The vocabulary is the words of the indexed catalogue records (titles, people, abstracts, subjects) with the number
of items each appears in, read from the backend's own index. A query word found nowhere in it is replaced by the
nearest word (optimal string alignment distance: one edit for short words, two for longer ones; a swap of two
letters is one edit), the most frequent among the nearest. The correction is offered only if it finds more items
than the query did, for the person searching, so it never points at something they may not see.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .query import fold

if TYPE_CHECKING:
    from ..permissions import LibraryAccess
    from .base import SearchBackend
    from .types import SearchQuery

# A correction is looked for when a query finds fewer items than this.
SUGGEST_BELOW = 5
MIN_LENGTH = 3
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class Vocabulary:
    """Words by their folded form (lower case, no accents): the most frequent way of writing each, and counts."""

    written: dict[str, str]
    counts: dict[str, int]
    keys: list[str]

    @classmethod
    def of(cls, words: dict[str, int]) -> Vocabulary:
        written: dict[str, str] = {}
        counts: dict[str, int] = {}
        best: dict[str, int] = {}
        for word, count in words.items():
            if len(word) < MIN_LENGTH or not word.isalpha():
                continue
            key = fold(word)
            counts[key] = counts.get(key, 0) + count
            if count > best.get(key, 0):
                best[key], written[key] = count, word
        return cls(written=written, counts=counts, keys=list(counts))

    def correct(self, word: str) -> str | None:
        """The nearest known word, or None if the word is known or nothing is near enough."""
        key = fold(word)
        if key in self.counts or len(key) < MIN_LENGTH:
            return None
        limit = 1 if len(key) <= 5 else 2
        found = process.extract(key, self.keys, scorer=OSA.distance, score_cutoff=limit, limit=None)
        if not found:
            return None
        best, _, _ = min(found, key=lambda match: (match[1], -self.counts[match[0]], match[0]))
        return self.written[best]


_cache: dict[str, tuple[str, Vocabulary]] = {}
_lock = threading.Lock()


def vocabulary(backend: SearchBackend) -> Vocabulary:
    """The backend's vocabulary, read again only when its index has changed since it was last read."""
    name, version = type(backend).__name__, backend.vocabulary_version()
    with _lock:
        cached = _cache.get(name)
    if cached and cached[0] == version:
        return cached[1]
    loaded = Vocabulary.of(backend.spelling_vocabulary())
    with _lock:
        _cache[name] = (version, loaded)
    return loaded


def forget_vocabulary() -> None:
    """Read every vocabulary again next time (after a rebuild)."""
    with _lock:
        _cache.clear()


def corrected_text(text: str, words: Vocabulary) -> str:
    """The text with each unknown word replaced by its correction (syntax, other words and case kept)."""
    out: list[str] = []
    last = 0
    for match in WORD.finditer(text):
        word = match.group()
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        if word == "OR" or before == "-" or after == "*":
            continue
        correction = words.correct(word)
        if correction:
            if word[0].isupper():
                correction = correction[0].upper() + correction[1:]
            out += [text[last : match.start()], correction]
            last = match.end()
    out.append(text[last:])
    return "".join(out)


def did_you_mean(query: SearchQuery, *, total: int, backend: SearchBackend, access: LibraryAccess) -> str:
    """A corrected query text worth offering, or "" (none needed, none found, or it finds no more items)."""
    if not query.text.strip() or total >= SUGGEST_BELOW:
        return ""
    text = corrected_text(query.text, vocabulary(backend))
    if text == query.text:
        return ""
    return text if backend.count(replace(query, text=text), access=access) > total else ""
