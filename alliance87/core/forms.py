"""Form helpers shared by every app."""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def apply_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the named fields where the form has them."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item)
    else:
        form.add_error(None, error)


class LongSelect(forms.Select):
    """A ``<select>`` of many flat options (countries) built in Python rather than one template per option.

    Django's own widget renders a template for each option: a country list is ~250 renders, most of a filter
    page's time. The markup is the same: the select's attributes, then one ``<option>`` per choice.
    """

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        selected = {str(v) for v in self.format_value(value)}
        options = []
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):  # an option group: Django's widget handles those
                return super().render(name, value, attrs, renderer)
            text = "" if option_value is None else str(option_value)
            mark = " selected" if text in selected else ""
            options.append(f'<option value="{escape(text)}"{mark}>{escape(label)}</option>')
        body = "\n  ".join(options)
        # Every value and label is escaped above.
        return mark_safe(f'<select name="{escape(name)}"{flatatt(final_attrs)}>\n  {body}\n</select>')


class TranslatedFieldsMixin:
    """A model form whose translatable fields (core.content_translation) take their French and Spanish texts.

    Add the translation fields to the form's fields (`translation_field_names`); the mixin labels them "Name
    (French)" and `core/includes/form.html` shows them in one fieldset per language after the original's fields.
    """

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from django.utils.text import format_lazy

        from .content_translation import language_name

        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            original, _, language = name.rpartition("_")
            if language in ("fr", "es") and original and original in self.fields:
                field.translation_language = language  # type: ignore[attr-defined]
                field.label = format_lazy("{} ({})", self.fields[original].label, language_name(language))
                field.required = False
                if isinstance(self.fields[original].widget, forms.Textarea):
                    field.widget = forms.Textarea(attrs=self.fields[original].widget.attrs)

    def translation_fieldsets(self) -> list[tuple[str, str, list[Any]]]:
        """[(language, legend, bound fields)] for the languages that have fields on this form."""
        from django.utils.translation import gettext

        legends = {"fr": gettext("French translation"), "es": gettext("Spanish translation")}
        groups: dict[str, list[Any]] = {}
        for bound in self.visible_fields():  # type: ignore[attr-defined]
            language = getattr(bound.field, "translation_language", "")
            if language:
                groups.setdefault(language, []).append(bound)
        return [(language, legends[language], fields) for language, fields in groups.items()]


def translation_fieldset(model: type[models.Model], language: str) -> dict[str, forms.Field]:
    """The fields of a form's fieldset in `language` ("fr", "es"): `<field>_<language>` for each translatable
    field `model` registers (core.content_translation), optional, as long as the original may be.

    `TranslatedFieldsMixin` labels them after the original's form field and gives long texts its text area."""
    from django.core.exceptions import ImproperlyConfigured

    from .content_translation import translated_fields

    names = translated_fields(model)
    if not names:
        raise ImproperlyConfigured(f"{model.__name__} registers no translatable field (its translation.py).")
    fieldset: dict[str, forms.Field] = {}
    for name in names:
        original = model._meta.get_field(name)
        fieldset[f"{name}_{language}"] = forms.CharField(
            max_length=getattr(original, "max_length", None), required=False
        )
    return fieldset


FormClass = TypeVar("FormClass", bound=type[forms.BaseForm])


def with_translation_fieldsets(model: type[models.Model]) -> Callable[[FormClass], FormClass]:
    """A class decorator giving a form (not a model form: those take the columns) the French and Spanish
    fieldsets of `model`'s translatable fields, after its own fields (`translation_fieldset`)."""
    from .content_translation import TRANSLATION_LANGUAGES

    def add(form_class: FormClass) -> FormClass:
        for language in TRANSLATION_LANGUAGES:
            for name, field in translation_fieldset(model, language).items():
                form_class.base_fields[name] = form_class.declared_fields[name] = field  # type: ignore[attr-defined]
        return form_class

    return add


#: Django's blank choice in selects, which tells a reader nothing.
DASHES = "---------"


class EmptyChoiceLabels:
    """Selects open on a word that says what the empty choice means, never Django's "---------".

    The empty choice of an optional select reads "Any" on a filter form (a form whose class name says Filter,
    Search or Query, or `is_filter = True`) and "None" elsewhere; a required select's reads "Choose…". A form
    names a better one per field in `empty_choice_labels` (e.g. {"parent": _("— no parent —")}). Applied when a
    field is rendered, after the form's own `__init__` changed its choices.
    """

    empty_choice_labels: dict[str, Any] = {}
    is_filter: bool | None = None

    def __getitem__(self, name: str) -> Any:
        bound = super().__getitem__(name)  # type: ignore[misc]
        self._label_empty_choice(name, bound.field)
        return bound

    def _empty_label(self, name: str, field: forms.Field) -> Any:
        from django.utils.translation import gettext_lazy

        if name in self.empty_choice_labels:
            return self.empty_choice_labels[name]
        if field.required:
            return gettext_lazy("Choose…")
        is_filter = self.is_filter
        if is_filter is None:
            is_filter = any(word in type(self).__name__ for word in ("Filter", "Search", "Query"))
        return gettext_lazy("Any") if is_filter else gettext_lazy("None")

    def _label_empty_choice(self, name: str, field: forms.Field) -> None:
        if isinstance(field, forms.ModelChoiceField) and not isinstance(
            field, forms.ModelMultipleChoiceField
        ):
            if field.empty_label == DASHES:
                field.empty_label = self._empty_label(name, field)
            return
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField):
            choices = list(field.choices)  # type: ignore[arg-type]
            if choices and choices[0][0] in ("", None) and str(choices[0][1]) == DASHES:
                field.choices = [(choices[0][0], self._empty_label(name, field)), *choices[1:]]
