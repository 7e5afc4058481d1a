from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PathfinderCountry, PathfinderStatus


class PathfinderCountryForm(forms.ModelForm):
    class Meta:
        model = PathfinderCountry
        fields = [
            "country",
            "status",
            "pathfinder_since",
            "focal_institution",
            "summary",
            "is_illustrative",
            "source",
            "latitude",
            "longitude",
        ]
        widgets = {
            "pathfinder_since": forms.DateInput(attrs={"type": "date"}),
            "summary": forms.Textarea(attrs={"rows": 5}),
        }


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *PathfinderStatus.choices]
    )
