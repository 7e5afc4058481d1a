"""The pages that gather many domains: the front page, a body's page, a Pathfinder Country's page, the dashboard.

Home sits on top of every other app, so it may read them all; no app below reads home. A hub page keeps the
address and URL name of the structure it shows (`bodies:detail`, `countries:detail`): the root URLconf mounts
these views inside those namespaces.
"""

from typing import Any

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries as dj_countries

from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person, SignedInRequest
from alliance87.bodies import selectors as body_selectors
from alliance87.bodies.forms import DecisionForm
from alliance87.bodies.models import Body
from alliance87.bodies.permissions import can_edit_structure, can_manage_body
from alliance87.bodies.person import person_of
from alliance87.bodies.rotation import next_rotation
from alliance87.bodies.selectors import bodies_overview, pending_requests_for, requests_of_organisations
from alliance87.commitments import selectors as commitment_selectors
from alliance87.core.form_views import handle_form
from alliance87.core.fragments import fragment
from alliance87.core.history import Source, deletions_page, history_page
from alliance87.countries import selectors as country_selectors
from alliance87.countries.models import PathfinderCountry, PathStep
from alliance87.countries.permissions import can_edit_countries
from alliance87.countries.services import PathStepInput, delete_path_step, edit_path_step
from alliance87.data import selectors as data_selectors
from alliance87.data.models import Area, AreaKind
from alliance87.data.pace import Pace
from alliance87.data.selectors import Figure
from alliance87.library import selectors as library_selectors
from alliance87.library.governance import can_link_governance_documents, governance_documents
from alliance87.meetings import selectors as meeting_selectors
from alliance87.meetings.permissions import can_hold_events_for_body, can_hold_events_for_country
from alliance87.news import selectors as news_selectors
from alliance87.news.selectors import recent_posts
from alliance87.partners import selectors as partner_selectors
from alliance87.partners.models import Organisation
from alliance87.partners.selectors import organisations_of, pending_applications
from alliance87.plans import selectors as plan_selectors
from alliance87.plans.completeness import may_follow_completeness
from alliance87.plans.permissions import (
    can_create_plan_for_body,
    can_create_plan_for_country,
)

from .forms import CompletenessForm, PathStepDeleteForm, PathStepEditForm, PathStepForm
from .selectors import completeness_report, path_steps_with_evidence
from .services import record_step_with_evidence

#: How many partners based in a country or region its profile lists before linking to the directory.
PARTNERS_SHOWN = 12
#: A body's plans on its page; the rest are in the plans list filtered by the body (linked from the page).
BODY_PLANS_SHOWN = 20


def _world_figures(user: Person) -> list[tuple[Figure, Pace | None]]:
    paces = {item.series.pk: item.pace for item in data_selectors.target_paces(user) if item.series}
    return [(figure, paces.get(figure.series.pk)) for figure in data_selectors.headline_figures(user)]


def _the_partnership() -> dict[str, Any]:
    """What the home page shows everyone alike: the Action Groups, the Pathfinder map and the counts."""
    countries = country_selectors.countries_on_map()
    return {
        "partner_count": Organisation.objects.filter(is_partner=True).count(),
        # Counted from the map's list: one query gives both.
        "pathfinder_count": sum(map(country_selectors.is_sourced_pathfinder, countries)),
        "countries": countries,
        "action_groups": [b for b in bodies_overview() if b.kind == "action_group"],
    }


def home(request: HttpRequest) -> HttpResponse:
    """The partnership at a glance: Target 8.7's figures and pace, the Pathfinder map, events, library, news."""
    person = person_of(request)
    # Computed once per data version: the same for everyone, or for everyone who may see the same series.
    partnership = fragment("home.partnership", audience="everyone", compute=_the_partnership)
    figures = fragment(
        "home.figures", audience=person.permission_key(), compute=lambda: _world_figures(request.user)
    )
    found = meeting_selectors.events()
    return render(
        request,
        "home/home.html",
        {
            **partnership,
            "figures": figures,
            "upcoming_events": list(meeting_selectors.upcoming(found)[:3]),
            "library_items": library_selectors.recent_items(request.user, limit=4),
            "news_posts": recent_posts(limit=4),
            "today": timezone.localdate(),
        },
    )


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "home/about.html")


@login_required
def dashboard(request: SignedInRequest) -> HttpResponse:
    user = request.user
    person = person_of(request)
    memberships = list(
        user.organisation_memberships.select_related("organisation").order_by("organisation__name")
    )
    focal_ids = person.focal_point_organisation_ids
    secretariat = person.is_secretariat
    chairs = person.is_chair
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


@login_required
def completeness(request: SignedInRequest) -> HttpResponse:
    """Per plan, body and country: the values expected in a reporting year, reported, awaiting review, approved
    and late, as of a date (the Secretariat sees every plan, a chair their bodies' plans)."""
    if not may_follow_completeness(request.user):
        raise PermissionDenied
    form = CompletenessForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    as_of = filters.get("as_of") or timezone.localdate()
    report = completeness_report(request.user, year=filters.get("year"), as_of=as_of)
    return render(request, "home/completeness.html", {"form": form, "report": report})


def _body_plans(user: Person, body: Body) -> dict[str, Any]:
    """The body's first plans and whether it has more: a body with hundreds drew them all on its page."""
    plans = list(plan_selectors.plan_list(user, owner_body=body)[: BODY_PLANS_SHOWN + 1])
    return {"plans": plans[:BODY_PLANS_SHOWN], "more_plans": len(plans) > BODY_PLANS_SHOWN}


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
            **_body_plans(request.user, body),
            "can_create_plan": can_create_plan_for_body(request.user, body),
            "library_items": library_selectors.body_items(request.user, body),
            **meeting_selectors.events_of_body(body),
            "can_create_event": can_hold_events_for_body(request.user, body),
            **_body_decisions(body),
            "governance_documents": list(governance_documents(request.user, body)),
            "can_link_governance": can_link_governance_documents(request.user, body),
            "rotation": next_rotation(body, body.all_terms),  # type: ignore[attr-defined]
            "news_posts": news_selectors.recent_posts(body=body),
            "news_filter": f"body={body.slug}",
            "as_of": timezone.localdate(),
            "commitment_rows": commitment_selectors.hub_rows(as_of=timezone.localdate(), body_id=body.pk),
        },
    )


def _body_decisions(body: Body) -> dict[str, object]:
    """The body's latest decisions with their follow-up actions, and how many actions stand where today."""
    today = timezone.localdate()
    counts = meeting_selectors.follow_up_counts_by_body(as_of=today, bodies=[body])
    return {
        "decisions": meeting_selectors.decisions_of_body(body),
        "follow_up_counts": counts.get(body.pk, meeting_selectors.ActionCounts()),
        "today": today,
    }


def _pathfinder_or_none(code: str) -> PathfinderCountry | None:
    try:
        return country_selectors.pathfinder_by_code(code)
    except PathfinderCountry.DoesNotExist:
        return None


def _area_or_none(code: str) -> Area | None:
    try:
        return data_selectors.area_by_code(code)
    except Area.DoesNotExist:
        return None


def _pathfinder(code: str) -> PathfinderCountry:
    pathfinder = _pathfinder_or_none(code)
    if pathfinder is None:
        raise Http404
    return pathfinder


def _path_timeline(
    request: HttpRequest, pathfinder: PathfinderCountry
) -> list[country_selectors.TimelineEntry]:
    """The country's path, each step with the events, plans and documents the reader may see."""
    return country_selectors.timeline(list(path_steps_with_evidence(request.user, pathfinder)))


def country_page(request: HttpRequest, code: str) -> HttpResponse:
    """Every country's profile: its Pathfinder path and national plan when it has one, its statistical series,
    the partners based there, the events held there, the library items about it, and what is missing."""
    upper = code.upper()
    if upper not in dj_countries:
        raise Http404
    if code != code.lower():
        return redirect("countries:detail", code=code.lower(), permanent=True)
    pathfinder = _pathfinder_or_none(upper)
    area = _area_or_none(upper)
    plans = list(plan_selectors.plan_list(request.user, owner_country=pathfinder)) if pathfinder else []
    plan_selectors.verdict_counts(plans)
    partners = list(partner_selectors.partners_based_in([upper])[: PARTNERS_SHOWN + 1])
    library_items, library_total, library_more = library_selectors.items_about_countries(
        request.user, [upper]
    )
    events = meeting_selectors.events_in_countries([upper])
    profile = data_selectors.area_profile(request.user, area) if area else None
    missing = []
    if pathfinder is None:
        missing.append(_("It is not recorded as a Pathfinder Country on the platform."))
    if not plans:
        missing.append(_("No national action plan is published on the platform."))
    if not partners:
        missing.append(_("No partner organisation is based there."))
    if not events["upcoming_events"] and not events["past_events"]:
        missing.append(_("No event held there is recorded."))
    return render(
        request,
        "home/country.html",
        {
            "code": upper,
            "name": dj_countries.name(upper),
            "pathfinder": pathfinder,
            "area": area,
            "profile": profile,
            "missing": missing,
            "as_of": timezone.localdate(),
            "path": _path_timeline(request, pathfinder) if pathfinder else [],
            "can_edit": can_edit_countries(request.user),
            "plans": plans,
            "can_create_plan": pathfinder is not None
            and can_create_plan_for_country(request.user, pathfinder),
            "partners": partners[:PARTNERS_SHOWN],
            "more_partners": len(partners) > PARTNERS_SHOWN,
            "library_items": library_items,
            "library_total": library_total,
            "library_more": library_more,
            **events,
            "can_create_event": pathfinder is not None
            and can_hold_events_for_country(request.user, pathfinder),
            "news_posts": news_selectors.recent_posts(country=pathfinder) if pathfinder else [],
            "news_filter": f"country={upper.lower()}",
            "commitment_rows": commitment_selectors.hub_rows(
                as_of=timezone.localdate(), country_id=pathfinder.pk
            )
            if pathfinder
            else [],
        },
    )


def region_page(request: HttpRequest, code: str) -> HttpResponse:
    """An SDG region's profile: its statistical series, its countries (Pathfinders first), partners based there,
    events held there and library items about its countries."""
    area = _area_or_none(code)
    if area is None or area.kind != AreaKind.REGION:
        raise Http404
    members = sorted(area.countries.all(), key=lambda a: a.display_name)
    codes = [member.code for member in members]
    pathfinders = {p.code: p for p in country_selectors.pathfinder_countries() if p.code in set(codes)}
    partners = partner_selectors.partners_based_in(codes)
    library_items, library_total, library_more = library_selectors.items_about_countries(request.user, codes)
    return render(
        request,
        "home/region.html",
        {
            "area": area,
            "profile": data_selectors.area_profile(request.user, area),
            "members": members,
            "pathfinders": [pathfinders[c] for c in codes if c in pathfinders],
            "partner_count": partners.count(),
            "partners": list(partners[:PARTNERS_SHOWN]),
            "library_items": library_items,
            "library_total": library_total,
            "library_more": library_more,
            **meeting_selectors.events_in_countries(codes),
            "as_of": timezone.localdate(),
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


@login_required
def path_step_create(request: HttpRequest, code: str) -> HttpResponse:
    """The Secretariat records a step of a country's path, with the event, plan and documents that serve it."""
    pathfinder = _pathfinder(code)
    if not can_edit_countries(request.user):
        raise PermissionDenied
    form = PathStepForm(request.POST or None, pathfinder=pathfinder, user=request.user)

    def save() -> PathfinderCountry:
        record_step_with_evidence(
            by=request.user,  # type: ignore[arg-type]
            pathfinder=pathfinder,
            values=form.values(),
            earlier_steps_reason=form.cleaned_data["earlier_steps_reason"],
            event=form.cleaned_data["event"],
            plan=form.cleaned_data["plan"],
            documents=form.cleaned_data["documents"],
        )
        return pathfinder

    response = handle_form(request, form, save, success=_("The step has been recorded."), to=pathfinder)
    return response or render(request, "home/path_step_form.html", {"form": form, "pathfinder": pathfinder})


def _path_step(pathfinder: PathfinderCountry, pk: int) -> PathStep:
    step = pathfinder.path_steps.filter(pk=pk).first()
    if step is None:
        raise Http404
    return step


@login_required
def path_step_edit(request: SignedInRequest, code: str, pk: int) -> HttpResponse:
    """The Secretariat corrects a recorded step, under the same rules, saying why."""
    pathfinder = _pathfinder(code)
    if not can_edit_countries(request.user):
        raise PermissionDenied
    step = _path_step(pathfinder, pk)
    initial = {name: getattr(step, name) for name in PathStepInput.field_names()}
    form = PathStepEditForm(request.POST or None, initial=initial)

    def save() -> PathfinderCountry:
        edit_path_step(by=request.user, step=step, values=form.values(), reason=form.cleaned_data["reason"])
        return pathfinder

    response = handle_form(request, form, save, success=_("The step has been corrected."), to=pathfinder)
    return response or render(
        request, "home/path_step_edit.html", {"form": form, "pathfinder": pathfinder, "step": step}
    )


@login_required
def path_step_delete(request: SignedInRequest, code: str, pk: int) -> HttpResponse:
    """The Secretariat deletes a step recorded by mistake, saying why (kept in the audit log)."""
    pathfinder = _pathfinder(code)
    if not can_edit_countries(request.user):
        raise PermissionDenied
    step = _path_step(pathfinder, pk)
    form = PathStepDeleteForm(request.POST or None)

    def save() -> PathfinderCountry:
        delete_path_step(by=request.user, step=step, reason=form.cleaned_data["reason"])
        return pathfinder

    response = handle_form(request, form, save, success=_("The step has been deleted."), to=pathfinder)
    return response or render(
        request, "home/path_step_delete.html", {"form": form, "pathfinder": pathfinder, "step": step}
    )
