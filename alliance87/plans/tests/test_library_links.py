"""A plan's results link library items: plan editors set the links, readers see them on both sides."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from alliance87.library.models import Access
from alliance87.library.tests.factories import make_item
from alliance87.plans.models import PlanStatus
from alliance87.plans.tests.factories import make_node, make_plan
from tests.api import ApiClient


@pytest.fixture
def node(world):
    return make_node(make_plan(owner_body=world.supply_chains, slug="sc"), code="1.1", title="Audits done")


def edit_node(client, node, library_items: str):
    return client.post(
        f"/plans/sc/results/{node.pk}/edit/",
        {"code": node.code, "title": node.title, "status": node.status, "library_items": library_items},
    )


@pytest.mark.django_db
def test_a_plan_editor_links_library_items_and_the_item_page_shows_the_result(world, client_for, node):
    audit = make_item(title="Audit of 40 suppliers", slug="audit-2024")
    guide = make_item(title="Due diligence guide", slug="guide")
    response = edit_node(client_for(world.chair), node, "https://example.org/library/audit-2024/\nguide")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(node.library_items.all()) == {audit, guide}

    page = client_for(None).get(audit.get_absolute_url()).content.decode()
    assert "Related plan results" in page
    assert f'href="/plans/sc/#result-{node.pk}"' in page and "1.1 Audits done" in page

    form = client_for(world.chair).get(f"/plans/sc/results/{node.pk}/edit/").content.decode()
    assert "audit-2024\nguide" in form


@pytest.mark.django_db
def test_a_document_the_editor_cannot_see_is_named_on_the_field_and_nothing_is_saved(world, client_for, node):
    make_item(slug="board-minutes", access=Access.BODY, access_body=world.migration)
    response = edit_node(client_for(world.chair), node, "board-minutes\nno-such-document")
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is no library document you can see at: board-minutes, no-such-document." in page
    assert not node.library_items.exists()


@pytest.mark.django_db
def test_links_to_documents_the_editor_cannot_see_are_kept_when_they_save(world, client_for, node):
    hidden = make_item(slug="board-minutes", access=Access.BODY, access_body=world.migration)
    node.library_items.add(hidden)
    chair = client_for(world.chair)
    assert "board-minutes" not in chair.get(f"/plans/sc/results/{node.pk}/edit/").content.decode()
    assert edit_node(chair, node, "").status_code == 302
    assert list(node.library_items.all()) == [hidden]


@pytest.mark.django_db
def test_the_item_page_hides_results_of_plans_the_reader_may_not_see(world, client_for):
    draft = make_plan(owner_body=world.supply_chains, slug="draft", status=PlanStatus.DRAFT)
    item = make_item(slug="audit-2024")
    make_node(draft, title="Secret result").library_items.add(item)
    public = client_for(None).get(item.get_absolute_url()).content.decode()
    assert "Secret result" not in public and "Related plan results" not in public
    assert "Secret result" in client_for(world.chair).get(item.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_item_api_sets_results_only_in_plans_the_caller_edits(world, node):
    item = make_item(slug="audit-2024", created_by=world.chair)
    other = make_node(make_plan(owner_body=world.migration, slug="mig"), title="Not theirs")
    chair = ApiClient(world.chair)

    done = chair.patch("/library/items/audit-2024", {"results": [node.pk]})
    assert done.status_code == 200, done.content
    assert done.json()["results"] == [node.pk]

    refused = chair.patch("/library/items/audit-2024", {"results": [node.pk, other.pk], "title": "Changed"})
    assert refused.status_code == 400, refused.content
    assert "results" in refused.content.decode()
    item.refresh_from_db()
    assert item.title != "Changed" and list(item.results.all()) == [node]


def link_table(apps, model: str, field: str) -> tuple[str, list[str]]:
    """The table behind a many-to-many field in one state of the models, and its columns."""
    through = apps.get_model(*model.split("."))._meta.get_field(field).remote_field.through
    return through._meta.db_table, sorted(f.column for f in through._meta.local_fields)


@pytest.mark.django_db(transaction=True)  # SQLite's schema editor cannot run inside the test's transaction
def test_moving_the_link_to_plans_keeps_every_row_of_its_table():
    """library 0004 and plans 0004 change only Django's state: the links are the same rows on either side.

    Proved on the SQL the two migrations would run on this database, forwards and back: none (migrating there
    and back costs minutes of model rendering; the SQL is what would touch the table)."""
    loader = MigrationLoader(connection)
    for key in [("library", "0004_item_results_move_to_plans"), ("plans", "0004_resultnode_library_items")]:
        migration = loader.graph.nodes[key]
        for backwards in (False, True):
            sql = loader.collect_sql([(migration, backwards)])
            assert not any("CANNOT BE WRITTEN AS SQL" in line for line in sql), (key, backwards, sql)
            assert [line for line in sql if not line.startswith("--")] == [], (key, backwards, sql)

    before = loader.project_state([("library", "0003_search_index"), ("plans", "0003_value_evidence_item")])
    after = loader.project_state([("plans", "0004_resultnode_library_items")])
    assert link_table(before.apps, "library.Item", "results") == link_table(
        after.apps, "plans.ResultNode", "library_items"
    )
    assert link_table(after.apps, "plans.ResultNode", "library_items") == (
        "library_item_results",
        ["id", "item_id", "resultnode_id"],
    )
