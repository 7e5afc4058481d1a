"""Every main page in French and Spanish speaks the reader's language: no English label, number or date left over.

The pages are those of `make screenshots` (main_pages.py) on the demo. On each, the text a reader sees is read from
the browser (visible text, button and field labels, options, accessible names), leaving out what the page itself
marks as another language (`lang="en"`: content shown in its original, with the "in English" badge), code and
identifiers. Three kinds of leftover are looked for, the kinds a French/Spanish audit of the screenshots found:

- an English interface string: a text that is exactly one of the platform's own English strings (an msgid of the
  catalogue whose French or Spanish differs) — a label, badge, button, heading or empty state that skipped gettext;
- a number written the English way (a percentage with a decimal point, a comma between thousands);
- a date written the English way (an English month name).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import polib
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import translate_url
from playwright.sync_api import Browser, BrowserContext

from .main_pages import main_pages
from .test_phones import demo  # noqa: F401 (the demo partnership, loaded once per test)

pytestmark = pytest.mark.browser

LOCALE = Path(settings.LOCALE_PATHS[0])

# What the reader sees: text nodes of visible elements, labels of controls, options of selects, with the language
# each one is marked in (the nearest `lang`). Code, keyboard input and SVG drawing text are left out: identifiers
# and chart axes (their own test checks chart numbers).
VISIBLE_TEXT = r"""() => {
  const texts = [];
  const shown = (element) => {
    const style = getComputedStyle(element);
    return style.display !== "none" && style.visibility !== "hidden" && !element.closest("[hidden]");
  };
  const language = (element) => (element.closest("[lang]") || document.documentElement).getAttribute("lang");
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    const text = node.textContent.replace(/\s+/g, " ").trim();
    if (!text || !element || element.closest("script, style, noscript, code, pre, kbd, samp, .visually-hidden-code")) continue;
    if (element.closest("option") || !shown(element)) continue;
    texts.push([text, language(element)]);
  }
  for (const element of document.querySelectorAll("[aria-label], [title], [placeholder], [alt], option")) {
    const text = element.tagName === "OPTION" ? element.textContent.trim() : (
      element.getAttribute("aria-label") || element.getAttribute("title") || element.getAttribute("placeholder")
      || element.getAttribute("alt"));
    if (text) texts.push([text.replace(/\s+/g, " ").trim(), language(element)]);
  }
  return texts;
}"""

# Written the English way: a comma between thousands (French), a decimal point in a percentage. A bare "1.1" is
# left alone: result codes and versions ("Produit 1.1", "CC BY 4.0") are written so in every language.
ENGLISH_THOUSANDS = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\d,])")
ENGLISH_PERCENT = re.compile(r"(?<![\w.,])\d+\.\d+ ?%")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
ENGLISH_DATE = re.compile(
    rf"\b(?:\d{{1,2}} {_MONTH} \d{{4}}|{_MONTH} \d{{1,2}}, \d{{4}})\b"
)  # 12 Mar 2027, Dec. 6, 2026
# Numbers that are names, not quantities: the partnership and its target, SDG indicator codes.
NAMED_NUMBERS = re.compile(r"(?:Alliance|8\.7|SDG|ODD|ODS|Target|Cible|Meta)\b")


def _english_number(text: str, language: str) -> bool:
    """A percentage with a decimal point; in French also a comma between thousands (Spanish "1,234" is a decimal)."""
    plain = NAMED_NUMBERS.sub(" ", text)
    return bool(ENGLISH_PERCENT.search(plain) or (language == "fr" and ENGLISH_THOUSANDS.search(plain)))


#: Dates and numbers are looked for in short texts (a table cell, a date line), where a template or a filter wrote
#: them; longer texts are titles, notes and citations people wrote, in their own words.
SHORT = 40


@cache
def english_labels(language: str) -> frozenset[str]:
    """The platform's English interface strings that read differently in this language (whole strings only)."""
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    labels, translations = set(), {entry.msgstr.strip() for entry in catalogue.translated_entries()}
    for entry in catalogue.translated_entries():
        text = entry.msgid.strip()
        if entry.msgid_plural or entry.msgstr.strip() == text or "%" in text or "{" in text:
            continue
        if len(text) >= 3 and re.search(r"[a-z]", text):  # words, not codes or marks
            labels.add(text)
    return frozenset(labels - translations)  # "Note" is French too (for "Footnote")


def content_names() -> frozenset[str]:
    """Names people enter (bodies, organisations, vocabulary labels) in their original English.

    Where one matches an interface string ("Secretariat", "Forced labour"), it is content, translated (or marked as
    shown in English) by the content-translation rules, not by the catalogue: left to their own tests.
    """
    from alliance87.bodies.models import Body
    from alliance87.library.models import Concept
    from alliance87.news.models import Tag
    from alliance87.partners.models import Organisation

    names = set()
    for model, fields in (
        (Body, ("name", "short_name")),
        (Organisation, ("name", "acronym")),
        (Concept, ("label",)),
    ):
        for row in model.objects.rewrite(False).values_list(*fields):  # type: ignore[attr-defined]
            names.update(name for name in row if name)
    names.update(Tag.objects.values_list("name", flat=True))
    return frozenset(names)


def leftovers(texts: list[list[str]], language: str, *, content: frozenset[str] = frozenset()) -> list[str]:
    """What on a page is still English, written the English way, or dated the English way."""
    found = []
    labels = english_labels(language) - content
    for text, marked in texts:
        if marked and not marked.startswith(language):
            continue  # content shown in its original language, marked so (and badged)
        if text in labels or text.rstrip(":").strip() in labels:
            found.append(f"English label {text!r}")
        if len(text) > SHORT:
            continue  # a sentence or a title: content people wrote (the catalogue's own sentences are checked above)
        if _english_number(text, language):
            found.append(f"English number in {text[:80]!r}")
        if ENGLISH_DATE.search(text):
            found.append(f"English date in {text[:80]!r}")
    return sorted(set(found))


def test_leftovers_finds_the_kinds_of_english_it_looks_for() -> None:
    """The checker itself: it finds each kind of leftover and lets marked content, names and codes through."""
    page = [
        ["Download these figures (CSV)", "fr"],  # an interface string that skipped gettext
        ["Évolution : -1.68% par an", "fr"],
        ["1,250,000 $US", "fr"],
        ["12 Mar 2027", "fr"],
        ["Launched June 2017.", "fr"],  # a month in a sentence someone wrote: content
        ["Action Group on Forced Labour", "en"],  # content in its original language, marked
        ["Alliance 8.7", "fr"],
        ["Produit 1.1", "fr"],
        ["Télécharger ces chiffres (CSV)", "fr"],
        ["17,4 %", "fr"],
        ["12 mars 2027", "fr"],
    ]
    assert leftovers(page, "fr") == [
        "English date in '12 Mar 2027'",
        "English label 'Download these figures (CSV)'",
        "English number in '1,250,000 $US'",
        "English number in 'Évolution : -1.68% par an'",
    ]


@pytest.fixture
def contexts(browser: Browser, site: str) -> Iterator[dict[tuple[str, str], BrowserContext]]:
    opened: dict[tuple[str, str], BrowserContext] = {}
    yield opened
    for context in opened.values():
        context.close()


def _tab(
    browser: Browser, site: str, opened: dict[tuple[str, str], BrowserContext], language: str, who: str
) -> Any:
    if (language, who) not in opened:
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, locale=language, bypass_csp=True
        )
        cookies: list[Any] = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site}]
        if who:
            client = Client()
            client.force_login(get_user_model().objects.get(email=who))
            cookies.append(
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": site,
                }
            )
        context.add_cookies(cookies)
        context.new_page()
        opened[(language, who)] = context
    return opened[(language, who)].pages[0]


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_main_page_speaks_the_readers_language(
    browser: Browser, site: str, contexts: dict[tuple[str, str], BrowserContext], language: str
) -> None:
    problems = []
    content = content_names()
    for main_page in main_pages():
        tab = _tab(browser, site, contexts, language, main_page.who)
        address = translate_url(main_page.path, language)
        response = tab.goto(site + address)
        assert response is not None and response.ok, f"{address}: {response and response.status}"
        found = leftovers(tab.evaluate(VISIBLE_TEXT), language, content=content)
        problems += [f"{address}: {leftover}" for leftover in found]
    assert not problems, "\n".join(problems)
