"""The .ics download and the feeds parse with `icalendar`, in UTC, with stable UIDs and SEQUENCE."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from icalendar import Calendar

from alliance87.meetings import services
from alliance87.meetings.models import Event
from conftest import World

from .factories import make_event

pytestmark = pytest.mark.django_db

WINTER_MORNING = datetime.datetime(2030, 1, 15, 9, 0)  # on Geneva's clocks


def _calendar(client: Client, url: str) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def _zurich_event(world: World) -> Event:
    return services.create_event(
        by=world.chair,
        values=services.EventInput.of(
            {
                "kind": "workshop",
                "title": "Due diligence workshop",
                "owner_body": world.supply_chains,
                "starts_at": WINTER_MORNING,
                "ends_at": WINTER_MORNING + datetime.timedelta(hours=8),
                "timezone": "Europe/Zurich",
                "venue": "Palais des Nations",
                "city": "Geneva",
                "country": "CH",
            }
        ),
    )


def test_event_ics_carries_the_time_in_utc(client: Client, world: World, settings) -> None:
    settings.SITE_URL = "https://platform.example.org"
    event = _zurich_event(world)
    cal = _calendar(client, f"/events/{event.slug}.ics")
    assert (
        str(cal["VERSION"]) == "2.0"
        and str(cal["METHOD"]) == "PUBLISH"
        and "Alliance 8.7" in str(cal["PRODID"])
    )
    (entry,) = cal.walk("VEVENT")
    assert entry.decoded("DTSTART") == datetime.datetime(2030, 1, 15, 8, 0, tzinfo=datetime.UTC)
    assert entry.decoded("DTEND") == datetime.datetime(2030, 1, 15, 16, 0, tzinfo=datetime.UTC)
    assert b"DTSTART:20300115T080000Z" in entry.to_ical()
    assert str(entry["UID"]) == f"{event.uid}@platform.example.org"
    assert int(entry["SEQUENCE"]) == 0
    assert entry.get("DTSTAMP") is not None
    assert str(entry["LOCATION"]) == "Palais des Nations, Geneva, Switzerland"
    assert str(entry["URL"]) == f"https://platform.example.org/events/{event.slug}/"
    assert str(entry["STATUS"]) == "CONFIRMED"
    assert str(entry["SUMMARY"]) == "Due diligence workshop"


def test_summer_time_is_converted_too(client: Client, world: World) -> None:
    event = make_event(owner_body=world.supply_chains)
    services.update_event(
        event=event,
        by=world.chair,
        values=services.EventInput.of(
            {"starts_at": datetime.datetime(2030, 7, 1, 9), "ends_at": datetime.datetime(2030, 7, 1, 10)}
        ),
    )
    (entry,) = _calendar(client, f"/events/{event.slug}.ics").walk("VEVENT")
    assert entry.decoded("DTSTART") == datetime.datetime(2030, 7, 1, 7, 0, tzinfo=datetime.UTC)


def test_cancelled_events_stay_in_the_feeds_with_a_higher_sequence(client: Client, world: World) -> None:
    event = _zurich_event(world)
    uid_before = str(_calendar(client, "/events/feed.ics").walk("VEVENT")[0]["UID"])
    services.cancel_event(event=event, by=world.chair)
    for url in ("/events/feed.ics", "/events/feed/body/supply-chains.ics", f"/events/{event.slug}.ics"):
        (entry,) = _calendar(client, url).walk("VEVENT")
        assert str(entry["STATUS"]) == "CANCELLED"
        assert int(entry["SEQUENCE"]) == 1
        assert str(entry["UID"]) == uid_before


def test_body_and_country_feeds_carry_only_their_events(client: Client, world: World) -> None:
    body_event = make_event(owner_body=world.supply_chains, title="Body workshop")
    country_event = make_event(owner_country=world.fiji, title="Fiji consultation")
    make_event(owner_body=world.migration, title="Other group")
    summaries = lambda url: {str(e["SUMMARY"]) for e in _calendar(client, url).walk("VEVENT")}  # noqa: E731
    assert summaries("/events/feed/body/supply-chains.ics") == {body_event.title}
    assert summaries("/events/feed/country/fj.ics") == {country_event.title}
    assert summaries("/events/feed.ics") == {"Body workshop", "Fiji consultation", "Other group"}
    assert client.get("/events/feed/body/nobody.ics").status_code == 404
    assert client.get("/events/feed/country/br.ics").status_code == 404


def test_private_feed_works_without_a_session_and_a_wrong_token_is_404(world: World) -> None:
    mine = make_event(owner_body=world.supply_chains, title="Mine")
    make_event(owner_body=world.supply_chains, title="Not mine")
    waiting = make_event(owner_body=world.supply_chains, title="Waiting", is_open=False)
    services.register(event=mine, user=world.member)
    services.register(event=waiting, user=world.member)
    token = services.calendar_feed_of(user=world.member).token
    anonymous = Client()
    cal = _calendar(anonymous, f"/events/feed/me/{token}.ics")
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Mine"]
    assert anonymous.get("/events/feed/me/not-the-token.ics").status_code == 404
    services.rotate_calendar_feed(user=world.member)
    assert anonymous.get(f"/events/feed/me/{token}.ics").status_code == 404


def test_my_calendar_page_shows_and_rotates_the_address(client: Client, world: World) -> None:
    client.force_login(world.member)
    page = client.get("/events/my-calendar/")
    token = services.calendar_feed_of(user=world.member).token
    assert f"/events/feed/me/{token}.ics" in page.content.decode()
    client.post("/events/my-calendar/")
    assert services.calendar_feed_of(user=world.member).token != token
