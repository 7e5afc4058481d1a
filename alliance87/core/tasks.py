"""Background work every app may ask for."""

from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, to: list[str], reply_to: list[str] | None = None) -> int:
    """Send one plain-text e-mail; run in the worker so a slow mail server never slows a page."""
    message = EmailMessage(subject=subject, body=body, to=to, reply_to=reply_to or None)
    return message.send()
