"""Personal API tokens: made on the account page, with an expiry and a scope; a dead token is refused everywhere."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from alliance87.accounts.models import ApiToken, TokenScope
from alliance87.accounts.services import issue_api_token

pytestmark = pytest.mark.django_db

OPEN_READ = "/api/v1/organisations"


def bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def patch_profile(client, raw: str):
    return client.patch(
        "/api/v1/organisations/freedom-fund-example",
        {"description": "Changed by a script."},
        content_type="application/json",
        **bearer(raw),
    )


def test_a_person_creates_a_read_only_token_by_default_sees_it_once_and_revokes_it(world, client_for):
    client = client_for(world.member)

    response = client.post("/accounts/me/", {"name": "reporting script", "scope": "read", "days": "90"})

    token = ApiToken.objects.get(user=world.member)
    content = response.content.decode()
    assert "Copy it now" in content
    assert "a87_" in content
    assert token.scope == TokenScope.READ
    assert token.expires_at.date() == (timezone.now() + datetime.timedelta(days=90)).date()
    page = client.get("/accounts/me/").content.decode()
    assert "a87_" not in page
    assert re.search(r'<input type="radio" name="scope" value="read"[^>]*checked', page)  # the safe default
    client.post(f"/accounts/me/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert not token.is_active


@pytest.mark.parametrize(
    "data,field",
    [
        ({"name": "", "scope": "read", "days": "90"}, "name"),
        ({"name": "x" * 101, "scope": "read", "days": "90"}, "name"),
        ({"name": "script", "scope": "admin", "days": "90"}, "scope"),
        ({"name": "script", "scope": "read", "days": "9999"}, "days"),
    ],
    ids=["empty-name", "long-name", "unknown-scope", "too-long-life"],
)
def test_a_bad_token_request_is_shown_again_naming_the_field(world, client_for, data, field):
    response = client_for(world.member).post("/accounts/me/", data)

    assert response.status_code == 200
    assert (
        f'id="id_{field}_error"' in response.content.decode() or f"id_{field}_0" in response.content.decode()
    )
    assert not ApiToken.objects.exists()


def test_the_service_refuses_a_lifetime_past_a_year(world):
    with pytest.raises(ValidationError) as refused:
        issue_api_token(user=world.member, name="forever", days=400)

    assert "days" in refused.value.message_dict


def test_nobody_revokes_another_persons_token(world, client_for):
    token, _raw = issue_api_token(user=world.focal_point, name="script")

    response = client_for(world.secretariat).post(f"/accounts/me/tokens/{token.pk}/revoke/")

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.is_active


def test_revoking_an_unknown_token_is_not_found(world, client_for):
    assert client_for(world.member).post("/accounts/me/tokens/999999/revoke/").status_code == 404


def test_a_read_and_write_token_changes_what_its_owner_may(world, client):
    _token, raw = issue_api_token(user=world.focal_point, name="script", scope=TokenScope.WRITE)

    assert patch_profile(client, raw).status_code == 200


def test_a_read_only_token_reads_and_is_refused_on_writes_with_a_reason(world, client):
    _token, raw = issue_api_token(user=world.focal_point, name="dashboard", scope=TokenScope.READ)

    assert client.get(OPEN_READ, **bearer(raw)).status_code == 200
    response = patch_profile(client, raw)

    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]
    world.ngo.refresh_from_db()
    assert world.ngo.description != "Changed by a script."


def test_an_expired_token_is_refused_with_401_even_where_anonymous_readers_may_read(world, client):
    token, raw = issue_api_token(user=world.focal_point, name="old script")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    read = client.get(OPEN_READ, **bearer(raw))
    write = patch_profile(client, raw)

    assert read.status_code == write.status_code == 401
    assert "expired" in read.json()["detail"]
    assert read["WWW-Authenticate"].startswith("Bearer")
    assert client.get(OPEN_READ).status_code == 200  # without the token the same address answers


def test_a_revoked_token_is_refused_with_401_on_an_open_endpoint(world, client):
    token, raw = issue_api_token(user=world.focal_point, name="script")
    token.revoked_at = timezone.now()
    token.save()

    response = client.get(OPEN_READ, **bearer(raw))

    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_an_unknown_token_is_refused_with_401_on_an_open_endpoint(world, client):
    response = client.get(OPEN_READ, **bearer("a87_not-a-token"))

    assert response.status_code == 401
    assert response.json() == {"detail": "This API token is not valid.", "errors": []}


def test_a_token_notes_when_it_was_last_used(world, client):
    token, raw = issue_api_token(user=world.member, name="script")

    client.get(OPEN_READ, **bearer(raw))

    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_token_used_many_times_a_minute_notes_its_use_once_a_minute(world, client):
    """A script calling the API in a loop does not write to the database on every call."""
    token, raw = issue_api_token(user=world.member, name="script")
    client.get(OPEN_READ, **bearer(raw))
    token.refresh_from_db()
    first = token.last_used_at

    client.get(OPEN_READ, **bearer(raw))  # within the minute: nothing written
    token.refresh_from_db()
    assert token.last_used_at == first

    earlier = timezone.now() - datetime.timedelta(minutes=2)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=earlier)
    client.get(OPEN_READ, **bearer(raw))  # a minute later: noted again
    token.refresh_from_db()
    assert token.last_used_at > first
