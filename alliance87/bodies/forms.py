from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from alliance87.core.forms import EmptyChoiceLabels, TranslatedFieldsMixin
from alliance87.partners.models import Organisation

from .models import Body, Role, RoleTerm
from .services import BODY_FIELDS, TERM_FIELDS


class JoinRequestForm(EmptyChoiceLabels, forms.Form):
    body = forms.ModelChoiceField(label=_("Group to join"), queryset=Body.objects.none(), empty_label=None)
    motivation = forms.CharField(
        label=_("Why your organisation wants to join"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: object, bodies: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]
        self.fields["body"].label_from_instance = lambda b: (  # type: ignore[attr-defined]
            f"{b.parent.short_name or b.parent.name} — {b.name}" if b.parent_id else b.name
        )


class DecisionForm(EmptyChoiceLabels, forms.Form):
    comment = forms.CharField(
        label=_("Comment to the organisation"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BodyForm(EmptyChoiceLabels, TranslatedFieldsMixin, forms.ModelForm):
    empty_choice_labels = {"parent": _("— no parent (a body of its own) —")}

    class Meta:
        model = Body
        fields = BODY_FIELDS
        widgets = {"purpose": forms.Textarea(attrs={"rows": 6})}


class RoleTermForm(EmptyChoiceLabels, forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Held by organisation"), queryset=Organisation.objects.order_by("name"), required=False
    )

    class Meta:
        model = RoleTerm
        fields = TERM_FIELDS
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {"country": _("Or held by a country (leave the organisation empty).")}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        cast(forms.ChoiceField, self.fields["role"]).choices = Role.choices
