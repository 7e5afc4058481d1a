"""The commitments API: the register and commitments for anyone; writing for the partner's focal points and the
Secretariat, with the same rules as the pages (field-named errors)."""

from __future__ import annotations

import datetime

import pytest

from alliance87.commitments.models import Commitment, Deliverable, DeliverableReport
from alliance87.library.models import Access
from alliance87.library.tests.factories import make_item
from tests.api import Operation, check_answer, field_names, matrix

from .factories import make_commitment, make_deliverable, make_report

pytestmark = pytest.mark.django_db

EDITORS = frozenset({"focal_point", "secretariat", "admin"})
EVERYONE = frozenset(
    {"anonymous", "outsider", "member", "focal_point", "other_focal_point", "chair", "secretariat", "admin"}
)


def a_commitment(world):
    commitment = make_commitment(world.ngo, by=world.secretariat)
    deliverable = make_deliverable(commitment, by=world.secretariat, body=world.supply_chains)
    report = make_report(deliverable, 2022, by=world.secretariat)
    return {"c": commitment.pk, "d": deliverable.pk, "r": report.pk}


OPERATIONS = {
    "register": Operation("get", "/commitments/register", None, EVERYONE, 200, a_commitment),
    "list": Operation("get", "/commitments", None, EVERYONE, 200, a_commitment),
    "completeness": Operation("get", "/commitments/completeness", None, EVERYONE, 200, a_commitment),
    "detail": Operation("get", "/commitments/{c}", None, EVERYONE, 200, a_commitment),
    "create": Operation(
        "post",
        "/commitments",
        {"partner": "freedom-fund-example", "title": "Pledge", "made_on": "2023-01-01"},
        EDITORS,
        201,
    ),
    "update": Operation("patch", "/commitments/{c}", {"title": "Renamed"}, EDITORS, 200, a_commitment),
    "delete": Operation("delete", "/commitments/{c}", None, EDITORS, 204, a_commitment),
    "add deliverable": Operation(
        "post",
        "/commitments/{c}/deliverables",
        {"title": "Guide", "due_date": "2026-01-01", "country": "FJ", "in_kind": "Staff time"},
        EDITORS,
        201,
        a_commitment,
    ),
    "update deliverable": Operation(
        "patch", "/commitments/deliverables/{d}", {"title": "Better guide"}, EDITORS, 200, a_commitment
    ),
    "delete deliverable": Operation(
        "delete", "/commitments/deliverables/{d}", None, EDITORS, 204, a_commitment
    ),
    "report": Operation(
        "post",
        "/commitments/deliverables/{d}/reports",
        {"year": 2023, "status": "in_progress", "narrative": "Going."},
        EDITORS,
        201,
        a_commitment,
    ),
    "correct report": Operation(
        "patch", "/commitments/reports/{r}", {"narrative": "Corrected."}, EDITORS, 200, a_commitment
    ),
}


@pytest.mark.parametrize(("name", "role", "expected"), matrix(OPERATIONS))
def test_who_may_make_each_call(api_as, world, name, role, expected):
    check_answer(OPERATIONS[name].call(api_as(role), world), expected)


def test_a_focal_point_records_a_commitment_a_deliverable_and_a_report(api_as, world):
    client = api_as("focal_point")
    item = make_item(slug="fees-policy")
    created = client.post(
        "/commitments", {"partner": "freedom-fund-example", "title": "Zero fees", "made_on": "2023-01-15"}
    )
    assert created.status_code == 201, created.content
    commitment_id = created.json()["id"]
    added = client.post(
        f"/commitments/{commitment_id}/deliverables",
        {
            "title": "Fee-free hiring",
            "due_date": "2025-12-31",
            "body": "supply-chains",
            "pledged_amount": "25000.50",
            "pledged_currency": "eur",
        },
    )
    assert added.status_code == 201, added.content
    assert added.json()["pledged_amount"] == "25000.50" and added.json()["pledged_currency"] == "EUR"
    reported = client.post(
        f"/commitments/deliverables/{added.json()['id']}/reports",
        {"year": 2023, "status": "in_progress", "narrative": "Drafted.", "evidence": ["fees-policy"]},
    )
    assert reported.status_code == 201, reported.content
    assert reported.json()["evidence"] == [item.slug]

    detail = api_as("anonymous").get(f"/commitments/{commitment_id}", as_of="2024-06-01").json()
    deliverable = detail["deliverables"][0]
    assert deliverable["standing"]["light"] == "on_time"
    assert deliverable["reports"][0]["year"] == 2023


def test_bad_input_names_the_field(api_as, world):
    client = api_as("focal_point")
    refused = client.post("/commitments", {"partner": "nobody", "title": "x", "made_on": "2023-01-01"})
    assert refused.status_code == 400 and field_names(refused) == {"partner"}
    commitment = make_commitment(world.ngo, by=world.focal_point)
    refused = client.post(
        f"/commitments/{commitment.pk}/deliverables", {"title": "x", "due_date": "2025-01-01"}
    )
    assert refused.status_code == 400 and field_names(refused) == {"body", "in_kind"}
    assert Deliverable.objects.count() == 0
    refused = client.post(
        f"/commitments/{commitment.pk}/deliverables",
        {
            "title": "x",
            "due_date": "2025-01-01",
            "body": "gcg",
            "pledged_amount": "5",
            "pledged_currency": "ABC",
        },
    )
    assert refused.status_code == 400 and field_names(refused) == {"body", "pledged_currency"}


def test_a_focal_point_may_not_record_for_another_partner(api_as, world):
    refused = api_as("focal_point").post(
        "/commitments", {"partner": "another", "title": "x", "made_on": "2023-01-01"}
    )
    assert refused.status_code == 403
    assert Commitment.objects.count() == 0


def test_evidence_you_may_not_see_is_refused_and_never_shown(api_as, world):
    commitment = make_commitment(world.ngo, by=world.focal_point)
    deliverable = make_deliverable(commitment, by=world.focal_point, body=world.supply_chains)
    memo = make_item(slug="memo", access=Access.BODY, access_body=world.migration)
    refused = api_as("focal_point").post(
        f"/commitments/deliverables/{deliverable.pk}/reports",
        {"year": 2023, "status": "in_progress", "narrative": "x", "evidence": ["memo"]},
    )
    assert refused.status_code == 400 and field_names(refused) == {"evidence"}
    report = make_report(deliverable, 2023, by=world.secretariat, evidence=[memo])
    shown = api_as("anonymous").get(f"/commitments/{commitment.pk}").json()
    assert shown["deliverables"][0]["reports"][0]["evidence"] == []
    assert DeliverableReport.objects.get(pk=report.pk).evidence.count() == 1


def test_the_register_filters_and_states_lights_as_of_a_date(api_as, world):
    commitment = make_commitment(world.ngo, by=world.focal_point, made_on=datetime.date(2022, 3, 1))
    make_deliverable(commitment, by=world.focal_point, title="Helpline", country=world.fiji)
    client = api_as("anonymous")
    answer = client.get("/commitments/register", as_of="2023-04-01").json()
    assert answer["count"] == 1
    row = answer["items"][0]
    assert row["standing"]["light"] == "no_report"
    assert row["standing"]["sentence"] == "No report for 2022: it was due on 31 Mar 2023."
    assert row["partner"]["slug"] == "freedom-fund-example"
    assert client.get("/commitments/register", country="fj", status="late").json()["count"] == 0
    counts = client.get("/commitments/completeness", as_of="2023-04-01").json()
    assert counts == [
        {
            "partner": "freedom-fund-example",
            "total": 1,
            "reported": 0,
            "without_report": 1,
            "not_due_yet": 0,
            "late": 0,
            "on_time": 0,
            "delivered": 0,
            "dropped": 0,
        }
    ]


def test_register_queries_do_not_grow(api_as, world, django_assert_max_num_queries):
    client = api_as("anonymous")

    def add(n):
        for _ in range(n):
            commitment = make_commitment(world.ngo, by=world.secretariat)
            deliverable = make_deliverable(
                commitment, by=world.secretariat, body=world.supply_chains, country=world.fiji
            )
            make_report(deliverable, 2022, by=world.secretariat)

    add(2)
    client.get("/commitments/register")
    add(10)
    with django_assert_max_num_queries(4):
        assert client.get("/commitments/register").json()["count"] == 12
