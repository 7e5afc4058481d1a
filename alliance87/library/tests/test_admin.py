"""The library in Django's admin: every page opens for an administrator, and an item saved there is normalised,
kept in its history, mirrored in the country rows and found by search."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alliance87.library import services
from alliance87.library.models import Item, ItemFile, ItemRevision
from alliance87.library.search import SearchQuery, search

from .factories import add_entries, make_collection, make_item, pdf_upload

pytestmark = pytest.mark.django_db

MODELS = ["concept", "item", "itemfile", "collection", "itemrevision", "monthlyuse", "indexchange"]


def inline_management(prefix: str, total: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.mark.parametrize("model", MODELS)
def test_every_library_admin_page_opens_for_an_administrator(world, client_for, model):
    item = make_item()
    item_file = services.attach_file(item=item, by=world.secretariat, uploaded_file=pdf_upload())
    add_entries(make_collection(), item)
    services.save_item(by=world.secretariat, item=item, values=services.ItemInput.of({"pages": "12"}))
    services.record_view(item=item)
    client = client_for(world.admin)
    assert client.get(reverse(f"admin:library_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:library_{model}_changelist"), {"q": "report"}).status_code == 200
    if model in {"item", "itemfile"}:
        obj = item if model == "item" else item_file
        response = client.get(reverse(f"admin:library_{model}_change", args=[obj.pk]))
        assert response.status_code == 200
        assert f"/library/files/{item_file.pk}/download/" in response.content.decode()


def test_the_library_admin_is_for_administrators_only(world, client_for):
    response = client_for(world.secretariat).get(reverse("admin:library_item_changelist"))
    assert response.status_code == 302


def test_an_item_saved_in_the_admin_is_normalised_recorded_and_searchable(world, client_for):
    data = {
        "kind": "report",
        "title": "Forced labour in cocoa farming",
        "slug": "cocoa-farming",
        "year": "2021",
        "language": "EN",
        "isbn": "978-92-808-9031-0",
        "keywords": '["cocoa", "cocoa", "farming"]',
        "countries": '["gh", "CI"]',
        "access": "public",
        "access_body": str(world.supply_chains.pk),  # dropped: only body-restricted items name a body
        **inline_management("authors", 1),
        "authors-0-position": "0",
        "authors-0-family_name": "Mensah",
        "authors-0-given_names": "Ama",
        **inline_management("files"),
        **inline_management("collection_entries"),
    }
    response = client_for(world.admin).post(reverse("admin:library_item_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    item = Item.objects.get(slug="cocoa-farming")
    assert (item.language, item.isbn, item.access_body) == ("en", "9789280890310", None)
    assert item.keywords == ["cocoa", "farming"]
    assert sorted(item.country_rows.values_list("country", flat=True)) == ["CI", "GH"]
    assert item.created_by == world.admin
    revision = ItemRevision.objects.get(item=item)
    assert revision.changed_by == world.admin and "authors" in revision.changed_fields
    hits = search(SearchQuery(text="cocoa"), user=None).hits
    assert [hit.item_id for hit in hits] == [item.pk]


def test_a_bad_identifier_is_refused_in_the_admin(world, client_for):
    item = make_item()
    response = client_for(world.admin).post(
        reverse("admin:library_item_change", args=[item.pk]),
        {
            "kind": "report",
            "title": item.title,
            "slug": item.slug,
            "language": "en",
            "isbn": "123",
            "keywords": "[]",
            "countries": "[]",
            "access": "public",
            **inline_management("authors"),
            **inline_management("files"),
            **inline_management("collection_entries"),
        },
    )
    assert response.status_code == 200
    assert "isbn" in response.context["adminform"].form.errors


def test_files_can_be_extracted_again_from_the_admin(world, client_for):
    item = make_item()
    item_file = services.attach_file(item=item, by=world.secretariat, uploaded_file=pdf_upload(text="Cocoa"))
    ItemFile.objects.filter(pk=item_file.pk).update(extraction_status="failed", extracted_text="")
    response = client_for(world.admin).post(
        reverse("admin:library_itemfile_changelist"),
        {"action": "extract_again", "_selected_action": [item_file.pk]},
    )
    assert response.status_code == 302
    item_file.refresh_from_db()
    assert item_file.extraction_status == "done" and "Cocoa" in item_file.extracted_text
