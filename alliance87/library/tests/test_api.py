"""The library API: who may write (every write for every role, both credentials), restricted items invisible,
bad input answered field by field, fixed query counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliance87.library.models import Access, CollectionEntry, Item, ItemFile, ItemRevision
from alliance87.library.samples import text_pdf
from alliance87.library.tests.factories import add_entries, make_collection, make_item
from tests.api import PREFIX, ApiClient, Operation, check_answer, field_names, matrix

pytestmark = pytest.mark.django_db

CAN_ADD = frozenset({"focal_point", "other_focal_point", "chair", "secretariat", "admin"})
FOCAL_EDITS = frozenset({"focal_point", "secretariat", "admin"})


def _focal_points_item(world: Any) -> dict[str, str]:
    return {"slug": make_item(slug="ngo-brief", title="NGO brief", created_by=world.focal_point).slug}


def upload(client: ApiClient, slug: str, name: str = "brief.pdf", content: bytes | None = None) -> Any:
    content = text_pdf(["Debt bondage in brick kilns."]) if content is None else content
    return client.client.post(
        f"{PREFIX}/library/items/{slug}/files",
        {"file": SimpleUploadedFile(name, content), "description": "Full text"},
        headers=client.headers,
    )


OPERATIONS = {
    "create item": Operation(
        "POST", "/library/items", {"kind": "policy_brief", "title": "Brief on forced marriage"}, CAN_ADD, 201
    ),
    "update item": Operation(
        "PATCH", "/library/items/{slug}", {"pages": "12"}, FOCAL_EDITS, 200, _focal_points_item
    ),
    "delete item": Operation("DELETE", "/library/items/{slug}", None, FOCAL_EDITS, 204, _focal_points_item),
    "upload file": Operation(
        "POST", "/library/items/{slug}/files", None, FOCAL_EDITS, 201, _focal_points_item
    ),  # sent as a form with a file: see the test
}


@pytest.mark.parametrize("via", ["token", "session"])
@pytest.mark.parametrize(("operation", "role", "expected"), matrix(OPERATIONS))
def test_permission_matrix(
    api_as: Any, world: Any, via: str, operation: str, role: str, expected: int
) -> None:
    client = api_as(role, via=via)
    if operation == "upload file":
        response = upload(client, _focal_points_item(world)["slug"])
    else:
        response = OPERATIONS[operation].call(client, world)
    check_answer(response, expected)
    if operation in {"update item", "delete item", "upload file"} and expected >= 400:
        item = Item.objects.get(slug="ngo-brief")
        assert item.pages == "" and not ItemFile.objects.exists()


def test_create_returns_the_full_record(api_as: Any, world: Any) -> None:
    response = api_as("secretariat").post(
        "/library/items",
        {
            "kind": "report",
            "title": "Fighting Human Trafficking in Conflict",
            "subtitle": "10 Ideas for Action by the United Nations Security Council",
            "authors": [{"family_name": "Cockayne", "given_names": "James"}, {"family_name": "Walker"}],
            "corporate_authors": ["ilo"],
            "publication_date": "2016-09-08",
            "isbn": "978-92-808-9031-0",
            "concepts": ["exploitation:human-trafficking", "conflict-humanitarian"],
            "countries": ["iq"],
            "bodies": ["supply-chains"],
            "source_url": "https://collections.unu.edu/view/UNU:5784",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["year"] == 2016 and body["isbn"] == "9789280890310"
    assert [a["family_name"] for a in body["authors"]] == ["Cockayne", "Walker"]
    assert body["corporate_authors"][0]["slug"] == "ilo"
    assert {c["code"] for c in body["concepts"]} == {"human-trafficking", "conflict-humanitarian"}
    assert body["countries"] == ["IQ"] and body["bodies"][0]["slug"] == "supply-chains"
    assert body["source_url"].startswith("https://collections.unu.edu")
    assert body["url"] == f"/library/{body['slug']}/"


def test_patch_changes_only_what_is_sent_and_keeps_history(api_as: Any, world: Any) -> None:
    client = api_as("secretariat")
    slug = client.post("/library/items", {"kind": "report", "title": "T", "pages": "10"}).json()["slug"]
    response = client.patch(f"/library/items/{slug}", {"subtitle": "Sub"})
    assert response.status_code == 200
    assert response.json()["pages"] == "10" and response.json()["subtitle"] == "Sub"
    assert ItemRevision.objects.filter(item__slug=slug).first().changed_fields == ["subtitle"]


@pytest.mark.parametrize(
    ("payload", "field", "status"),
    [
        ({"kind": "report", "title": "T", "isbn": "9789280890311"}, "isbn", 400),
        ({"kind": "report", "title": "T", "doi": "nope"}, "doi", 400),
        ({"kind": "report", "title": "T", "language": "xx"}, "language", 400),
        ({"kind": "report", "title": "T", "countries": ["ZZ"]}, "countries", 400),
        ({"kind": "report", "title": "T", "concepts": ["theme:poetry"]}, "concepts", 400),
        ({"kind": "report", "title": "T", "corporate_authors": ["nobody"]}, "corporate_authors", 400),
        ({"kind": "report", "title": "T", "access": "body"}, "access_body", 400),
        ({"kind": "report", "title": "T", "results": [987654]}, "results", 400),
        ({"kind": "poem", "title": "T"}, "kind", 422),
        ({"title": "T"}, "kind", 422),
        ({"kind": "report", "title": "T", "is_demo": True}, "is_demo", 422),
    ],
)
def test_bad_input_is_answered_on_its_field(
    api_as: Any, world: Any, payload: Any, field: str, status: int
) -> None:
    response = api_as("secretariat").post("/library/items", payload)
    assert response.status_code == status, response.content
    assert field in field_names(response)
    assert not Item.objects.exists()


def test_a_refused_upload_names_the_file_field(api_as: Any, world: Any) -> None:
    slug = _focal_points_item(world)["slug"]
    response = upload(api_as("focal_point"), slug, name="brief.docx", content=text_pdf(["x"]))
    assert response.status_code == 400
    assert field_names(response) == {"file"}
    assert "PDF" in response.json()["errors"][0]["message"]


def test_uploaded_file_metadata_shows_the_extraction(api_as: Any, world: Any) -> None:
    slug = _focal_points_item(world)["slug"]
    file_id = upload(api_as("focal_point"), slug).json()["id"]
    body = api_as("anonymous").get(f"/library/files/{file_id}").json()
    assert body["extraction_status"] == "done" and body["content_type"] == "application/pdf"
    assert body["download_url"] == f"/library/files/{file_id}/download/"


def test_restricted_items_are_invisible_to_those_outside(api_as: Any, world: Any) -> None:
    draft = make_item(
        slug="draft", access=Access.BODY, access_body=world.working_group, created_by=world.chair
    )
    partners_only = make_item(slug="partners-only", access=Access.PARTNERS)
    make_item(slug="public")
    item_file = ItemFile.objects.create(
        item=draft,
        file="library/x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0",
    )

    def slugs(role: str) -> set[str]:
        return {item["slug"] for item in api_as(role).get("/library/items").json()["items"]}

    assert slugs("anonymous") == slugs("outsider") == {"public"}
    assert slugs("member") == {"public", "partners-only"}
    assert slugs("chair") == {"public", "partners-only", "draft"}
    assert slugs("secretariat") == {"public", "partners-only", "draft"}
    for role in ("anonymous", "outsider", "other_focal_point"):
        client = api_as(role)
        assert client.get("/library/items/draft").status_code == 404
        assert client.get(f"/library/files/{item_file.pk}").status_code == 404
        assert client.patch("/library/items/draft", {"pages": "1"}).status_code in {401, 404}
    assert api_as("anonymous").get(f"/library/items/{partners_only.slug}").status_code == 404
    assert api_as("chair").get("/library/items/draft").json()["access_body"] == "wg-research"


def test_list_filters(api_as: Any, world: Any) -> None:
    client = api_as("secretariat")
    client.post(
        "/library/items",
        {
            "kind": "dataset",
            "title": "Survey",
            "year": 2021,
            "language": "fr",
            "countries": ["NE"],
            "concepts": ["child-labour"],
        },
    )
    client.post("/library/items", {"kind": "report", "title": "Other", "year": 2019})

    def titles(**params: Any) -> list[str]:
        return [item["title"] for item in api_as("anonymous").get("/library/items", **params).json()["items"]]

    assert titles(kind="dataset") == ["Survey"]
    assert titles(year=2019) == ["Other"]
    assert titles(language="fr") == ["Survey"]
    assert titles(country="ne") == ["Survey"]
    assert titles(concept="exploitation:child-labour") == ["Survey"]
    assert titles(concept="child-labour") == ["Survey"]


def test_collections_list_and_detail_show_only_visible_items(api_as: Any, world: Any) -> None:
    collection = make_collection(slug="sc", owner_body=world.supply_chains)
    draft = make_item(slug="draft", access=Access.BODY, access_body=world.working_group)
    add_entries(collection, draft, make_item(slug="public"))
    listed = api_as("anonymous").get("/library/collections").json()["items"]
    assert listed[0]["slug"] == "sc" and listed[0]["item_count"] == 1
    detail = api_as("anonymous").get("/library/collections/sc").json()
    assert [e["item"]["slug"] for e in detail["entries"]] == ["public"]
    detail = api_as("chair").get("/library/collections/sc").json()
    assert [e["item"]["slug"] for e in detail["entries"]] == ["draft", "public"]
    assert CollectionEntry.objects.count() == 2
    assert api_as("anonymous").get("/library/collections/missing").status_code == 404


def test_item_list_and_detail_query_counts_do_not_grow(api_as: Any, world: Any) -> None:
    client = api_as("anonymous")

    def add(n: int) -> None:
        for _ in range(n):
            item = make_item(countries=["NE"])
            item.corporate_authors.add(world.ilo)
            item.authors.create(family_name="Doe", given_names="Jane")

    def count(path: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries.captured_queries)

    add(2)
    few = count("/library/items")
    add(6)
    assert count("/library/items") == few
    slug = Item.objects.first().slug
    assert count(f"/library/items/{slug}") <= 12
