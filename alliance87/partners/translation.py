"""Readable fields of partners translated per language (django-modeltranslation; rules in core.content_translation)."""

from alliance87.core.content_translation import register_content

from .models import Organisation

register_content(Organisation, ["name", "acronym", "description"])
