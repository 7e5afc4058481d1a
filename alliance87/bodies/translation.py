"""Readable fields of bodies translated per language (django-modeltranslation; rules in core.content_translation)."""

from alliance87.core.content_translation import register_content

from .models import Body

register_content(Body, ["name", "short_name", "purpose"])
