"""The front page, the about page and each signed-in person's dashboard of things to do."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from alliance87.accounts.roles import is_secretariat
from alliance87.bodies.permissions import chaired_body_ids
from alliance87.bodies.selectors import bodies_overview, pending_requests_for, requests_of_organisations
from alliance87.countries.selectors import pathfinder_countries
from alliance87.news.selectors import recent_posts
from alliance87.partners.models import Organisation
from alliance87.partners.selectors import organisations_of, pending_applications


def home(request: HttpRequest) -> HttpResponse:
    bodies = [b for b in bodies_overview() if b.kind == "action_group"]
    return render(
        request,
        "home/home.html",
        {
            "partner_count": Organisation.objects.filter(is_partner=True).count(),
            "pathfinder_count": pathfinder_countries().count(),
            "action_groups": bodies,
            "news_posts": recent_posts(limit=4),
        },
    )


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "home/about.html")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    memberships = list(
        user.organisation_memberships.select_related("organisation").order_by("organisation__name")  # type: ignore[union-attr]
    )
    focal_ids = {m.organisation_id for m in memberships if m.is_focal_point}
    secretariat = is_secretariat(user)
    chairs = bool(chaired_body_ids(user))
    return render(
        request,
        "home/dashboard.html",
        {
            "memberships": memberships,
            "is_secretariat": secretariat,
            "is_chair": chairs,
            "pending_applications": pending_applications() if secretariat else None,
            "pending_requests": pending_requests_for(user) if (secretariat or chairs) else None,
            "my_requests": requests_of_organisations(focal_ids)[:20] if focal_ids else None,
            "organisations": organisations_of(user),
        },
    )
