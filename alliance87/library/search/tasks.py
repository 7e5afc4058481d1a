"""Background work of the search index: apply the change log."""

from django_tasks import task


@task()
def apply_index_changes() -> int:
    """Bring the search index up to date with the items that changed; safe to run twice (idempotent)."""
    from .changes import apply_pending_changes

    return apply_pending_changes()
