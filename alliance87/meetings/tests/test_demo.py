"""The demo events load from the seeds, link the library's resolution 2331, and loading twice changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from alliance87.core.demo import load_demo_data
from alliance87.meetings.models import (
    AgendaSession,
    Event,
    EventOrganiser,
    OutcomeNote,
    Registration,
    RoadmapAction,
)


def _counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (Event, AgendaSession, EventOrganiser, OutcomeNote, RoadmapAction, Registration)
    )


def _decision_counts() -> tuple[int, ...]:
    from alliance87.meetings.decision_models import ActionStatusChange, Decision, FollowUpAction, Minutes

    return tuple(m.objects.count() for m in (Decision, FollowUpAction, ActionStatusChange, Minutes))


@pytest.fixture(scope="class")
def loaded_twice(django_db_setup: None, django_db_blocker: Any) -> Any:
    """The demo loaded, counted, and loaded again, once for the class (two loads, ~8-20 s of CPU each), in a
    transaction rolled back after its last test; each test reads it in a savepoint of its own (its `db`)."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_data()
        first = {"events": _counts(), "decisions": _decision_counts()}
        load_demo_data()
        yield first
        transaction.set_rollback(True)


@pytest.mark.usefixtures("loaded_twice", "db")
class TestTheDemoLoadedTwice:
    """Loading twice changes nothing: both tests read one demo loaded twice (the loads are what cost)."""

    def test_demo_events_load_idempotently(self, loaded_twice: dict[str, Any]) -> None:
        assert _counts() == loaded_twice["events"]
        assert not Event.objects.filter(is_demo=False).exists()

        conflict = Event.objects.get(slug="conflict-humanitarian-workshop-resolution-2331")
        assert conflict.owner_body.slug == "conflict-humanitarian" and conflict.is_illustrative
        assert list(conflict.organiser_links.values_list("organisation__acronym", flat=True)) == ["UNU"]
        sessions = list(conflict.sessions.all())
        assert len(sessions) == 5 and "OP 23" in sessions[0].description
        assert sessions[0].documents.filter(title="Resolution 2331 (2016)").exists()

        migration = Event.objects.get(slug="migration-action-group-strategic-planning-workshop-2018")
        assert migration.local_starts_at.date().isoformat() == "2018-11-29"
        assert migration.local_ends_at.date().isoformat() == "2018-11-30"
        assert migration.city == "Geneva" and migration.capacity == 30
        assert set(migration.organiser_links.values_list("organisation__acronym", flat=True)) == {
            "IOM",
            "UNICEF",
            "ILO",
            "Walk Free",
        }
        assert migration.sessions.count() == 5 and migration.outcomes.filter(kind="priority").exists()

        gcg = Event.objects.filter(kind="gcg_meeting")
        assert gcg.count() >= 4 and all(e.is_illustrative for e in gcg)
        assert gcg.filter(starts_at__gt=timezone.now()).exists()

    def test_demo_gcg_decisions_cite_the_seed_or_are_flagged_and_load_idempotently(
        self, loaded_twice: dict[str, Any]
    ) -> None:
        from alliance87.library.models import GovernanceDocument
        from alliance87.meetings.decision_models import Decision, FollowUpAction, Minutes

        first = loaded_twice["decisions"]
        assert _decision_counts() == first
        assert first[0] >= 2 and first[1] >= 1
        for decision in Decision.objects.all():
            assert decision.is_demo and (decision.is_illustrative or decision.source)
            assert "description of the initiative" in decision.source or decision.is_illustrative
        adopted = Decision.objects.get(event__slug="gcg-meeting-2017-11", number="2")
        assert "Terms of Reference" in adopted.text and "description of the initiative" in adopted.source
        assert all(action.is_illustrative for action in FollowUpAction.objects.all())
        assert not Minutes.objects.filter(is_illustrative=False).exists()
        tor = GovernanceDocument.objects.get(body__slug="gcg")
        assert tor.item.title == "Terms of Reference of Alliance 8.7" and tor.is_demo
