from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from alliance87.core.concurrency import version_of
from alliance87.core.forms import EmptyChoiceLabels, LongSelect, TranslatedFieldsMixin

from .models import Organisation, OrganisationType, PartnerApplication
from .services import APPLICATION_FIELDS, ORGANISATION_FIELDS


class DirectoryFilterForm(EmptyChoiceLabels, forms.Form):
    q = forms.CharField(label=_("Name"), required=False, widget=forms.TextInput(attrs={"type": "search"}))
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *OrganisationType.choices]
    )
    country = forms.ChoiceField(label=_("Country"), required=False, widget=LongSelect)
    body = forms.ChoiceField(label=_("Action Group"), required=False)

    def __init__(self, *args: object, action_groups: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        cast(forms.ChoiceField, self.fields["country"]).choices = [("", _("All countries")), *list(countries)]
        cast(forms.ChoiceField, self.fields["body"]).choices = [("", _("All Action Groups")), *action_groups]


class ChoosePrompts:
    """Selects open on a sentence ("Choose a country") instead of Django's "---------"."""

    prompts = {"type": _("Choose a type"), "country": _("International (no country)")}

    def set_prompts(self) -> None:
        for name, prompt in self.prompts.items():
            field = self.fields.get(name)  # type: ignore[attr-defined]
            choices = list(getattr(field, "choices", []))
            if choices and choices[0][0] in ("", None):
                field.choices = [("", prompt), *choices[1:]]


class ApplicationForm(EmptyChoiceLabels, ChoosePrompts, forms.ModelForm):
    accept_terms = forms.BooleanField(
        label=_("We support the Alliance 8.7 Terms of Reference and the commitments above."), required=True
    )

    class Meta:
        model = PartnerApplication
        fields = APPLICATION_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "commitments": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_prompts()


class OrganisationForm(EmptyChoiceLabels, TranslatedFieldsMixin, ChoosePrompts, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_prompts()


class OrganisationEditForm(OrganisationForm):
    """The profile with the version it was opened at, so that a save cannot silently undo someone else's."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = version_of(self.instance)

    def profile(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def show_version(self, version: str) -> None:
        """After a conflict: the next save starts from the version now saved."""
        posted = cast(QueryDict, self.data).copy()
        posted["version"] = version
        self.data = posted


class RejectForm(EmptyChoiceLabels, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The applicant receives this by e-mail."),
    )
