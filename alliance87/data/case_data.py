"""Case-level data and what is published from it: uploads, cross-tabulations under disclosure control, tables.

Like every service: keyword-only, one transaction, the permission checked inside, and a ValidationError naming the
field for bad input.
"""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.bodies.models import Body
from alliance87.partners.models import Organisation

from . import permissions
from .disclosure import derivable_cells, describe_rule, suppress
from .identifiers import find_identifiers
from .imports import read_table
from .models import (
    Access,
    CaseDataset,
    CaseRecord,
    PublicationLog,
    PublishedTable,
)
from .services import errors_on_field

NOT_RECORDED = "(not recorded)"
MAX_CASE_COLUMNS = 40
MAX_CATEGORIES = 30


def upload_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations a person may upload case-level data for (all of them for the Secretariat)."""
    if permissions.can_read_publication_log(user):
        return Organisation.objects.order_by("name")
    return Organisation.objects.filter(pk__in=permissions.upload_organisation_ids(user)).order_by("name")


@transaction.atomic
def upload_case_dataset(
    *,
    by: User,
    organisation: Organisation,
    title: str,
    content: bytes,
    description: str = "",
    is_illustrative: bool = False,
) -> CaseDataset:
    """Store a partner's case-level records, restricted; refused whole if any direct identifier is found."""
    if not permissions.can_upload_case_data_for(by, organisation):
        raise PermissionDenied(_("You may upload case-level data only for an organisation you belong to."))
    if not title.strip():
        raise ValidationError({"title": _("This field is required.")})
    table = read_table(content)
    headings = [heading.strip() for heading in table.headings]
    if any(not heading for heading in headings) or len(set(headings)) != len(headings):
        raise ValidationError({"file": _("Every column needs a heading of its own.")})
    if len(headings) > MAX_CASE_COLUMNS:
        raise ValidationError({"file": _("At most %(max)s columns.") % {"max": MAX_CASE_COLUMNS}})
    if not table.rows:
        raise ValidationError({"file": _("The file has headings but no rows.")})
    messages = [
        _("Row %(row)s: the column “%(column)s” holds a formula; formulas are not read.")
        % {"row": number, "column": heading}
        for number, heading in table.formula_cells
    ]
    rows = [cells for _number, cells in table.rows]
    messages += [finding.message for finding in find_identifiers(headings, rows, first_row=table.rows[0][0])]
    if messages:
        raise errors_on_field(
            "file",
            [
                _(
                    "Direct identifiers and formulas are refused: nothing was stored. Remove them and upload again."
                ),
                *messages,
            ],
        )
    dataset = CaseDataset.objects.create(
        title=title.strip()[:255],
        organisation=organisation,
        description=description,
        columns=headings,
        created_by=by,
        is_illustrative=is_illustrative,
    )
    CaseRecord.objects.bulk_create(
        [CaseRecord(dataset=dataset, values=dict(zip(headings, cells, strict=False))) for cells in rows],
        batch_size=2000,
    )
    return dataset


@transaction.atomic
def delete_case_dataset(*, by: User, dataset: CaseDataset) -> None:
    """Erase a case-level data set and its records; its published tables must be withdrawn first."""
    if not permissions.can_delete_case_dataset(by, dataset):
        raise PermissionDenied(
            _("Only the owners' focal points or the Secretariat may delete this data set.")
        )
    if dataset.tables.exists():
        raise ValidationError(_("Withdraw the tables published from this data set first."))
    dataset.delete()


def cross_tabulate(
    dataset: CaseDataset, row_variable: str, column_variable: str
) -> tuple[list[str], list[str], list[list[int]]]:
    """Count the records by two of their columns; an empty value is counted as "(not recorded)"."""
    counts: Counter[tuple[str, str]] = Counter()
    for values in dataset.records.values_list("values", flat=True):
        counts[(values.get(row_variable) or NOT_RECORDED, values.get(column_variable) or NOT_RECORDED)] += 1
    rows = sorted({r for r, _c in counts})
    columns = sorted({c for _r, c in counts})
    return rows, columns, [[counts[(r, c)] for c in columns] for r in rows]


@transaction.atomic
def publish_table(
    *,
    by: User,
    dataset: CaseDataset,
    row_variable: str,
    column_variable: str,
    title: str = "",
    threshold: int | None = None,
    access: str = Access.PUBLIC,
    access_body: Body | None = None,
) -> PublishedTable:
    """Publish the counts of a case-level data set by two variables, after primary and secondary suppression."""
    if not permissions.can_publish_from_dataset(by, dataset):
        raise PermissionDenied(
            _("Only the owners' focal points or the Secretariat may publish from this data set.")
        )
    minimum = int(settings.DATA_DISCLOSURE_THRESHOLD)
    threshold = minimum if threshold is None else threshold
    errors: dict[str, str] = {}
    if threshold < minimum:
        errors["threshold"] = _("The threshold cannot be below %(min)s.") % {"min": minimum}
    for field, variable in (("row_variable", row_variable), ("column_variable", column_variable)):
        if variable not in dataset.columns:
            errors[field] = _("Choose one of the data set's columns.")
    if row_variable == column_variable:
        errors["column_variable"] = _("Choose two different columns.")
    if access not in Access.values:
        errors["access"] = _("This is not one of the allowed values.")
    elif access == Access.BODY and access_body is None:
        errors["access_body"] = _("Name the body whose members may read the table.")
    if errors:
        raise ValidationError(errors)
    rows, columns, counts = cross_tabulate(dataset, row_variable, column_variable)
    if len(rows) > MAX_CATEGORIES or len(columns) > MAX_CATEGORIES:
        raise ValidationError(
            {
                "row_variable": _(
                    "A table with more than %(max)s categories on a side cannot be protected sensibly; choose coarser "
                    "columns."
                )
                % {"max": MAX_CATEGORIES}
            }
        )
    result = suppress(counts, threshold=threshold, row_labels=rows, column_labels=columns)
    if derivable_cells(result.suppressed, n_rows=len(rows) + 1, n_columns=len(columns) + 1):
        raise RuntimeError("Suppression left a cell that the margins give away.")  # a bug, never data
    if result.grand_total is None:
        raise ValidationError(
            {
                "threshold": _(
                    "The data set has fewer than %(threshold)s records in total: nothing can be published."
                )
                % {"threshold": threshold}
            }
        )
    rule = describe_rule(threshold=threshold)
    table = PublishedTable.objects.create(
        dataset=dataset,
        title=(title.strip() or f"{dataset.title}: {row_variable} × {column_variable}")[:255],
        row_variable=row_variable,
        column_variable=column_variable,
        threshold=threshold,
        cells=result.as_dict(),
        rule=rule,
        primary_suppressed=len(result.primary),
        secondary_suppressed=len(result.secondary),
        access=access,
        access_body=access_body if access == Access.BODY else None,
        published_by=by,
        is_demo=dataset.is_demo,
    )
    PublicationLog.objects.create(
        by=by,
        table=table,
        dataset=dataset,
        table_title=table.title,
        action="published",
        rule=rule,
        threshold=threshold,
        is_demo=dataset.is_demo,
    )
    return table


@transaction.atomic
def withdraw_table(*, by: User, table: PublishedTable) -> None:
    """Take a published table down; the log keeps that it was published, and records the withdrawal."""
    if not permissions.can_withdraw_table(by, table):
        raise PermissionDenied(_("Only the owners' focal points or the Secretariat may withdraw this table."))
    PublicationLog.objects.create(
        by=by,
        table=None,
        dataset=table.dataset,
        table_title=table.title,
        action="withdrawn",
        rule=table.rule,
        threshold=table.threshold,
        is_demo=table.is_demo,
    )
    PublicationLog.objects.filter(table=table).update(table=None)
    table.delete()
