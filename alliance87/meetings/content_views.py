"""Editing what an event is made of: its agenda, its outcomes and its roadmap (and linking actions to plans)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance87.accounts.types import SignedInRequest
from alliance87.core.form_views import handle_form
from alliance87.core.forms import apply_validation_error

from . import selectors, services
from .forms import LinkPlanActivityForm, NewPlanActivityForm, OutcomeForm, RoadmapActionForm, SessionForm
from .models import AgendaSession, Event, OutcomeNote, RoadmapAction
from .permissions import can_edit_event


def _editable_event(request: HttpRequest, slug: str) -> Event:
    event = get_object_or_404(Event, slug=slug)
    if not can_edit_event(request.user, event):
        raise PermissionDenied
    return event


Part = TypeVar("Part", AgendaSession, OutcomeNote, RoadmapAction)


def _part(model: type[Part], slug: str, pk: int) -> Part:
    """A session, outcome or roadmap action of the event with this slug, or 404."""
    return get_object_or_404(model.objects.select_related("event"), pk=pk, event__slug=slug)


def _section(event: Event, anchor: str) -> str:
    """The event page, scrolled to its agenda, outcomes or roadmap."""
    return f"{event.get_absolute_url()}#{anchor}"


def _form_page(request: HttpRequest, event: Event, form: Any, heading: str) -> HttpResponse:
    return render(request, "meetings/part_form.html", {"event": event, "form": form, "heading": heading})


@login_required
def session_edit(request: SignedInRequest, slug: str, pk: int | None = None) -> HttpResponse:
    event = _editable_event(request, slug)
    session = get_object_or_404(AgendaSession, pk=pk, event=event) if pk else None
    form = SessionForm(
        request.POST or None,
        items=selectors.library_items_for(request.user),
        zone=event.zone,
        session=session,
    )
    response = handle_form(
        request,
        form,
        lambda: services.save_session(
            event=event, by=request.user, values=services.SessionInput.of(form.cleaned_data), session=session
        ),
        success=_("The agenda has been saved."),
        to=_section(event, "agenda"),
    )
    heading = _("Edit a session") if session else _("Add a session to the agenda")
    return response or _form_page(request, event, form, heading)


@login_required
@require_POST
def session_delete(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    session = _part(AgendaSession, slug, pk)
    services.delete_session(session=session, by=request.user)
    messages.success(request, _("The session has been removed from the agenda."))
    return redirect(_section(session.event, "agenda"))


@login_required
def outcome_edit(request: SignedInRequest, slug: str, pk: int | None = None) -> HttpResponse:
    event = _editable_event(request, slug)
    outcome = get_object_or_404(OutcomeNote, pk=pk, event=event) if pk else None
    initial = (
        {"kind": outcome.kind, "text": outcome.text, "is_illustrative": outcome.is_illustrative}
        if outcome
        else None
    )
    form = OutcomeForm(request.POST or None, initial=initial)
    response = handle_form(
        request,
        form,
        lambda: services.save_outcome(
            event=event, by=request.user, values=services.OutcomeInput.of(form.cleaned_data), outcome=outcome
        ),
        success=_("The outcome has been saved."),
        to=_section(event, "outcomes"),
    )
    heading = _("Edit an outcome") if outcome else _("Record an outcome")
    return response or _form_page(request, event, form, heading)


@login_required
@require_POST
def outcome_delete(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    outcome = _part(OutcomeNote, slug, pk)
    services.delete_outcome(outcome=outcome, by=request.user)
    messages.success(request, _("The outcome has been removed."))
    return redirect(_section(outcome.event, "outcomes"))


@login_required
def action_edit(request: SignedInRequest, slug: str, pk: int | None = None) -> HttpResponse:
    event = _editable_event(request, slug)
    action = get_object_or_404(RoadmapAction, pk=pk, event=event) if pk else None
    initial = (
        {
            "description": action.description,
            "responsible_organisation": action.responsible_organisation_id,
            "due_date": action.due_date,
            "status": action.status,
            "is_illustrative": action.is_illustrative,
        }
        if action
        else None
    )
    form = RoadmapActionForm(request.POST or None, initial=initial)
    response = handle_form(
        request,
        form,
        lambda: services.save_roadmap_action(
            event=event,
            by=request.user,
            values=services.RoadmapActionInput.of(form.cleaned_data),
            action=action,
        ),
        success=_("The roadmap action has been saved."),
        to=_section(event, "roadmap"),
    )
    heading = _("Edit a roadmap action") if action else _("Add a roadmap action")
    return response or _form_page(request, event, form, heading)


@login_required
@require_POST
def action_delete(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    action = _part(RoadmapAction, slug, pk)
    services.delete_roadmap_action(action=action, by=request.user)
    messages.success(request, _("The roadmap action has been removed."))
    return redirect(_section(action.event, "roadmap"))


@login_required
def action_plan(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    """Track a roadmap action in a plan: as a new activity under a chosen result, or linked to an existing one."""
    event = _editable_event(request, slug)
    action = get_object_or_404(
        RoadmapAction.objects.select_related("plan_activity__plan"), pk=pk, event=event
    )
    nodes = selectors.plan_results_editable_by(request.user)
    posted = request.POST if request.method == "POST" else None
    mode = request.POST.get("mode", "")
    new_form = NewPlanActivityForm(
        posted if mode == "new" else None,
        nodes=nodes,
        initial={"title": action.description[:500]},
        prefix="new",
    )
    link_form = LinkPlanActivityForm(posted if mode == "link" else None, nodes=nodes, prefix="link")
    try:
        if mode == "new" and new_form.is_valid():
            parent = new_form.cleaned_data["parent"]
            try:
                services.turn_action_into_plan_activity(
                    action=action,
                    by=request.user,
                    plan=parent.plan,
                    parent=parent,
                    title=new_form.cleaned_data["title"],
                )
            except ValidationError as error:
                apply_validation_error(new_form, error)
            else:
                messages.success(request, _("The action is now an activity of the plan."))
                return redirect(_section(event, "roadmap"))
        elif mode == "link" and link_form.is_valid():
            services.link_action_to_plan_activity(
                action=action,
                by=request.user,
                node=link_form.cleaned_data["node"],
            )
            messages.success(request, _("The action is now linked to the plan's result."))
            return redirect(_section(event, "roadmap"))
        elif mode == "unlink":
            services.link_action_to_plan_activity(action=action, by=request.user, node=None)
            messages.success(request, _("The action is no longer linked to a plan."))
            return redirect(_section(event, "roadmap"))
    except PermissionDenied as error:
        messages.error(request, str(error))
    return render(
        request,
        "meetings/action_plan.html",
        {
            "event": event,
            "action": action,
            "new_form": new_form,
            "link_form": link_form,
            "has_plans": nodes.exists(),
        },
    )
