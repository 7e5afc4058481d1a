"""Plans' results in the shapes both formats need: decimals written plainly, results in the order a logframe reads."""

from __future__ import annotations

from decimal import Decimal

from ..models import Plan, ResultNode


def format_decimal(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: Decimal('10.5000') → '10.5'."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def nodes_in_tree_order(plan: Plan) -> list[ResultNode]:
    """The plan's results depth-first, siblings by position: the order a logframe is read in."""
    nodes = list(
        plan.nodes.order_by("position", "pk").prefetch_related(
            "indicators__periods__actual", "responsible_organisations"
        )
    )
    children: dict[int | None, list[ResultNode]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    ordered: list[ResultNode] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        node = stack.pop()
        ordered.append(node)
        stack.extend(reversed(children.get(node.pk, [])))
    return ordered
