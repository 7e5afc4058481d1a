"""The pages that gather many domains: the front page, a body's page, a Pathfinder Country's page, the dashboard.

Home sits on top of every other app, so it may read them all; no app below reads home. A hub page keeps the
address and URL name of the structure it shows (`bodies:detail`, `countries:detail`): the root URLconf mounts
these views inside those namespaces.
"""

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from alliance87.accounts.roles import is_secretariat
from alliance87.bodies import selectors as body_selectors
from alliance87.bodies.forms import DecisionForm
from alliance87.bodies.models import Body
from alliance87.bodies.permissions import can_edit_structure, can_manage_body, chaired_body_ids
from alliance87.bodies.selectors import bodies_overview, pending_requests_for, requests_of_organisations
from alliance87.core.history import Source, deletions_page, history_page
from alliance87.countries import selectors as country_selectors
from alliance87.countries.models import PathfinderCountry
from alliance87.countries.permissions import can_edit_countries
from alliance87.countries.selectors import pathfinder_countries
from alliance87.library import selectors as library_selectors
from alliance87.meetings import selectors as meeting_selectors
from alliance87.meetings.permissions import can_hold_events_for_body, can_hold_events_for_country
from alliance87.news import selectors as news_selectors
from alliance87.news.selectors import recent_posts
from alliance87.partners.models import Organisation
from alliance87.partners.selectors import organisations_of, pending_applications
from alliance87.plans import selectors as plan_selectors
from alliance87.plans.permissions import can_create_plan_for_body, can_create_plan_for_country


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


def body_page(request: HttpRequest, slug: str) -> HttpResponse:
    """A body: purpose, leadership, members and history, with its plans, library items, events and news."""
    try:
        body = body_selectors.body_detail(slug)
    except Body.DoesNotExist:
        raise Http404 from None
    terms = body_selectors.split_terms(body.all_terms)  # type: ignore[attr-defined]
    can_manage = can_manage_body(request.user, body)
    pending = list(pending_requests_for(request.user).filter(body=body)) if can_manage else []
    return render(
        request,
        "home/body.html",
        {
            "body": body,
            **terms,
            "can_manage": can_manage,
            "can_edit": can_edit_structure(request.user),
            "pending_requests": pending,
            "decision_form": DecisionForm(),
            "plans": plan_selectors.plan_list(request.user, owner_body=body),
            "can_create_plan": can_create_plan_for_body(request.user, body),
            "library_items": library_selectors.body_items(request.user, body),
            **meeting_selectors.events_of_body(body),
            "can_create_event": can_hold_events_for_body(request.user, body),
            "news_posts": news_selectors.recent_posts(body=body),
            "news_filter": f"body={body.slug}",
        },
    )


def country_page(request: HttpRequest, code: str) -> HttpResponse:
    """A Pathfinder Country: its summary and facts, with its national action plan, events and news."""
    try:
        pathfinder = country_selectors.pathfinder_by_code(code)
    except PathfinderCountry.DoesNotExist:
        raise Http404 from None
    if code != code.lower():
        return redirect(pathfinder, permanent=True)
    return render(
        request,
        "home/country.html",
        {
            "pathfinder": pathfinder,
            "can_edit": can_edit_countries(request.user),
            "plans": plan_selectors.plan_list(request.user, owner_country=pathfinder),
            "can_create_plan": can_create_plan_for_country(request.user, pathfinder),
            **meeting_selectors.events_of_country(pathfinder),
            "can_create_event": can_hold_events_for_country(request.user, pathfinder),
            "news_posts": news_selectors.recent_posts(country=pathfinder),
            "news_filter": f"country={pathfinder.code.lower()}",
        },
    )


#: The records whose changes are changes of role: terms in bodies, focal points, communication officers.
ROLE_MODELS = ("bodies.RoleTerm", "partners.OrganisationMembership", "news.CommunicationOfficer")


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """Deletions and role changes across the platform, newest first, for the Secretariat."""
    if not is_secretariat(request.user):
        raise PermissionDenied
    log = "roles" if request.GET.get("log") == "roles" else "deletions"
    page_number = request.GET.get("page")
    if log == "roles":
        page = history_page([Source(apps.get_model(label)) for label in ROLE_MODELS], page=page_number)
    else:
        page = deletions_page(page=page_number)
    return render(request, "home/audit.html", {"log": log, "page_obj": page})
