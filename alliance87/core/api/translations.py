"""What an API record says about its language: the caller's language, fields left in the original, the original."""

from typing import Any

from django.utils.translation import get_language
from ninja import Field, Schema

from alliance87.core.content_translation import (
    ORIGINAL_LANGUAGE,
    TRANSLATION_LANGUAGES,
    fallback_language,
    translated_fields,
    translations_of,
)


class TranslatedOut(Schema):
    """Mixed into an output schema of a record with translatable fields (core.content_translation)."""

    language: str = Field(
        description="The language the translatable texts above are given in when translated: the caller's "
        "(Accept-Language or the /fr/, /es/ address)."
    )
    untranslated: list[str] = Field(
        description="Translatable fields with no translation in that language, given in the original (English)."
    )
    original: dict[str, str] = Field(description="The translatable texts in the original language (English).")
    translations: dict[str, dict[str, str]] = Field(
        description="Every translation given, by language code then field (e.g. {'fr': {'name': '…'}})."
    )

    @staticmethod
    def resolve_language(obj: Any) -> str:
        return (get_language() or ORIGINAL_LANGUAGE).split("-")[0]

    @staticmethod
    def resolve_untranslated(obj: Any) -> list[str]:
        return [name for name in translated_fields(type(obj)) if fallback_language(obj, name)]

    @staticmethod
    def resolve_original(obj: Any) -> dict[str, str]:
        return {
            name: translations_of(obj, name).get(ORIGINAL_LANGUAGE, "")
            for name in translated_fields(type(obj))
        }

    @staticmethod
    def resolve_translations(obj: Any) -> dict[str, dict[str, str]]:
        given: dict[str, dict[str, str]] = {}
        for name in translated_fields(type(obj)):
            for language, text in translations_of(obj, name).items():
                if language in TRANSLATION_LANGUAGES:
                    given.setdefault(language, {})[name] = text
        return given


#: The description of `translations` in a request (TranslationsIn).
TRANSLATIONS_IN = (
    "French and Spanish texts, sent the way they are read: {'fr': {'title': '…'}, 'es': {…}}. Only the "
    "languages and fields sent change; an empty text or null removes a translation (readers then see the "
    "original, marked as such)."
)


class TranslationsIn(Schema):
    """Mixed into an input schema of a record with translatable fields: its translations, as TranslatedOut gives them."""

    translations: dict[str, dict[str, str | list[str] | None]] | None = Field(
        None, description=TRANSLATIONS_IN
    )


def translation_values(
    data: dict[str, Any], fields: tuple[str, ...], *, lists: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Take `translations` out of a request's `data` as the services' fields: {"fr": {"title": …}} → {"title_fr": …}.

    A language or a field that cannot be translated is refused, naming it; only the `lists` fields (a plan's
    tier names) take a list of texts."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    sent = data.pop("translations", None) or {}
    values: dict[str, Any] = {}
    for language, texts in sent.items():
        if language not in TRANSLATION_LANGUAGES:
            raise ValidationError(
                {
                    "translations": _("“%(language)s” is not a language of translations here (fr, es).")
                    % {"language": language}
                }
            )
        for name, text in texts.items():
            if name not in fields:
                raise ValidationError(
                    {
                        "translations": _("“%(field)s” cannot be translated here; these can: %(fields)s.")
                        % {"field": name, "fields": ", ".join(fields)}
                    }
                )
            if text is not None and isinstance(text, list) != (name in lists):
                message = (
                    _("Give the translation of “%(field)s” as a list of texts, one per tier.")
                    if name in lists
                    else _("Give the translation of “%(field)s” as a text.")
                )
                raise ValidationError({"translations": message % {"field": name}})
            values[f"{name}_{language}"] = text if text is not None or name not in lists else []
    return values
