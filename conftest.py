"""Fixtures every test may use: one account per role and a small partnership to act on."""

from __future__ import annotations

import copy
import datetime
import os
import sqlite3
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pytest
from django.core import management
from django.test import Client

from alliance87.accounts.models import User
from alliance87.accounts.services import verify_account_address
from alliance87.bodies.models import Body, BodyKind, Role, RoleTerm
from alliance87.countries.models import PathfinderCountry, PathfinderStatus
from alliance87.partners.models import Organisation, OrganisationMembership, OrganisationType

#: Fixtures every app's API tests use: ``api_as`` (a client acting as a role of the world).
pytest_plugins = ["tests.api"]

PASSWORD = "correct-horse-battery-8.7"


@dataclass
class World:
    """A minimal partnership: two Action Groups (one with a working group), organisations and people."""

    ilo: Organisation
    iom: Organisation
    ngo: Organisation
    other_ngo: Organisation
    supply_chains: Body
    working_group: Body
    migration: Body
    gcg: Body
    fiji: PathfinderCountry
    admin: User
    secretariat: User
    chair: User  # represents the ILO as chair of Supply Chains
    other_chair: User  # represents the IOM as chair of Migration
    focal_point: User  # focal point of `ngo`
    member: User  # a non-focal-point member of `ngo`
    other_focal_point: User  # focal point of `other_ngo`
    outsider: User  # signed in, linked to no organisation


def make_user(email: str, **extra: object) -> User:
    """An account that signs in with PASSWORD: its address is verified, as a focal point's is after approval."""
    user = User.objects.create_user(username=email, email=email, password=PASSWORD, **extra)
    verify_account_address(user=user)
    return user


@pytest.fixture
def world(db: None) -> World:
    ilo = Organisation.objects.create(
        name="International Labour Organization", acronym="ILO", slug="ilo", type=OrganisationType.UN_ENTITY
    )
    iom = Organisation.objects.create(
        name="International Organization for Migration",
        acronym="IOM",
        slug="iom",
        type=OrganisationType.UN_ENTITY,
    )
    ngo = Organisation.objects.create(
        name="Freedom Fund Example",
        slug="freedom-fund-example",
        type=OrganisationType.CIVIL_SOCIETY,
        country="GB",
    )
    other_ngo = Organisation.objects.create(
        name="Another Civil Society Group", slug="another", type=OrganisationType.CIVIL_SOCIETY, country="FR"
    )
    gcg = Body.objects.create(kind=BodyKind.GCG, name="Global Coordinating Group", slug="gcg", position=1)
    supply_chains = Body.objects.create(
        kind=BodyKind.ACTION_GROUP,
        name="Action Group on Supply Chains",
        short_name="Supply Chains",
        slug="supply-chains",
        position=10,
    )
    working_group = Body.objects.create(
        kind=BodyKind.WORKING_GROUP,
        name="Working Group on Knowledge Gaps and Research",
        slug="wg-research",
        parent=supply_chains,
        position=11,
    )
    migration = Body.objects.create(
        kind=BodyKind.ACTION_GROUP,
        name="Action Group on Migration",
        short_name="Migration",
        slug="migration",
        position=20,
    )
    admin = make_user("admin@example.org", is_superuser=True, is_staff=True)
    secretariat = make_user("secretariat@example.org", is_secretariat=True)
    chair = make_user("chair@example.org")
    other_chair = make_user("other-chair@example.org")
    focal_point = make_user("focal@example.org")
    member = make_user("member@example.org")
    other_focal_point = make_user("other-focal@example.org")
    outsider = make_user("outsider@example.org")
    OrganisationMembership.objects.create(user=chair, organisation=ilo)
    OrganisationMembership.objects.create(user=other_chair, organisation=iom)
    OrganisationMembership.objects.create(user=focal_point, organisation=ngo, is_focal_point=True)
    OrganisationMembership.objects.create(user=member, organisation=ngo)
    OrganisationMembership.objects.create(user=other_focal_point, organisation=other_ngo, is_focal_point=True)
    start = datetime.date(2017, 6, 1)
    RoleTerm.objects.create(
        body=supply_chains, role=Role.CHAIR, organisation=ilo, start_date=start, representative=chair
    )
    RoleTerm.objects.create(
        body=migration, role=Role.CO_CHAIR, organisation=iom, start_date=start, representative=other_chair
    )
    RoleTerm.objects.create(
        body=gcg,
        role=Role.CHAIR,
        country="AU",
        start_date=datetime.date(2017, 11, 1),
        end_date=datetime.date(2019, 7, 1),
    )
    RoleTerm.objects.create(body=gcg, role=Role.CHAIR, country="FR", start_date=datetime.date(2019, 7, 1))
    fiji = PathfinderCountry.objects.create(country="FJ", status=PathfinderStatus.PATHFINDER)
    return World(
        ilo=ilo,
        iom=iom,
        ngo=ngo,
        other_ngo=other_ngo,
        supply_chains=supply_chains,
        working_group=working_group,
        migration=migration,
        gcg=gcg,
        fiji=fiji,
        admin=admin,
        secretariat=secretariat,
        chair=chair,
        other_chair=other_chair,
        focal_point=focal_point,
        member=member,
        other_focal_point=other_focal_point,
        outsider=outsider,
    )


@pytest.fixture
def client_for(client: Client):
    """A test client signed in as the given user (or anonymous for None)."""

    def sign_in(user: User | None) -> Client:
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in


class TranslationDoor:
    """The chair of Supply Chains at the doors where French and Spanish texts are entered: its pages (signed in)
    and the API (with a token). Shared by the apps' translation-door tests."""

    def __init__(self, client: Client, api_as: Any, world: World) -> None:
        self.client = client
        self.world = world
        self._api_as = api_as

    @cached_property
    def api(self) -> Any:
        """The chair's API client (made on first use: it issues a token)."""
        return self._api_as("chair")

    def form(self, address: str) -> str:
        """The English form page at `address`, which offers the French and Spanish fieldsets."""
        page = self.client.get(address).content.decode()
        assert (
            "<legend>French translation</legend>" in page and "<legend>Spanish translation</legend>" in page
        )
        return page


@pytest.fixture
def translation_door(client_for, api_as, world: World) -> TranslationDoor:
    """The chair of Supply Chains on the forms and in the API, to enter translations (`TranslationDoor`)."""
    return TranslationDoor(client_for(world.chair), api_as, world)


def load_demo_quietly() -> None:
    """`alliance87 load_demo`, its report thrown away."""
    with open(os.devnull, "w") as quiet:
        management.call_command("load_demo", stdout=quiet)


@pytest.fixture
def demo(db: None) -> None:
    """The demo loaded for one test (a test that only reads it shares a class's load: `demo_read_only`)."""
    load_demo_quietly()


@pytest.fixture(scope="class")
def demo_read_only(django_db_setup: None, django_db_blocker: Any) -> Any:
    """The demo loaded once for the tests of a class that only read it (8-20 s of CPU a load), in a transaction
    rolled back after the last of them; each test runs in a savepoint of it (its `db`), as alone.

    Use it as ``@pytest.mark.usefixtures("demo_read_only", "db")`` on a class. A test that writes the demo (loads
    it again, removes it, loads it into another database) or runs in a transaction of its own loads its own.
    """
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_quietly()
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts and ends in English, whatever the previous test activated."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters and used one-time codes start empty in every test, whatever the previous one did."""
    from django.core.cache import cache, caches

    from alliance87.core import pagecache

    cache.clear()
    caches["pages"].clear()  # the public page cache too: a page cached by one test never reaches the next
    caches["audience"].clear()  # and the signed-in people's
    from alliance87.plans.gaps.download import forget_kept_files

    forget_kept_files()  # nor a download file kept by one test (files live in memory for the whole run)
    # When the pages next change by the clock is remembered per data version, and each test's versions start again.
    pagecache._next_change = (-1, 0.0)
    yield


@pytest.fixture(scope="session", autouse=True)
def _openapi_document_built_once():
    """The API's OpenAPI document is built once per language (and arguments) in a test run, then copied.

    A build costs ~2 s of CPU (~5-10 s on a loaded machine) and depends only on the code and the language; the
    tests that read it (the document, the docs warm-up, no-leaks, input bounds, the public surface, the French
    pages) each built it again. Every caller gets its own copy, so none can change what the next one reads.
    """
    from django.utils.translation import get_language

    from alliance87.api.urls import api

    build = api.get_openapi_schema
    built: dict[tuple[str, str], dict[str, Any]] = {}

    def once(*args: Any, **kwargs: Any) -> dict[str, Any]:
        key = (get_language() or "", repr((args, sorted(kwargs.items()))))
        if key not in built:
            built[key] = build(*args, **kwargs)
        return copy.deepcopy(built[key])

    api.get_openapi_schema = once  # type: ignore[method-assign]
    yield
    api.get_openapi_schema = build  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def django_db_setup(
    request: pytest.FixtureRequest, django_db_use_migrations: bool, django_db_createdb: bool
) -> None:
    """pytest-django's test databases; a new SQLite one starts as a copy of the migrated template.

    The template (`migrated_template()`: one real `migrate`, built once per set of migrations into var/test-cache)
    is copied into the empty test database just before Django's test-database creation runs `migrate` on it; that
    `migrate` then finds nothing to apply and still sends post_migrate (content types, permissions). It saves each
    xdist worker ~110 s of CPU. The hook is `call_command`, which Django's creation code looks up when it runs,
    patched for pytest-django's set-up alone. `--create-db`, `--nomigrations` or ALLIANCE87_TEST_MIGRATE=1 keep
    Django's own path; PostgreSQL, and a database --reuse-db kept, are migrated as before."""
    use_template = (
        django_db_use_migrations and not django_db_createdb and not os.environ.get("ALLIANCE87_TEST_MIGRATE")
    )
    call_command = management.call_command

    def migrate_from_template(name: str, *args: Any, **options: Any) -> Any:
        if name == "migrate":
            copy_migrated_template(options["database"])
        return call_command(name, *args, **options)

    if use_template:
        management.call_command = migrate_from_template
    try:
        request.getfixturevalue("django_db_setup")  # pytest-django's, which this one overrides
    finally:
        management.call_command = call_command


def copy_migrated_template(alias: str) -> None:
    """Fill the empty SQLite test database `alias` with the migrated template (a database kept by --reuse-db, or
    PostgreSQL's, is left to `migrate`)."""
    from django.db import connections

    from alliance87.core.tests.installation import migrated_template

    connection = connections[alias]
    if connection.vendor != "sqlite":
        return
    connection.ensure_connection()
    if connection.introspection.table_names():
        return
    template = sqlite3.connect(f"file:{migrated_template()}?immutable=1", uri=True)
    try:
        template.backup(connection.connection)
    finally:
        template.close()
    with connection.cursor() as cursor:
        # The dev settings' database cache table (the template's migrate ran under them); the test settings keep
        # their caches in memory, so their own migrate never makes it.
        cursor.execute("DROP TABLE alliance87_cache")
