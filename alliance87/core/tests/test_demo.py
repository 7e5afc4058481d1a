"""The demo loader builds the partnership the seed documents describe; one command removes it again."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from alliance87.accounts.models import User
from alliance87.bodies.models import Body, BodyKind, Role, RoleTerm
from alliance87.core.demo import DEMO_PASSWORD, demo_models
from alliance87.countries.models import PathfinderCountry
from alliance87.partners.models import Organisation, OrganisationType


@pytest.mark.usefixtures("demo_read_only", "db")
class TestTheLoadedDemo:
    """What the demo holds and shows, read from one load (the tests that write load their own, below)."""

    def test_demo_has_the_four_action_groups_with_their_documented_chairs(self):
        chairs = {
            (term.body.slug, term.role, term.organisation.acronym)
            for term in RoleTerm.objects.current()
            .chairing()
            .filter(body__kind=BodyKind.ACTION_GROUP)
            .select_related("body", "organisation")
        }
        assert chairs == {
            ("supply-chains", Role.CHAIR, "ILO"),
            ("migration", Role.CO_CHAIR, "IOM"),
            ("migration", Role.CO_CHAIR, "UNICEF"),
            ("rule-of-law-governance", Role.CHAIR, "OHCHR"),
            ("conflict-humanitarian", Role.CHAIR, "UNICEF"),
        }
        assert Body.objects.get(slug="supply-chains").children.count() == 4

    def test_demo_keeps_the_gcg_chair_history(self):
        terms = {
            (t.role, str(t.country), t.start_date.isoformat(), t.end_date.isoformat() if t.end_date else None)
            for t in RoleTerm.objects.filter(body__slug="gcg")
        }
        assert (Role.CHAIR, "AU", "2017-11-01", "2019-07-01") in terms
        assert (
            Role.CHAIR,
            "FR",
            "2019-07-01",
            "2023-05-31",
        ) in terms  # as the 2023 call for a new chair says
        assert (Role.DEPUTY_CHAIR, "AR", "2017-11-01", "2023-05-31") in terms

    def test_the_gcg_page_shows_its_chairs_as_reported_with_their_source(self, client):
        html = client.get("/bodies/gcg/").content.decode()
        assert "“Alliance 8.7: description of the initiative”, Alliance 8.7 (2019)" in html
        assert "as of 1 Jul 2019" in html
        assert "No chair recorded." in html  # France's term ended in 2023; the demo names no successor

    def test_every_demo_membership_cites_a_seed_document_or_says_it_is_illustrative(self):
        for term in RoleTerm.objects.filter(is_demo=True):
            assert term.provenance.is_stated, term
        assert not RoleTerm.objects.filter(organisation__acronym__in=["GBCAT", "UNGC"]).exists()

    def test_demo_pathfinders_cite_a_public_page_or_are_marked_illustrative(self):
        confirmed = set(
            PathfinderCountry.objects.filter(is_illustrative=False).values_list("country", flat=True)
        )
        assert confirmed == {
            "FJ",
            "MG",
        }  # the seeds name no Pathfinder Country; these cite alliance87.org pages
        assert all(
            c.source_url.startswith("https://alliance87.org/") and c.source_read_on
            for c in PathfinderCountry.objects.filter(is_illustrative=False)
        )

    def test_the_home_page_counts_only_pathfinders_with_a_published_source(self, client):
        html = client.get("/").content.decode()
        assert '<span class="stat">2</span> Pathfinder Countries with a published source' in html
        countries = client.get("/countries/").content.decode()
        assert "24 in implementation" not in countries
        assert "confirmed by the seed" not in (Path(__file__).resolve().parents[3] / "README.md").read_text()

    def test_demo_accounts_sign_in_with_the_printed_password(self, client):
        for email in [
            "admin@demo.alliance87.org",
            "secretariat@demo.alliance87.org",
            "chair@demo.alliance87.org",
            "focal@demo.alliance87.org",
            "member@demo.alliance87.org",
        ]:
            assert client.login(username=email, password=DEMO_PASSWORD), email
            client.logout()

    def test_every_demo_record_is_flagged_and_shown_as_demo(self, client):
        assert not Organisation.objects.filter(is_demo=False).exists()
        assert "Demo data" in client.get("/partners/ilo/").content.decode()


def test_loading_twice_creates_nothing_new(demo):
    counts = {m._meta.label: m.objects.count() for m in demo_models()}
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert {m._meta.label: m.objects.count() for m in demo_models()} == counts


def test_remove_demo_data_keeps_real_records(demo):
    real = Organisation.objects.create(name="A Real Partner", slug="real", type=OrganisationType.GOVERNMENT)
    real_user = User.objects.create_user(
        username="real@example.org", email="real@example.org", password="x" * 12
    )
    call_command("remove_demo_data", "--yes", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for model in demo_models():
        assert not model.objects.filter(is_demo=True).exists(), model
    assert Organisation.objects.get() == real
    assert User.objects.get() == real_user


def test_load_demo_refuses_to_adopt_a_real_body_with_a_demo_slug(db):
    real = Body.objects.create(
        name="Our own Supply Chains group", slug="supply-chains", kind=BodyKind.ACTION_GROUP
    )

    with pytest.raises(CommandError, match="was not created by the demo loader"):
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    real.refresh_from_db()
    assert real.name == "Our own Supply Chains group" and not real.is_demo
    assert not any(model.objects.filter(is_demo=True).exists() for model in demo_models())


def test_load_demo_refuses_to_take_over_a_real_account_with_a_demo_address(db):
    real = User.objects.create_user(
        username="admin@demo.alliance87.org", email="admin@demo.alliance87.org", password="own-password-8.7"
    )

    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    real.refresh_from_db()
    assert real.check_password("own-password-8.7") and not real.is_superuser


def test_remove_demo_data_never_deletes_real_records_hanging_on_demo_ones(demo):
    body = Body.objects.get(slug="supply-chains")
    real_term = RoleTerm.objects.create(
        body=body, role=Role.MEMBER, organisation=Organisation.objects.create(name="Real", slug="real-org")
    )

    with pytest.raises(IntegrityError, match="still referenced by real records"):
        call_command("remove_demo_data", "--yes", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert RoleTerm.objects.filter(pk=real_term.pk).exists()
    assert Body.objects.filter(slug="supply-chains").exists()


def test_load_demo_refuses_under_production_settings_unless_forced(db, settings):
    settings.ALLIANCE87_PRODUCTION = True

    with pytest.raises(CommandError, match="production settings"):
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not User.objects.exists()

    call_command("load_demo", "--force", stdout=open("/dev/null", "w"), stderr=open("/dev/null", "w"))  # noqa: SIM115
    assert User.objects.filter(email="admin@demo.alliance87.org", is_demo=True).exists()


def test_remove_demo_data_leaves_no_history_token_file_or_index_row_and_says_what_it_removed(demo):
    import io

    from alliance87.accounts.models import ApiToken
    from alliance87.core.history import history_model, tracked_models
    from alliance87.library.models import IndexChange, ItemFile

    demo_user = User.objects.get(email="member@demo.alliance87.org")
    ApiToken.objects.create(user=demo_user, name="demo script", prefix="demo", token_hash="0" * 64)
    stored = [(f.file.storage, f.file.name) for f in ItemFile.objects.filter(is_demo=True)]
    assert stored and all(storage.exists(name) for storage, name in stored)
    assert any(history_model(m).objects.filter(is_demo=True).exists() for m in tracked_models())

    out = io.StringIO()
    call_command("remove_demo_data", "--yes", stdout=out)

    for model in tracked_models():
        historical = history_model(model)
        if any(f.name == "is_demo" for f in historical._meta.fields):
            assert not historical.objects.filter(is_demo=True).exists(), model
    assert not ApiToken.objects.exists()
    assert not any(storage.exists(name) for storage, name in stored)
    assert not IndexChange.objects.exists()
    said = out.getvalue()
    assert "accounts.ApiToken: 1" in said and "files: " in said and "library.HistoricalItem: " in said
    assert "Removed" in said and "stored files" in said
