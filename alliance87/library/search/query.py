"""Parse what a person typed into terms, safely: no input can break an engine's query syntax.

Understood: words, "quoted phrases" (an unbalanced quote runs to the end), prefixes (traffick*), exclusions
(-child) and OR between two terms. Everything else is a word separator. Identifiers (ISBN, ISSN, DOI, UN
symbols) are also read as their exact tokens (exact.py), and words and phrases of the synonym list get their
synonyms as alternatives (synonyms.py): every backend receives the same parsed query.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from . import synonyms
from .documents import SNOWBALL_LANGUAGES, stem
from .exact import LABELS, read_identifier

WORD = re.compile(r"[^\W_]+", re.UNICODE)
TOKEN = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Term:
    """A word, a phrase (several words in order), several words in any order, or a prefix.

    Words are lower case, letters and digits only.
    """

    words: tuple[str, ...]
    is_prefix: bool = False
    is_negated: bool = False
    any_order: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1 and not self.any_order

    @property
    def is_plain_word(self) -> bool:
        return len(self.words) == 1 and not self.is_prefix


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


def parse(text: str, *, max_terms: int = 12, expand: bool = True) -> ParsedQuery:
    """Read a query; `expand` adds identifiers' tokens and synonyms as alternatives (not for suggestions)."""
    parsed = ParsedQuery()
    pending_or = False
    matches = list(TOKEN.finditer(text or ""))
    for position, match in enumerate(matches):
        phrase, raw = match.group(1), match.group(2)
        if raw == "OR":
            pending_or = bool(parsed.groups)
            continue
        if raw is not None and raw.lower().rstrip(":") in LABELS and _labels_identifier(matches, position):
            continue  # "ISBN 92-808-9031-5": the label is not a word to find
        negated = False
        prefix = False
        identifier = None
        if phrase is not None:
            words = tuple(word.lower() for word in WORD.findall(phrase))
        else:
            negated = raw.startswith("-") and len(raw) > 1
            prefix = raw.endswith("*")
            words = tuple(word.lower() for word in WORD.findall(raw))
            if len(words) > 1:  # "forced-labour", "d'ivoire": the words in order
                prefix = False
            if expand:
                labelled = (
                    position > 0 and (matches[position - 1].group(2) or "").lower().rstrip(":") in LABELS
                )
                identifier = read_identifier(raw[1:] if negated else raw, labelled=labelled)
        if not words:
            continue
        term = Term(words=words, is_prefix=prefix and len(words) == 1, is_negated=negated)
        alternatives = [Term(words=(identifier,), is_negated=negated)] if identifier else []
        if term.is_negated:
            parsed.excluded += [term, *alternatives]
        elif pending_or:
            parsed.groups[-1] += [term, *alternatives]
        else:
            parsed.groups.append([term, *alternatives])
        pending_or = False
        if len(parsed.terms) + len(parsed.excluded) >= max_terms:
            break
    return with_synonyms(parsed) if expand else parsed


def _labels_identifier(matches: list[re.Match[str]], position: int) -> bool:
    following = matches[position + 1].group(2) if position + 1 < len(matches) else None
    return bool(following) and read_identifier(following or "", labelled=True) is not None


MAX_PHRASE_VARIANTS = 8


def synonym_terms(term: Term) -> list[Term]:
    """The synonyms of a word or phrase as terms of the same sign (none for a prefix)."""
    if term.is_prefix:
        return []
    found = synonyms.alternatives(term.words)
    if term.is_phrase:  # "child labor": also each word's own English synonyms, in place
        # (not those the English stemmer makes the same phrase again: "human trafficked")
        same = synonyms.english_key(term.words)
        variants: list[tuple[str, ...]] = [()]
        for word in term.words:
            options = [(word,), *synonyms.alternatives((word,), english_only=True)]
            variants = [(*variant, *option) for variant in variants for option in options]
            variants = variants[: MAX_PHRASE_VARIANTS + 1]
        found += [
            variant
            for variant in variants[1:]
            if variant not in found and synonyms.english_key(variant) != same
        ]
    found = [words for words in found if words != term.words]
    # An alternative holding another one (or the term) finds nothing more: "travail forcé ou obligatoire".
    kept = [words for words in found if not any(_holds(words, other) for other in [term.words, *found])]
    return [Term(words=words, is_negated=term.is_negated) for words in kept]


def _holds(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether a phrase holds a shorter one, word for word, in order."""
    size = len(shorter)
    return len(longer) > size and any(
        longer[start : start + size] == shorter for start in range(len(longer) - size + 1)
    )


def with_synonyms(parsed: ParsedQuery) -> ParsedQuery:
    """The query with synonyms as alternatives; listed phrases typed as loose words are found as a whole too."""
    groups: list[list[Term]] = []
    index = 0
    while index < len(parsed.groups):
        run: list[str] = []
        for group in parsed.groups[index:]:
            if len(group) != 1 or not group[0].is_plain_word:
                break
            run.append(group[0].words[0])
        length = synonyms.longest_phrase_at(run, 0)
        if length:  # human trafficking → (human AND trafficking) OR "trafficking in persons" OR …
            words = tuple(run[:length])
            loose = Term(words=words, any_order=True)
            groups.append([loose, *synonym_terms(Term(words=words))])
            index += length
            continue
        group = parsed.groups[index]
        expanded = list(group)
        for term in group:
            expanded += [other for other in synonym_terms(term) if other not in expanded]
        groups.append(expanded)
        index += 1
    excluded = list(parsed.excluded)
    for term in parsed.excluded:
        excluded += [other for other in synonym_terms(term) if other not in excluded]
    return ParsedQuery(groups=groups, excluded=excluded)


def any_of(words: list[str]) -> ParsedQuery:
    """A query matching any of these words (used for "related items")."""
    terms = [Term(words=(word,)) for word in words if word]
    return ParsedQuery(groups=[terms] if terms else [])
