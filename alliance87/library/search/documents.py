"""The one indexing function: the text a search index keeps for an item, called on change and by a rebuild."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import nh3
import snowballstemmer
from django.utils import translation
from django_countries import countries
from modeltranslation.utils import build_localized_fieldname

from alliance87.core.content_translation import ORIGINAL_LANGUAGE, TRANSLATION_LANGUAGES, translated_fields
from alliance87.core.text import render_markdown

from ..models import Author, Concept, Item, ItemCountry, ItemFile, Scheme
from .exact import item_identifier_tokens

# Languages whose stems are added to the index (English is handled by the engines' own stemmers).
SNOWBALL_LANGUAGES = {"fr": "french", "es": "spanish"}
WORD = re.compile(r"[^\W_]+", re.UNICODE)
ELIDED = re.compile(r"\b(\w{1,2})['’](\w+)", re.UNICODE)


@dataclass
class ItemDocument:
    """An item's searchable text, in fields weighted from title (highest) to body (lowest)."""

    item_id: int
    language: str
    title: str
    people: str
    abstract: str
    subjects: str
    body: str
    extra: str

    @property
    def all_text(self) -> str:
        return "\n".join([self.title, self.people, self.abstract, self.subjects, self.body])

    @property
    def spelling_text(self) -> str:
        """The catalogue record's words, from which "did you mean" draws (not the files' text, where the
        extraction leaves broken and misspelled words)."""
        return "\n".join([self.title, self.people, self.abstract, self.subjects])


BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|pre|tr|table)>|<br\s*/?>", re.IGNORECASE)


def plain_text(markdown: str) -> str:
    """What a reader sees of a Markdown text, without its markup: the text snippets are cut from."""
    rendered = BLOCK_END.sub(lambda match: match.group(0) + "\n", render_markdown(markdown))
    text = html.unescape(nh3.clean(rendered, tags=set()))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


@lru_cache(maxsize=8)
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(language)


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """The Snowball stem of one lower-case word in a language ("fr", "es"); the word itself otherwise."""
    name = SNOWBALL_LANGUAGES.get(language)
    return _stemmer(name).stemWord(word) if name else word


def elided_forms(text: str) -> list[str]:
    """Words written with an elision joined up, so "d'Ivoire" is also found as "divoire" ("l'homme" → "lhomme")."""
    return [f"{head}{tail}".lower() for head, tail in ELIDED.findall(text)]


def extra_terms(text: str, language: str) -> str:
    """Elided forms, plus the Snowball stems of the words when the item is in French or Spanish."""
    terms = elided_forms(text)
    if language in SNOWBALL_LANGUAGES:
        words = {word.lower() for word in WORD.findall(text)}
        terms.extend(sorted({stem(word, language) for word in words}))
    return " ".join(terms)


class Translations:
    """The texts of an item's translations people can read, per language: its own translated fields (if any are
    registered), its subjects' labels, its organisations' names and its countries' names in French and Spanish.

    They go into the subjects field, so a French query meets the French label on every backend and "did you
    mean" draws from their words. Their French/Spanish stems are not added to the extra field: present in every
    item, they made each query word's own stem alternatives match far more items (the bench's English queries
    slowed by a third); folding and English stemming already meet "revues" and "revue".
    """

    def __init__(self) -> None:
        self.texts: dict[str, list[str]] = {language: [] for language in TRANSLATION_LANGUAGES}

    def add(self, language: str, text: str | None) -> None:
        if text and language in self.texts and text not in self.texts[language]:
            self.texts[language].append(text)

    def add_object(self, obj: Any, fields: Iterable[str]) -> None:
        """The translations given of these fields of a record (read from its loaded columns)."""
        for name in fields:
            for language in TRANSLATION_LANGUAGES:
                self.add(language, getattr(obj, build_localized_fieldname(name, language), None))

    def new_texts(self, original: str) -> list[str]:
        """Every translation not already said in the catalogue record (compared without case or accents)."""
        seen = _folded(original)
        found: list[str] = []
        for texts in self.texts.values():
            for text in texts:
                if _folded(text) not in seen:
                    found.append(text)
                    seen += "\n" + _folded(text)
        return found


def _folded(text: str) -> str:
    from .query import fold

    return fold(text)


def _translation_columns(model: Any, fields: Iterable[str], prefix: str = "") -> list[str]:
    return [
        prefix + build_localized_fieldname(name, language)
        for name in fields
        if name in translated_fields(model)
        for language in TRANSLATION_LANGUAGES
    ]


def build_documents(item_ids: Iterable[int]) -> list[ItemDocument]:
    """Build the documents of these items in a fixed number of queries (missing ids are skipped).

    The index holds the original texts (English names of countries and organisations, whatever the language of
    the request that changed the item) and every translation of them (`Translations`).
    """
    ids = list(item_ids)
    if not ids:
        return []
    with translation.override(ORIGINAL_LANGUAGE):
        return _build_documents(ids)


def _build_documents(ids: list[int]) -> list[ItemDocument]:
    from alliance87.partners.models import Organisation

    item_translated = translated_fields(Item)
    organisation_fields = [name for name in ("name", "acronym") if name in translated_fields(Organisation)]
    items = list(
        Item.objects.filter(pk__in=ids)
        .select_related("publisher")
        .prefetch_related("corporate_authors")
        .only(
            "pk",
            "title",
            "subtitle",
            "language",
            "abstract",
            "keywords",
            "countries",
            "publisher__name",
            "publisher_name",
            "isbn",
            "issn",
            "doi",
            "url",
            *_translation_columns(Item, item_translated),
            *_translation_columns(Organisation, organisation_fields, prefix="publisher__"),
        )
    )
    authors: dict[int, list[str]] = defaultdict(list)
    for author in Author.objects.filter(item_id__in=ids).order_by("item_id", "position"):
        authors[author.item_id].append(f"{author.given_names} {author.family_name}".strip())
    translations: dict[int, Translations] = defaultdict(Translations)
    labels = _subject_labels(ids, translations)
    texts: dict[int, list[str]] = defaultdict(list)
    for item_id, text in (
        ItemFile.objects.filter(item_id__in=ids)
        .exclude(extracted_text="")
        .values_list("item_id", "extracted_text")
    ):
        texts[item_id].append(text)

    country_translations = _country_translations({code for item in items for code in item.countries or []})
    documents = []
    for item in items:
        translated = translations[item.pk]
        translated.add_object(item, item_translated)
        organisations = [*item.corporate_authors.all(), *([item.publisher] if item.publisher else [])]
        for organisation in organisations:
            translated.add_object(organisation, organisation_fields)
        people = [*authors[item.pk], *(org.name for org in item.corporate_authors.all())]
        people.append(item.publisher.name if item.publisher else item.publisher_name)
        codes = [code for code in item.countries or [] if code]
        country_names = [str(countries.name(code)) for code in codes]
        for code in codes:
            for language, name in country_translations[code]:
                translated.add(language, name)
        keywords = [str(keyword) for keyword in item.keywords or []]
        identifiers = item_identifier_tokens(
            isbn=item.isbn,
            issn=item.issn,
            doi=item.doi,
            texts=[item.title, item.subtitle, *keywords],
            url=item.url,
        )
        document = ItemDocument(
            item_id=item.pk,
            language=item.language or "en",
            title=item.full_title,
            people="; ".join(name for name in people if name),
            abstract=plain_text(item.abstract),
            subjects="; ".join([*labels[item.pk], *keywords, *country_names, *identifiers]),
            body="\n\n".join(texts[item.pk]),
            extra="",
        )
        document.subjects = "; ".join(
            text for text in [document.subjects, *translated.new_texts(document.spelling_text)] if text
        )
        document.extra = extra_terms(document.all_text, document.language)
        documents.append(document)
    return documents


def _subject_labels(ids: list[int], translations: dict[int, Translations]) -> dict[int, list[str]]:
    """The (English) labels of these items' subjects; their French and Spanish labels go into `translations`."""
    labels: dict[int, list[str]] = defaultdict(list)
    columns = ["label", *_translation_columns(Concept, ["label"])]
    concepts = {
        pk: dict(zip(columns, values, strict=True))
        for pk, *values in Concept.objects.rewrite(False).values_list("pk", *columns)  # type: ignore[attr-defined]
    }
    through = Item.concepts.through
    for item_id, concept_id in through.objects.filter(item_id__in=ids).values_list("item_id", "concept_id"):
        concept = concepts.get(concept_id, {})
        labels[item_id].append(concept.get("label") or "")
        for language in TRANSLATION_LANGUAGES:
            translations[item_id].add(language, concept.get(build_localized_fieldname("label", language)))
    return labels


def _country_translations(codes: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """The French and Spanish names of these countries: code → [(language, name), …]."""
    names: dict[str, list[tuple[str, str]]] = defaultdict(list)
    shown = sorted(code for code in set(codes) if code)
    for language in TRANSLATION_LANGUAGES:
        with translation.override(language):
            for code in shown:
                names[code].append((language, str(countries.name(code))))
    return names


def iter_all_documents(batch_size: int = 500) -> Iterator[list[ItemDocument]]:
    """Every item's document, in batches (for a rebuild)."""
    ids = list(Item.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        yield build_documents(ids[start : start + batch_size])


def sort_key(date: Any, item_id: int) -> int:
    """Newest first, then the highest id (as the in-database backends order): one integer for a fast field."""
    return (date.toordinal() if date else 0) * 10_000_000_000 + item_id


def facet_fields(item_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The facet, access and sort fields of these items, in a fixed number of queries."""
    fields: dict[int, dict[str, Any]] = {}
    for pk, kind, year, language, date, access, body_id, publisher_id in Item.objects.filter(
        pk__in=item_ids
    ).values_list(
        "pk", "kind", "year", "language", "publication_date", "access", "access_body_id", "publisher_id"
    ):
        fields[pk] = {
            "kind": [kind],
            "year": [year] if year is not None else [],
            "language": [language] if language else [],
            "access": [access],
            "access_body_id": [body_id] if body_id is not None else [],
            "organisation": [publisher_id] if publisher_id is not None else [],
            "sort_key": [sort_key(date, pk)],
            "published": date,
            "theme": [],
            "exploitation": [],
            "country": [],
        }
    for item_id, scheme, code in Item.concepts.through.objects.filter(
        item_id__in=item_ids, concept__scheme__in=[Scheme.THEME, Scheme.EXPLOITATION]
    ).values_list("item_id", "concept__scheme", "concept__code"):
        if item_id in fields:
            fields[item_id][str(scheme)].append(code)
    for item_id, country in ItemCountry.objects.filter(item_id__in=item_ids).values_list(
        "item_id", "country"
    ):
        if item_id in fields:
            fields[item_id]["country"].append(str(country))
    through = Item.corporate_authors.through
    for item_id, organisation_id in through.objects.filter(item_id__in=item_ids).values_list(
        "item_id", "organisation_id"
    ):
        if item_id in fields and organisation_id not in fields[item_id]["organisation"]:
            fields[item_id]["organisation"].append(organisation_id)
    return fields
