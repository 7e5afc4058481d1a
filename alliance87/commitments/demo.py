"""Demo commitment: one illustrative commitment of the Walk Free Foundation with two deliverables, two yearly
reports on the first and a late report on the second, whose overdue reminder goes to the demo focal point
(printed by the console mail backend when the task worker of `make demo` runs). Idempotent.

The seed documents state no partner commitment: the Walk Free Foundation's part in the Migration Action Group's
2018 planning workshop (the IOM release) is real, the commitment below is not, and it is flagged illustrative on
the page and in the API. Dates follow today, so the second deliverable's latest report is always overdue.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from alliance87.accounts.models import User
from alliance87.bodies.models import Body
from alliance87.countries.models import PathfinderCountry
from alliance87.partners.models import Organisation

from .models import Commitment, Deliverable, DeliverableReport, DeliveryStatus
from .reminders import pending_reminders, send_reminder
from .status import report_due_date

FOCAL_POINT_EMAIL = "focal@demo.alliance87.org"
TITLE = "Evidence on migrant workers' vulnerability to forced labour (illustrative)"
DESCRIPTION = (
    "*Illustrative demo commitment: not a published fact. The seed documents state no partner commitment; "
    "they report that the Walk Free Foundation presented research into migrant vulnerabilities at the "
    "Migration Action Group's planning workshop (IOM release on the workshop of 29–30 November 2018).*"
)


def latest_due_year(today: datetime.date) -> int:
    """The latest year whose report was due before today."""
    return today.year - 1 if today > report_due_date(today.year - 1) else today.year - 2


def load() -> list[str]:
    organisation = Organisation.objects.filter(slug="walk-free").first()
    migration = Body.objects.filter(slug="migration").first()
    country = PathfinderCountry.objects.filter(country="FJ").first()
    if organisation is None or migration is None or country is None:
        return []
    focal_point = User.objects.filter(email=FOCAL_POINT_EMAIL).first()
    today = timezone.localdate()
    late_year = latest_due_year(today)
    first_year = late_year - 1
    commitment, _created = Commitment.objects.update_or_create(
        organisation=organisation,
        title=TITLE,
        defaults={
            "description": DESCRIPTION,
            "made_on": datetime.date(first_year, 2, 1),
            "source": "",
            "is_illustrative": True,
            "created_by": focal_point,
            "is_demo": True,
        },
    )
    research, _created = Deliverable.objects.update_or_create(
        commitment=commitment,
        title="Publish a study of migrant workers' vulnerability in two corridors (illustrative)",
        defaults={
            "measure": "The study is published in the Alliance 8.7 library.",
            "due_date": datetime.date(late_year, 12, 31),
            "body": migration,
            "pledged_amount": Decimal("120000"),
            "pledged_currency": "USD",
            "position": 1,
            "is_demo": True,
        },
    )
    training, _created = Deliverable.objects.update_or_create(
        commitment=commitment,
        title="Train labour inspectors on recruitment-fee abuse (illustrative)",
        defaults={
            "measure": "Number of inspectors trained, from the training records.",
            "due_date": datetime.date(late_year + 1, 6, 30),
            "country": country,
            "in_kind": "Two trainers' time for six weeks",
            "position": 2,
            "is_demo": True,
        },
    )
    reports = [
        (research, first_year, DeliveryStatus.IN_PROGRESS, "Field interviews done in the first corridor."),
        (
            research,
            late_year,
            DeliveryStatus.DELIVERED,
            "The study was published and presented to the group.",
        ),
        (training, first_year, DeliveryStatus.NOT_STARTED, "The curriculum is agreed with the ministry."),
    ]
    for deliverable, year, status, narrative in reports:
        DeliverableReport.objects.update_or_create(
            deliverable=deliverable,
            year=year,
            defaults={
                "status": status,
                "narrative": f"{narrative} *(Illustrative.)*",
                "reported_by": focal_point,
                "reported_on": report_due_date(year) - datetime.timedelta(days=10),
                "is_demo": True,
            },
        )
    # The reminder the scheduler sends the day after the late report was due (only this commitment's).
    reminder_day = report_due_date(late_year) + datetime.timedelta(days=1)
    sent = sum(
        send_reminder(reminder, user)
        for reminder, user in pending_reminders(today=reminder_day)
        if reminder.commitment == commitment
    )
    return [
        f"Commitments: 1 illustrative commitment of the Walk Free Foundation; its {late_year} report on one "
        f"deliverable is late ({sent} reminder e-mail queued to {FOCAL_POINT_EMAIL})"
    ]
