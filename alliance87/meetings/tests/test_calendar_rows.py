"""The calendar's tables, rendered once per data version, language and address for every reader: what each row
shows, that a change shows on the next request, each language's rows, and nobody's private bits for another.

These tests commit for real (``transaction=True``): the tables are only kept between committed versions.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from alliance87.core.tests.helpers import read_page
from alliance87.meetings import services
from alliance87.meetings.models import Event, EventKind
from conftest import World

from .factories import make_event

pytestmark = pytest.mark.django_db(transaction=True)


def calendar(user=None, path: str = "/events/") -> str:
    return read_page(path, user)


def upcoming_row(page: str, text: str) -> str:
    """The row of the upcoming table that holds `text`."""
    table = page[page.index('<table class="event-table">') :]
    table = table[: table.index("</table>")]
    return next(row for row in re.findall(r"<tr>.*?</tr>", table, re.S) if text in row)


def test_a_row_shows_the_date_title_kind_owner_and_place(world: World) -> None:
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=20)
    event = make_event(
        owner_body=world.supply_chains,
        title="Due diligence <workshop>",
        kind=EventKind.WEBINAR,
        city="Geneva",
        online_url="https://example.org/room",
        starts_at=starts,
        is_demo=True,
    )
    make_event(owner_country=world.fiji, title="Fiji consultation", city="")

    page = calendar()

    row = upcoming_row(page, "Due diligence")
    assert f'<a href="/events/{event.slug}/">Due diligence &lt;workshop&gt;</a>' in row
    assert f'datetime="{starts.astimezone(datetime.UTC).isoformat()}"' in row
    assert "<td>Webinar</td>" in row and "<td>Geneva · Online</td>" in row
    assert f'<a href="/bodies/{world.supply_chains.slug}/">' in row and "Demo data" in row
    assert "Cancelled" not in row
    fiji = upcoming_row(page, "Fiji consultation")
    assert '<a href="/countries/fj/">Fiji</a>' in fiji


def test_an_edited_title_and_a_cancellation_show_on_the_next_request_of_everyone(world: World) -> None:
    event = make_event(owner_body=world.supply_chains, title="Forced labour workshop")
    for user in (None, world.secretariat, world.member):
        assert "Forced labour workshop" in calendar(user)

    services.update_event(
        event=event,
        by=world.secretariat,
        values=services.EventInput(title="Forced labour summit"),
    )
    services.cancel_event(event=Event.objects.get(pk=event.pk), by=world.secretariat)

    for user in (None, world.secretariat, world.member):
        page = calendar(user)
        row = upcoming_row(page, "Forced labour summit")
        assert "Forced labour workshop" not in page and "badge-cancelled" in row


def test_each_language_reads_its_own_rows(world: World) -> None:
    make_event(owner_body=world.supply_chains, title="Supply chain workshop", title_fr="Atelier chaînes")
    for _ in range(2):  # the second time from the kept tables
        assert "Supply chain workshop" in upcoming_row(calendar(), "Supply chain workshop")
        french = upcoming_row(calendar(path="/fr/events/"), "Atelier")
        assert "Atelier chaînes" in french and "Supply chain workshop" not in french
        spanish = upcoming_row(calendar(world.member, "/es/events/"), "Supply chain workshop")
        assert '<span lang="en">Supply chain workshop</span>' in spanish and "badge-lang" in spanish
        assert "Taller" in spanish  # the kind in Spanish


def test_the_tables_kept_for_one_reader_never_carry_anothers_private_bits(world: World) -> None:
    make_event(owner_body=world.supply_chains, title="Shared workshop")
    officer = calendar(world.secretariat)  # keeps the tables first
    visitor = calendar()

    assert 'href="/events/new/"' in officer
    assert "Shared workshop" in visitor and 'href="/events/new/"' not in visitor
    assert world.secretariat.email not in visitor
    assert 'href="/events/new/"' in calendar(world.secretariat)
