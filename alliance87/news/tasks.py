"""Background work of the newsletter: sending an issue (idempotent: a second run sends only what is left)."""

from django_tasks import task

from .delivery import send_pending


@task()
def send_issue(*, issue_id: int) -> dict[str, int]:
    """Send an issue to its pending deliveries, in batches, through SMTP."""
    return send_pending(issue_id=issue_id).as_dict()
