"""Images are judged by their content and size; a description is required with an image."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from alliance87.news import services
from alliance87.news.models import Post

pytestmark = pytest.mark.django_db

DATA = {"title": "With a picture", "summary": "s", "body": "b", "language": "en", "status": "published"}


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (20, 10)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("fmt", "extension"), [("PNG", "png"), ("JPEG", "jpg"), ("GIF", "gif"), ("WEBP", "webp")]
)
def test_real_images_are_stored_under_their_true_extension(world, fmt, extension):
    upload = SimpleUploadedFile("photo.bin", image_bytes(fmt), content_type="application/octet-stream")

    post = services.create_post(
        by=world.secretariat, data={**DATA, "image_alt": "A red rectangle"}, image=upload
    )

    assert post.image.name.endswith(f".{extension}")
    assert post.image.storage.exists(post.image.name)


@pytest.mark.parametrize(
    "content",
    [
        b"<script>alert(1)</script>",
        b"%PDF-1.4 not an image",
        b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
        b"GIF89a but truncated",
        b"",
    ],
)
def test_files_that_are_not_images_are_refused_whatever_their_name(world, content):
    upload = SimpleUploadedFile("photo.png", content, content_type="image/png")

    with pytest.raises(ValidationError) as refused:
        services.create_post(by=world.secretariat, data={**DATA, "image_alt": "x"}, image=upload)

    assert "image" in refused.value.message_dict
    assert not Post.objects.exists()


def test_too_big_image_is_refused(world, settings):
    settings.NEWS_IMAGE_MAX_BYTES = 1000
    upload = SimpleUploadedFile("big.png", image_bytes("PNG", (400, 400)) + b"\0" * 1000)

    with pytest.raises(ValidationError) as refused:
        services.create_post(by=world.secretariat, data={**DATA, "image_alt": "x"}, image=upload)

    assert "largest accepted" in refused.value.message_dict["image"][0]


def test_image_needs_a_description(world):
    upload = SimpleUploadedFile("photo.png", image_bytes())

    with pytest.raises(ValidationError) as refused:
        services.create_post(by=world.secretariat, data={**DATA, "image_alt": ""}, image=upload)

    assert "image_alt" in refused.value.message_dict


def test_upload_through_the_form_and_see_it_with_its_alt_text(world, client):
    client.force_login(world.secretariat)
    response = client.post(
        "/news/new/",
        {
            **DATA,
            "tags": "research, supply chains",
            "image_alt": "Participants of the workshop",
            "image": SimpleUploadedFile("w.jpg", image_bytes("JPEG")),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"]).content.decode()
    assert 'alt="Participants of the workshop"' in page
    post = Post.objects.get()
    assert sorted(t.slug for t in post.tags.all()) == ["research", "supply-chains"]


def test_form_refuses_a_fake_image_with_a_message(world, client):
    client.force_login(world.secretariat)
    response = client.post(
        "/news/new/", {**DATA, "image_alt": "x", "image": SimpleUploadedFile("x.png", b"<html>not</html>")}
    )
    assert response.status_code == 200
    assert "This file is not an image" in response.content.decode()
    assert not Post.objects.exists()
