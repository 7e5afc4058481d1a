"""Readable fields of library translated per language (django-modeltranslation; rules in core.content_translation)."""

from alliance87.core.content_translation import register_content

from .models import Concept

register_content(Concept, ["label"])
