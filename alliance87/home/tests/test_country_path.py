"""A Pathfinder Country's path on its page: the Secretariat records steps with their event, plan and documents."""

from __future__ import annotations

import datetime

import pytest

from alliance87.countries.models import PathStep, PathStepKind
from alliance87.countries.services import PathStepInput, record_path_step
from alliance87.library.models import Access, ItemCountry
from alliance87.library.tests.factories import make_item
from alliance87.meetings.tests.factories import make_event
from alliance87.plans.models import PlanStatus
from alliance87.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def accepted(world):
    """Fiji has expressed interest, been accepted and set up its national coordination."""
    for kind, date in [
        (PathStepKind.EXPRESSION_OF_INTEREST, D(2018, 3, 1)),
        (PathStepKind.GCG_ACCEPTANCE, D(2018, 7, 1)),
        (PathStepKind.COORDINATION, D(2018, 10, 1)),
    ]:
        record_path_step(
            by=world.secretariat, pathfinder=world.fiji, values=PathStepInput(kind=kind, date=date)
        )
    return world.fiji


def form(kind, date, **extra):
    return {"kind": kind, "date": date, **extra}


def test_the_country_page_shows_the_path_with_the_next_step(world, client, accepted):
    page = client.get("/countries/fj/").content.decode()

    assert "National focal institution and coordination" in page
    assert "path-step path-taken" in page
    assert 'path-step path-next">\n    <h3>National consultation or strategy workshop' in page
    assert "Record a step" not in page


def test_the_secretariat_records_the_workshop_with_its_event_and_documents(world, client_for, accepted):
    workshop = make_event(owner_country=world.fiji, title="Fiji national strategy workshop")
    guidance = make_item(title="Pathfinder Country Guidance note")
    ItemCountry.objects.create(item=guidance, country="FJ")
    client = client_for(world.secretariat)

    response = client.post(
        "/countries/fj/path/new/",
        form(
            "consultation", "2019-05-02", event=workshop.pk, documents=[guidance.pk], responsible="Ministry"
        ),
    )

    assert response.status_code == 302
    step = PathStep.objects.get(pathfinder=world.fiji, kind="consultation")
    assert list(step.events.all()) == [workshop]
    assert list(step.documents.all()) == [guidance]
    page = client.get("/countries/fj/").content.decode()
    assert "Fiji national strategy workshop" in page
    assert "Pathfinder Country Guidance note" in page


def test_an_adopted_plan_recorded_after_a_passed_by_roadmap(world, client_for, accepted):
    record_path_step(
        by=world.secretariat,
        pathfinder=world.fiji,
        values=PathStepInput(kind=PathStepKind.CONSULTATION, date=D(2019, 5, 2)),
    )
    plan = make_plan(owner_country=world.fiji, title="Fiji national action plan", status=PlanStatus.ADOPTED)
    client = client_for(world.secretariat)

    refused = client.post("/countries/fj/path/new/", form("action_plan", "2020-01-15", plan=plan.pk))
    assert refused.status_code == 200
    assert 'id="id_earlier_steps_reason_error"' in refused.content.decode()
    assert not PathStep.objects.filter(kind="action_plan").exists()

    client.post(
        "/countries/fj/path/new/",
        form(
            "action_plan", "2020-01-15", plan=plan.pk, earlier_steps_reason="The plan includes the roadmap."
        ),
    )

    plan.refresh_from_db()
    assert plan.path_step.kind == "action_plan"
    page = client.get("/countries/fj/").content.decode()
    assert "The plan includes the roadmap." in page
    assert "Fiji national action plan" in page


def test_an_event_of_another_country_cannot_be_linked(world, client_for, accepted):
    from alliance87.countries.models import PathfinderCountry

    other = PathfinderCountry.objects.create(country="MG")
    foreign = make_event(owner_country=other)

    response = client_for(world.secretariat).post(
        "/countries/fj/path/new/", form("consultation", "2019-05-02", event=foreign.pk)
    )

    assert response.status_code == 200
    assert 'id="id_event_error"' in response.content.decode()
    assert not PathStep.objects.filter(kind="consultation").exists()


def test_a_restricted_document_stays_hidden_on_the_country_page(world, client, client_for, accepted):
    step = PathStep.objects.get(kind="coordination")
    secret = make_item(title="Internal coordination memo", access=Access.PARTNERS)
    secret.path_steps.add(step)

    assert "Internal coordination memo" not in client.get("/countries/fj/").content.decode()
    assert (
        "Internal coordination memo" in client_for(world.secretariat).get("/countries/fj/").content.decode()
    )


@pytest.mark.parametrize("role", ["chair", "focal_point", "outsider"])
def test_only_the_secretariat_may_open_the_step_form(world, client_for, role):
    client = client_for(getattr(world, role))

    assert client.get("/countries/fj/path/new/").status_code == 403
    assert (
        client.post("/countries/fj/path/new/", form("expression_of_interest", "2018-03-01")).status_code
        == 403
    )
    assert not PathStep.objects.exists()


def test_signed_out_people_are_sent_to_sign_in(world, client):
    response = client.get("/countries/fj/path/new/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_list_counts_countries_by_step_as_of_a_date(world, client, accepted):
    page = client.get("/countries/").content.decode()
    assert 'data-step="coordination"><span class="count">1</span>' in page

    earlier = client.get("/countries/?as_of=2018-08-01").content.decode()
    assert 'data-step="gcg_acceptance"><span class="count">1</span>' in earlier
    assert 'data-step="coordination"><span class="count">0</span>' in earlier

    assert "Fiji" in client.get("/countries/?step=coordination").content.decode()
    assert "No country matches." in client.get("/countries/?step=roadmap").content.decode()


def test_the_path_reads_in_french(world, client, accepted):
    page = client.get("/fr/countries/fj/").content.decode()  # the language is in the address

    assert "Parcours" in page
    assert "Acceptation par le Groupe de coordination mondial" in page


def test_the_secretariat_corrects_a_step_from_the_country_page(world, client_for, accepted):
    client = client_for(world.secretariat)
    step = PathStep.objects.get(pathfinder=world.fiji, kind=PathStepKind.COORDINATION)
    page = client.get("/countries/fj/").content.decode()
    assert f"/countries/fj/path/{step.pk}/edit/" in page

    form_page = client.get(f"/countries/fj/path/{step.pk}/edit/").content.decode()
    assert 'value="2018-10-01"' in form_page
    early = client.post(
        f"/countries/fj/path/{step.pk}/edit/", form(PathStepKind.COORDINATION, "2018-01-01", reason="Typo")
    )
    saved = client.post(
        f"/countries/fj/path/{step.pk}/edit/",
        form(PathStepKind.COORDINATION, "2018-11-05", responsible="Ministry of Employment", reason="Typo"),
        follow=True,
    )

    assert early.status_code == 200 and 'id="id_date_error"' in early.content.decode()
    assert saved.redirect_chain[-1][0] == "/countries/fj/"
    assert "The step has been corrected." in saved.content.decode()
    step.refresh_from_db()
    assert (step.date, step.responsible) == (D(2018, 11, 5), "Ministry of Employment")


def test_the_secretariat_deletes_a_step_with_a_reason(world, client_for, accepted):
    client = client_for(world.secretariat)
    steps = {s.kind: s.pk for s in PathStep.objects.filter(pathfinder=world.fiji)}

    refused = client.post(f"/countries/fj/path/{steps['gcg_acceptance']}/delete/", {"reason": "Wrong"})
    no_reason = client.post(f"/countries/fj/path/{steps['coordination']}/delete/", {"reason": ""})
    deleted = client.post(
        f"/countries/fj/path/{steps['coordination']}/delete/", {"reason": "Wrong country"}, follow=True
    )

    assert "Later steps of the path are on record" in refused.content.decode()
    assert 'id="id_reason_error"' in no_reason.content.decode()
    assert "The step has been deleted." in deleted.content.decode()
    assert not PathStep.objects.filter(pk=steps["coordination"]).exists()
    audit = client.get("/audit/").content.decode()
    assert "Wrong country" in audit


@pytest.mark.parametrize("role", ["chair", "focal_point", "member", "outsider"])
@pytest.mark.parametrize("action", ["edit", "delete"])
def test_only_the_secretariat_opens_the_correction_pages(world, client_for, accepted, role, action):
    step = PathStep.objects.get(pathfinder=world.fiji, kind=PathStepKind.COORDINATION)
    client = client_for(getattr(world, role))

    assert client.get(f"/countries/fj/path/{step.pk}/{action}/").status_code == 403
    assert client.post(f"/countries/fj/path/{step.pk}/{action}/", {"reason": "x"}).status_code == 403
    assert (
        "/edit/"
        not in client.get("/countries/fj/").content.decode().split('id="path"')[1].split("</section>")[0]
    )


def test_an_unknown_step_is_not_found(world, client_for, accepted):
    assert client_for(world.secretariat).get("/countries/fj/path/999999/edit/").status_code == 404
