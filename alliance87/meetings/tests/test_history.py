"""An event's History page, for those who may edit the event."""

from __future__ import annotations

import pytest

from alliance87.meetings.tests.factories import make_event

pytestmark = pytest.mark.django_db


def test_the_chair_sees_the_moved_venue_and_others_are_refused(world, client_for):
    event = make_event(owner_body=world.supply_chains, title="Due diligence workshop", slug="workshop")
    event.venue = "Geneva, Palais des Nations"
    event.save()
    html = client_for(world.chair).get("/events/workshop/history/").content.decode()
    assert "History of Due diligence workshop" in html and "<ins>Geneva, Palais des Nations</ins>" in html
    assert client_for(world.other_chair).get("/events/workshop/history/").status_code == 403
    assert client_for(world.outsider).get("/events/workshop/history/").status_code == 403
