"""Sending an issue through a real SMTP server: everyone confirmed gets exactly one message, also when the
sender is stopped half-way and run again; the unsubscribe links in the messages work."""

from __future__ import annotations

import datetime
import re
from typing import Any
from urllib.parse import unquote

import pytest
from django.test import Client
from django.utils import timezone

from alliance87.news import delivery, newsletter
from alliance87.news.models import (
    Delivery,
    DeliveryStatus,
    IssueStatus,
    NewsletterIssue,
    Subscriber,
    SubscriberStatus,
)
from alliance87.news.tasks import send_issue

from .conftest import make_post, make_subscriber

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """Stands for the worker process dying: not an Exception, so no handler of ours swallows it."""


def _issue(world: Any, language: str = "en") -> NewsletterIssue:
    today = timezone.localdate()
    make_post(language=language, title=f"Story in {language}")
    return newsletter.assemble_draft(
        by=world.secretariat,
        language=language,
        period_start=today - datetime.timedelta(days=30),
        period_end=today,
    )


def _subscribers(prefix: str, n: int, **kwargs: Any) -> list[str]:
    emails = [f"{prefix}{i}@example.org" for i in range(n)]
    for email in emails:
        make_subscriber(email, **kwargs)
    return emails


def _link(text: str, pattern: str) -> str:
    match = re.search(pattern, text)
    assert match, f"no link matching {pattern} in:\n{text}"
    return match.group(0)


def test_every_confirmed_subscriber_gets_exactly_one_message_in_their_language(world, mailbox, settings):
    settings.NEWSLETTER_BATCH_SIZE = 4
    english = _subscribers("en", 9)
    french = _subscribers("fr", 3, language="fr")
    pending = _subscribers("pending", 2, status=SubscriberStatus.PENDING)
    gone = _subscribers("gone", 2, status=SubscriberStatus.UNSUBSCRIBED)
    issue = _issue(world, "en")

    count = newsletter.start_sending(issue=issue, by=world.secretariat)  # the task runs inline in tests

    assert count == 9
    assert mailbox.count_by_recipient() == {email: 1 for email in english}
    for email in french + pending + gone:
        assert mailbox.to(email) == []
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    assert set(Delivery.objects.filter(issue=issue).values_list("status", flat=True)) == {DeliveryStatus.SENT}

    french_issue = _issue(world, "fr")
    newsletter.start_sending(issue=french_issue, by=world.secretariat)
    assert {e: n for e, n in mailbox.count_by_recipient().items() if e.startswith("fr")} == {
        email: 1 for email in french
    }
    assert "Story in fr" in mailbox.to(french[0])[0].get_body(preferencelist=("plain",)).get_content()


def test_message_has_html_and_text_parts_and_one_click_unsubscribe_headers(world, mailbox):
    (email,) = _subscribers("reader", 1)
    newsletter.start_sending(issue=_issue(world), by=world.secretariat)

    (message,) = mailbox.to(email)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    mailto, https = [part.strip(" <>") for part in message["List-Unsubscribe"].split(",")]
    assert mailto.startswith("mailto:unsubscribe@")
    assert https.startswith("https://alliance87.example/newsletter/unsubscribe/") and https.endswith(
        "/one-click/"
    )
    html = message.get_body(preferencelist=("html",)).get_content()
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "<h1>" in html and "Story in en" in html
    assert "Story in en" in text and "<h1>" not in text
    assert _link(text, r"https://alliance87\.example/newsletter/unsubscribe/\S+/") in html


def test_unsubscribe_link_in_the_message_unsubscribes(world, mailbox):
    (email,) = _subscribers("leaver", 1)
    newsletter.start_sending(issue=_issue(world), by=world.secretariat)
    text = mailbox.to(email)[0].get_body(preferencelist=("plain",)).get_content()
    path = _link(text, r"https://alliance87\.example(/newsletter/unsubscribe/\S+/)").removeprefix(
        "https://alliance87.example"
    )
    client = Client(enforce_csrf_checks=True)

    page = client.get(path)
    assert page.status_code == 200
    assert (
        Subscriber.objects.get(email=email).status == SubscriberStatus.CONFIRMED
    )  # a link scanner changes nothing
    csrf = client.cookies["csrftoken"].value
    done = client.post(path, {"csrfmiddlewaretoken": csrf})

    assert done.status_code == 200
    assert b"You have been unsubscribed" in done.content
    assert Subscriber.objects.get(email=email).status == SubscriberStatus.UNSUBSCRIBED


def test_one_click_post_from_the_header_unsubscribes_without_csrf(world, mailbox):
    (email,) = _subscribers("oneclick", 1)
    newsletter.start_sending(issue=_issue(world), by=world.secretariat)
    header = mailbox.to(email)[0]["List-Unsubscribe"]
    url = re.search(r"<(https://[^>]+)>", header).group(1)
    path = url.removeprefix("https://alliance87.example")
    client = Client(enforce_csrf_checks=True)

    assert client.get(path).status_code == 405
    assert client.post(path, {"List-Unsubscribe": "Something"}).status_code == 400
    assert Subscriber.objects.get(email=email).status == SubscriberStatus.CONFIRMED
    response = client.post(path, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert Subscriber.objects.get(email=email).status == SubscriberStatus.UNSUBSCRIBED
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200  # again: still fine
    forged = path.replace("/one-click/", "x/one-click/")
    assert client.post(forged, {"List-Unsubscribe": "One-Click"}).status_code == 404


def test_mailto_unsubscribe_carries_the_signed_token(world, mailbox):
    (email,) = _subscribers("mailto", 1)
    newsletter.start_sending(issue=_issue(world), by=world.secretariat)
    header = mailbox.to(email)[0]["List-Unsubscribe"]
    token = unquote(re.search(r"subject=unsubscribe%20([^>]+)>", header).group(1))
    from alliance87.news.subscriptions import subscriber_for_link

    assert subscriber_for_link(token).email == email


def test_sender_killed_after_a_batch_then_run_again_sends_exactly_once_to_everyone(
    world, mailbox, settings, queued_tasks
):
    emails = _subscribers("kill", 23)
    issue = _issue(world)
    newsletter.start_sending(issue=issue, by=world.secretariat)
    assert mailbox.messages == [] and Delivery.objects.filter(issue=issue).count() == 23
    sent_so_far = 0

    def die_after_seven(_delivery: Delivery) -> None:
        nonlocal sent_so_far
        sent_so_far += 1
        if sent_so_far == 7:
            raise WorkerKilled

    with pytest.raises(WorkerKilled):
        delivery.send_pending(issue_id=issue.pk, size=5, after_message=die_after_seven)

    assert len(mailbox.messages) == 7
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENDING
    assert Delivery.objects.filter(issue=issue, status=DeliveryStatus.SENT).count() == 7
    # what it had claimed but not tried went back to the queue
    assert Delivery.objects.filter(issue=issue, status=DeliveryStatus.PENDING).count() == 16

    send_issue.call(issue_id=issue.pk)  # the task runs again

    assert mailbox.count_by_recipient() == {email: 1 for email in emails}
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    send_issue.call(issue_id=issue.pk)  # and once more: nothing left to send
    assert len(mailbox.messages) == 23


def test_sender_killed_outright_leaves_its_claims_to_a_later_run_after_the_lease(
    world, mailbox, settings, queued_tasks, monkeypatch
):
    """A SIGKILL runs no cleanup: its claimed rows wait for the lease to run out, then go to the next run."""
    emails = _subscribers("sigkill", 12)
    issue = _issue(world)
    newsletter.start_sending(issue=issue, by=world.secretariat)
    monkeypatch.setattr(delivery, "_release_own_claims", lambda claim: None)  # no cleanup, as after SIGKILL
    calls = 0

    def die_after_three(_delivery: Delivery) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise WorkerKilled

    with pytest.raises(WorkerKilled):
        delivery.send_pending(issue_id=issue.pk, size=5, after_message=die_after_three)
    monkeypatch.undo()
    assert Delivery.objects.filter(issue=issue, status=DeliveryStatus.CLAIMED).count() == 2

    send_issue.call(issue_id=issue.pk)  # at once: the dead run's two claims are still leased
    assert len(mailbox.messages) == 10
    Delivery.objects.filter(issue=issue, status=DeliveryStatus.CLAIMED).update(
        claimed_at=timezone.now() - delivery.CLAIM_LEASE - datetime.timedelta(seconds=1)
    )
    send_issue.call(issue_id=issue.pk)  # later: the lease has run out

    assert mailbox.count_by_recipient() == {email: 1 for email in emails}
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT


def test_crash_between_smtp_acceptance_and_the_log_never_resends_that_message(
    world, mailbox, queued_tasks, monkeypatch
):
    """The documented window: the server has the message but the row still says "sending". At most once."""
    emails = _subscribers("window", 4)
    issue = _issue(world)
    newsletter.start_sending(issue=issue, by=world.secretariat)
    real_mark = delivery._mark
    marks = 0

    def crash_on_second_sent(row: Delivery, status: str, **kwargs: Any) -> None:
        nonlocal marks
        if status == DeliveryStatus.SENT:
            marks += 1
            if marks == 2:
                raise WorkerKilled
        real_mark(row, status, **kwargs)

    monkeypatch.setattr(delivery, "_mark", crash_on_second_sent)
    with pytest.raises(WorkerKilled):
        delivery.send_pending(issue_id=issue.pk, size=10)
    monkeypatch.undo()

    send_issue.call(issue_id=issue.pk)

    assert mailbox.count_by_recipient() == {email: 1 for email in emails}
    unknown = Delivery.objects.get(issue=issue, status=DeliveryStatus.SENDING)
    assert unknown.subscriber.email == emails[1]


def test_two_senders_at_once_never_send_the_same_delivery(world, mailbox, queued_tasks):
    emails = _subscribers("pair", 10)
    issue = _issue(world)
    newsletter.start_sending(issue=issue, by=world.secretariat)
    second_run_started = False

    def start_second_run(_delivery: Delivery) -> None:
        nonlocal second_run_started
        if not second_run_started:
            second_run_started = True
            delivery.send_pending(issue_id=issue.pk, size=3)

    delivery.send_pending(issue_id=issue.pk, size=3, after_message=start_second_run)

    assert mailbox.count_by_recipient() == {email: 1 for email in emails}


def test_refused_recipient_is_logged_as_failed_and_the_others_still_get_it(world, mailbox):
    emails = _subscribers("ok", 3)
    make_subscriber("bounce@example.org")
    mailbox.refuse.add("bounce@example.org")
    issue = _issue(world)

    newsletter.start_sending(issue=issue, by=world.secretariat)

    assert mailbox.count_by_recipient() == {email: 1 for email in emails}
    failed = Delivery.objects.get(issue=issue, subscriber__email="bounce@example.org")
    assert failed.status == DeliveryStatus.FAILED and "550" in failed.last_error and failed.attempts == 1
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT


def test_subscriber_who_unsubscribes_during_a_send_is_skipped(world, mailbox, queued_tasks):
    emails = _subscribers("during", 3)
    issue = _issue(world)
    newsletter.start_sending(issue=issue, by=world.secretariat)
    Subscriber.objects.filter(email=emails[2]).update(status=SubscriberStatus.UNSUBSCRIBED)

    send_issue.call(issue_id=issue.pk)

    assert mailbox.count_by_recipient() == {emails[0]: 1, emails[1]: 1}
    assert Delivery.objects.get(subscriber__email=emails[2]).status == DeliveryStatus.SKIPPED
