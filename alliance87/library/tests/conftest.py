"""Fixtures of the library's tests: every search test runs on every search backend."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from alliance87.library.search.service import make_server
from alliance87.library.search.tantivy_engine import TantivyEngine

BACKEND_DATABASES = {"sqlite_fts5": "sqlite", "postgres": "postgresql"}


@pytest.fixture
def search_service(settings, tmp_path):
    """A search service on a free local port, serving an engine of its own (the "tantivy_service" backend)."""
    server = make_server(TantivyEngine(tmp_path / "service"), host="127.0.0.1", port=0, token="test-token")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.LIBRARY_SEARCH_SERVICE_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.LIBRARY_SEARCH_SERVICE_TOKEN = "test-token"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(params=["sqlite_fts5", "postgres", "tantivy", "tantivy_service"])
def search_backend(request, settings, tmp_path) -> str:
    """Run a test on each backend: an in-database one on its own database, tantivy in its own directory, and
    tantivy behind a search service."""
    vendor = BACKEND_DATABASES.get(request.param)
    if vendor and connection.vendor != vendor:
        pytest.skip(f"the {request.param} backend needs {vendor} (the suite runs on both databases)")
    settings.LIBRARY_SEARCH_BACKEND = request.param
    if request.param == "tantivy":
        settings.LIBRARY_SEARCH_INDEX_DIR = tmp_path / "tantivy"
    if request.param == "tantivy_service":
        request.getfixturevalue("search_service")
    return request.param
