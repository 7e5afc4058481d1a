"""Parse what a person typed into terms, safely: no input can break an engine's query syntax.

Understood: words, "quoted phrases" (an unbalanced quote runs to the end), prefixes (traffick*), exclusions
(-child) and OR between two terms. Everything else is a word separator.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .documents import SNOWBALL_LANGUAGES, stem

WORD = re.compile(r"[^\W_]+", re.UNICODE)
TOKEN = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Term:
    """A word, a phrase (several words in order) or a prefix; lower-case words of letters and digits only."""

    words: tuple[str, ...]
    is_prefix: bool = False
    is_negated: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass
class ParsedQuery:
    """Groups of alternative terms (OR inside a group), all groups required (AND)."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def terms(self) -> list[Term]:
        return [term for group in self.groups for term in group]


def fold(text: str) -> str:
    """Lower case without accents ("Côte" → "cote")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def snowball_stems(word: str) -> list[str]:
    """The word's French and Spanish stems that differ from it, for the stem column of the index."""
    stems = {stem(word, language) for language in SNOWBALL_LANGUAGES}
    stems.discard(word)
    return sorted(stems)


def parse(text: str, *, max_terms: int = 12) -> ParsedQuery:
    parsed = ParsedQuery()
    pending_or = False
    for match in TOKEN.finditer(text or ""):
        phrase, raw = match.group(1), match.group(2)
        if raw == "OR":
            pending_or = bool(parsed.groups)
            continue
        negated = False
        prefix = False
        if phrase is not None:
            words = tuple(word.lower() for word in WORD.findall(phrase))
        else:
            negated = raw.startswith("-") and len(raw) > 1
            prefix = raw.endswith("*")
            words = tuple(word.lower() for word in WORD.findall(raw))
            if len(words) > 1:  # "forced-labour", "d'ivoire": the words in order
                prefix = False
        if not words:
            continue
        term = Term(words=words, is_prefix=prefix and len(words) == 1, is_negated=negated)
        if term.is_negated:
            parsed.excluded.append(term)
        elif pending_or:
            parsed.groups[-1].append(term)
        else:
            parsed.groups.append([term])
        pending_or = False
        if len(parsed.terms) + len(parsed.excluded) >= max_terms:
            break
    return parsed


def any_of(words: list[str]) -> ParsedQuery:
    """A query matching any of these words (used for "related items")."""
    terms = [Term(words=(word,)) for word in words if word]
    return ParsedQuery(groups=[terms] if terms else [])
