"""The event pages: calendar, event page, who sees participants, who may use the editing pages, query counts."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation

from alliance87.meetings import services
from alliance87.meetings.decision_models import Decision, FollowUpAction, Minutes
from alliance87.meetings.models import Event, EventStatus, OutcomeNote, Registration, RoadmapAction
from alliance87.plans.models import ResultNode
from alliance87.plans.tests.factories import make_node, make_plan
from conftest import World, make_user

from .factories import make_event

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "outsider", "member", "focal_point", "other_chair", "chair", "secretariat")
EDITORS = {"chair", "secretariat"}


@pytest.fixture
def event(world: World) -> Event:
    event = make_event(owner_body=world.supply_chains, capacity=2, title="Due diligence workshop")
    services.save_session(
        event=event,
        by=world.chair,
        values=services.SessionInput.of({"title": "Opening", "starts_at": datetime.datetime(2030, 1, 1, 9)}),
    )
    services.save_outcome(
        event=event,
        by=world.chair,
        values=services.OutcomeInput.of({"kind": "decision", "text": "Adopt guidance."}),
    )
    services.save_roadmap_action(
        event=event,
        by=world.chair,
        values=services.RoadmapActionInput.of({"description": "Publish it", "status": "planned"}),
    )
    return event


def _user(world: World, role: str) -> Any:
    return None if role == "anonymous" else getattr(world, role)


WRITE_PAGES = [
    ("GET", "/events/{slug}/edit/"),
    ("POST", "/events/{slug}/cancel/"),
    ("GET", "/events/{slug}/registrations/"),
    ("GET", "/events/{slug}/agenda/new/"),
    ("POST", "/events/{slug}/agenda/{session}/delete/"),
    ("GET", "/events/{slug}/outcomes/new/"),
    ("POST", "/events/{slug}/outcomes/{outcome}/delete/"),
    ("GET", "/events/{slug}/roadmap/new/"),
    ("GET", "/events/{slug}/roadmap/{action}/plan/"),
    ("POST", "/events/{slug}/roadmap/{action}/delete/"),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path"), WRITE_PAGES)
def test_write_pages_permission_matrix(
    client_for: Any, world: World, event: Event, method: str, path: str, role: str
) -> None:
    client = client_for(_user(world, role))
    url = path.format(
        slug=event.slug,
        session=event.sessions.get().pk,
        outcome=event.outcomes.get().pk,
        action=event.roadmap.get().pk,
    )
    response = client.get(url) if method == "GET" else client.post(url)
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/" in response["Location"]
    elif role in EDITORS:
        assert response.status_code == (200 if method == "GET" else 302)
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_new_event_page_is_for_those_who_run_a_body_or_country(
    client_for: Any, world: World, role: str
) -> None:
    response = client_for(_user(world, role)).get("/events/new/")
    expected = {"anonymous": 302, "chair": 200, "other_chair": 200, "secretariat": 200}.get(role, 403)
    assert response.status_code == expected


def test_chair_creates_an_event_through_the_form(client_for: Any, world: World) -> None:
    client = client_for(world.chair)
    response = client.post(
        "/events/new/",
        {
            "kind": "workshop",
            "title": "Recruitment fees workshop",
            "owner_body": world.supply_chains.pk,
            "timezone": "Europe/Zurich",
            "starts_at": "2030-01-15T09:00",
            "ends_at": "2030-01-15T17:00",
            "city": "Geneva",
            "organisers": [world.ilo.pk],
            "is_open": "on",
            "capacity": "25",
        },
    )
    event = Event.objects.get(title="Recruitment fees workshop")
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert event.starts_at == datetime.datetime(2030, 1, 15, 8, tzinfo=datetime.UTC)
    page = client.get(event.get_absolute_url()).content.decode()
    # In Geneva's time, named after the city with its abbreviation, then in UTC; never "Europe/Zurich".
    assert (
        "Tuesday, 15 January 2030, 09:00</time> – <time" in page
        and '<span class="zone">Geneva time (CET)</span>' in page
    )
    assert "15 Jan 2030, 08:00–16:00 UTC" in page
    assert "Europe/Zurich" not in page
    with translation.override("fr"):
        french = client.get(event.get_absolute_url()).content.decode()
    assert "mardi 15 janvier 2030, 09:00" in french and "Geneva" in french and "Europe/Zurich" not in french
    edit = client.get(f"/events/{event.slug}/edit/").content.decode()
    assert 'value="2030-01-15T09:00"' in edit


def test_form_refuses_a_body_the_person_does_not_run(client_for: Any, world: World) -> None:
    response = client_for(world.chair).post(
        "/events/new/",
        {
            "kind": "workshop",
            "title": "x",
            "owner_body": world.migration.pk,
            "timezone": "UTC",
            "starts_at": "2030-01-15T09:00",
            "ends_at": "2030-01-15T10:00",
            "city": "Geneva",
        },
    )
    assert response.status_code == 200
    assert not Event.objects.filter(title="x").exists()


def test_participants_are_shown_to_participants_and_editors_only(
    client_for: Any, world: World, event: Event
) -> None:
    services.register(event=event, user=world.member)
    services.register(event=event, user=world.focal_point)
    waiting = make_user("waiting@example.org", full_name="Wanda Waiting")
    services.register(event=event, user=waiting)
    for role, sees in [("anonymous", False), ("outsider", False), ("member", True), ("chair", True)]:
        page = client_for(_user(world, role)).get(event.get_absolute_url()).content.decode()
        assert (world.focal_point.display_name in page) is sees, role
        assert ("Participants" in page) is sees, role
    page = client_for(waiting).get(event.get_absolute_url()).content.decode()
    assert world.focal_point.display_name not in page
    assert "On the waiting list" in page


def test_register_and_cancel_buttons(client_for: Any, world: World, event: Event) -> None:
    client = client_for(world.member)
    assert "Register</button>" in client.get(event.get_absolute_url()).content.decode()
    client.post(f"/events/{event.slug}/register/")
    page = client.get(event.get_absolute_url()).content.decode()
    assert "You are registered." in page and "Cancel my registration" in page
    client.post(f"/events/{event.slug}/unregister/")
    assert "Your registration has been cancelled." in client.get(event.get_absolute_url()).content.decode()


def test_organiser_approves_a_registration(client_for: Any, world: World) -> None:
    event = make_event(owner_body=world.supply_chains, is_open=False)
    registration = services.register(event=event, user=world.member)
    client = client_for(world.chair)
    assert world.member.email in client.get(f"/events/{event.slug}/registrations/").content.decode()
    client.post(f"/events/{event.slug}/registrations/{registration.pk}/approve/")
    registration.refresh_from_db()
    assert registration.status == "registered"
    assert (
        client_for(world.outsider)
        .post(f"/events/{event.slug}/registrations/{registration.pk}/decline/")
        .status_code
        == 403
    )


def test_roadmap_action_is_turned_into_a_plan_activity_from_its_page(
    client_for: Any, world: World, event: Event
) -> None:
    plan = make_plan(owner_body=world.supply_chains, title="Supply chains work plan")
    outcome = make_node(plan, parent=make_node(plan))
    action = event.roadmap.get()
    client = client_for(world.chair)
    response = client.post(
        f"/events/{event.slug}/roadmap/{action.pk}/plan/",
        {"mode": "new", "new-parent": outcome.pk, "new-title": "Publish the guidance"},
    )
    assert response.status_code == 302
    node = ResultNode.objects.get(plan=plan, title="Publish the guidance")
    assert node.parent == outcome
    page = client_for(None).get(event.get_absolute_url()).content.decode()
    assert f"#result-{node.pk}" in page and "Supply chains work plan" in page


def test_cancelled_event_shows_as_cancelled_and_takes_no_registration(
    client_for: Any, world: World, event: Event
) -> None:
    services.cancel_event(event=event, by=world.chair)
    client = client_for(world.member)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "This event has been cancelled." in page and "Register</button>" not in page
    client.post(f"/events/{event.slug}/register/")
    assert not event.registrations.exists()
    assert Event.objects.get(pk=event.pk).status == EventStatus.CANCELLED


def test_calendar_lists_upcoming_and_past_and_filters(client: Client, world: World) -> None:
    make_event(owner_body=world.supply_chains, title="Future workshop")
    make_event(
        owner_body=world.migration,
        title="Old workshop",
        starts_at=timezone.now() - datetime.timedelta(days=400),
    )
    page = client.get("/events/").content.decode()
    assert page.index("Future workshop") < page.index("Past events") < page.index("Old workshop")
    filtered = client.get("/events/", {"body": "migration"}).content.decode()
    assert "Future workshop" not in filtered and "Old workshop" in filtered


def test_month_table_shows_events_on_their_local_day(client: Client, world: World) -> None:
    # 23:30 on 31 March in New York is already 1 April in UTC; the table shows it on 31 March.
    starts = datetime.datetime(2030, 3, 31, 23, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=-4)))
    make_event(
        owner_body=world.gcg,
        title="Late session",
        timezone="America/New_York",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=20),
    )
    page = client.get("/events/", {"month": "2030-03"}).content.decode()
    start = page.index('<table class="month')
    table = page[start : page.index("</table>", start)]
    assert "Late session" in table
    cell = table[table.index("Sunday 31 March") :]
    assert "Late session" in cell[: cell.index("</td>")]
    assert (
        "Late session"
        not in client.get("/events/", {"month": "2030-04"}).content.decode().split("Upcoming events")[0]
    )


def test_month_table_shows_a_long_event_on_every_day_it_runs(client: Client, world: World) -> None:
    # The month's query reads only events that started at most MAX_EVENT_LENGTH before it: the longest still show.
    starts = datetime.datetime(2029, 5, 10, 9, tzinfo=datetime.UTC)
    make_event(
        owner_body=world.gcg,
        title="Campaign year",
        starts_at=starts,
        ends_at=starts + services.MAX_EVENT_LENGTH,
        timezone="UTC",
    )
    page = client.get("/events/", {"month": "2030-03"}).content.decode()
    start = page.index('<table class="month')
    table = page[start : page.index("</table>", start)]
    assert table.count("Campaign year") == 35  # every day shown: 25 February to 31 March
    assert "Campaign year" in client.get("/events/", {"month": "2030-05"}).content.decode()


def test_body_and_country_pages_show_their_events(client: Client, world: World) -> None:
    make_event(owner_body=world.supply_chains, title="Body workshop")
    make_event(owner_country=world.fiji, title="Fiji consultation")
    make_event(owner_body=world.supply_chains, country="FJ", title="Held in Suva")
    make_event(owner_body=world.supply_chains, country="MG", title="Held in Antananarivo")
    assert "Body workshop" in client.get("/bodies/supply-chains/").content.decode()
    country_page = client.get("/countries/fj/").content.decode()
    assert "Fiji consultation" in country_page and "/events/feed/country/fj.ics" in country_page
    assert "Held in Suva" in country_page and "Held in Antananarivo" not in country_page


def test_calendar_page_query_count_does_not_grow_with_events(
    client: Client, world: World, django_assert_max_num_queries: Any
) -> None:
    for i in range(15):
        event = make_event(
            owner_body=world.supply_chains, starts_at=timezone.now() + datetime.timedelta(days=i)
        )
        event.organisers.add(world.ilo, through_defaults={})
    # The month's events, the upcoming and past lists (no organisers to prefetch), the filters' bodies and countries.
    with django_assert_max_num_queries(5):
        assert client.get("/events/").status_code == 200


def test_event_page_query_count_is_pinned(
    client_for: Any, world: World, event: Event, django_assert_max_num_queries: Any
) -> None:
    for i in range(5):
        services.register(event=event, user=make_user(f"p{i}@example.org"))
        services.save_session(
            event=event,
            by=world.chair,
            values=services.SessionInput.of(
                {"title": f"S{i}", "starts_at": datetime.datetime(2030, 1, 1, 10 + i)}
            ),
        )
        services.save_outcome(
            event=event,
            by=world.chair,
            values=services.OutcomeInput.of({"kind": "priority", "text": f"P{i}"}),
        )
    # Draft minutes (whose readers are checked) and decisions with their follow-up actions.
    today = timezone.localdate()
    Minutes.objects.create(event=event, text="# Present")
    for n in range(3):
        decision = Decision.objects.create(event=event, number=f"D{n}", text=f"Decide {n}.", decided_on=today)
        for owner in (world.ilo, world.ngo):
            FollowUpAction.objects.create(
                decision=decision,
                description=f"Do {n}",
                owner_organisation=owner,
                due_date=today,
                status_changed_on=today,
            )
    # The meeting record's rights come from the page's own and the request's person: nothing is asked twice.
    # Counted on a second visit: the first also fills the per-process caches of this data version.
    for who, limit in ((world.chair, 22), (world.member, 18), (None, 11)):
        client = client_for(who)
        assert client.get(event.get_absolute_url()).status_code == 200
        with django_assert_max_num_queries(limit):
            assert client.get(event.get_absolute_url()).status_code == 200


def test_outcome_and_action_forms_save(client_for: Any, world: World, event: Event) -> None:
    client = client_for(world.chair)
    client.post(f"/events/{event.slug}/outcomes/new/", {"kind": "research_question", "text": "What works?"})
    client.post(
        f"/events/{event.slug}/roadmap/new/",
        {"description": "Survey", "status": "planned", "due_date": "2030-02-01"},
    )
    client.post(f"/events/{event.slug}/agenda/new/", {"title": "Closing", "starts_at": "2030-01-01T16:00"})
    assert OutcomeNote.objects.filter(event=event, kind="research_question").exists()
    assert RoadmapAction.objects.filter(event=event, description="Survey").exists()
    assert event.sessions.filter(title="Closing").exists()


def test_registering_and_cancelling_over_and_over_is_stopped(
    client_for: Any, world: World, event: Event, settings: Any
) -> None:
    """Each registration e-mails the person: a loop of them would flood their inbox."""
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "event_registration": "2/h/user"}
    client = client_for(world.member)
    for _round in range(2):
        client.post(f"/events/{event.slug}/register/")
        client.post(f"/events/{event.slug}/unregister/")

    response = client.post(f"/events/{event.slug}/register/", follow=True)

    assert "Too many attempts" in response.content.decode()
    assert not Registration.objects.filter(event=event, user=world.member, status="registered").exists()
