from django import forms
from django.utils.translation import gettext_lazy as _

from alliance87.core.forms import EmptyChoiceLabels

from .models import PathfinderCountry, PathfinderStatus, PathStepKind
from .services import COUNTRY_FIELDS


class PathfinderCountryForm(EmptyChoiceLabels, forms.ModelForm):
    class Meta:
        model = PathfinderCountry
        fields = COUNTRY_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
        }


class StatusFilterForm(EmptyChoiceLabels, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *PathfinderStatus.choices]
    )
    step = forms.ChoiceField(
        label=_("Furthest step taken"), required=False, choices=[("", _("All")), *PathStepKind.choices]
    )
    as_of = forms.DateField(
        label=_("As of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Steps taken by this date; today when empty."),
    )
