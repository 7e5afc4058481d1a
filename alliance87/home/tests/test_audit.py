"""The audit log: every deletion and every role change, for the Secretariat only."""

from __future__ import annotations

import pytest

from alliance87.bodies.models import Role, RoleTerm
from alliance87.core.tests.helpers import assert_counted_to_a_bound
from alliance87.library.tests.factories import make_item
from alliance87.partners.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_secretariat_sees_who_deleted_a_library_item(world, client_for):
    item = make_item(title="Superseded guidance", slug="superseded")
    secretariat = client_for(world.secretariat)
    assert secretariat.post(f"/library/{item.slug}/delete/").status_code == 302
    html = secretariat.get("/audit/").content.decode()
    assert "Deleted: library item “Superseded guidance”" in html or "Superseded guidance" in html
    assert world.secretariat.display_name in html


def test_role_changes_are_listed_with_the_person_who_made_them(world, client_for):
    secretariat = client_for(world.secretariat)
    term = RoleTerm.objects.get(body=world.supply_chains, role=Role.CHAIR)
    assert secretariat.post(f"/bodies/terms/{term.pk}/delete/").status_code == 302
    html = secretariat.get("/audit/?log=roles").content.decode()
    assert "Deleted: role term" in html and world.secretariat.display_name in html


@pytest.mark.parametrize("who", ["chair", "focal_point", "outsider"])
def test_no_one_but_the_secretariat_reads_the_audit_log(world, client_for, who):
    assert client_for(getattr(world, who)).get("/audit/").status_code == 403


def test_a_long_audit_log_is_counted_to_a_bound(world, client_for, monkeypatch):
    Organisation.objects.bulk_create(
        Organisation(name=f"Gone {n}", slug=f"gone-{n}", type="business") for n in range(113)
    )
    Organisation.objects.filter(slug__startswith="gone-").delete()
    secretariat = client_for(world.secretariat)

    assert_counted_to_a_bound(
        lambda **page: secretariat.get("/audit/", page), monkeypatch, rows=113, per_page=50, counted=50
    )
