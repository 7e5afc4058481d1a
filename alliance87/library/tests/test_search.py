"""The search interface, run unchanged on every backend: SQLite FTS5 (when the tests run on SQLite), PostgreSQL
full-text search (when DATABASE_URL points to PostgreSQL) and tantivy (an index directory per test). CI runs the
suite on both databases, so every test runs on all three backends."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alliance87.library.models import (
    Access,
    Author,
    Concept,
    IndexChange,
    Item,
    ItemCountry,
    ItemFile,
    ItemKind,
)
from alliance87.library.permissions import library_access
from alliance87.library.search import (
    SearchQuery,
    apply_pending_changes,
    get_backend,
    rebuild,
    record_change,
    related,
    related_items,
    search,
    suggest,
)

ANONYMOUS = AnonymousUser()
_slugs = itertools.count()


pytestmark = pytest.mark.usefixtures("search_backend")


def make_item(
    title: str,
    *,
    abstract: str = "",
    body: str = "",
    kind: str = ItemKind.REPORT,
    year: int = 2020,
    language: str = "en",
    concepts: tuple[tuple[str, str], ...] = (),
    countries: tuple[str, ...] = (),
    organisations: tuple = (),
    access: str = Access.PUBLIC,
    access_body=None,
    authors: tuple[str, ...] = (),
    index: bool = True,
    **fields,
) -> Item:
    item = Item.objects.create(
        title=title,
        slug=f"item-{next(_slugs)}",
        kind=kind,
        year=year,
        publication_date=datetime.date(year, 6, 1),
        language=language,
        abstract=abstract,
        countries=list(countries),
        access=access,
        access_body=access_body,
        **fields,
    )
    for scheme, code in concepts:
        item.concepts.add(Concept.objects.get(scheme=scheme, code=code))
    for code in countries:
        ItemCountry.objects.create(item=item, country=code)
    item.corporate_authors.set(organisations)
    for position, name in enumerate(authors):
        Author.objects.create(item=item, position=position, family_name=name)
    if body:
        ItemFile.objects.create(
            item=item,
            original_name="report.pdf",
            content_type="application/pdf",
            size=len(body),
            sha256="0" * 64,
            extracted_text=body,
            file="library/report.pdf",
        )
    if index:
        record_change(item.pk)
    return item


def ids(results) -> list[int]:
    return [hit.item_id for hit in results.hits]


def find(text: str, user=ANONYMOUS, **filters) -> list[int]:
    return ids(search(SearchQuery(text=text, **filters), user=user))


@pytest.mark.django_db
def test_the_obviously_best_match_ranks_first():
    best = make_item(
        "Forced labour in supply chains",
        abstract="How forced labour enters global supply chains.",
        body="Forced labour is found in many supply chains.",
    )
    make_item("Child marriage in South Asia", body="A passing mention of labour markets and of supply.")
    make_item("Annual report", body="Among many topics, the report mentions forced labour once.")
    assert find("forced labour")[0] == best.pk
    assert find("supply chains")[0] == best.pk


@pytest.mark.django_db
def test_phrases_match_words_in_order_only():
    in_order = make_item("On forced labour", body="Forced labour persists.")
    apart = make_item("Labour inspections", body="Labour was forced into hiding by the rains.")
    assert find('"forced labour"') == [in_order.pk]
    assert set(find("forced labour")) == {in_order.pk, apart.pk}


@pytest.mark.django_db
def test_prefixes_find_longer_words():
    item = make_item("Trafficking in persons report")
    make_item("Fisheries and the sea")
    assert find("traffick*") == [item.pk]
    assert find("fish*") != [item.pk]


@pytest.mark.django_db
def test_accents_and_elisions_are_folded():
    item = make_item("Cocoa farming in Côte d'Ivoire", countries=("CI",))
    assert find("cote divoire") == [item.pk]
    assert find("Côte d'Ivoire") == [item.pk]
    assert find("COTE") == [item.pk]


@pytest.mark.django_db
def test_english_stemming():
    item = make_item("Trafficking of migrant workers", body="Workers were trafficking victims.")
    assert find("trafficked") == [item.pk]
    assert find("worker") == [item.pk]


@pytest.mark.django_db
def test_french_and_spanish_stemming():
    french = make_item("Le travail forcé des enfants", language="fr")
    spanish = make_item("Trabajo forzoso en la agricultura", language="es")
    assert find("travail forcées") == [french.pk]
    assert find("forzosos agriculturas") == [spanish.pk]
    # The two are also one term of the synonym list, in French and in Spanish.
    assert set(find("trabajos forzosos")) == {french.pk, spanish.pk}


@pytest.mark.django_db
def test_full_text_snippets_mark_matches_and_escape_the_rest():
    make_item(
        "A <b>bold</b> report",
        abstract="Evidence on debt bondage.",
        body="Intro. Debt bondage & forced labour <script>alert(1)</script> in brick kilns.",
    )
    hit = search(SearchQuery(text="kilns"), user=ANONYMOUS).hits[0]
    assert "<mark>kilns</mark>" in hit.snippet_html
    assert "<script>" not in hit.snippet_html
    assert "&lt;b&gt;" in hit.title_html
    hit = search(SearchQuery(text="bondage"), user=ANONYMOUS).hits[0]
    assert "<mark>bondage</mark>" in hit.abstract_html


@pytest.mark.django_db
def test_facets_count_the_matches_and_combine_with_filters(world):
    forced = ("exploitation", "forced-labour")
    chains = ("theme", "supply-chains")
    make_item(
        "Forced labour A",
        kind=ItemKind.REPORT,
        year=2019,
        concepts=(forced, chains),
        countries=("IN",),
        organisations=(world.ilo,),
    )
    make_item("Forced labour B", kind=ItemKind.REPORT, year=2020, concepts=(forced,), countries=("IN", "BD"))
    make_item("Forced labour C", kind=ItemKind.NEWS, year=2020, language="fr", concepts=(chains,))
    make_item("Unrelated D", kind=ItemKind.NEWS, year=2020, concepts=(("exploitation", "forced-marriage"),))

    results = search(SearchQuery(text="forced labour"), user=ANONYMOUS)
    counts = {name: {v.value: v.count for v in values} for name, values in results.facets.items()}
    assert results.total == 3
    assert counts["kind"] == {"report": 2, "news": 1}
    assert counts["year"] == {"2019": 1, "2020": 2}
    assert counts["language"] == {"en": 2, "fr": 1}
    assert counts["exploitation"] == {"forced-labour": 2}
    assert counts["theme"] == {"supply-chains": 2}
    assert counts["country"] == {"IN": 2, "BD": 1}
    assert counts["organisation"] == {str(world.ilo.pk): 1}

    filtered = search(SearchQuery(text="forced labour", kinds=("report",), years=(2020,)), user=ANONYMOUS)
    counts = {name: {v.value: v.count for v in values} for name, values in filtered.facets.items()}
    assert filtered.total == 1
    # A facet's own ticks do not narrow its counts; the others' do.
    assert counts["kind"] == {"report": 1, "news": 1}
    assert counts["year"] == {"2019": 1, "2020": 1}
    assert counts["country"] == {"IN": 1, "BD": 1}
    assert [v.value for v in filtered.facets["kind"] if v.selected] == ["report"]

    by_theme = search(
        SearchQuery(text="forced", themes=("supply-chains",), countries=("IN",)), user=ANONYMOUS
    )
    assert by_theme.total == 1
    by_org = search(SearchQuery(organisations=(world.ilo.pk,)), user=ANONYMOUS)
    assert by_org.total == 1
    assert search(SearchQuery(year_from=2020, year_to=2020, languages=("fr",)), user=ANONYMOUS).total == 1


@pytest.mark.django_db
def test_facet_counts_take_a_fixed_number_of_queries(django_assert_max_num_queries):
    for n in range(12):
        make_item(
            f"Forced labour report {n}",
            year=2000 + n,
            countries=(["IN", "BD", "NP"][n % 3],),
            concepts=(("exploitation", "forced-labour"),),
        )
    with django_assert_max_num_queries(10):
        results = search(SearchQuery(text="forced"), user=ANONYMOUS)
    assert results.total == 12


@pytest.mark.django_db
def test_restricted_items_are_invisible_to_outsiders_also_in_counts_and_suggestions(world):
    make_item("Public trafficking study")
    secret = make_item(
        "Secret trafficking draft", access=Access.BODY, access_body=world.supply_chains, kind=ItemKind.TOOLKIT
    )
    partners = make_item("Partners trafficking note", access=Access.PARTNERS, kind=ItemKind.NEWS)
    for user in (ANONYMOUS, world.outsider):
        results = search(SearchQuery(text="trafficking"), user=user)
        assert results.total == 1
        assert {v.value for v in results.facets["kind"]} == {"report"}
        assert all("Secret" not in s.text and "Partners" not in s.text for s in suggest("traff", user=user))
        assert "Secret" not in [s.text for s in suggest("secret", user=user)]
    assert set(find("trafficking", user=world.member)) >= {partners.pk}
    assert secret.pk not in find("trafficking", user=world.member)
    assert secret.pk in find("trafficking", user=world.chair)
    assert secret.pk in find("trafficking", user=world.secretariat)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        '"',
        '"forced',
        'forced"',
        "AND",
        "OR",
        "NOT",
        "forced OR",
        "OR forced",
        "* ",
        "-",
        "-forced",
        "(",
        ")",
        "a:b",
        "title:forced",
        "NEAR(a b)",
        "^start",
        "''",
        "'",
        "\\",
        "%",
        "_",
        "🙂",
        " ",
        "",
        "forced -labour",
        "col : x",
        '"" ""',
        "a" * 300,
        "x:*",
        "!!",
        "&|",
        "{title}: x",
    ],
)
def test_malformed_queries_never_error(text):
    make_item("Forced labour in brick kilns")
    results = search(SearchQuery(text=text), user=ANONYMOUS)
    assert results.total >= 0
    suggest(text, user=ANONYMOUS)


@pytest.mark.django_db
def test_exclusions_and_or():
    fishing = make_item("Forced labour in fishing")
    farming = make_item("Forced labour in farming")
    assert find("forced -fishing") == [farming.pk]
    assert set(find("fishing OR farming")) == {fishing.pk, farming.pk}


@pytest.mark.django_db
def test_sort_by_date():
    old = make_item("Child labour old", year=2001)
    new = make_item("Child labour new", year=2022)
    assert find("child labour", sort="date") == [new.pk, old.pk]


@pytest.mark.django_db
def test_pagination_and_total():
    for n in range(7):
        make_item(f"Modern slavery {n}")
    first = search(SearchQuery(text="slavery", page=1, page_size=5), user=ANONYMOUS)
    second = search(SearchQuery(text="slavery", page=2, page_size=5), user=ANONYMOUS)
    assert first.total == 7 and len(first.hits) == 5 and len(second.hits) == 2
    assert not set(ids(first)) & set(ids(second))
    assert first.page_count == 2


@pytest.mark.django_db
def test_suggestions_offer_titles_and_vocabulary_terms():
    make_item("Human trafficking in conflict")
    texts = [s.text for s in suggest("human traf", user=ANONYMOUS)]
    assert "Human trafficking in conflict" in texts
    terms = [s for s in suggest("forced", user=ANONYMOUS) if s.kind == "term"]
    assert "Forced labour" in [s.text for s in terms]


@pytest.mark.django_db
def test_related_items_share_subjects_and_words(world):
    forced = ("exploitation", "forced-labour")
    item = make_item("Forced labour in cocoa farming", concepts=(forced,))
    twin = make_item("Cocoa farming and forced labour", concepts=(forced,))
    cousin = make_item("Cocoa prices", body="cocoa farming")
    make_item("Trafficking in persons at sea")
    make_item("Cocoa farming secrets", access=Access.BODY, access_body=world.working_group)
    related = related_items(item, user=ANONYMOUS)
    assert related[0] == twin
    assert cousin in related
    assert all(other.access == Access.PUBLIC for other in related)
    assert item not in related


@pytest.mark.django_db
def test_related_items_come_from_a_bounded_set_yet_keep_the_closest(world, monkeypatch):
    monkeypatch.setattr(related, "PER_SUBJECT", 3)  # 3 newest items a subject are read, not every one
    forced = ("exploitation", "forced-labour")
    item = make_item("Forced labour in cocoa farming", concepts=(forced,), countries=("CI",))
    closest = make_item("Cocoa farming and forced labour", concepts=(forced,))  # older than the others
    newer = [make_item(f"Annual report {n}", concepts=(forced,)) for n in range(5)]
    secret = make_item(
        "Cocoa farming: forced labour notes",
        concepts=(forced,),
        access=Access.BODY,
        access_body=world.working_group,
    )
    neighbour = make_item("Annual review", countries=("CI",))

    shown = related_items(item, user=ANONYMOUS)

    # The closest first (found by its title words, though not among the subject's newest), then the subject's
    # newest others, newest first, then an item about the same country; never what the reader may not see.
    assert shown == [closest, newer[4], newer[3], newer[2], neighbour]
    assert secret not in related_items(item, user=ANONYMOUS, limit=20)


@pytest.mark.django_db
def test_related_items_cost_the_same_however_many_items_share_their_subjects():
    forced = ("exploitation", "forced-labour")
    item = make_item("Forced labour in cocoa farming", concepts=(forced,), countries=("CI",))
    access = library_access(ANONYMOUS)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            get_backend().related_items(item, access=access, limit=5)
        return len(captured)

    make_item("Cocoa farming and forced labour", concepts=(forced,))
    few = queries()
    for n in range(12):
        make_item(f"Forced labour in cocoa farming, volume {n}", concepts=(forced,), countries=("CI",))
    assert queries() == few


@pytest.mark.django_db
def test_change_log_feeds_the_index_through_the_task():
    item = make_item("Bonded labour in brick kilns", index=False)
    assert find("kilns") == []
    record_change(item.pk)
    assert find("kilns") == [item.pk]
    assert not IndexChange.objects.filter(processed_at__isnull=True).exists()

    item.title = "Debt bondage in quarries"
    item.save()
    record_change(item.pk)
    assert find("kilns") == [] and find("quarries") == [item.pk]

    item_id = item.pk
    item.delete()
    record_change(item_id)
    assert find("quarries") == []
    assert apply_pending_changes() == 0  # idempotent: nothing left to do


@pytest.mark.django_db
def test_extracted_text_is_found_after_extraction():
    item = make_item("A report", body="")
    ItemFile.objects.create(
        item=item,
        original_name="a.pdf",
        content_type="application/pdf",
        size=1,
        sha256="1" * 64,
        extracted_text="The nets of the Andaman Sea fishing fleet.",
        file="library/a.pdf",
    )
    record_change(item.pk)
    assert find('"andaman sea"') == [item.pk]


@pytest.mark.django_db
def test_rebuild_indexes_everything_from_the_database():
    items = [make_item(f"Migrant workers study {n}", index=False) for n in range(3)]
    IndexChange.objects.create(item_id=items[0].pk)
    assert find("migrant") == []
    assert rebuild() == 3
    assert sorted(find("migrant")) == sorted(item.pk for item in items)
    assert not IndexChange.objects.filter(processed_at__isnull=True).exists()
    assert rebuild() == 3
    assert len(find("migrant")) == 3


@pytest.mark.django_db
def test_authors_subjects_and_countries_are_searchable(world):
    item = make_item(
        "Untitled",
        authors=("Cockayne",),
        concepts=(("theme", "migration"),),
        countries=("NP",),
        organisations=(world.iom,),
    )
    for text in ("cockayne", "nepal", "migration", "international organization for migration"):
        assert find(text) == [item.pk], text


@pytest.mark.django_db
def test_empty_query_browses_visible_items_newest_first(world):
    old = make_item("Old", year=2001)
    new = make_item("New", year=2021)
    make_item("Hidden", access=Access.PARTNERS, year=2023)
    results = search(SearchQuery(), user=ANONYMOUS)
    assert ids(results) == [new.pk, old.pk] and results.total == 2


def test_processed_time_is_aware():
    assert timezone.is_aware(timezone.now())


@pytest.mark.django_db
def test_rebuild_command():
    from io import StringIO

    from django.core.management import call_command

    make_item("Domestic work", index=False)
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Indexed 1 items" in out.getvalue()
    assert len(find("domestic")) == 1
