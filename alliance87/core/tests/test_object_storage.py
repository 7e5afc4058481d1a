"""Files in an S3 bucket, as production stores them when AWS_STORAGE_BUCKET_NAME is set.

A real S3-speaking server runs on localhost (moto's server, over HTTP, driven by the same boto3 calls as a real
bucket). It checks signatures but not their expiry, so the short lifetime of a download link is checked in
the link itself.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from moto.server import ThreadedMotoServer
from PIL import Image

from alliance87.library.models import Access, ItemFile, MonthlyUse
from alliance87.library.tests.factories import make_item
from alliance87.news import services as news
from alliance87.news.models import Post

pytestmark = pytest.mark.django_db

BUCKET = "alliance87-files"


@pytest.fixture
def bucket(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A bucket on a local S3 server, and the platform's storages configured as production.py does."""
    import boto3

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    credentials = {"access_key": "test-key", "secret_key": "test-secret", "region_name": "us-east-1"}
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="test-key",
        aws_secret_access_key="test-secret",
        region_name="us-east-1",
    ).create_bucket(Bucket=BUCKET)
    common = {"bucket_name": BUCKET, "endpoint_url": endpoint, "file_overwrite": False, **credentials}
    settings.MEDIA_DOWNLOAD_LINK_SECONDS = 300
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**common, "default_acl": None, "querystring_auth": True, "querystring_expire": 300},
        },
        "news_images": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "location": "public",
                "default_acl": "public-read",
                "querystring_auth": False,
            },
        },
    }
    # The image field took its storage when models loaded (production's is the bucket from the start).
    monkeypatch.setattr(Post._meta.get_field("image"), "storage", storages["news_images"])
    try:
        yield endpoint
    finally:
        server.stop()


def photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1000, 600), (10, 120, 80)).save(buffer, format="JPEG")
    return buffer.getvalue()


def test_a_news_image_in_the_bucket_has_a_public_address_that_never_expires(world, bucket, client):
    post = news.create_post(
        by=world.secretariat,
        values=news.PostInput.of(
            {
                "title": "T",
                "summary": "s",
                "body": "b",
                "language": "en",
                "status": "published",
                "image_alt": "x",
            }
        ),
        image=SimpleUploadedFile("p.jpg", photo()),
    )

    url = post.image.url
    assert url.startswith(f"{bucket}/{BUCKET}/public/news/")
    assert urlsplit(url).query == ""  # no signature, no expiry: newsletters and feeds keep working
    fetched = requests.get(url, timeout=10)
    assert fetched.status_code == 200
    assert fetched.content[:2] == b"\xff\xd8"
    renditions = [r["name"] for r in post.image_renditions]
    assert renditions and all(name.startswith("news/") for name in renditions)
    assert requests.get(post.image.storage.url(renditions[0]), timeout=10).status_code == 200
    assert url in client.get(post.get_absolute_url()).content.decode()


def test_a_library_download_from_the_bucket_is_a_redirect_to_a_short_lived_signed_link(world, bucket, client):
    item = make_item(access=Access.PARTNERS)
    item_file = ItemFile(
        item=item, original_name="Report 2024.pdf", content_type="application/pdf", size=9, sha256="0" * 64
    )
    item_file.file.save("report.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    assert requests.get(f"{bucket}/{BUCKET}/{item_file.file.name}", timeout=10).status_code == 403  # private

    refused = client.get(f"/library/files/{item_file.pk}/download/")
    client.force_login(world.member)
    before = time.time()
    response = client.get(f"/library/files/{item_file.pk}/download/")

    assert refused.status_code == 404  # a visitor learns nothing, not even where the file is
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    link = response["Location"]
    query = parse_qs(urlsplit(link).query)
    assert "Signature" in query or "X-Amz-Signature" in query
    expires = int(query["Expires"][0]) if "Expires" in query else before + int(query["X-Amz-Expires"][0])
    assert before + 290 <= expires <= before + 310
    assert 'attachment; filename="Report 2024.pdf"' in query["response-content-disposition"][0]
    downloaded = requests.get(link, timeout=10)
    assert downloaded.status_code == 200
    assert downloaded.content == b"%PDF-1.4\n"
    assert downloaded.headers["Content-Type"] == "application/pdf"
    assert (
        MonthlyUse.objects.get(item=item).downloads == 1
    )  # counted like a download streamed by the platform
