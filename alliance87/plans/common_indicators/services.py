"""Changes to common indicators: defined by the Secretariat, linked to by plans' indicators (plans/services/).

Kept apart from the plan services, which are about one plan; these rules are about what several plans share. Each
function is one transaction and checks the permission itself, as the plan services do.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from alliance87.core.slugs import unique_slug

from ..models import CommonIndicator, Direction, Measure
from ..permissions import can_manage_common_indicators

if TYPE_CHECKING:
    from alliance87.accounts.models import User


@dataclass(frozen=True, kw_only=True)
class CommonIndicatorFields:
    """What the Secretariat sets on a common indicator. To change some fields only:
    ``dataclasses.replace(CommonIndicatorFields.of(common), …)``."""

    title: str
    reference: str = ""
    reference_url: str = ""
    definition: str = ""
    measure: str = Measure.NUMBER
    unit: str = ""
    direction: str = Direction.INCREASE
    caveats: str = ""

    @classmethod
    def of(cls, common: CommonIndicator) -> CommonIndicatorFields:
        return cls(**{name: getattr(common, name) for name in cls.names()})

    @classmethod
    def names(cls) -> list[str]:
        return [field.name for field in dataclasses.fields(cls)]


#: Addresses under /plans/common/ that are pages, not indicators.
RESERVED_SLUGS = frozenset({"new"})


def _check_manager(by: User) -> None:
    if not can_manage_common_indicators(by):
        raise PermissionDenied(_("Only the Secretariat defines common indicators."))


@transaction.atomic
def save_common_indicator(
    *, by: User, fields: CommonIndicatorFields, common: CommonIndicator | None = None
) -> CommonIndicator:
    """Create a common indicator, or change one; its measure stays while plans' indicators are linked to it."""
    _check_manager(by)
    if common is not None:
        common = CommonIndicator.objects.select_for_update().get(pk=common.pk)
    else:
        common = CommonIndicator()
    old_measure = common.measure if common.pk else None
    for name in CommonIndicatorFields.names():
        value = getattr(fields, name)
        setattr(common, name, value.strip() if isinstance(value, str) else value)
    if not common.title:
        raise ValidationError({"title": _("Give the indicator a title.")})
    if old_measure is not None and common.measure != old_measure and common.plan_indicators.exists():
        raise ValidationError(
            {
                "measure": _(
                    "Plans' indicators are linked to it as %(measure)s; the measure cannot change while they are."
                )
                % {"measure": str(Measure(old_measure).label).lower()}
            }
        )
    if not common.slug:
        common.slug = unique_slug(
            CommonIndicator, common.title, max_length=90, reserved=RESERVED_SLUGS, fallback="indicator"
        )
    common.full_clean()
    common.save()
    return common


@transaction.atomic
def delete_common_indicator(*, by: User, common: CommonIndicator) -> None:
    """Remove a common indicator no plan's indicator measures any more (the links are the plans' to undo)."""
    _check_manager(by)
    linked = common.plan_indicators.count()
    if linked:
        raise ValidationError(
            _("%(n)s indicators of plans are linked to it; unlink them before deleting it.") % {"n": linked}
        )
    common.delete()
