"""Property-based fuzzing of the whole API from its OpenAPI document (schemathesis), bounded so CI stays fast.

Every operation gets a few generated requests (valid and invalid against the schema), each sent anonymously and
with a token of every role of the `world`: none may answer 5xx, and every documented answer must match its
schema. The number of requests per operation is ``API_FUZZ_EXAMPLES`` (3 by default); the generation is
derandomized, so a failure in CI reproduces locally with the same seed. For a deeper run:
``API_FUZZ_EXAMPLES=200 .venv/bin/pytest -n 2 alliance87/api/tests/test_fuzz.py``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from alliance87.accounts.services import issue_api_token
from alliance87.api.urls import api
from tests.api import ROLES

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "3"))

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
application = WSGIHandler()


@pytest.fixture
def keep_connection() -> Iterator[None]:
    """The WSGI handler closes the database connection after each request, which would end the test's
    transaction (on PostgreSQL); Django's own test client keeps it open the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(world: Any) -> dict[str, dict[str, str]]:
    """The headers each role sends: nothing for anonymous, a bearer token for everyone else."""
    headers: dict[str, dict[str, str]] = {"anonymous": {}}
    for role in ROLES[1:]:
        _, raw = issue_api_token(user=getattr(world, role), name="fuzz")
        headers[role] = {"Authorization": f"Bearer {raw}"}
    return headers


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    phases=[Phase.generate],  # no schema examples or coverage phase: those ignore max_examples
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_fails_or_breaks_its_schema(
    case: Any, tokens: dict[str, dict[str, str]], keep_connection: None
) -> None:
    for role in ROLES:
        case.call_and_validate(
            app=application,
            headers=tokens[role],
            checks=[not_a_server_error, response_schema_conformance],
        )
