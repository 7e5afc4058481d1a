"""Forms of the community pages; the rules live in services.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from alliance87.core.forms import EmptyChoiceLabels

from .models import DigestFrequency

MARKDOWN_HELP = _(
    "Markdown is allowed: **bold**, *italic*, [a link](https://…), lists. Mention someone with @handle."
)


class ThreadForm(EmptyChoiceLabels, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}), help_text=MARKDOWN_HELP
    )


class PostForm(EmptyChoiceLabels, forms.Form):
    body = forms.CharField(
        label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 6}), help_text=MARKDOWN_HELP
    )


class EditPostForm(EmptyChoiceLabels, forms.Form):
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}), help_text=MARKDOWN_HELP
    )


class CommentForm(EmptyChoiceLabels, forms.Form):
    body = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 4}), help_text=MARKDOWN_HELP
    )


class ReasonForm(EmptyChoiceLabels, forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )


class ReportForm(EmptyChoiceLabels, forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this post?"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )


class PreferenceForm(EmptyChoiceLabels, forms.Form):
    digest = forms.ChoiceField(
        label=_("E-mail me about notifications"), choices=DigestFrequency.choices, widget=forms.RadioSelect
    )


class MessageForm(EmptyChoiceLabels, forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}), help_text=MARKDOWN_HELP
    )


class SearchForm(EmptyChoiceLabels, forms.Form):
    q = forms.CharField(label=_("Search discussions"), required=False, max_length=200)
