"""Forms of the commitments pages; the rules live in the services the forms feed."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from alliance87.accounts.types import Person
from alliance87.bodies.models import Body, BodyKind
from alliance87.countries.models import PathfinderCountry
from alliance87.library.selectors import visible_items_named
from alliance87.partners.models import OrganisationType

from .models import Commitment, Deliverable, DeliverableReport, DeliveryStatus
from .selectors import committing_organisations
from .services import (
    NO_AMOUNT,
    NO_BODY_OR_COUNTRY,
    NO_CURRENCY,
    NO_RESOURCES,
    CommitmentInput,
    DeliverableInput,
    ReportInput,
)
from .status import Light

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def action_groups() -> Any:
    return Body.objects.filter(kind=BodyKind.ACTION_GROUP).order_by("position", "name")


class RegisterFilterForm(forms.Form):
    partner_type = forms.ChoiceField(
        label=_("Type of partner"), required=False, choices=[("", _("All types")), *OrganisationType.choices]
    )
    body = forms.ChoiceField(label=_("Action Group"), required=False)
    country = forms.ChoiceField(label=_("Pathfinder Country"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *Light.choices]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["body"]).choices = [
            ("", _("All Action Groups")),
            *((body.slug, body.short_name or body.name) for body in action_groups()),
        ]
        cast(forms.ChoiceField, self.fields["country"]).choices = [
            ("", _("All countries")),
            *sorted(
                ((c.country.code.lower(), str(c)) for c in PathfinderCountry.objects.all()),
                key=lambda c: c[1],
            ),
        ]


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = [
            "organisation",
            "title",
            "description",
            "made_on",
            "source",
            "source_url",
            "is_illustrative",
        ]
        widgets = {"made_on": DATE, "description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, user: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = cast(forms.ModelChoiceField, self.fields["organisation"])
        organisation.queryset = committing_organisations(user)
        organisation.empty_label = None

    def service_input(self) -> CommitmentInput:
        return CommitmentInput.of(self.cleaned_data)


class DeliverableForm(forms.ModelForm):
    class Meta:
        model = Deliverable
        fields = [
            "title",
            "measure",
            "due_date",
            "body",
            "country",
            "pledged_amount",
            "pledged_currency",
            "in_kind",
        ]
        widgets = {"due_date": DATE, "measure": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body = cast(forms.ModelChoiceField, self.fields["body"])
        body.queryset = action_groups()
        body.empty_label = _("No Action Group")
        cast(forms.ModelChoiceField, self.fields["country"]).empty_label = _("No Pathfinder Country")
        self.fields["body"].help_text = _("The Action Group or the Pathfinder Country concerned (or both).")

    def clean(self) -> dict[str, Any]:
        """Name the field of a missing choice, so the model's constraints (named, not explained) are skipped."""
        super().clean()
        data = self.cleaned_data
        amount, currency = data.get("pledged_amount"), data.get("pledged_currency")
        if not data.get("body") and not data.get("country") and "body" not in self.errors:
            self.add_error("body", str(NO_BODY_OR_COUNTRY))
        if amount is not None and not currency:
            self.add_error("pledged_currency", str(NO_CURRENCY))
        elif currency and amount is None and "pledged_amount" not in self.errors:
            self.add_error("pledged_amount", str(NO_AMOUNT))
        elif amount is None and not currency and not data.get("in_kind"):
            self.add_error("in_kind", str(NO_RESOURCES))
        return data

    def service_input(self) -> DeliverableInput:
        return DeliverableInput.of(self.cleaned_data)


class ReportForm(forms.ModelForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    evidence = forms.CharField(
        label=_("Evidence from the library"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The address of each library document (its page), one a line, or the last part of it."),
    )

    class Meta:
        model = DeliverableReport
        fields = ["year", "status", "narrative"]
        widgets = {"narrative": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, user: Person, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        cast(forms.ChoiceField, self.fields["year"]).choices = [(year, str(year)) for year in years]
        cast(forms.ChoiceField, self.fields["status"]).choices = list(DeliveryStatus.choices)
        if self.instance.pk:
            self.fields["year"].disabled = True
            self.initial["evidence"] = "\n".join(
                item.slug for item in getattr(self.instance, "visible_evidence", [])
            )

    def clean_evidence(self) -> list[Any]:
        """The documents named, each one the reporter may see; the field names those it cannot find."""
        found, missing = visible_items_named(self.user, (self.cleaned_data.get("evidence") or "").split())
        if missing:
            raise forms.ValidationError(
                _("There is no library document you can see at: %(missing)s.")
                % {"missing": ", ".join(missing)}
            )
        return found

    def service_input(self) -> ReportInput:
        return ReportInput.of({k: v for k, v in self.cleaned_data.items() if k != "year"})
