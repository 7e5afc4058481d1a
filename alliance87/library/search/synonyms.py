"""The maintained list of synonyms (data/synonyms.txt), applied when a query is read, the same for every backend.

A French or Spanish term of the list brings its English (and other languages') synonyms; an English term its
English synonyms only (see `_members`).

A word or phrase of the query gets its synonyms as alternatives (OR). English members are matched through their
English Snowball stem, so the list holds base forms and "labourers" still meets "laborers": each alternative then
goes through the engine's own analysis like any word typed. French and Spanish members (written `fr: travail
forcé`, `es: trabajo forzoso`) are matched as written, without case, accents or a plural s/x: an English stem
would make false friends of them ("traite" would meet "traits"), and nobody says what language they type in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer

SYNONYMS_FILE = Path(__file__).with_name("data") / "synonyms.txt"
MAX_PHRASE = 6
WORD = re.compile(r"[^\W_]+", re.UNICODE)
TAGGED = re.compile(r"^\s*(fr|es)\s*:\s*(.*)$", re.DOTALL)
ORIGINAL = "en"

Key = tuple[str, ...]


@dataclass(frozen=True)
class Member:
    """One way of saying something: its words, and the language they are matched in."""

    words: tuple[str, ...]
    language: str = ORIGINAL

    @property
    def key(self) -> Key:
        return english_key(self.words) if self.language == ORIGINAL else written_key(self.words)


@cache
def _english() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=100_000)
def english_stem(word: str) -> str:
    """A lower-case word's English Snowball stem (kept: the pure-Python stemmer took 2-5 ms of every query's
    reading, `query.parse` looking each word and phrase up several times)."""
    return str(_english().stemWord(word))


def english_key(words: tuple[str, ...]) -> Key:
    """How an English word or phrase is looked up: lower case, each word reduced to its English stem."""
    return (ORIGINAL, *(english_stem(word.lower()) for word in words))


def _folded(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=100_000)
def written_key(words: tuple[str, ...]) -> Key:
    """How a French or Spanish word or phrase is looked up: lower case, no accents, no plural s or x."""
    folded = (_folded(word) for word in words)
    return ("=", *(word[:-1] if len(word) > 3 and word[-1] in "sx" else word for word in folded))


def words_of(text: str) -> tuple[str, ...]:
    return tuple(word.lower() for word in WORD.findall(text))


def read_member(text: str) -> Member | None:
    tagged = TAGGED.match(text)
    language, text = (tagged.group(1), tagged.group(2)) if tagged else (ORIGINAL, text)
    words = words_of(text)
    return Member(words=words, language=language) if words else None


def read_groups(text: str) -> list[list[Member]]:
    """Groups of synonyms from the file's text: one group a line, members separated by commas, # comments."""
    groups = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        members = [member for member in map(read_member, line.split(",")) if member]
        if len(members) > 1:
            groups.append(members)
    return groups


@cache
def table() -> dict[Key, tuple[Member, ...]]:
    """Each member's key → every member of its groups (itself included), in the order written."""
    found: dict[Key, list[Member]] = {}
    for group in read_groups(SYNONYMS_FILE.read_text(encoding="utf-8")):
        for member in group:
            alternatives = found.setdefault(member.key, [])
            alternatives.extend(other for other in group if other not in alternatives)
    return {name: tuple(members) for name, members in found.items()}


def _members(words: tuple[str, ...]) -> list[Member]:
    """The members of every group this word or phrase belongs to: read as written (a French or Spanish term),
    every member, English first; read as English, the English members only — an English query finds French
    and Spanish items through their subjects' English labels, and three languages' phrases on every English
    query would slow every search (bench/library_search.py)."""
    found: list[Member] = []
    for member in table().get(written_key(words), ()):
        if member not in found:
            found.append(member)
    english = [member for member in table().get(english_key(words), ()) if member.language == ORIGINAL]
    found += [member for member in english if member not in found]
    return sorted(found, key=lambda member: member.language != ORIGINAL)


def alternatives(words: tuple[str, ...], *, english_only: bool = False) -> list[tuple[str, ...]]:
    """The other ways to say this word or phrase (not itself), or [] if the list has none; `english_only`: only
    the English ones (spellings, for the words of a longer phrase, where another language's word would make a
    phrase nobody writes)."""
    seen = {english_key(words), written_key(words)}
    found: list[tuple[str, ...]] = []
    for member in _members(words):
        if member.key in seen or member.words in found or (english_only and member.language != ORIGINAL):
            continue
        seen.add(member.key)
        found.append(member.words)
    return found


def longest_phrase_at(words: list[str], start: int) -> int:
    """The length of the longest listed phrase starting at words[start] (0 if none)."""
    for length in range(min(MAX_PHRASE, len(words) - start), 1, -1):
        if _members(tuple(words[start : start + length])):
            return length
    return 0
