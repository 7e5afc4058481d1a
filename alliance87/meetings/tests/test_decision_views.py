"""The pages of minutes, decisions and follow-up actions: what each person sees and may do."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alliance87.accounts.models import User
from alliance87.bodies.models import Role, RoleTerm
from alliance87.core.tests.helpers import assert_counted_to_a_bound
from alliance87.meetings import services
from alliance87.meetings.decision_models import Decision, FollowUpAction, Minutes
from alliance87.meetings.models import Event
from conftest import World

from .factories import make_event

pytestmark = pytest.mark.django_db
ClientFor = Callable[[User | None], Client]


@pytest.fixture
def meeting(world: World) -> Event:
    RoleTerm.objects.create(
        body=world.supply_chains,
        role=Role.MEMBER,
        organisation=world.ngo,
        start_date=datetime.date(2018, 1, 1),
    )
    starts = timezone.now() - datetime.timedelta(days=40)
    return make_event(owner_body=world.supply_chains, starts_at=starts, title="Second global meeting")


@pytest.fixture
def action(world: World, meeting: Event) -> FollowUpAction:
    decision = services.record_decision(
        event=meeting,
        by=world.chair,
        values=services.DecisionInput(text="Adopt the **work plan**.", number="SC/1"),
    )
    return services.add_follow_up_action(
        decision=decision,
        by=world.chair,
        values=services.FollowUpActionInput(
            description="Circulate the work plan",
            owner_organisation=world.ngo,
            due_date=timezone.localdate() - datetime.timedelta(days=3),
        ),
    )


def test_the_bodys_page_shows_its_decisions_and_overdue_actions_in_words(
    world: World, action: FollowUpAction, client_for: ClientFor
) -> None:
    page = client_for(None).get(world.supply_chains.get_absolute_url()).content.decode()
    assert "Decision SC/1" in page
    assert "<strong>work plan</strong>" in page
    assert "Circulate the work plan" in page
    assert "Overdue by 3 days." in page
    assert "1 open (of which 1 overdue), 0 done, 0 dropped" in page


def test_draft_minutes_are_hidden_from_a_visitor_and_shown_to_a_member(
    world: World, meeting: Event, client_for: ClientFor
) -> None:
    services.save_minutes(event=meeting, by=world.chair, text="Secret draft of the minutes")
    url = reverse("meetings:minutes", kwargs={"slug": meeting.slug})
    assert client_for(None).get(url).status_code == 404
    assert client_for(world.outsider).get(url).status_code == 404
    assert "Secret draft" not in client_for(None).get(meeting.get_absolute_url()).content.decode()
    assert "Secret draft of the minutes" in client_for(world.member).get(url).content.decode()

    response = client_for(world.chair).post(
        reverse("meetings:minutes_publish", kwargs={"slug": meeting.slug})
    )
    assert response.status_code == 302
    assert "Secret draft of the minutes" in client_for(None).get(url).content.decode()


def test_a_member_cannot_publish_or_write_minutes(
    world: World, meeting: Event, client_for: ClientFor
) -> None:
    services.save_minutes(event=meeting, by=world.chair, text="Draft")
    client = client_for(world.member)
    assert client.post(reverse("meetings:minutes_publish", kwargs={"slug": meeting.slug})).status_code == 403
    assert client.get(reverse("meetings:minutes_edit", kwargs={"slug": meeting.slug})).status_code == 403
    assert not Minutes.objects.get(event=meeting).is_published


def test_a_chair_records_a_decision_and_an_action_through_the_pages(
    world: World, meeting: Event, client_for: ClientFor
) -> None:
    client = client_for(world.chair)
    response = client.post(
        reverse("meetings:decision_create", kwargs={"slug": meeting.slug}),
        {"number": "", "decided_on": meeting.local_starts_at.date().isoformat(), "text": "Map initiatives."},
    )
    decision = Decision.objects.get()
    assert response.status_code == 302 and decision.number == "1"
    response = client.post(
        reverse("meetings:follow_up_create", kwargs={"decision_pk": decision.pk}),
        {"description": "Draft the mapping", "owner_body": world.working_group.pk, "due_date": "2099-01-31"},
    )
    assert response.status_code == 302
    assert FollowUpAction.objects.get().owner_body == world.working_group


def test_a_decision_without_text_shows_the_form_again_naming_the_field(
    world: World, meeting: Event, client_for: ClientFor
) -> None:
    response = client_for(world.chair).post(
        reverse("meetings:decision_create", kwargs={"slug": meeting.slug}),
        {"decided_on": "1999-01-01", "text": "Too early"},
    )
    assert response.status_code == 200
    assert "decided_on" in response.context["form"].errors
    assert not Decision.objects.exists()


@pytest.mark.parametrize("who", ["member", "focal_point", "other_chair", "outsider"])
def test_only_a_chair_or_the_secretariat_reaches_the_decision_forms(
    world: World, action: FollowUpAction, client_for: ClientFor, who: str
) -> None:
    client = client_for(getattr(world, who))
    decision = action.decision
    for url in (
        reverse("meetings:decision_create", kwargs={"slug": decision.event.slug}),
        reverse("meetings:decision_edit", kwargs={"pk": decision.pk}),
        reverse("meetings:follow_up_create", kwargs={"decision_pk": decision.pk}),
        reverse("meetings:follow_up_edit", kwargs={"pk": action.pk}),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("meetings:decision_delete", kwargs={"pk": decision.pk})).status_code == 403
    assert Decision.objects.filter(pk=decision.pk).exists()


def test_a_visitor_is_sent_to_sign_in_from_the_forms_and_my_actions(
    action: FollowUpAction, client_for: ClientFor
) -> None:
    client = client_for(None)
    for url in (
        reverse("meetings:my_actions"),
        reverse("meetings:follow_up_status", kwargs={"pk": action.pk}),
        reverse("meetings:decision_edit", kwargs={"pk": action.decision_id}),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_the_owner_sees_the_action_in_my_actions_and_marks_it_done(
    world: World, action: FollowUpAction, client_for: ClientFor
) -> None:
    client = client_for(world.focal_point)
    page = client.get(reverse("meetings:my_actions")).content.decode()
    assert "Circulate the work plan" in page and "Overdue by 3 days." in page
    response = client.post(
        reverse("meetings:follow_up_status", kwargs={"pk": action.pk}), {"status": "done", "note": "Sent"}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done"
    assert "Done on" in client_for(None).get(world.supply_chains.get_absolute_url()).content.decode()


def test_someone_else_cannot_change_an_actions_status(
    world: World, action: FollowUpAction, client_for: ClientFor
) -> None:
    url = reverse("meetings:follow_up_status", kwargs={"pk": action.pk})
    assert client_for(world.member).post(url, {"status": "done"}).status_code == 403
    assert FollowUpAction.objects.get(pk=action.pk).status == "open"


def test_decision_list_and_page_are_public(
    world: World, action: FollowUpAction, client_for: ClientFor
) -> None:
    client = client_for(None)
    listing = client.get(reverse("meetings:decisions") + "?body=supply-chains").content.decode()
    assert "Decision SC/1" in listing
    page = client.get(action.decision.get_absolute_url()).content.decode()
    assert "Circulate the work plan" in page and "Status history" in page


def test_a_long_decision_list_is_counted_to_a_bound(
    world: World, meeting: Event, client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    Decision.objects.bulk_create(
        Decision(event=meeting, number=f"SC/{n}", text="Adopted.", decided_on=meeting.starts_at.date())
        for n in range(67)
    )
    client = client_for(None)

    assert_counted_to_a_bound(
        lambda **page: client.get(reverse("meetings:decisions"), page),
        monkeypatch,
        rows=67,
        per_page=20,
        counted=40,
    )
