"""What every backend's hits go through before they are shown: one passage of a text, never the same one twice.

An item's file often starts with its abstract (a report's summary page), so the full-text passage and the
abstract passage can be the same sentences; the page then shows one of them.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace

from .types import Hit

TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"[^\W_]+", re.UNICODE)
SHINGLE = 6


def _words(snippet_html: str) -> list[str]:
    return [word.lower() for word in WORD.findall(html.unescape(TAG.sub(" ", snippet_html)))]


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    if len(words) < SHINGLE:
        return {tuple(words)} if words else set()
    return {tuple(words[start : start + SHINGLE]) for start in range(len(words) - SHINGLE + 1)}


def overlaps(first_html: str, second_html: str) -> bool:
    """Whether two passages share a run of words (six, or all of a shorter one)."""
    first, second = _words(first_html), _words(second_html)
    if not first or not second:
        return False
    if min(len(first), len(second)) < SHINGLE:
        short, long = sorted((first, second), key=len)
        return " ".join(short) in " ".join(long)
    return bool(_shingles(first) & _shingles(second))


def without_repeats(hit: Hit) -> Hit:
    """The hit with one passage where its full-text and abstract passages repeat each other: the abstract when
    the match is marked there, otherwise the full-text passage."""
    if not overlaps(hit.snippet_html, hit.abstract_html):
        return hit
    if "<mark>" in hit.abstract_html or "<mark>" not in hit.snippet_html:
        return replace(hit, snippet_html="")
    return replace(hit, abstract_html="")


def plain_passage(text: str, words: int = 40) -> str:
    """The start of a plain text, escaped for HTML, with "…" when it goes on."""
    parts = (text or "").split()
    return html.escape(" ".join(parts[:words]) + (" …" if len(parts) > words else ""))
