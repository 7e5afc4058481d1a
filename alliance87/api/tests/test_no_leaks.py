"""Walk every API read as each demo role: nothing a role may not see appears anywhere, even sideways.

The demo's restricted library document is attached to an agenda session and cited as the evidence of a value,
so the walk passes through the places that leaked it (issue 15, item 7). Every GET operation of the OpenAPI
document is called: lists first, then details with the ids and slugs the lists gave (a few of each), plus the
restricted slugs themselves.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any

import pytest
from django.core.management import call_command

from alliance87.accounts.models import User
from alliance87.api.urls import api
from alliance87.library.models import Item
from alliance87.library.selectors import visible_items
from alliance87.meetings import services as meeting_services
from alliance87.meetings.models import AgendaSession
from alliance87.plans.models import IndicatorValue, Plan
from alliance87.plans.permissions import visible_plans
from tests.api import ApiClient

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": None,
    "member": "member@demo.alliance87.org",
    "focal point": "focal@demo.alliance87.org",
    "chair": "chair@demo.alliance87.org",
    "secretariat": "secretariat@demo.alliance87.org",
}
#: A path's last segment, and the path parameter its objects' ids fill.
ID_PARAMS = {
    "indicators": "indicator_id",
    "terms": "term_id",
    "threads": "thread_id",
    "applications": "application_id",
    "membership-requests": "request_id",
    "tables": "table_id",
    "files": "file_id",
    "history": "value_id",
}
PER_FAMILY = 2


def _operations() -> list[tuple[str, list[str]]]:
    schema = api.get_openapi_schema(path_prefix="")
    found = []
    for path, operations in schema["paths"].items():
        if "get" in operations and not path.endswith(".csv"):
            params = [p["name"] for p in operations["get"].get("parameters", []) if p["in"] == "path"]
            found.append((path, params))
    return sorted(found, key=lambda op: len(op[1]))


def _collect(data: Any, path: str, pools: dict[str, list[Any]]) -> None:
    """Remember the slugs, codes and ids a response names, under the parameter they can fill."""
    family = re.sub(r"/\{?[^/]+\}?$", "", path) if "{" in path else path
    last = path.rstrip("/").split("/")[-1]

    def walk(node: Any, key: str) -> None:
        if isinstance(node, dict):
            for name, value in node.items():
                if name in ("slug", "code") and isinstance(value, str):
                    pools[f"{family}:{name}"].append(value)
                if name == "id" and isinstance(value, int) and key in ID_PARAMS:
                    pools[ID_PARAMS[key]].append(value)
                walk(value, name if isinstance(value, list | dict) else key)
        elif isinstance(node, list):
            for value in node:
                walk(value, key)

    walk(data, last)


def _values(path: str, param: str, pools: dict[str, list[Any]], forbidden_slugs: set[str]) -> list[Any]:
    if param in ("slug", "code"):
        family = path.split("/{")[0]
        values = list(dict.fromkeys(pools[f"{family}:{param}"]))[:PER_FAMILY]
        return values + sorted(forbidden_slugs) if param == "slug" else values
    return list(dict.fromkeys(pools[param]))[:PER_FAMILY]


def walk_api(client: ApiClient, forbidden: set[str], forbidden_slugs: set[str]) -> tuple[int, list[str]]:
    pools: dict[str, list[Any]] = defaultdict(list)
    calls, leaks = 0, []
    for _round in range(2):  # details found in details (an indicator's id in a plan's nodes) on the second
        for path, params in _operations():
            if len(params) > 1:
                continue
            urls = (
                [path]
                if not params
                else [
                    path.replace("{" + params[0] + "}", str(v))
                    for v in _values(path, params[0], pools, forbidden_slugs)
                ]
            )
            for url in urls:
                response = client.get(url)
                calls += 1
                assert response.status_code < 500, (url, response.status_code)
                body = response.content.decode()
                leaks.extend(f"{url}: {text}" for text in forbidden if text in body)
                if response.status_code == 200 and response["Content-Type"].startswith("application/json"):
                    _collect(json.loads(body), path, pools)
    return calls, leaks


@pytest.fixture
def demo_with_sideways_links(db: None) -> Item:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    restricted = Item.objects.get(slug="draft-research-agenda-knowledge-gaps")
    secretariat = User.objects.get(email=ROLES["secretariat"])
    session = AgendaSession.objects.select_related("event").order_by("pk").first()
    assert session is not None
    meeting_services.save_session(
        event=session.event,
        by=secretariat,
        session=session,
        values=meeting_services.SessionInput(documents=[*session.documents.all(), restricted]),
    )
    value = IndicatorValue.objects.order_by("pk").first()
    assert value is not None
    IndicatorValue.objects.filter(pk=value.pk).update(evidence_item=restricted)
    return restricted


def test_no_role_sees_through_the_api_what_it_may_not_see(demo_with_sideways_links: Item) -> None:
    walked = 0
    for role, email in ROLES.items():
        user = User.objects.get(email=email) if email else None
        hidden_items = Item.objects.exclude(pk__in=visible_items(user).values("pk"))
        hidden_plans = Plan.objects.exclude(pk__in=visible_plans(user).values("pk"))
        forbidden_slugs = {
            *hidden_items.values_list("slug", flat=True),
            *hidden_plans.values_list("slug", flat=True),
        }
        forbidden = {
            *forbidden_slugs,
            *hidden_items.values_list("title", flat=True),
            *hidden_plans.values_list("title", flat=True),
        }
        if role == "anonymous":
            assert demo_with_sideways_links.slug in forbidden_slugs, role  # the walk proves something
        calls, leaks = walk_api(ApiClient(user), forbidden, forbidden_slugs)
        assert not leaks, (role, leaks[:10])
        walked += calls
    assert walked > 200
