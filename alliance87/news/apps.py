from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "alliance87.news"
    verbose_name = _("News and newsletter")

    def ready(self) -> None:
        from alliance87.core.history import track_history

        from .models import CommunicationOfficer, NewsletterIssue, Post

        # Who changed what and when, for the History pages (registered here, after django-modeltranslation
        # has added its fields, as django-simple-history documents).
        for model in (Post, NewsletterIssue, CommunicationOfficer):
            track_history(model)
