"""Reads a PDF's text in a process of its own, under a memory and CPU limit: `python -m alliance87.library.pdf_reader`.

A hostile PDF (deeply nested objects, a content stream that decompresses to gigabytes, endless cross-references)
can make pypdf run for minutes or eat the worker's memory. Here it runs with the limits set on itself before
reading anything, and the parent (`extraction.extract_pdf`) adds a wall-clock timeout. The PDF comes on standard
input; one JSON object goes to standard output: {"outcome": "ok" | "encrypted" | "damaged", "pages": [...],
"page_count": n}. No Django here: the process starts quickly and holds nothing but the file.
"""

from __future__ import annotations

import io
import json
import sys

MAX_PAGES = 3000
MAX_TEXT_CHARS = 2_000_000


def limit_resources(memory_bytes: int, cpu_seconds: int) -> None:
    """Cap this process's address space and CPU time (Linux enforces both; elsewhere this does what it can)."""
    try:
        import resource
    except ImportError:  # not on Windows
        return
    for limit, value in ((resource.RLIMIT_AS, memory_bytes), (resource.RLIMIT_CPU, cpu_seconds)):
        _soft, hard = resource.getrlimit(limit)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)  # a process may lower its limits, never raise them past the hard one
        resource.setrlimit(limit, (value, value))


def read_pdf(content: bytes) -> dict[str, object]:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            # Only an owner password (printing/copying limits) opens with an empty user password.
            return {"outcome": "encrypted"}
        page_count = len(reader.pages)
        pages: list[str] = []
        length = 0
        for page in reader.pages[:MAX_PAGES]:
            text = page.extract_text() or ""
            pages.append(text)
            length += len(text)
            if length > MAX_TEXT_CHARS:
                break
    except FileNotDecryptedError:
        return {"outcome": "encrypted"}
    except MemoryError:
        return {"outcome": "too_large"}
    except Exception as error:  # pypdf raises many kinds of errors on malformed files
        return {"outcome": "damaged", "error": repr(error)[:500]}
    return {"outcome": "ok", "pages": pages, "page_count": page_count}


def main() -> None:
    memory_bytes, cpu_seconds = int(sys.argv[1]), int(sys.argv[2])
    limit_resources(memory_bytes, cpu_seconds)
    content = sys.stdin.buffer.read()
    json.dump(read_pdf(content), sys.stdout)


if __name__ == "__main__":
    main()
