"""The demo loads one illustrative commitment with two yearly reports and a late one whose reminder is queued,
idempotently, and remove_demo_data removes all of it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.utils import timezone

from alliance87.commitments.models import Commitment, CommitmentReminder, Deliverable, DeliverableReport
from alliance87.commitments.selectors import deliverables_of
from alliance87.commitments.status import Light
from alliance87.core.demo import load_demo_data, remove_demo_data

pytestmark = pytest.mark.django_db


def test_demo_commitment_loads_twice_shows_a_late_report_and_is_removable(client):
    load_demo_data()
    load_demo_data()

    commitment = Commitment.objects.get(is_demo=True)
    assert commitment.is_illustrative and commitment.organisation.slug == "walk-free"
    rows = deliverables_of(commitment, viewer=AnonymousUser(), as_of=timezone.localdate())
    lights = {row.deliverable.body_id is not None: row.standing.light for row in rows}
    assert lights == {True: Light.DELIVERED, False: Light.NO_REPORT}
    assert DeliverableReport.objects.filter(deliverable__body__slug="migration").count() == 2
    reminder = CommitmentReminder.objects.get()
    assert reminder.user.email == "focal@demo.alliance87.org" and reminder.kind == "overdue"
    assert [m.to for m in mail.outbox] == [["focal@demo.alliance87.org"]]
    assert "Illustrative" in client.get(commitment.get_absolute_url()).content.decode()

    remove_demo_data()
    assert not Commitment.objects.exists() and not Deliverable.objects.exists()
    assert not CommitmentReminder.objects.exists()
