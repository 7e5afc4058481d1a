"""The French and Spanish catalogues stay complete, compiled and in use.

Nothing here needs GNU gettext: the catalogues are read with polib, templates are read with Django's template
lexer and the same rules `makemessages` applies (django.utils.translation.template), and Python sources with `ast`.
When a test here fails after you added or changed a UI string, run (in alliance87/):

    alliance87 makemessages -l fr -l es --no-obsolete --ignore 'tests/*' --ignore '*/tests/*'

translate the new entries in locale/{fr,es}/LC_MESSAGES/django.po (no "fuzzy" left), then `alliance87 compilemessages`
and commit both the .po and the .mo files.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType
from django.utils import translation
from django.utils.translation import trim_whitespace
from django.utils.translation.template import (
    block_re,
    constant_re,
    context_re,
    endblock_re,
    inline_re,
    plural_re,
)

PACKAGE_DIR = Path(__file__).resolve().parents[2]
LOCALE_DIR = PACKAGE_DIR / "locale"
LANGUAGES = ["fr", "es"]
#: What makemessages reads (its default extensions for the "django" domain), minus the ignored test folders.
TEMPLATE_SUFFIXES = {".html", ".txt"}

# (msgctxt, msgid, msgid_plural); msgctxt and msgid_plural are None when absent.
Key = tuple[str | None, str, str | None]


def _po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


@cache
def _catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(_po_path(language)))


def _key(entry: polib.POEntry | polib.MOEntry) -> Key:
    return (entry.msgctxt or None, entry.msgid, entry.msgid_plural or None)


def _source_files(suffixes: set[str]) -> Iterator[Path]:
    for path in sorted(PACKAGE_DIR.rglob("*")):
        relative = path.relative_to(PACKAGE_DIR)
        if path.suffix not in suffixes or not path.is_file():
            continue
        if "tests" in relative.parts[:-1] or any(part.startswith(".") for part in relative.parts):
            continue
        if relative.parts[0] == "locale":
            continue
        yield path


# --- What makemessages extracts from templates ------------------------------------------------------------------


def _unquote(literal: str) -> str:
    return literal[1:-1] if literal[:1] in "\"'" else literal


def _literal(source: str) -> str | None:
    """The value of a quoted constant as in `_("...")` (xgettext reads it as a Python string literal)."""
    try:
        value = ast.literal_eval(source)
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None


def template_messages(source: str) -> Iterator[Key]:
    """The msgids `makemessages` would extract from one template, following django.utils.translation.templatize.

    Django's own regular expressions decide what is a {% translate %}, {% blocktranslate %}, {% plural %} or
    `_("...")` constant; blocktranslate bodies are joined the way templatize joins them: text with `%` doubled,
    `{{ var }}` as `%(var)s`, and whitespace collapsed when the block says `trimmed`.
    """
    in_block = in_plural = in_comment = trimmed = False
    context: str | None = None
    singular: list[str] = []
    plural: list[str] = []

    def join(parts: list[str]) -> str:
        message = "".join(parts)
        return trim_whitespace(message) if trimmed else message

    for token in Lexer(source).tokenize():
        if in_comment:
            if token.token_type == TokenType.BLOCK and token.contents == "endcomment":
                in_comment = False
        elif in_block:
            if token.token_type == TokenType.BLOCK:
                if endblock_re.match(token.contents):
                    yield (context, join(singular), join(plural) if in_plural else None)
                    in_block = in_plural = False
                    context = None
                elif plural_re.match(token.contents):
                    in_plural = True
            elif token.token_type == TokenType.VAR:
                (plural if in_plural else singular).append(f"%({token.contents})s")
            elif token.token_type == TokenType.TEXT:
                (plural if in_plural else singular).append(token.contents.replace("%", "%%"))
        elif token.token_type == TokenType.BLOCK:
            inline = inline_re.match(token.contents)
            block = block_re.match(token.contents)
            if inline:
                message = _unquote(inline[1]).replace("%", "%%")
                inline_context = _unquote(context_re.match(inline[2])[1]) if inline[2] else None
                yield (inline_context, message, None)
            elif block:
                for constant in constant_re.findall(token.contents):
                    if (value := _literal(constant)) is not None:
                        yield (None, value, None)
                context = _unquote(context_re.match(block[1])[1]) if block[1] else None
                in_block, in_plural = True, False
                trimmed = "trimmed" in token.split_contents()
                singular, plural = [], []
            elif token.contents == "comment":
                in_comment = True
            else:
                for constant in constant_re.findall(token.contents):
                    if (value := _literal(constant)) is not None:
                        yield (None, value, None)
        elif token.token_type == TokenType.VAR:
            parts = token.contents.split("|")
            if (match := constant_re.match(parts[0])) and (value := _literal(match[1])) is not None:
                yield (None, value, None)
            for part in parts[1:]:
                if ":_(" in part and (match := constant_re.search(part)) and (value := _literal(match[1])):
                    yield (None, value, None)


# --- What makemessages extracts from Python ---------------------------------------------------------------------

#: xgettext's Python keywords plus those makemessages adds: name -> (msgctxt index, msgid index, plural index).
PYTHON_KEYWORDS: dict[str, tuple[int | None, int, int | None]] = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}


def python_messages(source: str) -> Iterator[Key]:
    """The msgids xgettext finds in Python: keyword calls whose arguments are plain string literals."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        if name not in PYTHON_KEYWORDS:
            continue
        positions = PYTHON_KEYWORDS[name]
        values: list[str | None] = []
        for index in positions:
            if index is None:
                values.append(None)
            elif index < len(node.args) and isinstance(node.args[index], ast.Constant):
                value = node.args[index].value  # type: ignore[attr-defined]
                values.append(value if isinstance(value, str) else "")
            else:
                values.append("")
        msgctxt, msgid, msgid_plural = values
        if msgid and msgctxt != "" and msgid_plural != "":
            yield (msgctxt, msgid, msgid_plural)


@cache
def extracted_messages() -> dict[Key, str]:
    """Every msgid makemessages would write, with the first file it appears in."""
    found: dict[Key, str] = {}
    for path in _source_files(TEMPLATE_SUFFIXES):
        for key in template_messages(path.read_text(encoding="utf-8")):
            found.setdefault(key, str(path.relative_to(PACKAGE_DIR)))
    for path in _source_files({".py"}):
        for key in python_messages(path.read_text(encoding="utf-8")):
            found.setdefault(key, str(path.relative_to(PACKAGE_DIR)))
    found.pop((None, "", None), None)
    return found


# --- The tests --------------------------------------------------------------------------------------------------


def test_the_extractor_follows_makemessages_rules():
    template = (
        '{% load i18n %}{% translate "Partners" %}<nav aria-label="{% translate \'Main\' %}">'
        "{% translate 'Bank' context 'finance' %}{{ x|default:_(\"None yet.\") }}"
        "{% blocktranslate with name=o.name %}Edit {{ name }} at 100%{% endblocktranslate %}"
        "{% blocktranslate count counter=n %}{{ counter }} country{% plural %}{{ counter }} countries"
        "{% endblocktranslate %}{% blocktranslate trimmed %}\n  Two\n  lines\n{% endblocktranslate %}"
        '{% comment %}{% translate "Hidden" %}{% endcomment %}'
    )
    assert list(template_messages(template)) == [
        (None, "Partners", None),
        (None, "Main", None),
        ("finance", "Bank", None),
        (None, "None yet.", None),
        (None, "Edit %(name)s at 100%%", None),
        (None, "%(counter)s country", "%(counter)s countries"),
        (None, "Two lines", None),
    ]
    python = (
        'from x import gettext_lazy as _\nA = _("One" " string")\nB = ngettext("a", "as", n)\nC = _(name)\n'
    )
    assert list(python_messages(python)) == [(None, "One string", None), (None, "a", "as")]


def test_the_extractor_finds_the_ui():
    messages = extracted_messages()
    assert (None, "Partners", None) in messages
    assert (None, "%(shown)s organisation", "%(shown)s organisations") in messages
    assert (None, "Not described yet.", None) in messages
    assert len(messages) > 300


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_fully_translated(language):
    catalogue = _catalogue(language)

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]

    assert not untranslated, f"{language}: untranslated entries: {untranslated}"
    assert not fuzzy, f"{language}: fuzzy entries: {fuzzy}"
    assert catalogue.metadata.get("Language") == language
    assert len(catalogue.translated_entries()) > 300


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_count_has_each_plural_form_of_the_language(language):
    catalogue = _catalogue(language)
    forms = re.search(r"nplurals=(\d+)", catalogue.metadata["Plural-Forms"])
    assert forms, f"{language}: no Plural-Forms header"

    incomplete = [
        entry.msgid
        for entry in catalogue
        if entry.msgid_plural
        and (len(entry.msgstr_plural) != int(forms.group(1)) or not all(entry.msgstr_plural.values()))
    ]

    assert not incomplete, f"{language}: plural forms missing in: {incomplete}"


@pytest.mark.parametrize(
    ("count", "expected"), [(1, "Queda 1 plaza"), (2, "Quedan 2 plazas"), (40, "Quedan 40 plazas")]
)
def test_spanish_counts_read_in_spanish_whatever_the_number(count, expected):
    with translation.override("es"):
        text = translation.ngettext("%(places)s place left", "%(places)s places left", count) % {
            "places": count
        }

    assert text == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language):
    placeholder = re.compile(r"%\(\w+\)[sdf]")
    problems = []
    for entry in _catalogue(language).translated_entries():
        if entry.msgid_plural:
            forms = sorted(entry.msgstr_plural.items())
            expected = [
                placeholder.findall(entry.msgid if index == 0 else entry.msgid_plural) for index, _ in forms
            ]
            got = [placeholder.findall(text) for _, text in forms]
        else:
            expected, got = [placeholder.findall(entry.msgid)], [placeholder.findall(entry.msgstr)]
        if [sorted(set(p)) for p in expected] != [sorted(set(p)) for p in got]:
            problems.append(entry.msgid)
    assert not problems, f"{language}: placeholders differ in: {problems}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(language):
    mo_path = _po_path(language).with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run compilemessages and commit it"

    def entries(mo: polib.MOFile) -> dict[Key, tuple[str, tuple[str, ...]]]:
        return {
            _key(entry): (entry.msgstr, tuple(text for _, text in sorted(entry.msgstr_plural.items())))
            for entry in mo
        }

    expected = polib.mofile(_catalogue(language).to_binary())
    compiled = polib.mofile(str(mo_path))

    assert entries(compiled) == entries(expected), f"{mo_path} is out of date: run compilemessages"
    assert compiled.metadata.get("Plural-Forms") == expected.metadata.get("Plural-Forms")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_ui_string_is_in_the_catalogue(language):
    in_catalogue = {_key(entry) for entry in _catalogue(language) if not entry.obsolete}

    missing = {key: where for key, where in extracted_messages().items() if key not in in_catalogue}

    assert not missing, f"{language}: not in the catalogue (run makemessages and translate): " + "; ".join(
        f"{where}: {key[1]!r}" for key, where in sorted(missing.items(), key=lambda item: item[1])
    )


def test_the_languages_are_those_of_the_settings():
    assert sorted(code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE) == sorted(
        LANGUAGES
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "partners", "countries"),
    [("fr", "Partenaires", "Pays pionniers"), ("es", "Socios", "Países pioneros")],
)
def test_pages_are_served_in_the_visitors_language(client, language, partners, countries):
    page = client.get(f"/{language}/").content.decode()

    assert f'<html lang="{language}">' in page
    assert f">{partners}</a>" in page
    assert f">{countries}</a>" in page
    assert ">Partners</a>" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"), [("fr", "Annuaire des partenaires"), ("es", "Directorio de socios")]
)
def test_the_language_switch_translates_the_pages(client, language, heading):
    response = client.post("/i18n/setlang/", {"language": language, "next": "/partners/"})

    page = client.get(response["Location"]).content.decode()

    assert f'<html lang="{language}">' in page
    assert f"<h1>{heading}</h1>" in page
