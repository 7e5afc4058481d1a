"""The results of a plan's framework: adding, editing, moving and removing them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance87.accounts.types import SignedInRequest
from alliance87.core.form_views import field_values, flash_outcome, handle_form

from .. import services
from ..forms import MoveForm, NodeForm
from ..models import ResultNode
from .access import node_or_404, plan_or_404


@login_required
def node_create(request: SignedInRequest, slug: str) -> HttpResponse:
    plan = plan_or_404(request, slug, edit=True)
    parent = (
        node_or_404(plan, int(request.GET["parent"])) if request.GET.get("parent", "").isdigit() else None
    )
    form = NodeForm(request.POST or None, user=request.user)
    response = handle_form(
        request,
        form,
        lambda: services.framework.add_node(plan=plan, by=request.user, parent=parent, **field_values(form)),
        success=_("The result has been added."),
        to=plan,
    )
    tier = plan.tier_name(parent.level + 1 if parent else 0)
    context = {"form": form, "plan": plan, "parent": parent, "tier": tier}
    return response or render(request, "plans/node_form.html", context)


@login_required
def node_edit(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_or_404(request, slug, edit=True)
    node = node_or_404(plan, pk)
    form = NodeForm(request.POST or None, instance=ResultNode.objects.get(pk=node.pk), user=request.user)
    response = handle_form(
        request,
        form,
        lambda: services.framework.update_node(
            node=node,
            by=request.user,
            fields=services.framework.NodeFields(**field_values(form)),
        ),
        success=_("The result has been saved."),
        to=plan,
    )
    context = {"form": form, "plan": plan, "node": node, "tier": node.tier}
    return response or render(request, "plans/node_form.html", context)


@login_required
def node_move(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_or_404(request, slug, edit=True)
    node = node_or_404(plan, pk)
    direction = request.POST.get("direction")
    if request.method == "POST" and direction in ("up", "down"):
        services.framework.shift_node(node=node, by=request.user, offset=-1 if direction == "up" else 1)
        return redirect(f"{plan.get_absolute_url()}#result-{node.pk}")
    nodes = ResultNode.objects.filter(plan=plan).select_related("plan").order_by("level", "position", "pk")
    form = MoveForm(
        request.POST or None, nodes=nodes, initial={"parent": node.parent, "position": node.position + 1}
    )
    response = handle_form(
        request,
        form,
        lambda: services.framework.move_node(
            node=node,
            by=request.user,
            new_parent=form.cleaned_data["parent"],
            position=form.cleaned_data["position"] - 1,
        ),
        success=_("The result has been moved."),
        to=f"{plan.get_absolute_url()}#result-{node.pk}",
    )
    return response or render(request, "plans/node_move.html", {"form": form, "plan": plan, "node": node})


@login_required
@require_POST
def node_delete(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_or_404(request, slug, edit=True)
    node = node_or_404(plan, pk)
    flash_outcome(
        request,
        lambda: services.framework.delete_node(node=node, by=request.user),
        success=_("The result and everything under it have been removed."),
    )
    return redirect(plan)
