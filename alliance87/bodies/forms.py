from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from alliance87.core.forms import EmptyChoiceLabels, TranslatedFieldsMixin
from alliance87.partners.models import Organisation

from .models import Body, Role, RoleTerm
from .services import BODY_MODEL_FIELDS, ROTATION_FIELDS, TERM_FIELDS


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
    """The body's own fields, then its chair rotation rule (a record of its own, `ChairRotationRule`)."""

    empty_choice_labels = {"parent": _("— no parent (a body of its own) —")}

    chair_term_months = forms.IntegerField(
        label=_("Chair's term (months)"),
        min_value=1,
        max_value=120,
        required=False,
        help_text=_(
            "How long a chair serves before the chair rotates, as the body's rules give it; empty if they do not."
        ),
    )
    chair_rotation_source = forms.CharField(
        label=_("Source of the rotation rule"),
        max_length=500,
        required=False,
        help_text=_(
            "Title and publisher of the document that gives the term length, e.g. the Terms of Reference."
        ),
    )
    chair_rotation_source_url = forms.URLField(
        label=_("Address of the rotation rule's source"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    chair_rotation_is_illustrative = forms.BooleanField(
        label=_("Rotation rule illustrative (not from a published source)"), required=False
    )

    class Meta:
        model = Body
        fields = BODY_MODEL_FIELDS
        widgets = {"purpose": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rule = getattr(self.instance, "chair_rotation", None) if self.instance.pk else None
        if rule is not None:
            for name, rule_field in ROTATION_FIELDS.items():
                self.initial.setdefault(name, getattr(rule, rule_field))


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
