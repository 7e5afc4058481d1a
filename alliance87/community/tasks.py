"""Background work of the community: the e-mail digests."""

from django_tasks import task

from .notifications import send_digests_now


@task()
def send_digests(frequency: str) -> int:
    """Send the daily or weekly digests (idempotent: a second run finds nothing new to send)."""
    return send_digests_now(frequency)
