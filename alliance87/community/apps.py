from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "alliance87.community"
    verbose_name = _("Community of practice")

    def ready(self) -> None:
        from alliance87.core.audiencecache import register_keyed_personal, register_personal
        from alliance87.core.layout import fill_slot

        from .context_processors import notification_count_html

        # Comments close a library item's page, without the library knowing the community.
        fill_slot("library-item-end", "community/item_comments.html")
        # The header's count is each person's own: pages kept for an audience get it filled in when served.
        register_personal("notifications", notification_count_html)
        # A discussion kept for an audience: following it and the "Edit" link of one's own posts are filled in.
        from . import personal

        register_keyed_personal(personal.FOLLOW, personal.fill_follow)
        register_keyed_personal(personal.OWN_POST, personal.fill_own_post)
