"""The OpenAPI document is built when the web server starts, once per language, and then only served."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from alliance87 import gunicorn_conf
from alliance87.api import docs
from alliance87.api.urls import api
from alliance87.core.management.commands import serve


@pytest.fixture
def no_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docs, "_documents", {})


def test_a_starting_worker_builds_the_document_once_per_language_and_serves_it(
    client: Client, db: None, no_documents: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds: list[str] = []
    build = api.get_openapi_schema

    def counted(*args, **kwargs):
        builds.append("built")
        return build(*args, **kwargs)

    monkeypatch.setattr(api, "get_openapi_schema", counted)
    assert docs.warm_documents() == ["en", "fr", "es"]
    assert len(builds) == 3

    first = client.get("/api/v1/openapi.json", headers={"accept-language": "fr"})
    assert first.status_code == 200 and first["ETag"]
    assert len(builds) == 3, "served from the start-up build, not built again"
    again = client.get(
        "/api/v1/openapi.json", headers={"accept-language": "fr", "if-none-match": first["ETag"]}
    )
    assert again.status_code == 304
    client.get("/api/v1/openapi.json")
    assert len(builds) == 3


def test_the_master_builds_the_document_before_forking_its_workers_and_closes_the_database(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    called: list[str] = []
    monkeypatch.setattr(docs, "warm_documents", lambda: called.append("warm") or [])
    closed: list[str] = []
    monkeypatch.setattr(gunicorn_conf_connections(), "close_all", lambda: closed.append("closed"))
    assert gunicorn_conf.preload_app is True, "the application is loaded in the master, so workers inherit it"
    gunicorn_conf.when_ready(server=None)
    assert called == ["warm"]
    assert closed == ["closed"], "no worker may inherit the master's database connection"
    source = Path(serve.__file__).read_text(encoding="utf-8")
    assert "--config=python:alliance87.gunicorn_conf" in source


def test_a_failed_build_at_start_is_logged_and_the_server_still_starts(
    db: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> list[str]:
        raise RuntimeError("no schema")

    monkeypatch.setattr(docs, "warm_documents", broken)
    gunicorn_conf.when_ready(server=None)
    assert "built on first use" in caplog.text


def gunicorn_conf_connections():
    from django.db import connections

    return connections
