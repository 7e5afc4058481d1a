"""Library pages: the catalogue record, downloads that never leak restricted files, use counts without addresses,
write pages by role, collections, and fixed query counts."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from alliance87.core.tests.helpers import assert_queries_do_not_grow
from alliance87.library import services
from alliance87.library.models import Access, Collection, CollectionEntry, Concept, Item, ItemFile, MonthlyUse
from alliance87.library.samples import text_pdf

from .factories import add_entries, make_collection, make_item, pdf_upload

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "outsider", "member", "focal_point", "other_focal_point", "chair", "secretariat")


def page_text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def user_of(world, role):
    return None if role == "anonymous" else getattr(world, role)


@pytest.fixture
def draft(world):
    """A working group's draft with a file: visible to the group's members only."""
    item = make_item(
        title="Draft research agenda",
        slug="draft-agenda",
        access=Access.BODY,
        access_body=world.working_group,
        created_by=world.chair,
    )
    item_file = services.attach_file(item=item, by=world.chair, uploaded_file=pdf_upload("draft.pdf"))
    return item, item_file


# --- reading -----------------------------------------------------------------------------------------------


def test_the_item_page_is_a_catalogue_record(world, client):
    item = services.save_item(
        by=world.secretariat,
        values=services.ItemInput.of(
            {
                "kind": "report",
                "title": "Fighting Human Trafficking in Conflict",
                "subtitle": "10 Ideas for Action",
                "authors": [("Cockayne", "James"), ("Walker", "Summer")],
                "corporate_authors": [world.ilo],
                "place_of_publication": "New York",
                "pages": "xi, 45",
                "isbn": "9789280890310",
                "countries": ["NE", "IQ"],
                "concepts": list(Concept.objects.filter(code="human-trafficking")),
                "bodies": [world.supply_chains],
            }
        ),
    )
    response = client.get(item.get_absolute_url())
    text = page_text(response)
    assert "Cockayne, James Walker, Summer" in text
    assert "xi, 45" in text and "9789280890310" in text and "New York" in text
    assert "Niger, Iraq" in text
    assert "Form of exploitation: Human trafficking" in text
    html = response.content.decode()
    assert 'href="/partners/ilo/"' in html and 'href="/bodies/supply-chains/"' in html
    assert "Edit history" not in text  # only for editors


def test_editors_see_the_edit_history(world, client_for):
    item = services.save_item(
        by=world.secretariat, values=services.ItemInput.of({"kind": "report", "title": "A report"})
    )
    services.save_item(by=world.secretariat, item=item, values=services.ItemInput.of({"pages": "12"}))
    text = page_text(client_for(world.secretariat).get(item.get_absolute_url()))
    assert "Edit history" in text and "pages" in text


def test_restricted_items_are_404_to_people_outside_the_body(world, client_for, draft):
    item, _file = draft
    for user in (None, world.outsider, world.other_focal_point, world.other_chair):
        assert client_for(user).get(item.get_absolute_url()).status_code == 404
    assert client_for(world.chair).get(item.get_absolute_url()).status_code == 200
    assert client_for(world.secretariat).get(item.get_absolute_url()).status_code == 200


def test_a_restricted_file_is_never_served_to_those_who_may_not_see_the_item(world, client_for, draft):
    _item, item_file = draft
    url = f"/library/files/{item_file.pk}/download/"
    for user in (None, world.outsider, world.member, world.other_chair):
        response = client_for(user).get(url)
        assert response.status_code == 404
        assert b"%PDF" not in b"".join(getattr(response, "streaming_content", [response.content]))
    assert not MonthlyUse.objects.exists()


def test_members_of_the_body_download_the_file_with_its_name_and_type(world, client_for, draft):
    _item, item_file = draft
    response = client_for(world.chair).get(f"/library/files/{item_file.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="draft.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "private" in response["Cache-Control"]


def test_partners_only_files_are_served_to_partner_members_only(world, client_for):
    item = make_item(access=Access.PARTNERS, created_by=world.secretariat)
    item_file = services.attach_file(item=item, by=world.secretariat, uploaded_file=pdf_upload())
    url = f"/library/files/{item_file.pk}/download/"
    assert client_for(None).get(url).status_code == 404
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(world.member).get(url).status_code == 200


def test_a_missing_file_is_404(client):
    assert client.get("/library/files/424242/download/").status_code == 404


def test_views_and_downloads_are_counted_per_month_without_addresses_or_people(world, client_for):
    item = make_item(title="Counted", slug="counted")
    item_file = services.attach_file(item=item, by=world.secretariat, uploaded_file=pdf_upload())
    client = client_for(world.member)
    client.get("/library/counted/", REMOTE_ADDR="203.0.113.7")
    client_for(None).get("/library/counted/", REMOTE_ADDR="198.51.100.1")
    client.get(f"/library/files/{item_file.pk}/download/")

    use = MonthlyUse.objects.get(item=item)
    assert (use.views, use.downloads) == (2, 1)
    assert use.month.day == 1
    stored = {f.name for f in MonthlyUse._meta.get_fields()}
    assert stored == {"id", "item", "month", "views", "downloads"}


def test_the_library_home_lists_recent_most_read_and_collections(world, client):
    popular = make_item(title="Popular brief", slug="popular")
    make_item(title="Quiet brief", slug="quiet")
    MonthlyUse.objects.create(
        item=popular, month=MonthlyUse._meta.get_field("month").to_python("2020-01-01"), views=9
    )
    services.record_view(item=popular)
    collection = make_collection(title="Essential reading")
    add_entries(collection, popular)

    text = page_text(client.get("/library/"))

    assert "Popular brief" in text and "Quiet brief" in text
    assert "Most read this month Popular brief 1 read" in text
    assert "Most read of all time Popular brief 10 reads" in text
    assert "Essential reading (1)" in text
    assert 'href="/library/"' in client.get("/").content.decode()


def test_most_read_lists_leave_out_restricted_items(world, client, draft):
    item, _file = draft
    services.record_view(item=item)
    assert "Draft research agenda" not in page_text(client.get("/library/"))


def test_the_body_page_lists_its_library_items(world, client):
    item = make_item(title="Supply chain due diligence guide")
    item.bodies.add(world.supply_chains)
    assert "Supply chain due diligence guide" in page_text(client.get("/bodies/supply-chains/"))


def test_library_home_query_count_does_not_grow(world, client, django_assert_num_queries):
    def add_rows(n):
        for _ in range(n):
            item = make_item()
            item.corporate_authors.add(world.ilo)
            services.record_view(item=item)
            collection = make_collection()
            add_entries(collection, item)

    queries = assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=add_rows, load=lambda: client.get("/library/")
    )
    assert queries <= 12


def test_collection_page_query_count_does_not_grow(world, client, django_assert_num_queries):
    collection = make_collection(slug="essentials")

    def add_rows(n):
        for _ in range(n):
            item = make_item()
            item.corporate_authors.add(world.iom)
            add_entries(collection, item)

    queries = assert_queries_do_not_grow(
        django_assert_num_queries,
        add_rows=add_rows,
        load=lambda: client.get("/library/collections/essentials/"),
    )
    assert queries <= 8
    assert_queries_do_not_grow(
        django_assert_num_queries,
        add_rows=lambda n: [make_collection() for _ in range(n)],
        load=lambda: client.get("/library/collections/"),
    )


def test_collections_show_only_items_the_reader_may_see(world, client_for, draft):
    item, _file = draft
    public = make_item(title="Public guide")
    collection = make_collection(slug="mixed", owner_body=world.supply_chains)
    add_entries(collection, item, public)
    assert "Draft research agenda" not in page_text(client_for(None).get("/library/collections/mixed/"))
    assert "Draft research agenda" in page_text(client_for(world.chair).get("/library/collections/mixed/"))


# --- writing -----------------------------------------------------------------------------------------------

CAN_ADD = {"focal_point", "other_focal_point", "chair", "secretariat"}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_add_items(world, client_for, role):
    client = client_for(user_of(world, role))
    response = client.post(
        "/library/new/",
        {"kind": "policy_brief", "title": "Brief on debt bondage", "language": "en", "access": "public"},
    )
    if role in CAN_ADD:
        assert response.status_code == 302
        item = Item.objects.get(title="Brief on debt bondage")
        assert response["Location"] == item.get_absolute_url()
    elif role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403
        assert not Item.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_who_may_edit_delete_and_upload(world, client_for, role):
    item = make_item(slug="agenda", created_by=world.focal_point, access=Access.PUBLIC)
    item.bodies.add(world.supply_chains)
    client = client_for(user_of(world, role))
    allowed = role in {"focal_point", "secretariat"}
    edit = client.post(
        "/library/agenda/edit/", {"kind": "report", "title": "Renamed", "language": "en", "access": "public"}
    )
    upload = client.post("/library/agenda/files/", {"file": pdf_upload()})
    if role == "anonymous":
        assert edit.status_code == upload.status_code == 302 and "/accounts/login/" in edit["Location"]
    else:
        assert edit.status_code == upload.status_code == (302 if allowed else 403)
    item.refresh_from_db()
    assert (item.title == "Renamed") is allowed
    assert ItemFile.objects.filter(item=item).exists() is allowed
    delete = client.post("/library/agenda/delete/")
    assert Item.objects.filter(pk=item.pk).exists() is not allowed
    if role != "anonymous":
        assert delete.status_code == (302 if allowed else 403)


def test_the_edit_form_keeps_authors_subjects_and_keywords(world, client_for):
    client = client_for(world.secretariat)
    forced = Concept.objects.get(scheme="exploitation", code="forced-labour")
    africa = Concept.objects.get(scheme="region", code="africa")
    response = client.post(
        "/library/new/",
        {
            "kind": "research_paper",
            "title": "Debt bondage in brick kilns",
            "authors": "Ouédraogo, Aminata\nSmith, John",
            "keywords": "brick kilns, bonded labour",
            "concepts_exploitation": [forced.pk],
            "concepts_region": [africa.pk],
            "countries": ["BF"],
            "isbn": "978-92-808-9031-0",
            "language": "fr",
            "access": "public",
        },
    )
    assert response.status_code == 302
    item = Item.objects.get()
    assert [str(a) for a in item.authors.all()] == ["Ouédraogo, Aminata", "Smith, John"]
    assert item.keywords == ["brick kilns", "bonded labour"]
    assert set(item.concepts.all()) == {forced, africa}
    form_html = client.get(f"/library/{item.slug}/edit/").content.decode()
    assert "Ouédraogo, Aminata\nSmith, John" in form_html
    assert "brick kilns, bonded labour" in form_html


def test_the_form_shows_a_wrong_isbn_on_its_field(world, client_for):
    response = client_for(world.secretariat).post(
        "/library/new/",
        {"kind": "report", "title": "T", "isbn": "9789280890311", "language": "en", "access": "public"},
    )
    assert response.status_code == 200
    assert 'id="id_isbn_error"' in response.content.decode()
    assert not Item.objects.exists()


def test_a_refused_upload_is_explained_on_the_page(world, client_for):
    make_item(slug="agenda", created_by=world.focal_point)
    response = client_for(world.focal_point).post(
        "/library/agenda/files/", {"file": SimpleUploadedFile("brief.docx", text_pdf(["x"]))}
    )
    assert response.status_code == 400
    assert "its content is a PDF file" in page_text(response)
    assert not ItemFile.objects.exists()


# --- collections -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_may_create_collections(world, client_for, role):
    client = client_for(user_of(world, role))
    response = client.post(
        "/library/collections/new/", {"title": "Reading on audits", "owner_body": world.supply_chains.pk}
    )
    created = Collection.objects.filter(title="Reading on audits").exists()
    assert created is (role in {"chair", "secretariat"})
    if role not in {"chair", "secretariat", "anonymous"}:
        assert response.status_code == 403


def test_a_chair_cannot_create_a_collection_for_another_body(world, client_for):
    response = client_for(world.chair).post(
        "/library/collections/new/", {"title": "Migration reading", "owner_body": world.migration.pk}
    )
    assert response.status_code == 200
    assert not Collection.objects.exists()


def test_a_chair_curates_their_bodys_collection_add_reorder_remove(world, client_for):
    collection = make_collection(slug="sc-reading", owner_body=world.supply_chains)
    first, second = make_item(title="First", slug="first"), make_item(title="Second", slug="second")
    client = client_for(world.chair)
    for item in (first, second):
        response = client.post(
            f"/library/{item.slug}/collect/", {"collection": collection.pk, "note": "Start here"}
        )
        assert response.status_code == 302
    assert [e.item for e in collection.entries.order_by("position")] == [first, second]

    client.post(f"/library/collections/sc-reading/items/{second.pk}/move/", {"direction": "up"})
    assert [e.item for e in collection.entries.order_by("position")] == [second, first]

    client.post(f"/library/collections/sc-reading/items/{second.pk}/remove/")
    assert [e.item for e in collection.entries.order_by("position")] == [first]
    assert CollectionEntry.objects.get().position == 0


def test_others_cannot_change_a_collection(world, client_for):
    collection = make_collection(slug="sc-reading", owner_body=world.supply_chains)
    item = make_item(slug="first")
    add_entries(collection, item)
    for user in (world.other_chair, world.focal_point, world.outsider):
        client = client_for(user)
        assert client.post(f"/library/collections/sc-reading/items/{item.pk}/remove/").status_code == 403
        assert client.post("/library/collections/sc-reading/edit/", {"title": "Mine"}).status_code == 403
        client.post(f"/library/{make_item().slug}/collect/", {"collection": collection.pk})
    assert collection.entries.count() == 1
    collection.refresh_from_db()
    assert collection.title != "Mine"
