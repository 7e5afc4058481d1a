"""Demo decisions, follow-up actions and minutes of the GCG.

What the seeds state, cited: "Alliance 8.7: description of the initiative" (2019) reports a rotating GCG Chair
(Australia from November 2017) and a Deputy Chair (Argentina since November 2017), and that since the launch in
September 2016 the GCG adopted Terms of Reference for the Alliance and a Pathfinder Country Guidance note. It names
no meeting and no day for either: the meeting that carries them here, and its date, are illustrative (flagged).
The decisions of the recent (illustrative) GCG meetings, their follow-up actions and the minutes are illustrative
too; the work they ask of the Secretariat is what the same document says the Secretariat was doing.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.utils import timezone

from alliance87.accounts.models import User
from alliance87.bodies.models import Body

from .decision_models import ActionStatusChange, Decision, FollowUpAction, FollowUpStatus, Minutes
from .models import Event, EventKind

DESCRIPTION = "Alliance 8.7: description of the initiative (seed document, 2019)"
GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")


def _decision(event: Event, number: str, text: str, *, source: str, illustrative: bool) -> Decision:
    decision, _created = Decision.objects.update_or_create(
        event=event,
        number=number,
        defaults={
            "text": text,
            "decided_on": event.local_starts_at.date(),
            "source": source,
            "is_illustrative": illustrative,
            "is_demo": True,
        },
    )
    return decision


def _action(
    decision: Decision,
    description: str,
    *,
    owner: dict[str, object],
    due: datetime.date,
    changes: list[tuple[str, datetime.date, str]],
) -> None:
    """An illustrative action with its status changes after the first ("open" on the decision's day)."""
    history = [(FollowUpStatus.OPEN.value, decision.decided_on, ""), *changes]
    status, changed_on, note = history[-1]
    action, _created = FollowUpAction.objects.update_or_create(
        decision=decision,
        description=description,
        defaults={
            "owner_body": None,
            "owner_organisation": None,
            "owner_person": None,
            **owner,
            "due_date": due,
            "status": status,
            "status_changed_on": changed_on,
            "status_note": note,
            "is_illustrative": True,
            "is_demo": True,
        },
    )
    action.status_changes.all().delete()
    ActionStatusChange.objects.bulk_create(
        ActionStatusChange(action=action, status=s, changed_on=on, note=n, is_demo=True)
        for s, on, n in history
    )


def _founding_meeting(gcg: Body) -> Event:
    starts = datetime.datetime(2017, 11, 15, 9, 30, tzinfo=GENEVA)
    event, _created = Event.objects.update_or_create(
        slug="gcg-meeting-2017-11",
        defaults={
            "kind": EventKind.GCG_MEETING,
            "title": "Global Coordinating Group meeting, November 2017",
            "description": (
                f"{DESCRIPTION} dates the Chair's and the Deputy Chair's terms from November 2017 and reports that "
                "the GCG adopted the Alliance's Terms of Reference and the Pathfinder Country Guidance note after "
                "the launch in September 2016.\n\n*This meeting and its date are illustrative: the source names "
                "neither.*"
            ),
            "owner_body": gcg,
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=7),
            "timezone": "Europe/Zurich",
            "city": "Geneva",
            "country": "CH",
            "is_illustrative": True,
            "is_open": False,
            "is_demo": True,
        },
    )
    return event


def _seed_decisions(gcg: Body) -> None:
    event = _founding_meeting(gcg)
    source = f"{DESCRIPTION}; the meeting and the day are not stated there"
    _decision(
        event,
        "1",
        "Australia chairs the Global Coordinating Group, with Argentina as Deputy Chair.",
        source=source,
        illustrative=True,
    )
    _decision(
        event,
        "2",
        "The Global Coordinating Group adopts the Terms of Reference of Alliance 8.7 and the Pathfinder Country "
        "Guidance note.",
        source=source,
        illustrative=True,
    )


def _recent_decisions(gcg: Body) -> None:
    """Decisions at the last GCG meeting that ended, with follow-up actions (one overdue) and minutes."""
    past = list(
        Event.objects.filter(owner_body=gcg, ends_at__lt=timezone.now(), slug__startswith="gcg-meeting-2")
        .exclude(slug="gcg-meeting-2017-11")
        .order_by("-starts_at")[:2]
    )
    if not past:
        return
    latest = past[0]
    secretariat = Body.objects.filter(slug="secretariat").first()
    if secretariat is None:
        return
    day = latest.local_starts_at.date()
    guidance = _decision(
        latest,
        "1",
        "Asks the Secretariat to complete the extended guidance tool that covers the steps after the first national "
        "Alliance 8.7 workshop.",
        source=f"Illustrative; {DESCRIPTION} reports that the Secretariat was working on this tool",
        illustrative=True,
    )
    _action(
        guidance,
        "Circulate a draft of the extended guidance tool to GCG members",
        owner={"owner_body": secretariat},
        due=day + datetime.timedelta(days=30),
        changes=[(FollowUpStatus.IN_PROGRESS.value, day + datetime.timedelta(days=5), "Drafting started")],
    )
    theory = _decision(
        latest,
        "2",
        "Asks the Secretariat to present the theory of change, with a logical framework of process and result "
        "indicators, at the next meeting.",
        source=f"Illustrative; {DESCRIPTION} reports that the Secretariat was working on the theory of change",
        illustrative=True,
    )
    _action(
        theory,
        "Share the logical framework with the Action Groups' chairs for comments",
        owner={"owner_person": User.objects.filter(email="secretariat@demo.alliance87.org").first()},
        due=day + datetime.timedelta(days=21),
        changes=[(FollowUpStatus.DONE.value, day + datetime.timedelta(days=14), "Sent to the four chairs")],
    )
    Minutes.objects.update_or_create(
        event=latest,
        defaults={
            "text": (
                "*Illustrative minutes: the seed documents hold no minutes of GCG meetings.*\n\n"
                "## Present\n\nMembers of the Global Coordinating Group; the Secretariat.\n\n"
                "## Decisions\n\n1. The extended guidance tool (decision 1).\n2. The theory of change (decision 2)."
            ),
            "is_illustrative": True,
            "is_demo": True,
            "published_at": None,
        },
    )
    if len(past) > 1:
        Minutes.objects.update_or_create(
            event=past[1],
            defaults={
                "text": "*Illustrative minutes: the seed documents hold no minutes of GCG meetings.*",
                "is_illustrative": True,
                "is_demo": True,
                "published_at": timezone.now(),
            },
        )


def load() -> None:
    gcg = Body.objects.filter(slug="gcg").first()
    if gcg is None:
        return
    _seed_decisions(gcg)
    _recent_decisions(gcg)
