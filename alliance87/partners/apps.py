from django.apps import AppConfig
from django.http import HttpRequest
from django.urls import ResolverMatch
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "alliance87.partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from alliance87.core.history import track_history

        from .models import Organisation, OrganisationMembership

        # Who changed what and when, for the History pages (registered here, after django-modeltranslation
        # has added its fields, as django-simple-history documents).
        for model in (Organisation, OrganisationMembership):
            track_history(model)

        from alliance87.core.audiencecache import register_view_audience

        # An organisation's page lists its focal points, each with a link to write to them but the reader's own:
        # a focal point's page of their organisation is theirs alone.
        register_view_audience("partners:organisation", organisation_audience)


def organisation_audience(request: HttpRequest, match: ResolverMatch) -> str:
    """ "focal-point:<id>" for a focal point of the organisation whose page this is, "" for everyone else."""
    from .models import OrganisationMembership

    person = request.user.pk
    if person is None:  # the audience cache asks only for signed-in people
        return ""
    own = OrganisationMembership.objects.filter(
        user_id=person, is_focal_point=True, organisation__slug=match.kwargs.get("slug", "")
    ).exists()
    return f"focal-point:{person}" if own else ""
