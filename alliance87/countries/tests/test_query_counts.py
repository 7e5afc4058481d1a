"""The Pathfinder Countries list loads in a fixed number of queries, however many countries it shows."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django_countries import countries

from alliance87.core.tests.helpers import assert_queries_do_not_grow
from alliance87.countries.models import PathfinderCountry, PathfinderStatus, PathStep, PathStepKind
from alliance87.partners.models import Organisation, OrganisationType

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["", "?status=pathfinder", "?step=expression_of_interest&as_of=2020-01-01"])
def test_the_countries_list_does_not_grow_with_its_countries(world, client, django_assert_num_queries, query):
    codes = iter(code for code, _name in countries if code != "FJ")

    def add_rows(n: int) -> None:
        for _ in range(n):
            code = next(codes)
            institution = Organisation.objects.create(
                name=f"Ministry of Labour {code}",
                slug=f"mol-{code.lower()}",
                type=OrganisationType.GOVERNMENT,
            )
            pathfinder = PathfinderCountry.objects.create(
                country=code,
                status=PathfinderStatus.PATHFINDER,
                focal_institution=institution,
                latitude=Decimal("1.5"),
                longitude=Decimal("2.5"),
            )
            PathStep.objects.create(
                pathfinder=pathfinder,
                kind=PathStepKind.EXPRESSION_OF_INTEREST,
                date=datetime.date(2019, 1, 1),
            )

    assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=add_rows, load=lambda: client.get(f"/countries/{query}")
    )
