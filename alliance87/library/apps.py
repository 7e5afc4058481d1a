from django.apps import AppConfig
from django.http import HttpRequest
from django.urls import ResolverMatch
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "alliance87.library"
    verbose_name = _("Knowledge library")

    def ready(self) -> None:
        from alliance87.core.audiencecache import register_view_audience
        from alliance87.core.history import track_history
        from alliance87.core.pagecache import register_hit

        from .models import Collection, Item, ItemFile
        from .use_counts import count_view

        # Who changed what and when, for the History pages (registered here, after django-modeltranslation
        # has added its fields, as django-simple-history documents).
        track_history(Item)
        # A file's extracted text is the file's, not an edit: it would copy whole books into every record.
        track_history(ItemFile, exclude=["extracted_text"])
        track_history(Collection)
        from .imports import register

        register()
        # A visitor served the item page from the page cache has viewed it too.
        register_hit("library:item", lambda match: count_view(match.kwargs["slug"]))
        # Whoever added an item may edit it: their page of it is not their audience's.
        register_view_audience("library:item", item_audience)


def item_audience(request: HttpRequest, match: ResolverMatch) -> str:
    """ "creator" for the person who added the item (they may edit it), "" for everyone else."""
    from .models import Item

    added = Item.objects.filter(slug=match.kwargs.get("slug", ""), created_by_id=request.user.pk).exists()
    return "creator" if added else ""
