"""Forms of the event pages; the services hold the rules, these only parse what people type."""

from __future__ import annotations

import datetime
import zoneinfo
from functools import cache
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField  # type: ignore[attr-defined]

from alliance87.bodies.models import Body
from alliance87.core.concurrency import VERSION
from alliance87.core.content_translation import original_value, translated_fields, translation_field_names
from alliance87.core.forms import EmptyChoiceLabels, TranslatedFieldsMixin, with_translation_fieldsets
from alliance87.countries.models import PathfinderCountry
from alliance87.partners.models import Organisation

from .models import ActionStatus, Event, EventKind, OrganiserRole, OutcomeKind
from .services import EventInput

if TYPE_CHECKING:
    from alliance87.library.models import Item
    from alliance87.plans.models import ResultNode


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    return [
        (name, name.replace("_", " "))
        for name in sorted(zoneinfo.available_timezones())
        if "/" in name or name == "UTC"
    ]


class WallClockField(forms.DateTimeField):
    """A date and time as read on a clock in the event's time zone (no zone attached: the service adds it)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"], **kwargs)

    def to_python(self, value: Any) -> datetime.datetime | None:
        result = super().to_python(value)
        if result is not None and timezone.is_aware(result):
            result = timezone.make_naive(result)
        return result


def _wall_clock(value: datetime.datetime | None, zone: zoneinfo.ZoneInfo) -> datetime.datetime | None:
    return value.astimezone(zone).replace(tzinfo=None) if value else None


@with_translation_fieldsets(Event)
class EventForm(EmptyChoiceLabels, TranslatedFieldsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of event"), choices=EventKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    owner_body = forms.ModelChoiceField(label=_("Held by body"), queryset=Body.objects.none(), required=False)
    owner_country = forms.ModelChoiceField(
        label=_("Or held by Pathfinder Country"), queryset=PathfinderCountry.objects.none(), required=False
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown is allowed."),
    )
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        initial="Europe/Zurich",
        help_text=_("Where the event takes place; the times below are read on its clocks."),
    )
    starts_at = WallClockField(label=_("Starts"))
    ends_at = WallClockField(label=_("Ends"))
    venue = forms.CharField(label=_("Venue"), max_length=255, required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    country = LazyTypedChoiceField(label=_("Country"), choices=[("", "—"), *countries], required=False)
    online_url = forms.URLField(label=_("Online link"), max_length=500, required=False, assume_scheme="https")
    organisers = forms.ModelMultipleChoiceField(
        label=_("Organisers"), queryset=Organisation.objects.order_by("name"), required=False
    )
    co_organisers = forms.ModelMultipleChoiceField(
        label=_("Co-organisers"), queryset=Organisation.objects.order_by("name"), required=False
    )
    is_open = forms.BooleanField(
        label=_("Open registration (otherwise the organisers approve each participant)"),
        required=False,
        initial=True,
    )
    capacity = forms.IntegerField(
        label=_("Capacity"), min_value=1, required=False, help_text=_("Empty for no limit.")
    )
    registration_deadline = WallClockField(label=_("Registration deadline"), required=False)
    is_illustrative = forms.BooleanField(
        label=_("Illustrative (dates or details not confirmed)"), required=False
    )

    def __init__(
        self,
        *args: Any,
        bodies: QuerySet[Body],
        countries_held: QuerySet[PathfinderCountry],
        event: Event | None = None,
        **kwargs: Any,
    ) -> None:
        if event is not None:
            zone = event.zone
            links = list(event.organiser_links.all())
            kwargs["initial"] = {
                "kind": event.kind,
                # The originals (event.title reads the reader's language) and the translations.
                "title": original_value(event, "title"),
                "city": original_value(event, "city"),
                **{name: getattr(event, name) for name in translation_field_names(translated_fields(Event))},
                "owner_body": event.owner_body_id,
                "owner_country": event.owner_country_id,
                "description": original_value(event, "description"),
                "timezone": event.timezone,
                "starts_at": _wall_clock(event.starts_at, zone),
                "ends_at": _wall_clock(event.ends_at, zone),
                "venue": event.venue,
                "country": event.country.code if event.country else "",
                "online_url": event.online_url,
                "organisers": [
                    link.organisation_id for link in links if link.role == OrganiserRole.ORGANISER
                ],
                "co_organisers": [
                    link.organisation_id for link in links if link.role == OrganiserRole.CO_ORGANISER
                ],
                "is_open": event.is_open,
                "capacity": event.capacity,
                "registration_deadline": _wall_clock(event.registration_deadline, zone),
                "is_illustrative": event.is_illustrative,
                **kwargs.get("initial", {}),
            }
        super().__init__(*args, **kwargs)
        self.fields["owner_body"].queryset = bodies  # type: ignore[attr-defined]
        self.fields["owner_country"].queryset = countries_held  # type: ignore[attr-defined]
        self.fields["timezone"].choices = time_zone_choices()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("owner_body")) == bool(data.get("owner_country")):
            self.add_error(
                "owner_body", _("Choose the body or the country that holds the event (one of them).")
            )
        return data

    def service_input(self) -> EventInput:
        data = dict(self.cleaned_data)
        data.pop(VERSION, None)  # passed to the service on its own
        data["country"] = data.get("country") or ""
        return EventInput.of(data)


class SessionForm(EmptyChoiceLabels, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    starts_at = WallClockField(label=_("Starts"))
    ends_at = WallClockField(label=_("Ends"), required=False)
    speakers = forms.CharField(label=_("Speakers"), max_length=500, required=False)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown is allowed."),
    )
    documents: forms.ModelMultipleChoiceField[Item] = forms.ModelMultipleChoiceField(
        label=_("Documents from the library"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(
        self, *args: Any, items: QuerySet[Item], zone: zoneinfo.ZoneInfo, session: Any = None, **kwargs: Any
    ) -> None:
        if session is not None:
            kwargs["initial"] = {
                "title": session.title,
                "starts_at": _wall_clock(session.starts_at, zone),
                "ends_at": _wall_clock(session.ends_at, zone),
                "speakers": session.speakers,
                "description": session.description,
                "documents": [item.pk for item in session.documents.all()],
            }
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = items  # type: ignore[attr-defined]


class OutcomeForm(EmptyChoiceLabels, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OutcomeKind.choices)
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}), help_text=_("Markdown is allowed.")
    )
    is_illustrative = forms.BooleanField(
        label=_("Illustrative (not from a published source)"), required=False
    )


class RoadmapActionForm(EmptyChoiceLabels, forms.Form):
    description = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible_organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.order_by("name"), required=False
    )
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    is_illustrative = forms.BooleanField(
        label=_("Illustrative (not from a published source)"), required=False
    )


def _node_label(node: ResultNode) -> str:
    return f"{node.plan.title} — {node.tier}: {node}"


class NewPlanActivityForm(EmptyChoiceLabels, forms.Form):
    parent: forms.ModelChoiceField[ResultNode] = forms.ModelChoiceField(
        label=_("Under which result"),
        queryset=None,
        help_text=_("The new activity goes one tier below this result, in its plan."),
    )
    title = forms.CharField(label=_("Title of the activity"), max_length=500)

    def __init__(self, *args: Any, nodes: QuerySet[ResultNode], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["parent"]
        field.queryset = nodes  # type: ignore[attr-defined]
        field.label_from_instance = _node_label  # type: ignore[attr-defined]


class LinkPlanActivityForm(EmptyChoiceLabels, forms.Form):
    node: forms.ModelChoiceField[ResultNode] = forms.ModelChoiceField(
        label=_("Existing result"), queryset=None
    )

    def __init__(self, *args: Any, nodes: QuerySet[ResultNode], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["node"]
        field.queryset = nodes  # type: ignore[attr-defined]
        field.label_from_instance = _node_label  # type: ignore[attr-defined]


class CalendarFilterForm(EmptyChoiceLabels, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *EventKind.choices], required=False
    )
    body = forms.ModelChoiceField(
        label=_("Body"),
        queryset=Body.objects.order_by("position", "name"),
        required=False,
        to_field_name="slug",
        empty_label=_("All bodies"),
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=PathfinderCountry.objects.all(),
        required=False,
        to_field_name="country",
        empty_label=_("All countries"),
    )
    month = forms.CharField(label=_("Month"), required=False, widget=forms.HiddenInput)

    def month_shown(self, today: datetime.date) -> tuple[int, int]:
        raw = (self.cleaned_data.get("month") or "") if self.is_valid() else ""
        try:
            year, month = (int(part) for part in raw.split("-", 1))
            if 1 <= month <= 12 and 1900 < year < 2200:
                return year, month
        except ValueError:
            pass
        return today.year, today.month
