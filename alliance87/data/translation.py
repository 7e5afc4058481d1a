"""Readable fields of the data catalogue translated per language (django-modeltranslation; rules in
core.content_translation): a series' name and definition, shown on the home page's headline figures, the data
dashboard, the series pages and the country profiles. Units are choices, translated by gettext."""

from alliance87.core.content_translation import register_content

from .models import Series

register_content(Series, ["name", "definition"])
