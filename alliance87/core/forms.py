"""Form helpers shared by every app."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
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
