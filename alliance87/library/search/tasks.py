"""Background work of the search index: apply the change log."""

from django_tasks import task


@task()
def apply_index_changes() -> int:
    """Bring the search index up to date with the items that changed; safe to run twice (idempotent)."""
    from .changes import apply_pending_changes

    return apply_pending_changes()


@task()
def prune_index_changes() -> int:
    """Delete change-log rows applied more than a week ago (the scheduler runs this daily)."""
    import datetime

    from django.utils import timezone

    from ..models import IndexChange

    cutoff = timezone.now() - datetime.timedelta(days=7)
    deleted, _details = IndexChange.objects.filter(processed_at__lt=cutoff).delete()
    return deleted
