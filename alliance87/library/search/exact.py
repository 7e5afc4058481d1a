"""Identifiers found exactly: ISBN, ISSN, DOI and UN document symbols, however people write them.

An item's identifiers go into its search document as one token each, and the identifiers in a query are read
into the same tokens: "978-92-808-9031-0", "9789280890310" and the ISBN-10 meet, a DOI matches whatever its case
or its doi.org prefix, and "s/res/2331" matches "S/RES/2331 (2016)". A token is a word of letters then digits,
which every engine keeps as it is (no stemmer touches a word ending in a digit), so all backends behave alike.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Iterable

from ..identifiers import normalise_doi, normalise_isbn, normalise_issn

DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)
ISBN = re.compile(r"^(?:isbn[:]?)?([\d-]{9,17}[\dxX])$", re.IGNORECASE)
ISSN = re.compile(r"^(?:issn[:]?)?(\d{4}-\d{3}[\dxX])$", re.IGNORECASE)
# A UN document symbol: series letters, then parts separated by slashes (S/RES/2331, A/HRC/RES/35/5,
# E/CN.4/2005/L.10), maybe followed by the year of a Security Council resolution, "(2016)".
SYMBOL = re.compile(r"^([A-Za-z]{1,10}(?:/[A-Za-z0-9][A-Za-z0-9.\-]*)+)(?:\(\d{4}\))?$")
SYMBOL_IN_TEXT = re.compile(r"(?<![\w/])([A-Z]{1,10}(?:/[A-Z0-9][A-Za-z0-9.\-]*)+)")
LABELS = {"isbn", "issn", "doi"}


def token(kind: str, value: str) -> str:
    """One searchable word for an identifier: its kind, then digits (a hash for values with letters)."""
    if value.isdigit():
        return f"{kind}{value}"
    digest = hashlib.blake2b(value.encode(), digest_size=8).digest()
    return f"{kind}{int.from_bytes(digest, 'big')}"


def isbn13(isbn: str) -> str:
    """An ISBN-10 as ISBN-13 (978 prefix, new check digit); an ISBN-13 as it is."""
    if len(isbn) == 13:
        return isbn
    core = "978" + isbn[:9]
    check = (10 - sum(int(ch) * (1 if i % 2 == 0 else 3) for i, ch in enumerate(core)) % 10) % 10
    return core + str(check)


def isbn_token(value: str) -> str:
    return token("isbn", isbn13(normalise_isbn(value)))


def issn_token(value: str) -> str:
    return token("issn", normalise_issn(value).replace("-", ""))


def doi_token(value: str) -> str:
    return token("doi", normalise_doi(value).lower())


def symbol_token(value: str) -> str:
    return token("unsymbol", value.upper().rstrip("."))


def read_identifier(word: str, *, labelled: bool = False) -> str | None:
    """The token of an identifier written as one word of a query, or None.

    A bare ten-digit number or eight-digit ISSN without its hyphen is taken as an identifier only after a
    label ("ISBN 9280890315"), since any number could pass the check digit by chance.
    """
    word = word.strip().lstrip("([").rstrip(".,;:]")
    if word.endswith(")") and "(" not in word:
        word = word.rstrip(")")
    if match := DOI.match(word):
        try:
            return doi_token(match.group(1))
        except ValueError:
            return None
    if match := ISBN.match(word):
        digits = match.group(1).replace("-", "").upper()
        if len(digits) == 13 or labelled or "-" in match.group(1) or digits.endswith("X"):
            try:
                return isbn_token(digits)
            except ValueError:
                return None
    if match := ISSN.match(word):
        try:
            return issn_token(match.group(1))
        except ValueError:
            return None
    if labelled and re.fullmatch(r"\d{7}[\dxX]", word):
        try:
            return issn_token(word)
        except ValueError:
            return None
    if (match := SYMBOL.match(word)) and any(ch.isdigit() for ch in word):
        return symbol_token(match.group(1))
    return None


def item_identifier_tokens(
    *, isbn: str, issn: str, doi: str, texts: Iterable[str], url: str = ""
) -> list[str]:
    """The identifier tokens of an item: its ISBN, ISSN and DOI, and the UN symbols in its catalogue record.

    `texts` are the record's title, subtitle and keywords; a UN document address (undocs.org/S/RES/2331(2016))
    names its symbol too.
    """
    tokens: list[str] = []
    for value, make in ((isbn, isbn_token), (issn, issn_token), (doi, doi_token)):
        if value:
            # (A value stored before the checks existed may not pass them: not an identifier anyone can type.)
            with contextlib.suppress(ValueError):
                tokens.append(make(value))
    for text in texts:
        for symbol in SYMBOL_IN_TEXT.findall(text):
            if any(ch.isdigit() for ch in symbol):
                tokens.append(symbol_token(symbol))
    if match := re.search(r"undocs\.org/(?:[a-z]{2}/)?([A-Za-z]{1,10}(?:/[^/?#()]+)+)", url):
        tokens.append(symbol_token(match.group(1)))
    return sorted({token for token in tokens if token})
