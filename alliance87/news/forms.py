"""Forms of the news and newsletter pages; the rules live in the services they end up in."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from alliance87.bodies.models import Body
from alliance87.core.forms import EmptyChoiceLabels
from alliance87.countries.models import PathfinderCountry

from .images import max_image_bytes
from .models import Language, NewsletterIssue, Post, PostStatus
from .newsletter import ISSUE_FIELDS
from .services import PostInput


class PostFilterForm(EmptyChoiceLabels, forms.Form):
    tag = forms.ChoiceField(label=_("Tag"), required=False)
    body = forms.ChoiceField(label=_("Body"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("All languages")), *Language.choices]
    )

    def __init__(
        self,
        *args: Any,
        tags: list[tuple[str, str]],
        bodies: list[tuple[str, str]],
        countries: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["tag"]).choices = [("", _("All tags")), *tags]
        cast(forms.ChoiceField, self.fields["body"]).choices = [("", _("All bodies")), *bodies]
        cast(forms.ChoiceField, self.fields["country"]).choices = [("", _("All countries")), *countries]


class PostForm(EmptyChoiceLabels, forms.ModelForm):
    tags = forms.CharField(
        label=_("Tags"), required=False, help_text=_("Separated by commas, e.g. supply chains, research.")
    )
    image = forms.FileField(
        label=_("Image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
    )
    bodies = forms.ModelMultipleChoiceField(
        label=_("Bodies"),
        queryset=Body.objects.order_by("position", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    countries = forms.ModelMultipleChoiceField(
        label=_("Pathfinder Countries"),
        queryset=PathfinderCountry.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Post
        fields = ["title", "summary", "body", "language", "translation_of", "image_alt", "status", "slug"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 16}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("The post's address; left empty, it follows the title.")
        originals = Post.objects.filter(translation_of__isnull=True).order_by("-created_at")
        if self.instance.pk:
            originals = originals.exclude(pk=self.instance.pk)
            self.initial["tags"] = ", ".join(t.name for t in self.instance.tags.all())
        cast(forms.ModelChoiceField, self.fields["translation_of"]).queryset = originals
        self.fields["image"].help_text = _("JPEG, PNG, GIF or WebP, at most %(size)d MB.") % {
            "size": max_image_bytes() // (1024 * 1024)
        }
        cast(forms.ChoiceField, self.fields["status"]).choices = PostStatus.choices

    def clean_tags(self) -> list[str]:
        return [name.strip() for name in self.cleaned_data["tags"].split(",") if name.strip()]

    def service_input(self) -> PostInput:
        """What the services take: every field but the image, which travels separately."""
        return PostInput.of({k: v for k, v in self.cleaned_data.items() if k != "image"})


class OfficerForm(EmptyChoiceLabels, forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person's account"))


class SubscribeForm(EmptyChoiceLabels, forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=Language.choices)


class AssembleIssueForm(EmptyChoiceLabels, forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    period_start = forms.DateField(label=_("Period from"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("Period until"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(
        label=_("Title"), required=False, help_text=_("Left empty, the title names the month.")
    )


class IssueForm(EmptyChoiceLabels, forms.ModelForm):
    class Meta:
        model = NewsletterIssue
        fields = [name for name in ISSUE_FIELDS if name != "language"]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
            "intro": forms.Textarea(attrs={"rows": 4}),
            "body": forms.Textarea(attrs={"rows": 20}),
        }
