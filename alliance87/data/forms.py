"""Page forms; the services check everything again, so that every door keeps the same rules."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from alliance87.bodies.models import Body
from alliance87.core.content_translation import original_value
from alliance87.core.forms import EmptyChoiceLabels, TranslatedFieldsMixin, with_translation_fieldsets
from alliance87.partners.models import Organisation

from .models import Access, Direction, ImportFormat, Licence, SdgIndicator, Series, Source, TargetPart, Unit
from .services import SeriesData


def _choice(form: forms.Form, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


class MapForm(EmptyChoiceLabels, forms.Form):
    series = forms.ChoiceField(label=_("Series shown on the map"), required=False)
    year = forms.ChoiceField(label=_("Year"), required=False)

    def __init__(
        self, *args: Any, series_choices: list[tuple[str, str]], years: list[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "series").choices = series_choices
        _choice(self, "year").choices = [("", _("Latest available for each country"))] + [
            (str(year), str(year)) for year in years
        ]


class IndicatorFilterForm(EmptyChoiceLabels, forms.Form):
    indicator = forms.ChoiceField(label=_("SDG indicator"), required=False)

    def __init__(self, *args: Any, indicators: list[SdgIndicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "indicator").choices = [("", _("All"))] + [(i.code, str(i)) for i in indicators]


class ImportForm(EmptyChoiceLabels, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (UTF-8) or Excel workbook (.xlsx), at most %(size)s MB.")
        % {"size": settings.DATA_IMPORT_MAX_BYTES // (1024 * 1024)},
    )
    format = forms.ChoiceField(
        label=_("Layout"),
        required=False,
        choices=[("", _("Recognise it from the headings")), *ImportFormat.choices],
    )


@with_translation_fieldsets(Series)
class SeriesForm(EmptyChoiceLabels, TranslatedFieldsMixin, forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=300)
    indicator = forms.ModelChoiceField(
        label=_("SDG indicator"), queryset=SdgIndicator.objects.all(), required=False
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    decimals = forms.IntegerField(label=_("Decimals shown"), min_value=0, max_value=6, initial=1)
    definition = forms.CharField(label=_("Definition"), widget=forms.Textarea, required=False)
    source_organisation = forms.CharField(label=_("Source organisation"), max_length=255)
    default_source = forms.ModelChoiceField(
        label=_("Main source"), queryset=Source.objects.all(), required=False
    )
    licence = forms.ChoiceField(label=_("Licence"), choices=Licence.choices)
    methodology = forms.CharField(label=_("Methodology note"), widget=forms.Textarea, required=False)
    caveats = forms.CharField(label=_("Caveats"), widget=forms.Textarea, required=False)
    direction = forms.ChoiceField(label=_("Desired direction"), choices=Direction.choices)
    access = forms.ChoiceField(label=_("Access"), choices=Access.choices)
    access_body = forms.ModelChoiceField(label=_("Named body"), queryset=Body.objects.all(), required=False)
    steward = forms.ModelChoiceField(
        label=_("Data steward"),
        queryset=Organisation.objects.filter(is_partner=True),
        required=False,
        help_text=_("Its focal points may import observations into the series."),
    )
    tracks = forms.ChoiceField(label=_("Global measure of"), choices=TargetPart.choices, required=False)
    is_headline = forms.BooleanField(label=_("Headline figure"), required=False)
    is_illustrative = forms.BooleanField(label=_("Illustrative"), required=False)

    @classmethod
    def initial_for(cls, series: Series) -> dict[str, Any]:
        """The series' values: the originals (series.name reads the reader's language) and the translations."""
        return {name: original_value(series, name) for name in cls.base_fields}

    def data_for_service(self) -> SeriesData:
        return SeriesData(**{name: self.cleaned_data[name] for name in self.fields})


class CaseUploadForm(EmptyChoiceLabels, forms.Form):
    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=Organisation.objects.none())
    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea,
        required=False,
        help_text=_("What the records are, the period they cover and how they were collected."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (UTF-8) or Excel workbook (.xlsx): one row per case, one column per category (sex, age group, "
            "form of exploitation, year…). Names, phone numbers, e-mail addresses, document numbers, addresses and "
            "dates of birth are refused."
        ),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = organisations


class PublishForm(EmptyChoiceLabels, forms.Form):
    title = forms.CharField(label=_("Title of the table"), max_length=255, required=False)
    row_variable = forms.ChoiceField(label=_("Rows"))
    column_variable = forms.ChoiceField(label=_("Columns"))
    threshold = forms.IntegerField(
        label=_("Threshold"),
        help_text=_("Counts below it are withheld; it cannot be lower than the platform's minimum."),
    )
    access = forms.ChoiceField(
        label=_("Who may read the table"), choices=Access.choices, initial=Access.PUBLIC
    )
    access_body = forms.ModelChoiceField(label=_("Named body"), queryset=Body.objects.all(), required=False)

    def __init__(self, *args: Any, columns: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(column, column) for column in columns]
        _choice(self, "row_variable").choices = choices
        _choice(self, "column_variable").choices = choices
        minimum = int(settings.DATA_DISCLOSURE_THRESHOLD)
        self.fields["threshold"].initial = minimum
        self.fields["threshold"].widget.attrs["min"] = minimum
        if len(columns) > 1:
            self.fields["column_variable"].initial = columns[1]
