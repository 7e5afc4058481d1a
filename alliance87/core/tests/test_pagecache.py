"""The public page cache: a change shows on the next request, and nothing personal is ever served from it.

These tests commit for real (``transaction=True``): the data version is raised after a commit, as in production.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alliance87.core.pagecache import code_digest, current_version, one_version_read, release
from alliance87.meetings.models import Event, EventKind
from alliance87.news import services as news_services
from alliance87.partners import services as partner_services
from alliance87.plans import services as plan_services
from alliance87.plans.models import IndicatorValue, ValueStatus
from alliance87.plans.tests.factories import make_indicator, make_node, make_period, make_plan

pytestmark = pytest.mark.django_db(transaction=True)


def visitor() -> Client:
    return Client()


def cached(client: Client, path: str) -> str:
    """The page as a visitor sees it, asked twice: the second answer must come from the cache."""
    first = client.get(path)
    second = client.get(path)
    assert first.status_code == second.status_code == 200
    assert second.headers.get("X-Page-Cache") == "hit", path
    return second.content.decode()


def test_an_organisations_new_name_shows_on_the_next_request_of_every_page_listing_it(world):
    pages = ["/partners/", f"/partners/{world.ngo.slug}/", "/"]
    for path in pages:
        cached(visitor(), path)

    partner_services.update_organisation(
        organisation=world.ngo,
        by=world.focal_point,
        values=partner_services.OrganisationInput(name="Freedom Collective Renamed"),
    )

    for path in ("/partners/", f"/partners/{world.ngo.slug}/"):
        response = visitor().get(path)
        assert response.headers.get("X-Page-Cache") != "hit"
        assert "Freedom Collective Renamed" in response.content.decode()


def test_a_published_news_post_shows_on_the_next_request(world):
    assert "A brand new story" not in cached(visitor(), "/news/")
    post = news_services.create_post(
        by=world.secretariat, values=news_services.PostInput(title="A brand new story", summary="s", body="b")
    )
    assert "A brand new story" not in visitor().get("/news/").content.decode()  # a draft

    news_services.update_post(
        post=post, by=world.secretariat, values=news_services.PostInput(status="published")
    )

    assert "A brand new story" in visitor().get("/news/").content.decode()
    assert "A brand new story" in visitor().get("/").content.decode()


def test_an_approved_value_shows_on_the_next_request_of_the_indicator_page(world):
    plan = make_plan(owner_body=world.supply_chains, title="Supply chains plan", slug="supply-plan")
    plan.responsible_organisations.add(world.ngo)
    indicator = make_indicator(make_node(plan), title="Children removed from hazardous work")
    make_period(indicator, 2024, value="4321", status=ValueStatus.SUBMITTED)
    value = IndicatorValue.objects.get(period__indicator=indicator)
    path = f"/plans/{plan.slug}/indicators/{indicator.pk}/"
    before = cached(visitor(), path)
    assert "<td>Approved" not in before  # a submitted value is not shown to visitors

    plan_services.reporting.approve_value(value=value, by=world.chair, expected_version=value.version)

    response = visitor().get(path)
    assert response.headers.get("X-Page-Cache") != "hit"
    assert "<td>Approved" in response.content.decode()


def test_a_change_made_through_a_page_raises_the_version_even_without_a_model_signal(world):
    before = current_version()
    client = Client()
    client.force_login(world.focal_point)
    client.post(
        f"/partners/{world.ngo.slug}/edit/", {"name": "Edited through the page", "type": "civil_society"}
    )
    assert current_version() > before


def test_a_signed_in_persons_page_is_never_served_to_a_visitor_nor_stored(world):
    member = Client()
    member.force_login(world.focal_point)
    for _ in range(2):
        page = member.get("/partners/")
        assert page.status_code == 200
        assert page.headers.get("X-Page-Cache") is None  # neither stored nor served
    signed_in_marker = world.focal_point.email

    response = visitor().get("/partners/")
    assert response.headers.get("X-Page-Cache") == "miss"
    assert signed_in_marker not in response.content.decode()
    assert "Sign in" in response.content.decode()

    # And a visitor's cached copy is never served to a signed-in person.
    again = member.get("/partners/")
    assert again.headers.get("X-Page-Cache") is None
    assert "Sign in" not in again.content.decode()


def test_each_visitor_gets_their_own_csrf_token_from_a_cached_page(world):
    first, second = visitor(), visitor()
    first.get("/")
    page = second.get("/")
    assert page.headers.get("X-Page-Cache") == "hit"
    token = page.cookies["csrftoken"].value
    assert "a87-csrf-token" not in page.content.decode()
    # The token in the page works with the cookie this visitor was given: the language switch accepts it.
    import re

    form_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    strict = Client(enforce_csrf_checks=True)
    strict.cookies["csrftoken"] = token
    answer = strict.post("/i18n/setlang/", {"language": "fr", "next": "/", "csrfmiddlewaretoken": form_token})
    assert answer.status_code == 302


def test_a_page_with_a_message_waiting_is_not_served_from_the_cache(world):
    cached(visitor(), "/news/")
    client = visitor()
    client.cookies["messages"] = "anything"
    assert client.get("/news/").headers.get("X-Page-Cache") is None


def test_a_library_items_page_is_cached_and_still_counts_every_view(world):
    from alliance87.library.models import Item, MonthlyUse

    item = Item.objects.create(kind="report", title="Counted report", slug="counted-report")
    path = f"/library/{item.slug}/"
    cached(visitor(), path)  # a miss (the view counts) then a hit (the cache counts)
    visitor().get(path)

    assert MonthlyUse.objects.get(item=item).views == 3


def test_a_library_items_new_title_shows_on_the_next_request(world):
    from alliance87.library import services as library_services
    from alliance87.library.models import Item

    item = Item.objects.create(kind="report", title="Old title", slug="retitled-report")
    assert "Old title" in cached(visitor(), f"/library/{item.slug}/")

    library_services.save_item(
        item=item, by=world.secretariat, values=library_services.ItemInput(title="New title")
    )

    response = visitor().get(f"/library/{item.slug}/")
    assert response.headers.get("X-Page-Cache") != "hit"
    assert "New title" in response.content.decode()


def test_an_event_moves_to_the_past_when_it_ends_without_any_change(world, monkeypatch):
    start = timezone.now() + datetime.timedelta(hours=1)
    Event.objects.create(
        kind=EventKind.MEETING if hasattr(EventKind, "MEETING") else EventKind.values[0],
        title="A meeting about to end",
        slug="about-to-end",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        owner_body=world.gcg,
    )
    cached(visitor(), "/events/")
    later = start + datetime.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert visitor().get("/events/").headers.get("X-Page-Cache") != "hit"


def test_an_api_list_is_cached_for_anonymous_callers_and_a_new_organisation_shows_next(world):
    first = visitor().get("/api/v1/organisations")
    second = visitor().get("/api/v1/organisations")
    assert second.headers.get("X-Page-Cache") == "hit"
    assert second.content == first.content
    assert "Renamed in the API list" not in second.content.decode()

    partner_services.update_organisation(
        organisation=world.ngo,
        by=world.focal_point,
        values=partner_services.OrganisationInput(name="Renamed in the API list"),
    )

    response = visitor().get("/api/v1/organisations")
    assert response.headers.get("X-Page-Cache") != "hit"
    assert "Renamed in the API list" in response.content.decode()


def test_an_unchanged_api_list_answers_304_to_its_etag_and_200_after_a_change(world):
    etag = visitor().get("/api/v1/organisations").headers["ETag"]
    assert visitor().get("/api/v1/organisations", HTTP_IF_NONE_MATCH=etag).status_code == 304

    partner_services.update_organisation(
        organisation=world.ngo,
        by=world.focal_point,
        values=partner_services.OrganisationInput(name="Changed since the ETag"),
    )

    response = visitor().get("/api/v1/organisations", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.headers["ETag"] != etag


def test_a_signed_in_caller_or_a_token_never_gets_the_visitors_copy_of_an_api_list(world):
    """The public cache serves visitors only (signed-in callers' lists are kept per audience: core.audienceapi)."""
    from alliance87.accounts.services import issue_api_token

    visitor().get("/api/v1/organisations")  # a visitor's copy is stored
    member = Client()
    member.force_login(world.focal_point)
    assert member.get("/api/v1/organisations").headers.get("X-Page-Cache") is None
    _token, raw = issue_api_token(user=world.focal_point, name="script")
    with_token = visitor().get("/api/v1/organisations", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert with_token.status_code == 200
    assert with_token.headers.get("X-Page-Cache") is None


def test_signing_in_or_making_an_api_token_changes_no_page(world):
    """Neither shows on any kept page: a sign-in (its time noted) or a new token must not empty the caches."""
    from alliance87.accounts.services import issue_api_token

    cached(visitor(), "/partners/")
    Client().force_login(world.member)
    issue_api_token(user=world.member, name="script")
    assert visitor().get("/partners/").headers.get("X-Page-Cache") == "hit"
    world.member.first_name = "Renamed"
    world.member.save(update_fields=["first_name", "last_login"])  # any other field still counts
    assert visitor().get("/partners/").headers.get("X-Page-Cache") == "miss"


def test_a_read_request_reads_the_data_version_once_and_again_after_it_wrote(world):
    """The page caches, the fragments and the personal parts of one request share one read of the version; a
    write of the request itself (a model saved on GET) raises it, and the request reads the new one."""
    with one_version_read():
        with CaptureQueriesContext(connection) as queries:
            version = current_version()
            assert current_version() == version
        assert len(queries) == 1
        world.ngo.save()
        assert current_version() == version + 1
    with CaptureQueriesContext(connection) as queries:  # outside a request: read each time
        current_version()
        current_version()
    assert len(queries) == 2


def test_a_change_before_the_version_table_exists_says_nothing(caplog):
    """The first `migrate` saves rows before the data version's table exists: nothing to invalidate, no warning."""
    from django.db import connection

    from alliance87.core.models import DataVersion
    from alliance87.core.pagecache import data_changed

    table = DataVersion._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} RENAME TO {table}_away")
    try:
        with caplog.at_level("DEBUG", logger="alliance87"):
            data_changed()
        assert not [record for record in caplog.records if record.levelname in {"WARNING", "ERROR"}]
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {table}_away RENAME TO {table}")


@pytest.fixture
def fresh_release():
    """`release()` is computed once per process: forget it before and after a test that changes it."""
    release.cache_clear()
    yield release
    release.cache_clear()


def test_a_page_cached_before_a_deploy_is_not_served_after_it(world, settings, fresh_release):
    settings.RELEASE = "2026.12.1"
    cached(visitor(), "/partners/")
    cached(visitor(), "/api/v1/organisations")

    settings.RELEASE = "2026.12.2"  # a deploy: new processes compute the release again
    fresh_release.cache_clear()

    for path in ("/partners/", "/api/v1/organisations"):
        response = visitor().get(path)
        assert response.status_code == 200
        assert response.headers.get("X-Page-Cache") == "miss", path
        cached(visitor(), path)  # and cached again under the new release


def test_without_a_configured_release_the_key_holds_the_version_and_a_digest_of_the_code(
    settings, fresh_release, tmp_path
):
    settings.RELEASE = ""
    version, digest = fresh_release().split("+")
    assert version and digest == code_digest()

    package = tmp_path / "package"
    (package / "templates").mkdir(parents=True)
    (package / "tests").mkdir()
    (package / "templates" / "page.html").write_text("<p>{{ before }}</p>")
    (package / "views.py").write_text("VIEW = 1\n")
    first = code_digest(package)
    (package / "tests" / "test_page.py").write_text("def test(): pass\n")
    (package / "notes.po").write_text("ignored\n")
    assert code_digest(package) == first  # tests and sources of translations do not make pages
    (package / "templates" / "page.html").write_text("<p>{{ after }}</p>")
    changed_template = code_digest(package)
    (package / "views.py").write_text("VIEW = 2\n")
    assert len({first, changed_template, code_digest(package)}) == 3
