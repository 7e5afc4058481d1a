"""Rate limits on API writes: per person, per anonymous client, and per e-mail address on the public forms."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.db import connection

from alliance87.core.apps import create_cache_table
from alliance87.partners.models import PartnerApplication

pytestmark = pytest.mark.django_db

APPLICATION = {
    "organisation_name": "Walk Free Example",
    "type": "civil_society",
    "description": "d",
    "contact_name": "Ana",
    "contact_email": "ana@example.org",
    "commitments": "c",
    "accept_terms": True,
}


def apply(client: Any, number: int, email: str = "ana@example.org"):
    return client.post(
        "/applications", {**APPLICATION, "organisation_name": f"Org {number}", "contact_email": email}
    )


def test_one_address_applies_at_most_three_times_a_day_through_the_api(api_as: Any) -> None:
    anonymous = api_as("anonymous")

    answers = [apply(anonymous, number).status_code for number in range(4)]

    assert answers == [201, 201, 201, 429]
    refused = apply(anonymous, 9)
    assert refused.json() == {
        "detail": "Too many attempts from you or for this address. Please wait an hour and try again.",
        "errors": [],
    }
    assert PartnerApplication.objects.count() == 3
    assert len(mail.outbox) == 3


def test_the_page_and_the_api_share_one_count_per_address(api_as: Any, client: Any) -> None:
    for number in range(2):
        client.post(
            "/partners/apply/",
            {**APPLICATION, "organisation_name": f"Page {number}", "country": "", "accept_terms": "on"},
        )

    assert apply(api_as("anonymous"), 1).status_code == 201
    assert apply(api_as("anonymous"), 2).status_code == 429


def test_one_anonymous_client_applies_at_most_ten_times_an_hour(api_as: Any) -> None:
    anonymous = api_as("anonymous")

    answers = [apply(anonymous, n, email=f"person{n}@example.org").status_code for n in range(11)]

    assert answers == [201] * 10 + [429]


def test_newsletter_sign_ups_are_limited_per_address(api_as: Any) -> None:
    anonymous = api_as("anonymous")
    subscribe = {"email": "reader@example.org", "language": "en"}

    answers = [anonymous.post("/newsletter/subscriptions", subscribe).status_code for _ in range(4)]

    assert answers == [202, 202, 202, 429]


def test_a_person_writing_too_fast_is_told_to_wait_and_may_still_read(api_as: Any, settings: Any) -> None:
    settings.API_WRITE_RATE_PERSON = "3/m"
    focal = api_as("focal_point")

    answers = [
        focal.patch("/organisations/freedom-fund-example", {"website": f"https://ff{n}.example"}).status_code
        for n in range(4)
    ]

    assert answers == [200, 200, 200, 429]
    refused = focal.patch("/organisations/freedom-fund-example", {"website": "https://late.example"})
    assert refused.json()["detail"] == "Too many changes for now. Please wait and try again."
    assert 0 < int(refused["Retry-After"]) <= 61
    assert focal.get("/organisations/freedom-fund-example").status_code == 200
    # Another person is not slowed down by the first.
    assert (
        api_as("secretariat").patch("/organisations/ilo", {"website": "https://ilo.example"}).status_code
        == 200
    )


def test_a_persons_token_and_session_share_one_count(api_as: Any, settings: Any) -> None:
    settings.API_WRITE_RATE_PERSON = "2/m"

    by_token = api_as("focal_point").patch(
        "/organisations/freedom-fund-example", {"website": "https://a.example"}
    )
    by_session = api_as("focal_point", via="session").patch(
        "/organisations/freedom-fund-example", {"website": "https://b.example"}
    )
    third = api_as("focal_point").patch(
        "/organisations/freedom-fund-example", {"website": "https://c.example"}
    )

    assert (by_token.status_code, by_session.status_code, third.status_code) == (200, 200, 429)


def test_anonymous_writes_are_limited_per_client(api_as: Any, settings: Any) -> None:
    settings.API_WRITE_RATE_ANONYMOUS = "2/h"
    anonymous = api_as("anonymous")

    answers = [
        anonymous.post(
            "/newsletter/subscriptions", {"email": f"r{n}@example.org", "language": "en"}
        ).status_code
        for n in range(3)
    ]

    assert answers == [202, 202, 429]


def test_the_counts_live_in_the_database_cache_every_process_shares(api_as: Any, settings: Any) -> None:
    """Production's cache: a table in the database, so a counter written by one worker is read by the next."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "alliance87_cache"}
    }
    create_cache_table(using="default")  # what `migrate` runs after migrating (the tests' cache is in memory)
    anonymous = api_as("anonymous")

    answers = [apply(anonymous, number).status_code for number in range(4)]

    assert answers == [201, 201, 201, 429]
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM alliance87_cache")
        assert cursor.fetchone()[0] > 0
