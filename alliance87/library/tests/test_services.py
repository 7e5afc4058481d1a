"""Items through the service: validation, edit history, index rows, permissions, and refusals that leave nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from alliance87.library import services
from alliance87.library.models import (
    Access,
    Concept,
    IndexChange,
    Item,
    ItemCountry,
    ItemKind,
    ItemRevision,
)

pytestmark = pytest.mark.django_db


def unu_data(world, **extra):
    data = {
        "kind": ItemKind.REPORT,
        "title": "Fighting Human Trafficking in Conflict",
        "subtitle": "10 Ideas for Action by the United Nations Security Council",
        "authors": [("Cockayne", "James"), ("Walker", "Summer")],
        "corporate_authors": [world.ilo],
        "publication_date": datetime.date(2016, 9, 8),
        "place_of_publication": "New York",
        "pages": "xi, 45",
        "isbn": "978-92-808-9031-0",
        "language": "en",
        "countries": ["iq", "SY"],
        "keywords": ["Security Council", "security council", "ISIL"],
        "concepts": list(Concept.objects.filter(code__in=["human-trafficking", "conflict-humanitarian"])),
        "bodies": [world.supply_chains],
    }
    data.update(extra)
    return data


def test_secretariat_adds_an_item_with_its_metadata_in_order(world):
    item = services.save_item(by=world.secretariat, values=services.ItemInput.of(unu_data(world)))

    assert item.slug == "fighting-human-trafficking-in-conflict"
    assert item.year == 2016
    assert item.isbn == "9789280890310"
    assert [str(a) for a in item.authors.order_by("position")] == ["Cockayne, James", "Walker, Summer"]
    assert item.keywords == ["Security Council", "ISIL"]
    assert sorted(ItemCountry.objects.filter(item=item).values_list("country", flat=True)) == ["IQ", "SY"]
    assert {c.code for c in item.concepts.all()} == {"human-trafficking", "conflict-humanitarian"}
    assert item.created_by == world.secretariat
    revision = ItemRevision.objects.get(item=item)
    assert "title" in revision.changed_fields and revision.snapshot["authors"] == [
        "Cockayne, James",
        "Walker, Summer",
    ]
    assert IndexChange.objects.filter(item_id=item.pk).exists()


def test_an_edit_is_kept_in_the_history_with_the_fields_it_changed(world):
    item = services.save_item(by=world.secretariat, values=services.ItemInput.of(unu_data(world)))
    services.save_item(
        by=world.secretariat,
        item=item,
        values=services.ItemInput.of({"pages": "xii, 46", "countries": ["IQ"]}),
    )

    latest = ItemRevision.objects.filter(item=item).first()
    assert latest.changed_fields == ["pages", "countries"]
    assert latest.snapshot["pages"] == "xii, 46"
    assert list(ItemCountry.objects.filter(item=item).values_list("country", flat=True)) == ["IQ"]
    assert ItemRevision.objects.filter(item=item).count() == 2


def test_saving_without_changes_writes_no_revision(world):
    item = services.save_item(by=world.secretariat, values=services.ItemInput.of(unu_data(world)))
    services.save_item(by=world.secretariat, item=item, values=services.ItemInput.of({"pages": "xi, 45"}))
    assert ItemRevision.objects.filter(item=item).count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("isbn", "978-92-808-9031-1"),
        ("issn", "1234-5678"),
        ("doi", "doi.org/whatever"),
        ("language", "english"),
        ("countries", ["XX"]),
        ("authors", [("", "James")]),
        ("kind", "poem"),
        ("title", "  "),
    ],
)
def test_bad_metadata_is_refused_and_nothing_is_saved(world, field, value):
    with pytest.raises(ValidationError) as error:
        services.save_item(
            by=world.secretariat, values=services.ItemInput.of(unu_data(world, **{field: value}))
        )
    assert field in error.value.message_dict
    assert not Item.objects.exists()
    assert not ItemRevision.objects.exists()


def test_the_year_must_match_the_date(world):
    with pytest.raises(ValidationError) as error:
        services.save_item(by=world.secretariat, values=services.ItemInput.of(unu_data(world, year=2015)))
    assert "year" in error.value.message_dict


def test_slugs_stay_unique_and_avoid_the_librarys_own_pages(world):
    first = services.save_item(
        by=world.secretariat, values=services.ItemInput.of({"kind": "report", "title": "Collections"})
    )
    second = services.save_item(
        by=world.secretariat, values=services.ItemInput.of({"kind": "report", "title": "Collections"})
    )
    assert first.slug != "collections"
    assert second.slug not in {first.slug, "collections"}


def test_people_who_may_not_add_items_are_refused(world):
    for user in (world.outsider, world.member):
        with pytest.raises(PermissionDenied):
            services.save_item(by=user, values=services.ItemInput.of(unu_data(world)))
    assert not Item.objects.exists()


def test_focal_point_adds_but_cannot_edit_anothers_item(world):
    item = services.save_item(by=world.focal_point, values=services.ItemInput.of(unu_data(world)))
    services.save_item(by=world.focal_point, item=item, values=services.ItemInput.of({"pages": "45"}))
    with pytest.raises(PermissionDenied):
        services.save_item(
            by=world.other_focal_point, item=item, values=services.ItemInput.of({"pages": "1"})
        )
    with pytest.raises(PermissionDenied):
        services.delete_item(item=item, by=world.other_focal_point)


def test_an_item_can_be_restricted_only_to_a_body_one_belongs_to(world):
    data = unu_data(world, access=Access.BODY, access_body=world.migration)
    with pytest.raises(ValidationError) as error:
        services.save_item(by=world.chair, values=services.ItemInput.of(data))
    assert "access_body" in error.value.message_dict
    item = services.save_item(
        by=world.chair, values=services.ItemInput.of({**data, "access_body": world.working_group})
    )
    assert item.access_body == world.working_group


def test_body_access_needs_a_body_and_other_access_drops_it(world):
    with pytest.raises(ValidationError):
        services.save_item(
            by=world.secretariat, values=services.ItemInput.of(unu_data(world, access=Access.BODY))
        )
    item = services.save_item(
        by=world.secretariat,
        values=services.ItemInput.of(unu_data(world, access=Access.BODY, access_body=world.migration)),
    )
    services.save_item(
        by=world.secretariat, item=item, values=services.ItemInput.of({"access": Access.PUBLIC})
    )
    item.refresh_from_db()
    assert item.access_body is None


def test_unknown_fields_are_refused(world):
    with pytest.raises(ValidationError) as error:
        services.save_item(by=world.secretariat, values=services.ItemInput.of(unu_data(world, is_demo=True)))
    assert "is_demo" in error.value.message_dict


def test_deleting_an_item_records_the_change_for_the_index(world):
    item = services.save_item(by=world.secretariat, values=services.ItemInput.of(unu_data(world)))
    item_id = item.pk
    services.delete_item(item=item, by=world.secretariat)
    assert not Item.objects.filter(pk=item_id).exists()
    assert IndexChange.objects.filter(item_id=item_id).count() >= 2
