"""A library item used in an event's agenda shows that event on its page: the item and the event are linked."""

import datetime

from alliance87.library.tests.factories import make_item
from alliance87.meetings.models import AgendaSession
from alliance87.meetings.tests.factories import make_event


def test_an_item_page_lists_the_events_whose_agenda_uses_it(world, client):
    item = make_item(title="Resolution 2331 (2016)")
    event = make_event(owner_body=world.supply_chains, title="Workshop on resolution 2331")
    session = AgendaSession.objects.create(
        event=event,
        title="Procurement and supply chains",
        starts_at=event.starts_at,
        ends_at=event.starts_at + datetime.timedelta(hours=1),
    )
    session.documents.add(item)
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Workshop on resolution 2331" in page
    assert event.get_absolute_url() in page


def test_an_item_used_in_no_agenda_has_no_events_section(world, client):
    item = make_item(title="A brief")
    assert "Discussed at" not in client.get(item.get_absolute_url()).content.decode()
