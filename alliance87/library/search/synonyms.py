"""The maintained list of synonyms (data/synonyms.txt), applied when a query is read, the same for every backend.

A word or phrase of the query gets its synonyms as alternatives (OR). Members are matched through their English
Snowball stem, so the list holds base forms and "labourers" still meets "laborers": each alternative then goes
through the engine's own analysis like any word typed.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import snowballstemmer

SYNONYMS_FILE = Path(__file__).with_name("data") / "synonyms.txt"
MAX_PHRASE = 6
WORD = re.compile(r"[^\W_]+", re.UNICODE)

Key = tuple[str, ...]


@cache
def _english() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


def key(words: tuple[str, ...]) -> Key:
    """How a word or phrase is looked up: lower case, each word reduced to its English stem."""
    return tuple(_english().stemWord(word.lower()) for word in words)


def words_of(text: str) -> tuple[str, ...]:
    return tuple(word.lower() for word in WORD.findall(text))


def read_groups(text: str) -> list[list[tuple[str, ...]]]:
    """Groups of synonyms from the file's text: one group a line, members separated by commas, # comments."""
    groups = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        members = [words_of(member) for member in line.split(",")]
        members = [member for member in members if member]
        if len(members) > 1:
            groups.append(members)
    return groups


@cache
def table() -> dict[Key, tuple[tuple[str, ...], ...]]:
    """Each member's key → every member of its groups (itself included), in the order written."""
    found: dict[Key, list[tuple[str, ...]]] = {}
    for group in read_groups(SYNONYMS_FILE.read_text(encoding="utf-8")):
        for member in group:
            alternatives = found.setdefault(key(member), [])
            alternatives.extend(other for other in group if other not in alternatives)
    return {name: tuple(members) for name, members in found.items()}


def alternatives(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The other ways to say this word or phrase (not itself), or [] if the list has none."""
    members = table().get(key(words), ())
    own = key(words)
    return [member for member in members if key(member) != own]


def longest_phrase_at(words: list[str], start: int) -> int:
    """The length of the longest listed phrase starting at words[start] (0 if none)."""
    for length in range(min(MAX_PHRASE, len(words) - start), 1, -1):
        if key(tuple(words[start : start + length])) in table():
            return length
    return 0
