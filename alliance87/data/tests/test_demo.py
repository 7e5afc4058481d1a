"""The demo data: real figures each with a source and an address, loaded twice without doubling, removed whole."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command

from alliance87.data.models import (
    Area,
    CaseDataset,
    GoodsListing,
    Observation,
    PublicationLog,
    PublishedTable,
    Series,
    Source,
)

pytestmark = pytest.mark.django_db

MODELS = (Source, Series, Observation, GoodsListing, CaseDataset, PublishedTable, PublicationLog)


def counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in MODELS)


def test_the_demo_loads_into_a_flushed_database_that_lost_the_reference_areas() -> None:
    Area.objects.all().delete()  # what `flush` (or a transactional test before this one) leaves behind
    call_command("load_demo")
    assert Observation.objects.filter(series__code="CL_NUMBER", area__code="001", year=2024).exists()


def test_demo_loads_sourced_figures_idempotently_and_is_removed_whole() -> None:
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first
    assert Observation.objects.get(
        series__code="CL_NUMBER", area__code="001", year=2024, sex=""
    ).value == Decimal("137.6")
    assert Observation.objects.get(series__code="MS_NUMBER", area__code="001", year=2021).value == Decimal(
        "49.6"
    )
    # every value cites a source with an address, and every record is flagged
    assert not Observation.objects.filter(source__isnull=True).exists()
    assert not Source.objects.filter(url="").exists()
    for model in MODELS:
        assert not model.objects.filter(is_demo=False).exists(), model
    assert GoodsListing.objects.filter(area=Area.objects.get(code="CI"), good="Cocoa").exists()
    assert CaseDataset.objects.get().is_illustrative
    table = PublishedTable.objects.get()
    assert all(v is None or v >= 10 for row in table.cells["cells"] for v in row)
    call_command("remove_demo_data", yes=True)
    assert counts() == (0,) * len(MODELS)
    assert Area.objects.count() > 250  # reference data stays
