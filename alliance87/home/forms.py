"""Forms of the hub pages that gather several domains."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alliance87.accounts.types import Person
from alliance87.core.forms import EmptyChoiceLabels
from alliance87.countries.models import PathfinderCountry, PathStepKind
from alliance87.countries.services import PathStepInput
from alliance87.library.models import Item
from alliance87.library.permissions import visible_items
from alliance87.meetings.models import Event
from alliance87.partners.models import Organisation
from alliance87.plans.models import Plan


class StepFieldsForm(EmptyChoiceLabels, forms.Form):
    """The fields of one step of a country's path; the order and date rules belong to the service, which names
    the field it refuses."""

    kind = forms.ChoiceField(label=_("Step"), choices=PathStepKind.choices)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    responsible = forms.CharField(label=_("Responsible"), max_length=200, required=False)
    responsible_organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.order_by("name"), required=False
    )
    signatory = forms.CharField(
        label=_("Signatory"),
        max_length=200,
        required=False,
        help_text=_("For an expression of interest: who signed the letter."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Markdown is allowed."),
    )
    skip_reason = forms.CharField(
        label=_("Reason for passing this step by"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when the country went on without taking this step."),
    )
    source = forms.CharField(
        label=_("Source"), max_length=500, required=False, help_text=_("Where the step is published.")
    )
    is_illustrative = forms.BooleanField(
        label=_("Illustrative"),
        required=False,
        help_text=_("Not confirmed by a published source; shown as an illustration only."),
    )

    def values(self) -> PathStepInput:
        """The step as the service takes it."""
        return PathStepInput.of({name: self.cleaned_data[name] for name in PathStepInput.field_names()})


class PathStepForm(StepFieldsForm):
    """A new step of a country's path, with the event, plan and documents that serve it."""

    earlier_steps_reason = forms.CharField(
        label=_("Why earlier steps were passed by"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed only when earlier steps are not on record; each is then recorded as passed by."),
    )
    event = forms.ModelChoiceField(
        label=_("Event"),
        queryset=Event.objects.none(),
        required=False,
        help_text=_("The country's event that served this step, e.g. its national consultation."),
    )
    plan = forms.ModelChoiceField(
        label=_("Plan"),
        queryset=Plan.objects.none(),
        required=False,
        help_text=_("The national action plan adopted at this step."),
    )
    documents = forms.ModelMultipleChoiceField(
        label=_("Documents"),
        queryset=Item.objects.none(),
        required=False,
        help_text=_("Library items about the country or already serving a step of the path."),
    )

    def __init__(self, *args: Any, pathfinder: PathfinderCountry, user: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = Event.objects.filter(owner_country=pathfinder)  # type: ignore[attr-defined]
        self.fields["plan"].queryset = Plan.objects.filter(owner_country=pathfinder)  # type: ignore[attr-defined]
        self.fields["documents"].queryset = (  # type: ignore[attr-defined]
            Item.objects.filter(visible_items(user))
            .filter(Q(country_rows__country=pathfinder.code) | Q(path_steps__isnull=False))
            .distinct()
            .order_by("title")
        )
        self.fields["kind"].initial = _next_kind(pathfinder)


class PathStepEditForm(StepFieldsForm):
    """A correction of a recorded step, with the reason kept in the step's history."""

    reason = forms.CharField(
        label=_("Reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the step's history of changes."),
    )


class PathStepDeleteForm(forms.Form):
    """Why a recorded step is deleted; kept in the audit log."""

    reason = forms.CharField(
        label=_("Reason for deleting this step"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the audit log."),
    )


def _next_kind(pathfinder: PathfinderCountry) -> str:
    on_record = set(pathfinder.path_steps.values_list("kind", flat=True))
    return next((kind for kind in PathStepKind.values if kind not in on_record), PathStepKind.PROGRESS_REPORT)


class CompletenessForm(forms.Form):
    """The reporting year and the date the completeness dashboard is read on."""

    year = forms.IntegerField(
        label=_("Reporting year"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("Periods ending in this year; the last full year when empty."),
    )
    as_of = forms.DateField(
        label=_("As of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Today when empty."),
    )
