"""Demo events from the seed documents: the Conflict & Humanitarian Settings workshop on resolution 2331, the
Migration Action Group's strategic planning workshop in Geneva (29–30 November 2018) and GCG meetings.

What the seeds do not say (the 2331 workshop's dates, the GCG meetings' dates, session times, most outcomes) is
marked illustrative. Everything is flagged as demo data and loading twice changes nothing.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from alliance87.accounts.models import User
from alliance87.bodies.models import Body
from alliance87.core import seeds
from alliance87.core.provenance import Cited
from alliance87.library.selectors import item_titled
from alliance87.partners.models import Organisation

from . import decision_demo
from .models import (
    ActionStatus,
    AgendaSession,
    Event,
    EventKind,
    EventOrganiser,
    OrganiserRole,
    OutcomeKind,
    OutcomeNote,
    Registration,
    RegistrationStatus,
    RoadmapAction,
)

if TYPE_CHECKING:
    from alliance87.library.models import Item

GENEVA = "Europe/Zurich"
NEW_YORK = "America/New_York"
ILLUSTRATIVE_NOTE = "\n\n*The dates and times shown are illustrative: the seed documents do not give them.*"

CONFLICT_DESCRIPTION = (
    "The Alliance 8.7 Action Group on Conflict & Humanitarian Settings is a multi-stakeholder group of UN "
    "entities, Member States, civil society actors and other stakeholders committed to taking action in these "
    "areas. This Workshop provides an opportunity for members of this group to meet together, consider priority "
    "areas for research and action, and engage potential partners within the system to advance this agenda.\n\n"
    "The Workshop will focus in particular on the key issues identified in Resolution 2331. It will consider "
    "options for advancing research and action in each of these areas, including through coordinated action "
    "within the UN system or in the context of Alliance 8.7. This may include identification of research "
    "priorities and development of a roadmap for the Action Group. The Workshop will largely take the format "
    "of an informal roundtable."
)

CONFLICT_SESSIONS = [
    (
        "Procurement and supply chains",
        "Mitigating the risk of UN agencies contributing to trafficking in persons in armed conflict through "
        "procurement and supply chains (UNSCR 2331 OP 23).",
    ),
    (
        "Protection",
        "Incorporating these issues into humanitarian needs assessments (OP 20) and the use of the existing "
        "protection system (OP 20).",
    ),
    (
        "Training for actors in conflict situations",
        "Resolution 2331 encourages training on prevention and response for peacekeepers (OP 3(a)), UNODC, "
        "UNHCR, UNICEF, IOM, Interpol, and others (OP 17).",
    ),
    (
        "Reporting to the UN Security Council",
        "By missions (OP 21, OP 23), in CTED country assessments (OP 16), and on areas, routes and location "
        "(OP 23), and by the SR on SVC and the Group of Experts on Rule of Law (OP 17).",
    ),
    (
        "Strengthening UN coordination",
        "For prevention, counter trafficking, and protection of victims and those at risk, including through "
        "ICAT (OP 23).",
    ),
]

MIGRATION_DESCRIPTION = (
    "A two-day strategic planning workshop of the Migration Action Group, facilitated by the International "
    "Organization for Migration (IOM) in collaboration with UNICEF, ILO and the Walk Free Foundation. It "
    "gathered 30 participants representing UN agencies, NGOs, trade unions, employers' groups, coalitions, "
    "governments, academics and think tanks, to strategize on how to tackle the issues addressed under SDG "
    "Target 8.7, and to establish a work plan through which practical activities can be supported at global, "
    "regional and country levels.\n\n"
    "The workshop was organized under the DFID-funded project *Advancing the Alliance 8.7 Action Group on "
    "Migration*.\n\n*Session times are illustrative; the dates and place are those of the IOM press release.*"
)

MIGRATION_SESSIONS = [
    (
        "Alliance 8.7 to date",
        "An overview of Alliance 8.7 to date, with the evolution of thematic action groups and the concept of "
        "Pathfinder Countries.",
    ),
    (
        "Migrant vulnerabilities through the lens of crime prevention",
        "Presentation of findings from the research into migrant vulnerabilities through the lens of crime "
        "prevention, undertaken by the Walk Free Foundation during 2018.",
    ),
    (
        "Child labour in the context of migration",
        "Presentation of key findings from a desk review of child labour in the context of migration.",
    ),
    (
        "Recommendations for policy and practical implementation",
        "Discussions on recommendations for policy as well as support to practical implementation.",
    ),
    ("Priorities and research agenda", "Prioritizing key activities and a subsequent research agenda."),
]

# (kind, text, illustrative?)
MIGRATION_OUTCOMES = [
    (
        OutcomeKind.DECISION,
        "Establish a work plan of the Migration Action Group through which practical activities can be supported "
        "at global, regional and country levels.",
        False,
    ),
    (
        OutcomeKind.PRIORITY,
        "Build robust research and evidence on migrants' vulnerabilities to forced labour, modern slavery and "
        "human trafficking.",
        False,
    ),
    (
        OutcomeKind.PRIORITY,
        "Address child labour in the context of migration, building on the desk review presented at the workshop.",
        True,
    ),
    (
        OutcomeKind.PRIORITY,
        "Support the practical implementation of policy recommendations in Pathfinder Countries with large "
        "migrant populations.",
        True,
    ),
    (
        OutcomeKind.RESEARCH_QUESTION,
        "What are individuals' vulnerabilities to and structural drivers of forced labour, modern slavery and "
        "human trafficking, and what works to address them?",
        False,
    ),
]

# (description, responsible acronym, due date, status)
MIGRATION_ROADMAP = [
    ("Draft the Migration Action Group work plan and circulate it to members.", "IOM", (2019, 3, 31), "done"),
    (
        "Publish the desk review of child labour in the context of migration.",
        "UNICEF",
        (2019, 6, 30),
        "done",
    ),
    (
        "Share the research on migrant vulnerabilities with the Action Group and Pathfinder Countries.",
        "Walk Free",
        (2019, 9, 30),
        "in_progress",
    ),
]

CONFLICT_OUTCOMES = [
    (
        OutcomeKind.RESEARCH_QUESTION,
        "How can UN procurement screen its supply chains in conflict settings for trafficking in persons?",
        True,
    ),
    (
        OutcomeKind.PRIORITY,
        "Develop a roadmap for the Action Group on Conflict and Humanitarian Settings.",
        False,
    ),
]


def _aware(zone: str, year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=zoneinfo.ZoneInfo(zone))


def _organisation(acronym: str) -> Organisation | None:
    return Organisation.objects.filter(acronym=acronym).first()


#: The demo's cities in French and Spanish (their usual names there); a city missing here shows in English, marked.
CITY_NAMES: dict[str, dict[str, str]] = {
    "Geneva": {"city_fr": "Genève", "city_es": "Ginebra"},
    "New York": {"city_fr": "New York", "city_es": "Nueva York"},
}


def _event(
    slug: str, *, organisers: Sequence[str], co_organisers: Sequence[str] = (), **fields: Any
) -> Event:
    names = CITY_NAMES.get(str(fields.get("city", "")), {})
    event, _created = Event.objects.update_or_create(slug=slug, defaults={**fields, **names, "is_demo": True})
    for role, acronyms in (
        (OrganiserRole.ORGANISER, organisers),
        (OrganiserRole.CO_ORGANISER, co_organisers),
    ):
        for position, acronym in enumerate(acronyms):
            organisation = _organisation(acronym)
            if organisation is not None:
                EventOrganiser.objects.update_or_create(
                    event=event,
                    organisation=organisation,
                    defaults={"role": role, "position": position, "is_demo": True},
                )
    return event


def _sessions(
    event: Event,
    sessions: list[tuple[str, str]],
    slots: list[tuple[datetime.datetime, datetime.datetime]],
    documents: list[Item],
) -> None:
    for (title, description), (starts_at, ends_at) in zip(sessions, slots, strict=True):
        session, _created = AgendaSession.objects.update_or_create(
            event=event,
            title=title,
            defaults={
                "description": description,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "is_demo": True,
            },
        )
        session.documents.add(*documents)


def _outcomes(event: Event, outcomes: Sequence[tuple[str, str, bool]], *, source: str) -> None:
    """Outcomes the seed reports cite it; the others are illustrative."""
    for position, (kind, text, illustrative) in enumerate(outcomes, start=1):
        cited = Cited(illustrative=True) if illustrative else Cited(source=source)
        OutcomeNote.objects.update_or_create(
            event=event,
            position=position,
            defaults={"kind": kind, "text": text, **cited.as_fields(), "is_demo": True},
        )


def _conflict_workshop(resolution: Item | None) -> None:
    body = Body.objects.filter(slug="conflict-humanitarian").first()
    if body is None:
        return
    day = (2017, 5, 16)  # illustrative: the seed gives no date (the library's workshop record says 2017)
    event = _event(
        "conflict-humanitarian-workshop-resolution-2331",
        organisers=["UNU"],
        kind=EventKind.WORKSHOP,
        title="Alliance 8.7 Action Group on Conflict & Humanitarian Settings: workshop on resolution 2331",
        description=CONFLICT_DESCRIPTION + ILLUSTRATIVE_NOTE,
        owner_body=body,
        starts_at=_aware(NEW_YORK, *day, 9),
        ends_at=_aware(NEW_YORK, *day, 17),
        timezone=NEW_YORK,
        venue="UNU Office at the United Nations",
        city="New York",
        country="US",
        is_open=False,
        capacity=40,
        # The UNU page describes the workshop; its dates and times are illustrative.
        **Cited(source=seeds.UNU_CONFLICT, illustrative=True).as_fields(),
    )
    slots = [
        (_aware(NEW_YORK, *day, 9 + i + (i > 1)), _aware(NEW_YORK, *day, 10 + i + (i > 1))) for i in range(5)
    ]
    _sessions(event, CONFLICT_SESSIONS, slots, [resolution] if resolution else [])
    _outcomes(event, CONFLICT_OUTCOMES, source=seeds.UNU_CONFLICT)


def _migration_workshop() -> None:
    body = Body.objects.filter(slug="migration").first()
    if body is None:
        return
    event = _event(
        "migration-action-group-strategic-planning-workshop-2018",
        organisers=["IOM"],
        co_organisers=["UNICEF", "ILO", "Walk Free"],
        kind=EventKind.WORKSHOP,
        title="Strategic Planning Workshop of the Alliance 8.7 Migration Action Group",
        description=MIGRATION_DESCRIPTION,
        owner_body=body,
        starts_at=_aware(GENEVA, 2018, 11, 29, 9),
        ends_at=_aware(GENEVA, 2018, 11, 30, 17, 30),
        timezone=GENEVA,
        venue="International Organization for Migration",
        city="Geneva",
        country="CH",
        is_open=False,
        capacity=30,
        **Cited(source=seeds.MIGRATION_RELEASE).as_fields(),
    )
    slots = [
        (_aware(GENEVA, 2018, 11, 29, 9), _aware(GENEVA, 2018, 11, 29, 10, 30)),
        (_aware(GENEVA, 2018, 11, 29, 11), _aware(GENEVA, 2018, 11, 29, 12, 30)),
        (_aware(GENEVA, 2018, 11, 29, 14), _aware(GENEVA, 2018, 11, 29, 17, 30)),
        (_aware(GENEVA, 2018, 11, 30, 9), _aware(GENEVA, 2018, 11, 30, 12, 30)),
        (_aware(GENEVA, 2018, 11, 30, 14), _aware(GENEVA, 2018, 11, 30, 17, 30)),
    ]
    _sessions(event, MIGRATION_SESSIONS, slots, [])
    _outcomes(event, MIGRATION_OUTCOMES, source=seeds.MIGRATION_RELEASE)
    for position, (description, acronym, due, status) in enumerate(MIGRATION_ROADMAP, start=1):
        RoadmapAction.objects.update_or_create(
            event=event,
            position=position,
            defaults={
                "description": description,
                "responsible_organisation": _organisation(acronym),
                "due_date": datetime.date(*due),
                "status": ActionStatus(status),
                **Cited(illustrative=True).as_fields(),
                "is_demo": True,
            },
        )


GCG_SLOTS = [(3, 10), (6, 16), (10, 20)]  # three meetings a year (illustrative dates)


def _gcg_meetings() -> None:
    body = Body.objects.filter(slug="gcg").first()
    if body is None:
        return
    year = timezone.now().year
    upcoming: Event | None = None
    for meeting_year in (year - 1, year, year + 1):
        for n, (month, day) in enumerate(GCG_SLOTS, start=1):
            if meeting_year == year + 1 and n > 1:
                break  # one meeting of next year, so that there is always one ahead
            starts_at = _aware(GENEVA, meeting_year, month, day, 9, 30)
            event = _event(
                f"gcg-meeting-{meeting_year}-{n}",
                organisers=["ILO"],
                kind=EventKind.GCG_MEETING,
                title=f"Global Coordinating Group meeting {n}/{meeting_year}",
                description=(
                    "The Global Coordinating Group meets three times a year to set goals, assess progress and "
                    "provide guidance for membership and implementation. The Secretariat prepares the meeting "
                    "with the Chair." + ILLUSTRATIVE_NOTE
                ),
                owner_body=body,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=7),
                timezone=GENEVA,
                venue="International Labour Office",
                city="Geneva",
                country="CH",
                online_url="https://meet.example.org/alliance87-gcg",
                is_open=True,
                capacity=40,
                # That the GCG meets three times a year is reported; these meetings and their dates are not.
                **Cited(source=seeds.DESCRIPTION, illustrative=True).as_fields(),
            )
            if upcoming is None and event.ends_at > timezone.now():
                upcoming = event
            _sessions(
                event,
                [
                    ("Opening by the Chair", "Adoption of the agenda and of the last meeting's summary."),
                    (
                        "Progress of the Action Groups and Pathfinder Countries",
                        "Reports against the work plans and national action plans, with the implementation gaps.",
                    ),
                ],
                [
                    (starts_at, starts_at + datetime.timedelta(minutes=30)),
                    (starts_at + datetime.timedelta(hours=1), starts_at + datetime.timedelta(hours=3)),
                ],
                [],
            )
    if upcoming is not None:
        for email in ("focal@demo.alliance87.org", "member@demo.alliance87.org"):
            user = User.objects.filter(email=email).first()
            if user is not None:
                Registration.objects.update_or_create(
                    event=upcoming,
                    user=user,
                    defaults={"status": RegistrationStatus.REGISTERED, "is_demo": True},
                )


def load() -> list[str]:
    resolution = item_titled("Resolution 2331 (2016)")
    _conflict_workshop(resolution)
    _migration_workshop()
    _gcg_meetings()
    decision_demo.load()
    return []
