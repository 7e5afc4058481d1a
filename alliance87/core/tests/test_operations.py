"""What an operator and a crawler see: health and readiness, sitemap.xml, robots.txt, files sent by the proxy."""

from __future__ import annotations

import datetime
import logging
import xml.etree.ElementTree as ET

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.test import Client
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from alliance87.library import services
from alliance87.library.models import Access
from alliance87.library.tests.factories import make_item, pdf_upload

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
XHTML_NS = {"xhtml": "http://www.w3.org/1999/xhtml"}


def test_healthz_answers_without_a_known_host_or_https(settings):
    settings.ALLOWED_HOSTS = ["alliance87.example.org"]
    settings.SECURE_SSL_REDIRECT = True

    response = Client(HTTP_HOST="10.0.0.5").get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_readyz_reports_each_check_and_reveals_nothing_else(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path

    response = Client().get("/readyz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "migrations": "ok",
        "tasks": "ok",
        "storage": "ok",
    }
    assert body["checks"]["tasks"]["oldest_waiting_seconds"] is None
    assert not any(tmp_path.rglob("*.txt"))  # the probe file was removed
    assert settings.SECRET_KEY not in response.content.decode()


def test_readyz_fails_when_a_task_has_waited_too_long(settings):
    settings.READY_MAX_TASK_WAIT = 60
    task = DBTaskResult.objects.create(
        status=TaskResultStatus.READY,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="alliance87.core.tasks.prune_task_results",
        backend_name="default",
        run_after=timezone.now() - datetime.timedelta(minutes=20),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=20)
    )

    response = Client().get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["tasks"]["status"] == "failing"
    assert response.json()["checks"]["tasks"]["oldest_waiting_seconds"] >= 1200


def test_readyz_fails_without_revealing_why_when_storage_is_not_writable(settings, tmp_path, caplog):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the media directory should be")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = blocker
    caplog.set_level(logging.ERROR)

    response = Client().get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == {"status": "failing"}
    assert str(tmp_path) not in response.content.decode()
    assert "Readiness check storage failed" in caplog.text


def test_the_sitemap_lists_public_pages_and_only_public_objects(world):
    public = make_item(title="Public report", slug="public-report", access=Access.PUBLIC)
    restricted = make_item(title="Members only", slug="members-only", access=Access.PARTNERS)

    response = Client().get("/sitemap.xml")

    assert response.status_code == 200
    locations = [node.text for node in ET.fromstring(response.content).findall("sm:url/sm:loc", SITEMAP_NS)]
    paths = {loc.split("testserver", 1)[1] for loc in locations if loc}
    assert "/" in paths
    assert public.get_absolute_url() in paths
    assert restricted.get_absolute_url() not in paths
    assert world.supply_chains.get_absolute_url() in paths
    assert world.fiji.get_absolute_url() in paths
    assert {"/fr/", "/es/", f"/fr{public.get_absolute_url()}"} <= paths
    alternates = ET.fromstring(response.content).findall("sm:url/xhtml:link", SITEMAP_NS | XHTML_NS)
    assert {link.get("hreflang") for link in alternates} == {"en", "fr", "es", "x-default"}


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_accounts():
    response = Client().get("/robots.txt")

    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /accounts/" in text
    assert "Disallow: /fr/accounts/" in text and "Disallow: /es/community/messages/" in text
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


@pytest.fixture
def disk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return FileSystemStorage(location=tmp_path)


def test_a_restricted_file_is_handed_to_the_proxy_only_after_the_check(world, disk, settings):
    settings.ACCEL_REDIRECT_PREFIX = "/protected-media/"
    item = make_item(title="Members only", created_by=world.focal_point, access=Access.PARTNERS)
    item_file = services.attach_file(item=item, by=world.focal_point, uploaded_file=pdf_upload())
    url = f"/library/files/{item_file.pk}/download/"

    visitor = Client().get(url)
    member = Client()
    member.force_login(world.member)
    allowed = member.get(url)

    assert visitor.status_code == 404
    assert "X-Accel-Redirect" not in visitor
    assert allowed.status_code == 200
    assert allowed["X-Accel-Redirect"] == f"/protected-media/{item_file.file.name}"
    assert allowed["Cache-Control"] == "private, no-store"
    assert 'filename="report.pdf"' in allowed["Content-Disposition"]
    assert allowed.content == b""  # the proxy sends the bytes


def test_without_a_proxy_the_app_streams_the_file_itself(world, disk):
    item = make_item(title="Open report", created_by=world.focal_point)
    item_file = services.attach_file(item=item, by=world.focal_point, uploaded_file=pdf_upload())

    response = Client().get(f"/library/files/{item_file.pk}/download/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_news_images_are_public_media_but_library_files_are_not(disk):
    disk.save("news/2026/01/photo.png", ContentFile(b"\x89PNG fake"))
    disk.save("library/2026/01/secret.pdf", ContentFile(b"%PDF secret"))

    assert Client().get("/media/news/2026/01/photo.png").status_code == 200
    assert Client().get("/media/library/2026/01/secret.pdf").status_code == 404
    assert Client().get("/media/news/../library/2026/01/secret.pdf").status_code == 404
