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
