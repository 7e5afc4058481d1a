"""Forms for the library pages; the rules themselves are in services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person
from alliance87.bodies.models import Body
from alliance87.bodies.permissions import chaired_body_ids
from alliance87.core.forms import EmptyChoiceLabels
from alliance87.partners.models import Organisation

from .filetypes import ALLOWED_EXTENSIONS
from .models import Collection, Concept, Item, Scheme
from .services import CollectionInput, ItemInput

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AuthorsField(forms.CharField):
    """Personal authors typed one per line as "Family name, Given names", in title-page order."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(f"{family}, {given}" if given else family for family, given in value)
        return value

    def to_python(self, value: Any) -> list[tuple[str, str]]:  # type: ignore[override]
        text = super().to_python(value)
        authors = []
        for line in (text or "").splitlines():
            if line.strip():
                family, _sep, given = line.partition(",")
                authors.append((family.strip(), given.strip()))
        return authors

    def validate(self, value: Any) -> None:
        super().validate(value)
        if any(not family for family, _given in value):
            raise forms.ValidationError(_("Every line needs a family name before the comma."))


class CommaListField(forms.CharField):
    """Free keywords (or codes) separated by commas."""

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value)
        return [part.strip() for part in (text or "").split(",") if part.strip()]


def concept_field_name(scheme: str) -> str:
    return f"concepts_{scheme}"


class ItemForm(EmptyChoiceLabels, forms.ModelForm):
    authors = AuthorsField(
        label=_("Authors"),
        required=False,
        help_text=_("People, one per line, in the order of the title page: “Family name, Given names”."),
    )
    keywords = CommaListField(label=_("Free keywords"), required=False, help_text=_("Separated by commas."))
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        choices=list(countries),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    slug = forms.SlugField(
        label=_("Address"),
        required=False,
        max_length=120,
        help_text=_("The last part of the item's web address; left empty, it is made from the title."),
    )
    corporate_authors = forms.ModelMultipleChoiceField(
        label=_("Corporate authors"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Organisations from the directory that wrote the item."),
    )
    bodies = forms.ModelMultipleChoiceField(
        label=_("Related bodies"),
        queryset=Body.objects.order_by("position", "name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Item
        fields = [
            "kind",
            "title",
            "subtitle",
            "authors",
            "corporate_authors",
            "publisher",
            "publisher_name",
            "publication_date",
            "year",
            "place_of_publication",
            "language",
            "pages",
            "isbn",
            "issn",
            "doi",
            "url",
            "abstract",
            "licence",
            "keywords",
            "countries",
            "event_title",
            "event_place",
            "event_dates",
            "bodies",
            "access",
            "access_body",
            "slug",
        ]
        widgets = {"publication_date": DATE, "abstract": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["publisher"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["access_body"].queryset = Body.objects.order_by("position", "name")  # type: ignore[attr-defined]
        self.fields["abstract"].help_text = _("Markdown: blank lines separate paragraphs.")
        chosen = set(self.instance.concepts.values_list("pk", flat=True)) if self.instance.pk else set()
        if self.instance.pk:
            self.initial["authors"] = [
                (a.family_name, a.given_names) for a in self.instance.authors.order_by("position")
            ]
        for scheme in Scheme:
            name = concept_field_name(scheme.value)
            queryset = Concept.objects.filter(scheme=scheme.value)
            self.fields[name] = forms.ModelMultipleChoiceField(
                label=scheme.label,
                queryset=queryset,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.initial[name] = [pk for pk in queryset.values_list("pk", flat=True) if pk in chosen]

    def service_input(self) -> ItemInput:
        """The cleaned values as `services.save_item` takes them."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["concepts"] = [
            concept for scheme in Scheme for concept in self.cleaned_data[concept_field_name(scheme.value)]
        ]
        if not data["slug"]:
            del data["slug"]
        return ItemInput.of(data)


class FileForm(EmptyChoiceLabels, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word (DOCX), OpenDocument text (ODT), Excel (XLSX), text or CSV."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{e}" for e in ALLOWED_EXTENSIONS)}),
    )
    description = forms.CharField(label=_("Description"), required=False, max_length=255)


class CollectionForm(EmptyChoiceLabels, forms.ModelForm):
    class Meta:
        model = Collection
        fields = ["title", "description", "owner_body"]

    def __init__(self, *args: Any, user: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bodies = Body.objects.order_by("position", "name")
        if not is_secretariat(user):
            bodies = bodies.filter(pk__in=chaired_body_ids(user))
            self.fields["owner_body"].required = True
        self.fields["owner_body"].queryset = bodies  # type: ignore[attr-defined]

    def service_input(self) -> CollectionInput:
        return CollectionInput.of({name: self.cleaned_data[name] for name in self.Meta.fields})


class AddToCollectionForm(EmptyChoiceLabels, forms.Form):
    collection = forms.ModelChoiceField(label=_("Collection"), queryset=Collection.objects.none())
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args: Any, collections: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["collection"].queryset = collections  # type: ignore[attr-defined]
