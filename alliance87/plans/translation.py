"""Readable fields of plans translated per language (django-modeltranslation; rules in core.content_translation)."""

from alliance87.core.content_translation import register_content

from .models import Indicator, Plan, ResultNode

register_content(Plan, ["title", "description"])
register_content(ResultNode, ["title"])
register_content(Indicator, ["title", "description"])
