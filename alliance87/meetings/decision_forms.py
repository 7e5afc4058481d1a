"""Page forms for a meeting's minutes, its decisions, their follow-up actions and an action's status."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from alliance87.accounts.models import User
from alliance87.bodies.models import Body
from alliance87.partners.models import Organisation

from .decision_models import FollowUpStatus
from .services.minutes import MAX_MINUTES_LENGTH


class MinutesForm(forms.Form):
    text = forms.CharField(
        label=_("Minutes"),
        max_length=MAX_MINUTES_LENGTH,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Markdown is allowed. Only the body's members read them until they are published."),
    )


class DecisionForm(forms.Form):
    number = forms.CharField(
        label=_("Number"),
        max_length=40,
        required=False,
        help_text=_("As the body numbers its decisions, e.g. GCG/2019/3; empty for the next number."),
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(
        label=_("Decision"), widget=forms.Textarea(attrs={"rows": 5}), help_text=_("Markdown is allowed.")
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=500,
        required=False,
        help_text=_("Title and publisher of the document that publishes the decision."),
    )
    source_url = forms.URLField(
        label=_("Source address"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("The address where the decision is published."),
    )
    is_illustrative = forms.BooleanField(
        label=_("Illustrative (not from a published source)"), required=False
    )

    def clean_number(self) -> str:
        return str(self.cleaned_data.get("number") or "").strip()


class FollowUpActionForm(forms.Form):
    """Who owns the action is one of three choices; the service refuses none or several, naming the field."""

    description = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 3}))
    owner_body = forms.ModelChoiceField(
        label=_("Owner: a body"),
        queryset=Body.objects.order_by("position", "name"),
        required=False,
        empty_label=_("(not a body)"),
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Owner: an organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("(not an organisation)"),
    )
    owner_person: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Owner: a person"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("(not a person)"),
        help_text=_("People of the body's member organisations."),
    )
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    is_illustrative = forms.BooleanField(
        label=_("Illustrative (not from a published source)"), required=False
    )

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_person"].queryset = people  # type: ignore[attr-defined]


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=FollowUpStatus.choices)
    note = forms.CharField(
        label=_("Note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What was done, or why the action is dropped (required to drop it)."),
    )
    on = forms.DateField(
        label=_("Since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day the status changed; empty for today."),
    )
