"""Readable fields of meetings translated per language (django-modeltranslation; rules in core.content_translation)."""

from alliance87.core.content_translation import register_content

from .models import Event

register_content(Event, ["title", "city", "description"])
