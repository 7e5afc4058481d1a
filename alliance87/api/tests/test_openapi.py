"""The OpenAPI document describes every operation, and the docs page works under our CSP from local files."""

import enum
import json
import re
from typing import Any, get_args

import pytest
from django.test import Client
from django.urls import reverse
from pydantic import BaseModel

from alliance87.api.urls import api

EXPECTED_PATHS = {
    "/api/v1/organisations": {"get", "post"},
    "/api/v1/organisations/{slug}": {"get", "patch"},
    "/api/v1/applications": {"get", "post"},
    "/api/v1/applications/{application_id}": {"get"},
    "/api/v1/applications/{application_id}/approve": {"post"},
    "/api/v1/applications/{application_id}/reject": {"post"},
    "/api/v1/bodies": {"get", "post"},
    "/api/v1/bodies/{slug}": {"get", "patch"},
    "/api/v1/bodies/{slug}/terms": {"get", "post"},
    "/api/v1/role-terms/{term_id}": {"get", "patch", "delete"},
    "/api/v1/membership-requests": {"get", "post"},
    "/api/v1/membership-requests/{request_id}": {"get"},
    "/api/v1/membership-requests/{request_id}/approve": {"post"},
    "/api/v1/membership-requests/{request_id}/decline": {"post"},
    "/api/v1/membership-requests/{request_id}/withdraw": {"post"},
    "/api/v1/countries": {"get", "post"},
    "/api/v1/countries/{code}": {"get", "patch"},
    "/api/v1/countries/path-counts": {"get"},
    "/api/v1/countries/{code}/path": {"get", "post"},
    "/api/v1/countries/{code}/path/{step_id}": {"patch", "delete"},
    "/api/v1/dashboard/completeness": {"get"},
    "/api/v1/plans": {"get", "post"},
    "/api/v1/common-indicators": {"get", "post"},
    "/api/v1/common-indicators/{slug}": {"get", "patch", "delete"},
    "/api/v1/library/search": {"get"},
    "/api/v1/library/search/suggest": {"get"},
    "/api/v1/library/items": {"get", "post"},
    "/api/v1/library/items/{slug}": {"get", "patch", "delete"},
    "/api/v1/library/items/{slug}/files": {"post"},
    "/api/v1/library/files/{file_id}": {"get"},
    "/api/v1/library/collections": {"get"},
    "/api/v1/library/collections/{slug}": {"get"},
    "/api/v1/community/spaces": {"get"},
    "/api/v1/community/spaces/{slug}": {"get"},
    "/api/v1/community/spaces/{slug}/threads": {"get", "post"},
    "/api/v1/community/threads/{thread_id}": {"get"},
    "/api/v1/community/threads/{thread_id}/posts": {"get", "post"},
    "/api/v1/community/notifications": {"get"},
    "/api/v1/community/notifications/read": {"post"},
    "/api/v1/plans/{slug}": {"get", "patch", "delete"},
    "/api/v1/plans/{slug}/nodes": {"get", "post"},
    "/api/v1/nodes/{node_id}": {"patch", "delete"},
    "/api/v1/nodes/{node_id}/move": {"post"},
    "/api/v1/plans/{slug}/indicators": {"get"},
    "/api/v1/nodes/{node_id}/indicators": {"post"},
    "/api/v1/indicators/{indicator_id}": {"get", "patch", "delete"},
    "/api/v1/indicators/{indicator_id}/assessment": {"get"},
    "/api/v1/indicators/{indicator_id}/periods": {"post"},
    "/api/v1/periods/{period_id}": {"patch", "delete"},
    "/api/v1/periods/{period_id}/value": {"put"},
    "/api/v1/values/pending": {"get"},
    "/api/v1/values/{value_id}/approve": {"post"},
    "/api/v1/values/{value_id}/return": {"post"},
    "/api/v1/values/{value_id}/history": {"get"},
    "/api/v1/plans/{slug}/budget": {"get", "post"},
    "/api/v1/budget-lines/{line_id}": {"patch", "delete"},
    "/api/v1/commitments": {"get", "post"},
    "/api/v1/commitments/register": {"get"},
    "/api/v1/commitments/completeness": {"get"},
    "/api/v1/commitments/{commitment_id}": {"get", "patch", "delete"},
    "/api/v1/commitments/{commitment_id}/deliverables": {"post"},
    "/api/v1/commitments/deliverables/{deliverable_id}": {"patch", "delete"},
    "/api/v1/commitments/deliverables/{deliverable_id}/reports": {"post"},
    "/api/v1/commitments/reports/{report_id}": {"patch"},
    "/api/v1/news": {"get", "post"},
    "/api/v1/news/{slug}": {"get", "patch"},
    "/api/v1/newsletter/subscriptions": {"post"},
    "/api/v1/events": {"get", "post"},
    "/api/v1/events/{slug}": {"get", "patch"},
    "/api/v1/events/{slug}/cancel": {"post"},
    "/api/v1/events/{slug}/agenda": {"get", "post"},
    "/api/v1/agenda-sessions/{session_id}": {"patch", "delete"},
    "/api/v1/events/{slug}/registration": {"get", "post", "delete"},
    "/api/v1/events/{slug}/registrations": {"get"},
    "/api/v1/registrations/{registration_id}/approve": {"post"},
    "/api/v1/registrations/{registration_id}/decline": {"post"},
    "/api/v1/events/{slug}/participants": {"get"},
    "/api/v1/events/{slug}/outcomes": {"get", "post"},
    "/api/v1/outcomes/{outcome_id}": {"patch", "delete"},
    "/api/v1/events/{slug}/roadmap": {"get", "post"},
    "/api/v1/roadmap-actions/{action_id}": {"patch", "delete"},
    "/api/v1/roadmap-actions/{action_id}/plan-activity": {"post", "put"},
    "/api/v1/events/{slug}/minutes": {"get", "put"},
    "/api/v1/events/{slug}/minutes/publish": {"post"},
    "/api/v1/events/{slug}/decisions": {"get", "post"},
    "/api/v1/decisions": {"get"},
    "/api/v1/decisions/{decision_id}": {"get", "patch", "delete"},
    "/api/v1/decisions/{decision_id}/actions": {"post"},
    "/api/v1/follow-up-actions": {"get"},
    "/api/v1/follow-up-actions/{action_id}": {"get", "patch", "delete"},
    "/api/v1/follow-up-actions/{action_id}/status": {"post"},
    "/api/v1/data/series": {"get"},
    "/api/v1/data/series/{code}": {"get"},
    "/api/v1/data/observations": {"get"},
    "/api/v1/data/observations.csv": {"get"},
    "/api/v1/data/areas": {"get"},
    "/api/v1/data/areas/{code}/profile": {"get"},
    "/api/v1/data/areas/{code}/profile.csv": {"get"},
    "/api/v1/data/targets": {"get"},
    "/api/v1/data/imports": {"post"},
    "/api/v1/data/imports/{import_id}": {"get"},
    "/api/v1/imports/{job_id}": {"get"},
    "/api/v1/library/imports": {"post"},
    "/api/v1/data/tables": {"get"},
    "/api/v1/data/tables/{table_id}": {"get"},
}
#: Writes that send back the version they read, refused with 409 when it is stale.
VERSIONED_WRITES = {
    ("put", "/api/v1/periods/{period_id}/value"),
    ("post", "/api/v1/values/{value_id}/approve"),
    ("post", "/api/v1/values/{value_id}/return"),
}
PERSON_SECURITY = [{"BearerToken": []}, {"SessionCookie": []}]


@pytest.fixture
def document(client: Client) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, op) for path, item in document["paths"].items() for method, op in item.items()]


def test_openapi_lists_every_path_and_method(document: dict[str, Any]) -> None:
    assert {path: set(item) for path, item in document["paths"].items()} == EXPECTED_PATHS


def test_openapi_url_is_the_one_templates_link_to() -> None:
    assert reverse("api-1.0.0:openapi-json") == "/api/v1/openapi.json"
    assert reverse("api-1.0.0:openapi-view") == "/api/v1/docs"
    assert api.urls_namespace == "api-1.0.0"


def test_every_operation_declares_its_error_responses(document: dict[str, Any]) -> None:
    error_ref = "#/components/schemas/ErrorOut"
    for path, method, operation in operations(document):
        responses = operation["responses"]
        expected = {"422"} | ({"404"} if "{" in path else set())
        if "security" in operation:
            expected |= {"401"}  # also when credentials are optional: a token sent and refused
            if {} not in operation["security"]:
                expected |= {"403"}
        if method != "get":
            expected |= {"400"}
        if (method, path) in VERSIONED_WRITES:
            expected |= {"409"}
        assert expected <= set(responses), (method, path)
        for code in expected:
            assert responses[code]["content"]["application/json"]["schema"]["$ref"] == error_ref


def test_writes_document_both_credentials_and_reads_are_open(document: dict[str, Any]) -> None:
    schemes = document["components"]["securitySchemes"]
    assert schemes["BearerToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["BearerToken"]["description"],
    }
    assert schemes["SessionCookie"]["in"] == "cookie"
    assert schemes["SessionCookie"]["name"] == "sessionid"
    for path, method, operation in operations(document):
        restricted_read = path.startswith(("/api/v1/applications", "/api/v1/membership-requests")) or (
            path in {"/api/v1/values/pending", "/api/v1/values/{value_id}/history"}
        )
        # an event's registrations and participants are for its participants and organisers
        restricted_read |= path.startswith("/api/v1/events/{slug}/") and path.endswith(
            ("/registration", "/registrations", "/participants")
        )
        # plans may be drafts, shown only to their editors and reporters: credentials optional
        # so may library items restricted to partners or to a body's members
        plan_read = path.startswith(("/api/v1/plans", "/api/v1/indicators", "/api/v1/library"))
        plan_read |= path.startswith("/api/v1/common-indicators")  # combined over the plans one may see
        plan_read |= path.startswith(
            "/api/v1/library/search"
        )  # finds restricted items for those who may see them
        # members-only spaces show to their members; one's notifications only to oneself
        plan_read |= path.startswith("/api/v1/community")
        restricted_read |= path == "/api/v1/community/notifications"
        plan_read |= path.startswith("/api/v1/news")  # drafts show to the people who may write news
        # series and tables may be limited to partners or to a body's members; one's imports are one's own
        plan_read |= path.startswith("/api/v1/data") and path != "/api/v1/data/areas"
        restricted_read |= path == "/api/v1/data/imports/{import_id}"
        # an import is its starter's (and the Secretariat's)
        restricted_read |= path == "/api/v1/imports/{job_id}"
        # the completeness dashboard is for the Secretariat and the chairs of bodies
        restricted_read |= path == "/api/v1/dashboard/completeness"
        plan_read |= path == "/api/v1/countries/{code}/path"  # a step's plans and documents may be restricted
        plan_read |= path == "/api/v1/commitments/{commitment_id}"  # a report's evidence may be restricted
        # draft minutes show to the body's members; "mine=true" lists the caller's follow-up actions
        plan_read |= path in {"/api/v1/events/{slug}/minutes", "/api/v1/follow-up-actions"}
        public_write = (method, path) in {
            ("post", "/api/v1/applications"),
            ("post", "/api/v1/newsletter/subscriptions"),
        }
        if (method != "get" and not public_write) or (method == "get" and restricted_read):
            assert operation["security"] == PERSON_SECURITY, (method, path)
        elif method == "get" and plan_read:
            assert operation["security"] == [*PERSON_SECURITY, {}], (method, path)
        else:
            assert "security" not in operation, (method, path)


def test_list_operations_are_paginated(document: dict[str, Any]) -> None:
    paged = set()
    for path, method, operation in operations(document):
        schema = (
            operation["responses"]["200"]["content"].get("application/json", {}).get("schema", {})
            if method == "get"
            else {}
        )
        if schema.get("$ref", "").split("/")[-1].startswith("Paged"):
            paged.add(path)
            assert {"limit", "offset"} <= {p["name"] for p in operation["parameters"]}, path
            paged_schema = document["components"]["schemas"][schema["$ref"].split("/")[-1]]
            assert {"items", "count", "count_is_exact"} <= set(paged_schema["required"]), path
    assert paged == {
        "/api/v1/organisations",
        "/api/v1/applications",
        "/api/v1/bodies",
        "/api/v1/bodies/{slug}/terms",
        "/api/v1/membership-requests",
        "/api/v1/countries",
        "/api/v1/plans",
        "/api/v1/common-indicators",
        "/api/v1/plans/{slug}/nodes",
        "/api/v1/plans/{slug}/indicators",
        "/api/v1/values/pending",
        "/api/v1/values/{value_id}/history",
        "/api/v1/library/items",
        "/api/v1/library/collections",
        "/api/v1/community/spaces",
        "/api/v1/community/spaces/{slug}/threads",
        "/api/v1/community/threads/{thread_id}/posts",
        "/api/v1/community/notifications",
        "/api/v1/news",
        "/api/v1/commitments",
        "/api/v1/commitments/register",
        "/api/v1/events",
        "/api/v1/events/{slug}/registrations",
        "/api/v1/events/{slug}/participants",
        "/api/v1/decisions",
        "/api/v1/follow-up-actions",
        "/api/v1/data/series",
        "/api/v1/data/observations",
        "/api/v1/data/areas",
        "/api/v1/data/tables",
    }


def test_docs_page_uses_local_static_files_under_its_own_csp(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'<(?:script src|link [^>]*href)="([^"]+)"', html)
    assert assets
    assert all(asset.startswith("/static/") for asset in assets), assets
    assert "<script>" not in html  # no inline script: the page runs under script-src 'self'
    policy = response["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self';" in policy
    assert "/api/v1/openapi.json" in html


def test_docs_static_files_exist(client: Client) -> None:
    from django.contrib.staticfiles import finders

    html = client.get("/api/v1/docs").content.decode()
    for asset in re.findall(r'<(?:script src|link [^>]*href)="/static/([^"]+)"', html):
        assert finders.find(asset), asset


def test_other_pages_keep_the_strict_policy(client: Client, db: None) -> None:
    assert "style-src 'self';" in client.get("/api/v1/openapi.json")["Content-Security-Policy"]


def _schemas_in(annotation: Any, seen: set[type]) -> None:
    """Add every pydantic model and enumeration an annotation names, and those their fields name, to ``seen``."""
    annotation = getattr(annotation, "_wrapped_model", None) or annotation  # Patch[...] wraps its model
    if isinstance(annotation, type) and issubclass(annotation, BaseModel | enum.Enum):
        if annotation not in seen:
            seen.add(annotation)
            for field in getattr(annotation, "model_fields", {}).values():
                _schemas_in(field.annotation, seen)
        return
    for argument in get_args(annotation):
        _schemas_in(argument, seen)


def _shape(schema: type) -> str:
    if issubclass(schema, enum.Enum):
        return json.dumps(sorted(str(member.value) for member in schema))
    return json.dumps(schema.model_json_schema(), sort_keys=True)


def test_no_two_schemas_share_a_component_name(document: dict[str, Any]) -> None:
    """The document names each schema once: two schemas of one name would show one of them for both."""
    seen: set[type] = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in [*operation.models, *operation.response_models.values()]:
                    _schemas_in(model, seen)
    components = set(document["components"]["schemas"])
    by_name: dict[str, dict[str, str]] = {}  # name -> shape -> where a schema of that shape is defined
    for schema in seen:
        if schema.__name__ in components:
            by_name.setdefault(schema.__name__, {})[_shape(schema)] = (
                f"{schema.__module__}.{schema.__qualname__}"
            )
    assert set(by_name) == components  # every component was found, so none escapes the check
    shared = {name: sorted(shapes.values()) for name, shapes in by_name.items() if len(shapes) > 1}
    assert not shared, f"Give each of these schemas a name of its own: {shared}"


def test_thread_posts_and_news_posts_are_documented_by_their_own_schemas(document: dict[str, Any]) -> None:
    def schema_of(path: str, method: str, status: str) -> str:
        content = document["paths"][path][method]["responses"][status]["content"]["application/json"]
        return content["schema"]["$ref"].rsplit("/", 1)[-1]

    assert schema_of("/api/v1/community/threads/{thread_id}/posts", "post", "201") == "ThreadPostOut"
    assert schema_of("/api/v1/news/{slug}", "get", "200") == "NewsPostDetailOut"
    components = document["components"]["schemas"]
    assert "author" in components["ThreadPostOut"]["properties"]
    assert "translation_of" in components["NewsPostOut"]["properties"]


def test_docs_page_leads_back_to_the_site_and_describes_every_module(client: Client, db: None) -> None:
    html = client.get("/api/v1/docs").content.decode()
    assert re.search(r'<a class="api-back" href="/">', html)
    document = client.get("/api/v1/openapi.json").json()
    described = {tag["name"]: tag["description"] for tag in document["tags"]}
    used = {tag for path in document["paths"].values() for op in path.values() for tag in op["tags"]}
    assert used <= set(described), used - set(described)
    for module in (
        "organisations",
        "bodies",
        "pathfinder countries",
        "plans",
        "library",
        "events",
        "news",
        "community",
    ):
        assert described[module]


def test_openapi_document_is_built_once_and_revalidated_with_its_etag(client: Client, db: None) -> None:
    first = client.get("/api/v1/openapi.json")
    assert first.status_code == 200
    etag = first["ETag"]
    assert "max-age" in first["Cache-Control"]
    again = client.get("/api/v1/openapi.json", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert client.get("/api/v1/openapi.json").content == first.content
