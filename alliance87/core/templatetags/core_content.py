"""Content in the reader's language, marked when it falls back to the original (core.content_translation).

``{% load core_content %}`` then ``{% content body "name" %}`` prints the name in the reader's language, or the
original wrapped in ``<span lang="en">`` with an "in English" badge when no translation was given;
``{% content_lang body "purpose" as lang %}`` gives "en" (or "") for a block: ``<div{% if lang %} lang="{{ lang }}"{% endif %}>``.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from alliance87.core.content_translation import fallback_language

register = template.Library()


def language_badge(language: str) -> SafeString:
    """The small badge saying which language the text beside it is in (in the reader's language)."""
    from django.utils.translation import get_language

    names = {"en": _("in English"), "fr": _("in French"), "es": _("in Spanish")}
    reader = (get_language() or "en").split("-")[0]
    return format_html(
        '<span class="badge badge-lang" lang="{}">{}</span>', reader, names.get(language, language)
    )


@register.simple_tag
def content(obj: Any, field: str, badge: bool = True) -> SafeString:
    """`obj.<field>` for the reader; the original marked with its language when untranslated."""
    value = getattr(obj, field, "") or ""
    language = fallback_language(obj, field)
    if not language:
        return format_html("{}", value)
    if not badge:
        return format_html('<span lang="{}">{}</span>', language, value)
    return format_html('<span lang="{}">{}</span> {}', language, value, language_badge(language))


@register.simple_tag
def content_lang(obj: Any, field: str) -> str:
    """ "en" when `obj.<field>` is shown in the original to this reader, else "" (for a `lang` attribute)."""
    return fallback_language(obj, field)


@register.simple_tag
def content_badge(obj: Any, field: str) -> SafeString:
    """Only the "in English" badge, when `obj.<field>` falls back (for headings that hold the text themselves)."""
    language = fallback_language(obj, field)
    return language_badge(language) if language else mark_safe("")


@register.simple_tag
def language_mark(language: str) -> SafeString:
    """The "in English" badge when a whole record (a news post) is in another language than the reader's."""
    from django.utils.translation import get_language

    reader = (get_language() or "en").split("-")[0]
    return language_badge(language) if language and language != reader else mark_safe("")
