"""Content people read, in their language: django-modeltranslation with the original kept for everything else.

Each app registers its readable fields in its `translation.py` with `register_content` below. A registered field
`name` gains `name_en`, `name_fr` and `name_es` columns. The rules of this platform, which differ from
modeltranslation's defaults on purpose:

- **Reading** `obj.name` gives the reader's language, falling back to the original (English) when no translation
  was given; `fallback_language(obj, "name")` says when that happened so a page can mark it (`lang="en"` and an
  "in English" badge, template tags `content` and `content_lang` in `core_content`).
- **Writing** `obj.name = …`, **querying** (`filter(name=…)`, `order_by("name")`, `values("name")`) and the
  original `name` column always mean the **original**. modeltranslation's defaults write and query the *current*
  language's column, so the same service would rename the French name on a French page and find nothing with
  `filter(name=…)` there; sorting a French page by a mostly empty `name_fr` column would scatter it. Translations
  are written by name: `obj.name_fr = …` (the forms' per-language fields, `TranslatedFieldsMixin`).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import Any

from django.db import models
from modeltranslation import manager as mt_manager
from modeltranslation.fields import TranslationFieldDescriptor
from modeltranslation.translator import TranslationOptions, translator
from modeltranslation.utils import build_localized_fieldname

ORIGINAL_LANGUAGE = "en"
TRANSLATION_LANGUAGES = ("fr", "es")


def _original_language() -> str:
    return ORIGINAL_LANGUAGE


# Lookups, ordering, values() and constructor keywords on a translated field address the original's column.
mt_manager.get_language = _original_language


class OriginalWritingDescriptor(TranslationFieldDescriptor):
    """Reads in the reader's language (with fallback); writes the original."""

    def __set__(self, instance: Any, value: Any) -> None:
        instance.__dict__[self.field.name] = value
        if getattr(instance, "_mt_init", False) or getattr(instance, "_mt_disable", False):
            return
        setattr(instance, build_localized_fieldname(self.field.name, ORIGINAL_LANGUAGE), value)


def _original_value(field: models.Field[Any, Any]) -> Any:
    localized = build_localized_fieldname(field.name, ORIGINAL_LANGUAGE)

    def value_of(instance: Any, *args: Any, **kwargs: Any) -> Any:
        value = getattr(instance, localized)
        return field.get_default() if value is None and not field.null else value

    return value_of


def register_content(model: type[models.Model], fields: Iterable[str]) -> None:
    """Make `fields` of `model` translatable, with this platform's rules (see the module's docstring)."""
    names = tuple(fields)
    options = type(f"{model.__name__}TranslationOptions", (TranslationOptions,), {"fields": names})
    with warnings.catch_warnings():
        # modeltranslation copies the model's indexes per language and shortens their names; it says so each time.
        warnings.filterwarnings("ignore", message="Index name .* exceeds 30 characters", category=UserWarning)
        translator.register(model, options)
    for name in names:
        descriptor = model.__dict__[name]
        model_field = model._meta.get_field(name)
        assert isinstance(model_field, models.Field)
        setattr(
            model,
            name,
            OriginalWritingDescriptor(
                model_field,
                fallback_languages=descriptor.fallback_languages,
                fallback_value=descriptor.fallback_value,
                fallback_undefined=descriptor.fallback_undefined,
            ),
        )
        # The original column stores the original, whatever language the page that saved it was in; forms
        # (model_to_dict) and serialisers read the original too.
        model_field.pre_save = _original_value(model_field)  # type: ignore[method-assign]
        model_field.value_from_object = _original_value(model_field)  # type: ignore[method-assign]


#: The registered translatable fields of each model class that was asked about (registrations happen at start-up).
_TRANSLATED_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def translated_fields(model: type[Any]) -> tuple[str, ...]:
    """The registered translatable fields of `model` (empty when it has none); looked up once per class, as pages
    ask for every record they show."""
    if model not in _TRANSLATED_FIELDS:
        try:
            names = tuple(translator.get_options_for_model(model).get_field_names())
        except Exception:  # modeltranslation raises NotRegistered
            names = ()
        _TRANSLATED_FIELDS[model] = names
    return _TRANSLATED_FIELDS[model]


def fallback_language(obj: Any, field: str, language: str | None = None) -> str:
    """The original's language when `obj.<field>` is shown untranslated to a `language` reader, else ""."""
    from django.utils.translation import get_language

    language = (language or get_language() or ORIGINAL_LANGUAGE).split("-")[0]
    if field not in translated_fields(type(obj)):
        # A record read from raw rows (the gap report's) says itself: `<field>_language` (see reader_text).
        return str(getattr(obj, f"{field}_language", "") or "")
    if language == ORIGINAL_LANGUAGE:
        return ""
    if getattr(obj, build_localized_fieldname(field, language), None):
        return ""
    return (
        ORIGINAL_LANGUAGE if getattr(obj, build_localized_fieldname(field, ORIGINAL_LANGUAGE), None) else ""
    )


def original_value(obj: Any, field: str) -> Any:
    """`obj.<field>` in the original language whatever the reader's (for services that copy a record's values).

    Reading `obj.<field>` gives the reader's language: a service that read it and wrote it back would put a
    French title into the original on a French page."""
    if field in translated_fields(type(obj)):
        return obj._meta.get_field(field).value_from_object(obj)
    return getattr(obj, field)


def blank_to_none(value: Any) -> Any:
    """A translation as stored: the text without surrounding blanks, or None ("no translation, show the original")."""
    if isinstance(value, str):
        return value.strip() or None
    return value


def reader_language() -> str:
    """The reader's language when it is one translations are given in ("fr", "es"), else the original's."""
    from django.utils.translation import get_language

    language = (get_language() or ORIGINAL_LANGUAGE).split("-")[0]
    return language if language in TRANSLATION_LANGUAGES else ORIGINAL_LANGUAGE


def reader_column(field: str) -> str:
    """The column of `field` in the reader's language (`title_fr`; the original's `title_en` for others).

    For raw reads (`values_list` with modeltranslation's rewriting off) that select it beside the original."""
    return build_localized_fieldname(field, reader_language())


def reading_order(field: str, language: str | None = None) -> Any:
    """What sorts records by `field` as a `language` reader (default: the reader) reads it: the translation, or the
    original where none was given (as `obj.<field>` falls back), e.g. ``Coalesce(NULLIF(title_fr, ''), title_en)``.

    An index on the same expression (one per language, see the plans list's) lets a page walk it instead of
    sorting every row: the query's expression and the index's must be written alike, hence this one function."""
    from django.db.models import F, Value
    from django.db.models.functions import Coalesce, NullIf

    language = language or reader_language()
    original = F(build_localized_fieldname(field, ORIGINAL_LANGUAGE))
    if language == ORIGINAL_LANGUAGE:
        return original
    return Coalesce(NullIf(F(build_localized_fieldname(field, language)), Value("")), original)


def reader_text(original: str, translated: str | None) -> tuple[str, str]:
    """(text, fallback language) from a raw read of the original and the reader's column: the translation with
    "", or the original with its language ("en") when the reader reads another and none was given."""
    if translated:
        return translated, ""
    return original, (ORIGINAL_LANGUAGE if reader_language() != ORIGINAL_LANGUAGE and original else "")


def translations_of(obj: Any, field: str) -> dict[str, str]:
    """Every language's text of `obj.<field>` that was given, original first: {"en": …, "fr": …}."""
    values: dict[str, str] = {}
    for language in (ORIGINAL_LANGUAGE, *TRANSLATION_LANGUAGES):
        value = getattr(obj, build_localized_fieldname(field, language), None)
        if value:
            values[language] = value
    return values


def copy_originals(model_label: str, fields: Iterable[str]) -> Any:
    """A migration step filling `<field>_en` from the original column of existing rows (and emptying nothing back)."""
    from django.db import migrations
    from django.db.models import F

    names = tuple(fields)

    def forwards(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(model_label)
        model.objects.update(
            **{build_localized_fieldname(name, ORIGINAL_LANGUAGE): F(name) for name in names}
        )

    return migrations.RunPython(forwards, migrations.RunPython.noop)


def language_name(language: str) -> str:
    """ "French" for "fr", in the reader's language."""
    from django.conf import settings
    from django.utils.translation import gettext

    return gettext(str(dict(settings.LANGUAGES).get(language, language)))


def translation_field_names(fields: Iterable[str]) -> tuple[str, ...]:
    """`name_fr`, `name_es`, … for the translatable `fields` given (for a form's or an input's field list)."""
    return tuple(
        build_localized_fieldname(name, language) for language in TRANSLATION_LANGUAGES for name in fields
    )
