"""Governance documents: library items linked to a body with a role, shown on its page to those who may see them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from alliance87.library.governance import governance_documents, link_governance_document
from alliance87.library.models import GovernanceDocument, Item
from conftest import World

pytestmark = pytest.mark.django_db


def _item(slug: str = "tor", **extra: object) -> Item:
    return Item.objects.create(kind="report", title="Terms of Reference of Alliance 8.7", slug=slug, **extra)


def test_a_chair_links_the_terms_of_reference_and_the_page_lists_them(world: World, client) -> None:
    link_governance_document(
        body=world.supply_chains, item=_item(), role="terms_of_reference", by=world.chair
    )
    page = client.get(world.supply_chains.get_absolute_url()).content.decode()
    assert "Governance documents" in page
    assert "Terms of Reference of Alliance 8.7" in page


def test_only_a_chair_or_the_secretariat_links_documents(world: World) -> None:
    item = _item()
    for person in (world.member, world.other_chair, world.outsider):
        with pytest.raises(PermissionDenied):
            link_governance_document(
                body=world.supply_chains, item=item, role="terms_of_reference", by=person
            )
    assert not GovernanceDocument.objects.exists()


def test_a_link_twice_or_with_an_unknown_role_is_refused_naming_the_field(world: World) -> None:
    item = _item()
    link_governance_document(body=world.gcg, item=item, role="rotation_rules", by=world.secretariat)
    with pytest.raises(ValidationError) as error:
        link_governance_document(body=world.gcg, item=item, role="rotation_rules", by=world.secretariat)
    assert "item" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        link_governance_document(body=world.gcg, item=item, role="constitution", by=world.secretariat)
    assert "role" in error.value.message_dict


def test_a_restricted_document_is_not_shown_to_a_visitor(world: World) -> None:
    from django.contrib.auth.models import AnonymousUser

    item = _item(access="body", access_body=world.supply_chains)
    link_governance_document(body=world.supply_chains, item=item, role="terms_of_reference", by=world.chair)
    assert list(governance_documents(AnonymousUser(), world.supply_chains)) == []
    assert len(governance_documents(world.chair, world.supply_chains)) == 1


def test_the_link_page_is_for_chairs_and_the_secretariat(world: World, client_for) -> None:
    url = reverse("library:governance_link", kwargs={"body_slug": "gcg"})
    assert client_for(world.outsider).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302
    item = _item()
    response = client_for(world.secretariat).post(
        url, {"item": f"/library/{item.slug}/", "role": "terms_of_reference"}
    )
    assert response.status_code == 302
    assert GovernanceDocument.objects.get().item == item
