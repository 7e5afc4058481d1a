"""Forms for the plan pages; the rules themselves are in services/."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person
from alliance87.bodies.models import Body
from alliance87.bodies.permissions import chaired_body_ids
from alliance87.core.concurrency import add_version_field
from alliance87.core.forms import EmptyChoiceLabels, TranslatedFieldsMixin
from alliance87.countries.models import PathfinderCountry
from alliance87.library import selectors as library_selectors
from alliance87.library.permissions import can_view_item
from alliance87.partners.models import Organisation
from alliance87.partners.permissions import focal_point_organisation_ids

from .common_indicators.services import CommonIndicatorFields
from .models import (
    BudgetLine,
    CommonIndicator,
    Indicator,
    IndicatorValue,
    Plan,
    PlanStatus,
    ReportingPeriod,
    ResultNode,
    default_tier_names,
)
from .services.budget import BudgetLineFields
from .services.framework import NodeFields, PlanFields, field_names
from .services.indicators import IndicatorFields

if TYPE_CHECKING:
    from alliance87.library.models import Item

T = TypeVar("T")

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def library_slug(text: str) -> str:
    """The slug in a library document's page address, or the text itself when it is already a slug."""
    path = urlsplit(text).path if "/" in text else text
    parts = [part for part in path.split("/") if part]
    return parts[-1] if parts else ""


def check_order(form: forms.BaseForm, first: str, last: str, message: Any) -> None:
    """Put a date-order error on the later field, so the model's constraint (named, not explained) is skipped."""
    start, end = form.cleaned_data.get(first), form.cleaned_data.get(last)
    if start and end and end < start:
        form.add_error(last, message)


class PlanFilterForm(EmptyChoiceLabels, forms.Form):
    owner_body = forms.ModelChoiceField(
        label=_("Body"),
        queryset=Body.objects.order_by("position", "name"),
        required=False,
        to_field_name="slug",
    )
    owner_country = forms.ModelChoiceField(
        label=_("Country"), queryset=PathfinderCountry.objects.all(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *PlanStatus.choices], required=False
    )


class TierNamesField(forms.CharField):
    """Tier names typed as one comma-separated line: Goal, Outcome, Output, Activity."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value)
        return [name.strip() for name in text.split(",")] if text else []


class VersionedForm(EmptyChoiceLabels, forms.ModelForm):
    """An edit form that carries the version it was opened at (`core/concurrency.py`), so that a save cannot
    silently undo a change someone else saved meanwhile; `core.form_views.handle_form` shows it again from the
    saved version after a conflict."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_version_field(self, self.instance)


TIER_TRANSLATION_HELP = _("One name per tier, in the same order; empty to show the names above.")


class PlanForm(TranslatedFieldsMixin, VersionedForm):
    tier_names = TierNamesField(
        label=_("Tier names"),
        initial=default_tier_names,
        help_text=_("The levels of the results framework from the top, separated by commas."),
    )
    tier_names_fr = TierNamesField(required=False, help_text=TIER_TRANSLATION_HELP)
    tier_names_es = TierNamesField(required=False, help_text=TIER_TRANSLATION_HELP)
    responsible_organisations = forms.ModelMultipleChoiceField(
        label=_("Responsible organisations"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Plan
        fields = [name for name in field_names(PlanFields) if name != "iati_identifier"]
        widgets = {"period_start": DATE, "period_end": DATE, "description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "owner_body": _("A plan belongs to a body or to a country: fill in one of the two."),
        }

    def __init__(self, *args: Any, user: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not is_secretariat(user):
            self.fields["owner_body"].queryset = Body.objects.filter(pk__in=chaired_body_ids(user))  # type: ignore[attr-defined]
            self.fields["owner_country"].queryset = PathfinderCountry.objects.filter(  # type: ignore[attr-defined]
                focal_institution_id__in=focal_point_organisation_ids(user)
            )

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        check_order(self, "period_start", "period_end", _("A plan cannot end before it starts."))
        return cleaned


class LibraryItemsField(forms.CharField):
    """Library documents named one per line by their page's address or their slug."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "\n".join(getattr(item, "slug", str(item)) for item in value)
        return value


class NodeForm(EmptyChoiceLabels, TranslatedFieldsMixin, forms.ModelForm):
    library_items = LibraryItemsField(
        label=_("Library items"),
        required=False,
        help_text=_("Documents of the library that this result rests on or produced: one address per line."),
    )
    responsible_organisations = forms.ModelMultipleChoiceField(
        label=_("Responsible partners"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = ResultNode
        fields = field_names(NodeFields)
        widgets = {
            "start_date": DATE,
            "due_date": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "assumptions": forms.Textarea(attrs={"rows": 2}),
            "risks": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, user: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            # Only the documents this editor may see are shown; the others stay linked (see services).
            visible = library_selectors.visible_items(user).filter(results=self.instance).order_by("slug")
            self.initial["library_items"] = list(visible)

    def clean_library_items(self) -> list[Item]:
        """The documents named, each one this editor may see; the field names those it cannot find."""
        lines = (self.cleaned_data.get("library_items") or "").split()
        slugs = list(dict.fromkeys(library_slug(line) for line in lines if library_slug(line)))
        found = {
            item.slug: item for item in library_selectors.visible_items(self.user).filter(slug__in=slugs)
        }
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            raise forms.ValidationError(
                _("There is no library document you can see at: %(missing)s.")
                % {"missing": ", ".join(missing)}
            )
        return [found[slug] for slug in slugs]


class NodeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ResultNode) -> str:
        return f"{'— ' * obj.level}{obj.plan.tier_name(obj.level)}: {obj}"


class MoveForm(EmptyChoiceLabels, forms.Form):
    parent = NodeChoiceField(
        label=_("Under"), queryset=ResultNode.objects.none(), required=False, empty_label=_("The top level")
    )
    position = forms.IntegerField(
        label=_("Position among its siblings"), min_value=1, help_text=_("1 puts it first.")
    )

    def __init__(self, *args: Any, nodes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = nodes  # type: ignore[attr-defined]


class DisaggregationsField(forms.CharField):
    """One dimension a line: `sex: female, male`."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return "\n".join(f"{name}: {', '.join(categories)}" for name, categories in value.items())
        return value

    def to_python(self, value: Any) -> dict[str, list[str]]:  # type: ignore[override]
        text = super().to_python(value)
        result: dict[str, list[str]] = {}
        for line in filter(None, (line.strip() for line in (text or "").splitlines())):
            name, colon, categories = line.partition(":")
            if not colon or not name.strip():
                raise forms.ValidationError(_("Write each dimension as “name: category, category”."))
            result[name.strip()] = [c.strip() for c in categories.split(",") if c.strip()]
        return result


class IndicatorForm(TranslatedFieldsMixin, VersionedForm):
    disaggregations = DisaggregationsField(
        label=_("Disaggregations"),
        required=False,
        help_text=_("One dimension a line, with its categories: “sex: female, male”."),
    )

    class Meta:
        model = Indicator
        fields = [name for name in field_names(IndicatorFields) if name != "position"]
        labels = {
            "baseline_numerator": _("Baseline numerator (percentages)"),
            "baseline_denominator": _("Baseline denominator (percentages)"),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "caveats": forms.Textarea(attrs={"rows": 2}),
        }


class PeriodForm(EmptyChoiceLabels, forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["start", "end", "target_value", "target_comment"]
        widgets = {"start": DATE, "end": DATE}

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        check_order(self, "start", "end", _("A period cannot end before it starts."))
        return cleaned


class ValueForm(EmptyChoiceLabels, forms.Form):
    """The reporting form; `version` is the version the reporter saw, so concurrent edits are refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    value = forms.DecimalField(label=_("Value"), required=False, max_digits=20, decimal_places=4)
    numerator = forms.DecimalField(label=_("Numerator"), required=False, max_digits=20, decimal_places=4)
    denominator = forms.DecimalField(label=_("Denominator"), required=False, max_digits=20, decimal_places=4)
    text_value = forms.CharField(
        label=_("What was achieved"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    source = forms.CharField(label=_("Source / means of verification"), required=False, max_length=500)
    evidence_url = forms.URLField(label=_("Evidence (link)"), required=False, assume_scheme="https")
    evidence_item = forms.CharField(
        label=_("Evidence in the library"),
        required=False,
        max_length=500,
        help_text=_("The address of a document in the library (its page), or the last part of that address."),
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, indicator: Indicator, user: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        measure = indicator.measure
        if measure == "qualitative":
            for name in ("value", "numerator", "denominator"):
                del self.fields[name]
        else:
            del self.fields["text_value"]
            if measure == "percentage":
                self.fields["value"].help_text = _(
                    "Or give the numerator and denominator; the percentage is computed."
                )
            else:
                del self.fields["numerator"]
                del self.fields["denominator"]
        if measure == "yes_no":
            self.fields["value"].help_text = _("1 for yes, 0 for no.")
        self.categories: list[tuple[str, str, str]] = []
        for i, (dimension, categories) in enumerate((indicator.disaggregations or {}).items()):
            for j, category in enumerate(categories):
                name = f"dis_{i}_{j}"
                self.categories.append((name, dimension, category))
                self.fields[name] = forms.DecimalField(
                    label=f"{dimension}: {category}", required=False, max_digits=20, decimal_places=4
                )

    @staticmethod
    def initial_for(value: IndicatorValue | None, indicator: Indicator, user: Person) -> dict[str, Any]:
        if value is None:
            return {"version": 0}
        initial = {
            name: getattr(value, name)
            for name in (
                "value",
                "numerator",
                "denominator",
                "text_value",
                "source",
                "evidence_url",
                "comment",
            )
        }
        cited = value.evidence_item if value.evidence_item_id else None
        # A cited document the reporter may not see is not named (not even its address); it stays cited.
        initial["evidence_item"] = cited.get_absolute_url() if cited and can_view_item(user, cited) else ""
        initial["version"] = value.version
        for i, (dimension, categories) in enumerate((indicator.disaggregations or {}).items()):
            for j, category in enumerate(categories):
                initial[f"dis_{i}_{j}"] = (value.disaggregated or {}).get(dimension, {}).get(category)
        return initial

    def clean_evidence_item(self) -> Item | None:
        """The library document a reporter names by its page's address or its slug; only one they may see."""
        text = (self.cleaned_data.get("evidence_item") or "").strip()
        if not text:
            return None
        item = library_selectors.visible_items(self.user).filter(slug=library_slug(text)).first()
        if item is None:
            raise forms.ValidationError(_("There is no library document you can see at this address."))
        return item

    def disaggregated(self) -> dict[str, dict[str, Any]]:
        result: dict[str, dict[str, Any]] = {}
        for name, dimension, category in self.categories:
            number = self.cleaned_data.get(name)
            if number is not None:
                result.setdefault(dimension, {})[category] = number
        return result


class ReviewForm(EmptyChoiceLabels, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    comment = forms.CharField(
        label=_("Comment to the reporters"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BudgetLineForm(EmptyChoiceLabels, forms.ModelForm):
    node = NodeChoiceField(label=_("Result"), queryset=ResultNode.objects.none(), required=False)

    class Meta:
        model = BudgetLine
        fields = field_names(BudgetLineFields)

    def __init__(self, *args: Any, nodes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes  # type: ignore[attr-defined]
        self.fields["funder"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]
        for name in ("planned", "committed", "spent"):
            self.fields[name].min_value = 0  # type: ignore[attr-defined]
            self.fields[name].validators.append(MinValueValidator(0))
            self.fields[name].widget.attrs["min"] = "0"


class CommonIndicatorForm(EmptyChoiceLabels, forms.ModelForm):
    class Meta:
        model = CommonIndicator
        fields = CommonIndicatorFields.names()
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 4}),
            "caveats": forms.Textarea(attrs={"rows": 3}),
        }
