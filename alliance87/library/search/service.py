"""The search service: one tantivy engine that several web servers share, over HTTP on the private network.

    alliance87 search_service --host 10.0.0.5 --port 8790        (LIBRARY_SEARCH_SERVICE_TOKEN set)

A web server with LIBRARY_SEARCH_BACKEND = "tantivy_service" and LIBRARY_SEARCH_SERVICE_URL pointing here asks
this process instead of an index directory of its own: every server sees the same index, and the service is its
one writer. The service never touches the database: the app sends it documents and the access rule it worked out
(permissions.LibraryAccess) and gets back hits, totals and raw facet counts; the app then labels the facets and
checks the hits against the database, exactly as with the engine in its own process (tantivy_backend.py).

Each request is a POST of a JSON object to /<method> (the engine's methods), with the shared token as a bearer
token; the answer is JSON. Not for the public internet: bind it to a private address.
"""

from __future__ import annotations

import hmac
import json
import logging
import queue
import threading
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import asdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from ..permissions import Grant, LibraryAccess
from .base import SearchUnavailable
from .tantivy_engine import EngineAnswer, TantivyEngine
from .types import Hit, SearchQuery

logger = logging.getLogger(__name__)
MAX_REQUEST_BYTES = 256 * 1024 * 1024


class ServiceError(SearchUnavailable):
    """The search service could not be reached or refused a request."""


# Plain data on the wire ---------------------------------------------------------------------------------------


def dump_query(query: SearchQuery) -> dict[str, Any]:
    return asdict(query)


def load_query(data: dict[str, Any]) -> SearchQuery:
    fields: dict[str, Any] = {
        key: tuple(value) if isinstance(value, list) else value for key, value in data.items()
    }
    return SearchQuery(**fields)


def dump_access(access: LibraryAccess) -> dict[str, Any]:
    grants = [[g.access, sorted(g.body_ids) if g.body_ids is not None else None] for g in access.grants]
    return {"everything": access.everything, "grants": grants}


def load_access(data: dict[str, Any]) -> LibraryAccess:
    grants = tuple(
        Grant(str(level), frozenset(int(pk) for pk in body_ids) if body_ids is not None else None)
        for level, body_ids in data["grants"]
    )
    return LibraryAccess(everything=bool(data["everything"]), grants=grants)


# The server ----------------------------------------------------------------------------------------------------


class Rebuild:
    """A rebuild fed batch by batch over several requests: the engine's one commit comes with the last."""

    def __init__(self, engine: TantivyEngine) -> None:
        self.batches: queue.Queue[list[dict[str, Any]] | None] = queue.Queue(maxsize=4)
        self.count = 0
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(engine,), daemon=True)
        self.thread.start()

    def _run(self, engine: TantivyEngine) -> None:
        try:
            self.count = engine.rebuild(iter(self.batches.get, None))
        except BaseException as error:  # reported to the client at the end
            self.error = error

    def finish(self) -> int:
        self.batches.put(None)
        self.thread.join()
        if self.error is not None:
            raise ServiceError(f"the rebuild failed: {self.error}")
        return self.count


class EngineService:
    """The engine's methods, called with and answering plain data."""

    def __init__(self, engine: TantivyEngine) -> None:
        self.engine = engine
        self.rebuild: Rebuild | None = None
        self.lock = threading.Lock()

    def call(self, method: str, data: dict[str, Any]) -> Any:
        engine = self.engine
        if method == "search":
            answer = engine.search(load_query(data["query"]), access=load_access(data["access"]))
            return {
                "hits": [asdict(hit) for hit in answer.hits],
                "total": answer.total,
                "counts": answer.counts,
                "facets_counted_among": answer.facets_counted_among,
            }
        if method == "count":
            return engine.count(load_query(data["query"]), access=load_access(data["access"]))
        if method == "ranked":
            return engine.ranked(
                words=[str(word) for word in data["words"]],
                title_prefix=bool(data["title_prefix"]),
                access=load_access(data["access"]),
                limit=int(data["limit"]),
            )
        if method == "title_words":
            return engine.title_words(
                words=[str(word) for word in data["words"]],
                access=load_access(data["access"]),
                limit=int(data["limit"]),
            )
        if method == "vocabulary":
            return engine.vocabulary()
        if method == "version":
            return engine.version()
        if method == "replace":
            engine.replace([int(pk) for pk in data["item_ids"]], list(data["documents"]))
            return None
        if method == "clear":
            engine.clear()
            return None
        return self.call_rebuild(method, data)

    def call_rebuild(self, method: str, data: dict[str, Any]) -> Any:
        with self.lock:
            if method == "rebuild_start":
                if self.rebuild is not None:
                    raise ServiceError("a rebuild is already under way")
                self.rebuild = Rebuild(self.engine)
                return None
            rebuild = self.rebuild
            if rebuild is None:
                raise ServiceError(f"unknown method {method!r}, or no rebuild under way")
            if method == "rebuild_add":
                rebuild.batches.put(list(data["documents"]))
                return None
            if method == "rebuild_finish":
                self.rebuild = None
                return rebuild.finish()
        raise ServiceError(f"unknown method {method!r}")


def make_server(engine: TantivyEngine, *, host: str, port: int, token: str) -> ThreadingHTTPServer:
    """An HTTP server (not yet serving) for this engine; requests must carry the token."""
    service = EngineService(engine)
    expected = f"Bearer {token}".encode()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            given = (self.headers.get("Authorization") or "").encode()
            if not token or not hmac.compare_digest(given, expected):
                self._answer(401, {"error": "a valid token is required"})
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_REQUEST_BYTES:
                self._answer(413, {"error": "request too large"})
                return
            try:
                data = json.loads(self.rfile.read(length) or b"{}")
                result = service.call(self.path.strip("/"), data)
            except (ServiceError, KeyError, TypeError, ValueError) as error:
                self._answer(400, {"error": str(error)})
                return
            except Exception:
                logger.exception("search service request %s failed", self.path)
                self._answer(500, {"error": "the search engine failed; see the service's log"})
                return
            self._answer(200, {"result": result})

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            logger.debug("search service: " + format, *args)

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server


# The client ----------------------------------------------------------------------------------------------------


class ServiceEngine:
    """The engine of a search service, asked over HTTP (the backend "tantivy_service")."""

    def __init__(self, url: str, *, token: str, timeout: float = 10.0) -> None:
        if not url.startswith(("http://", "https://")):
            raise ServiceError(f"LIBRARY_SEARCH_SERVICE_URL must be an http(s) address, not {url!r}.")
        self.url = url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def _call(self, method: str, **data: Any) -> Any:
        request = urllib.request.Request(  # noqa: S310 (http(s) only, checked above)
            f"{self.url}/{method}",
            data=json.dumps(data).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.token}"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                return json.loads(response.read())["result"]
        except urllib.error.HTTPError as error:
            detail = error.read().decode(errors="replace")[:300]
            raise ServiceError(f"the search service answered {error.code} to {method}: {detail}") from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise ServiceError(f"the search service at {self.url} cannot be reached: {error}") from error

    def search(self, query: SearchQuery, *, access: LibraryAccess) -> EngineAnswer:
        data = self._call("search", query=dump_query(query), access=dump_access(access))
        return EngineAnswer(
            hits=[Hit(**hit) for hit in data["hits"]],
            total=data["total"],
            counts=data["counts"],
            facets_counted_among=int(data.get("facets_counted_among", 0)),  # (0 from a service before it)
        )

    def count(self, query: SearchQuery, *, access: LibraryAccess) -> int:
        return int(self._call("count", query=dump_query(query), access=dump_access(access)))

    def ranked(self, *, words: list[str], title_prefix: bool, access: LibraryAccess, limit: int) -> list[int]:
        answer = self._call(
            "ranked", words=words, title_prefix=title_prefix, access=dump_access(access), limit=limit
        )
        return [int(pk) for pk in answer]

    def title_words(self, *, words: list[str], access: LibraryAccess, limit: int) -> dict[str, list[int]]:
        answer = self._call("title_words", words=words, access=dump_access(access), limit=limit)
        return {str(word): [int(pk) for pk in ids] for word, ids in answer.items()}

    def vocabulary(self) -> dict[str, int]:
        return {str(word): int(count) for word, count in self._call("vocabulary").items()}

    def version(self) -> str:
        return str(self._call("version"))

    def replace(self, item_ids: list[int], documents: list[dict[str, Any]]) -> None:
        self._call("replace", item_ids=item_ids, documents=documents)

    def rebuild(self, batches: Iterable[list[dict[str, Any]]]) -> int:
        self._call("rebuild_start")
        for documents in batches:
            self._call("rebuild_add", documents=documents)
        return int(self._call("rebuild_finish"))

    def clear(self) -> None:
        self._call("clear")
