"""A country's path over the API: only the Secretariat records steps, with every credential; anyone reads them,
seeing only the plans and documents they may; the order rules name the field they refuse."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from alliance87.countries.models import PathStepKind
from alliance87.countries.services import PathStepInput, record_path_step
from alliance87.library.models import Access
from alliance87.library.tests.factories import make_item
from alliance87.meetings.tests.factories import make_event
from alliance87.plans.models import PlanStatus
from alliance87.plans.tests.factories import make_plan
from tests.api import Operation, check_answer, field_names, matrix

SECRETARIAT = frozenset({"secretariat", "admin"})


def _interest(world: Any) -> dict[str, Any]:
    step = record_path_step(
        by=world.secretariat,
        pathfinder=world.fiji,
        values=PathStepInput(kind=PathStepKind.EXPRESSION_OF_INTEREST, date=datetime.date(2018, 3, 1)),
    )
    return {"step": step.pk}


OPERATIONS = {
    "correct step": Operation(
        "PATCH",
        "/countries/fj/path/{step}",
        {"date": "2018-03-02", "reason": "The letter is dated 2 March."},
        SECRETARIAT,
        200,
        setup=_interest,
    ),
    "delete step": Operation(
        "DELETE",
        "/countries/fj/path/{step}?reason=Recorded+by+mistake",
        None,
        SECRETARIAT,
        204,
        setup=_interest,
    ),
    "record step": Operation(
        "POST",
        "/countries/fj/path",
        {"kind": "expression_of_interest", "date": "2018-03-01", "signatory": "Minister of Employment"},
        SECRETARIAT,
        201,
    ),
}


@pytest.mark.parametrize("via", ["token", "session"])
@pytest.mark.parametrize(("operation", "role", "expected"), matrix(OPERATIONS))
def test_permission_matrix(
    api_as: Any, world: Any, via: str, operation: str, role: str, expected: int
) -> None:
    check_answer(OPERATIONS[operation].call(api_as(role, via=via), world), expected)


@pytest.fixture
def accepted(world: Any) -> Any:
    for kind, date in [
        (PathStepKind.EXPRESSION_OF_INTEREST, datetime.date(2018, 3, 1)),
        (PathStepKind.GCG_ACCEPTANCE, datetime.date(2018, 7, 1)),
        (PathStepKind.COORDINATION, datetime.date(2018, 10, 1)),
    ]:
        record_path_step(
            by=world.secretariat, pathfinder=world.fiji, values=PathStepInput(kind=kind, date=date)
        )
    return world.fiji


def test_the_secretariat_records_a_workshop_and_the_adopted_plan(
    api_as: Any, world: Any, accepted: Any
) -> None:
    secretariat = api_as("secretariat")
    workshop = make_event(owner_country=world.fiji, slug="fiji-workshop")
    note = make_item(title="Guidance tool for the strategic planning workshop", slug="guidance-tool")
    plan = make_plan(owner_country=world.fiji, slug="fiji-nap", status=PlanStatus.ADOPTED)

    response = secretariat.post(
        "/countries/fj/path",
        {
            "kind": "consultation",
            "date": "2019-05-02",
            "event": "fiji-workshop",
            "documents": ["guidance-tool"],
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["events"][0]["url"] == workshop.get_absolute_url()
    assert response.json()["documents"][0]["title"] == note.title

    refused = secretariat.post(
        "/countries/fj/path", {"kind": "action_plan", "date": "2020-01-15", "plan": "fiji-nap"}
    )
    assert refused.status_code == 400
    assert field_names(refused) == {"earlier_steps_reason"}

    adopted = secretariat.post(
        "/countries/fj/path",
        {
            "kind": "action_plan",
            "date": "2020-01-15",
            "plan": plan.slug,
            "earlier_steps_reason": "In the plan.",
        },
    )
    assert adopted.status_code == 201
    assert adopted.json()["plans"][0]["slug"] == "fiji-nap"

    path = api_as("anonymous").get("/countries/fj/path").json()
    assert [(s["kind"], s["skip_reason"]) for s in path][-2:] == [
        ("roadmap", "In the plan."),
        ("action_plan", ""),
    ]
    assert api_as("anonymous").get("/countries/fj").json()["current_step"] == "action_plan"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "consultation", "date": "2017-01-01"}, "date"),
        ({"kind": "consultation", "date": "2019-05-02", "event": "nowhere"}, "event"),
        ({"kind": "consultation", "date": "2019-05-02", "documents": ["nothing"]}, "documents"),
        (
            {"kind": "consultation", "date": "2019-05-02", "responsible_organisation": "nobody"},
            "responsible_organisation",
        ),
        ({"kind": "coordination", "date": "2019-05-02"}, "kind"),
    ],
)
def test_bad_steps_are_refused_naming_the_field_and_nothing_is_saved(
    api_as: Any, world: Any, accepted: Any, payload: dict[str, Any], field: str
) -> None:
    response = api_as("secretariat").post("/countries/fj/path", payload)

    assert response.status_code == 400, response.content
    assert field_names(response) == {field}
    assert world.fiji.path_steps.count() == 3


def test_an_event_of_another_country_is_refused(api_as: Any, world: Any, accepted: Any) -> None:
    from alliance87.countries.models import PathfinderCountry

    make_event(owner_country=PathfinderCountry.objects.create(country="MG"), slug="elsewhere")

    response = api_as("secretariat").post(
        "/countries/fj/path", {"kind": "consultation", "date": "2019-05-02", "event": "elsewhere"}
    )

    assert field_names(response) == {"event"}
    assert world.fiji.path_steps.count() == 3


def test_restricted_documents_show_only_to_those_who_may_see_them(
    api_as: Any, world: Any, accepted: Any
) -> None:
    memo = make_item(title="Coordination memo", access=Access.PARTNERS)
    memo.path_steps.add(accepted.path_steps.get(kind="coordination"))

    def documents(role: str) -> list[str]:
        steps = api_as(role).get("/countries/fj/path").json()
        return [d["title"] for s in steps for d in s["documents"]]

    assert documents("anonymous") == []
    assert documents("secretariat") == ["Coordination memo"]


def test_counts_by_step_as_of_a_date_and_the_step_filter(api_as: Any, world: Any, accepted: Any) -> None:
    client = api_as("anonymous")

    counts = client.get("/countries/path-counts", as_of="2018-08-01").json()
    assert counts["as_of"] == "2018-08-01"
    assert {c["step"]: c["count"] for c in counts["counts"]}["gcg_acceptance"] == 1
    assert [c["code"] for c in client.get("/countries", step="coordination").json()["items"]] == ["FJ"]
    assert client.get("/countries", step="coordination", as_of="2018-08-01").json()["items"] == []
    assert client.get("/countries", step="leaving").status_code == 422


def test_a_correction_over_the_api_follows_the_rules_and_names_the_field(
    api_as: Any, world: Any, accepted: Any
) -> None:
    secretariat = api_as("secretariat")
    steps = {s["kind"]: s for s in secretariat.get("/countries/fj/path").json()}
    acceptance = steps["gcg_acceptance"]["id"]

    early = secretariat.patch(f"/countries/fj/path/{acceptance}", {"date": "2018-01-01", "reason": "Typo"})
    no_reason = secretariat.patch(f"/countries/fj/path/{acceptance}", {"notes": "x"})
    fixed = secretariat.patch(f"/countries/fj/path/{acceptance}", {"date": "2018-08-20", "reason": "Minutes"})

    assert (early.status_code, field_names(early)) == (400, {"date"})
    assert (no_reason.status_code, field_names(no_reason)) == (400, {"reason"})
    assert fixed.status_code == 200 and fixed.json()["date"] == "2018-08-20"


def test_a_deletion_over_the_api_keeps_the_path_whole(api_as: Any, world: Any, accepted: Any) -> None:
    secretariat = api_as("secretariat")
    steps = {s["kind"]: s["id"] for s in secretariat.get("/countries/fj/path").json()}

    refused = secretariat.delete(f"/countries/fj/path/{steps['gcg_acceptance']}?reason=Wrong")
    unknown = secretariat.delete("/countries/fj/path/999999?reason=Wrong")
    deleted = secretariat.delete(f"/countries/fj/path/{steps['coordination']}?reason=Wrong+country")

    assert (refused.status_code, field_names(refused)) == (400, {"reason"})
    assert unknown.status_code == 404
    assert deleted.status_code == 204
    assert secretariat.get("/countries/fj").json()["status"] == "preparing"
