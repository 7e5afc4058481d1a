from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from alliance87.core.concurrency import version_of

from .models import Organisation, OrganisationType, PartnerApplication


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, widget=forms.TextInput(attrs={"type": "search"}))
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *OrganisationType.choices]
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    body = forms.ChoiceField(label=_("Action Group"), required=False)

    def __init__(self, *args: object, action_groups: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        cast(forms.ChoiceField, self.fields["country"]).choices = [("", _("All countries")), *list(countries)]
        cast(forms.ChoiceField, self.fields["body"]).choices = [("", _("All Action Groups")), *action_groups]


class ApplicationForm(forms.ModelForm):
    accept_terms = forms.BooleanField(
        label=_("We support the Alliance 8.7 Terms of Reference and the commitments above."), required=True
    )

    class Meta:
        model = PartnerApplication
        fields = [
            "organisation_name",
            "acronym",
            "type",
            "country",
            "website",
            "description",
            "contact_name",
            "contact_email",
            "contact_job_title",
            "commitments",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "commitments": forms.Textarea(attrs={"rows": 5}),
        }


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "acronym", "type", "country", "website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}


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


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The applicant receives this by e-mail."),
    )
