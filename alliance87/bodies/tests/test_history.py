"""A body's History page: changes to the body and its role terms, for the Secretariat and the body's chairs."""

from __future__ import annotations

import pytest

from alliance87.bodies.models import Role, RoleTerm

pytestmark = pytest.mark.django_db

URL = "/bodies/supply-chains/history/"


def test_the_secretariat_sees_a_role_term_ended_by_whom_and_when(world, client_for):
    term = RoleTerm.objects.get(body=world.supply_chains, role=Role.CHAIR)
    secretariat = client_for(world.secretariat)
    response = secretariat.post(
        f"/bodies/terms/{term.pk}/edit/",
        {
            "role": Role.CHAIR,
            "organisation": world.ilo.pk,
            "representative": world.chair.pk,
            "start_date": "2017-06-01",
            "end_date": "2024-12-31",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    html = secretariat.get(URL).content.decode()
    assert "History of Action Group on Supply Chains" in html
    assert "Role term" in html or "role term" in html
    assert world.secretariat.display_name in html
    assert "Until" in html and "<ins>" in html


def test_the_chair_of_the_body_sees_its_history_and_another_chair_does_not(world, client_for):
    assert client_for(world.chair).get(URL).status_code == 200
    assert client_for(world.other_chair).get(URL).status_code == 403
    assert client_for(world.member).get(URL).status_code == 403
