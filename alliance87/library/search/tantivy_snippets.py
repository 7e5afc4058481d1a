"""A tantivy snippet as HTML: the best passage of a field, escaped, its matches marked (`tantivy_engine`'s hits)."""

from __future__ import annotations

import html

import tantivy

from .query import WORD


def snippet_html(generator: tantivy.SnippetGenerator, document: tantivy.Document, text: str) -> str:
    """The best passage, escaped, with <mark> around the matches (tantivy gives UTF-8 byte ranges); "" if none."""
    snippet = generator.snippet_from_doc(document)
    fragment = snippet.fragment()
    ranges = snippet.highlighted()
    if not fragment or not ranges:
        return ""
    raw = fragment.encode()
    out: list[str] = []
    last = 0
    for span in sorted(ranges, key=lambda span: span.start):
        if span.start < last:
            continue
        out.append(html.escape(raw[last : span.start].decode(errors="ignore")))
        out.append(f"<mark>{html.escape(raw[span.start : span.end].decode(errors='ignore'))}</mark>")
        last = span.end
    out.append(html.escape(raw[last:].decode(errors="ignore")))
    # The fragment runs from its first word to its last: say when text was cut, or add back the punctuation.
    span = snippet.fragment_range()
    whole = text.strip().encode()
    head, tail = whole[: span.start].decode(errors="ignore"), whole[span.end :].decode(errors="ignore")
    before = "… " if WORD.search(head) else html.escape(head)
    after = " …" if WORD.search(tail) else html.escape(tail)
    return before + "".join(out) + after
