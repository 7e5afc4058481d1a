"""Images are judged by their content and size; a description is required with an image."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

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
        by=world.secretariat,
        values=services.PostInput.of({**DATA, "image_alt": "A red rectangle"}),
        image=upload,
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
        services.create_post(
            by=world.secretariat, values=services.PostInput.of({**DATA, "image_alt": "x"}), image=upload
        )

    assert "image" in refused.value.message_dict
    assert not Post.objects.exists()


def test_too_big_image_is_refused(world, settings):
    settings.NEWS_IMAGE_MAX_BYTES = 1000
    upload = SimpleUploadedFile("big.png", image_bytes("PNG", (400, 400)) + b"\0" * 1000)

    with pytest.raises(ValidationError) as refused:
        services.create_post(
            by=world.secretariat, values=services.PostInput.of({**DATA, "image_alt": "x"}), image=upload
        )

    assert "largest accepted" in refused.value.message_dict["image"][0]


def test_image_needs_a_description(world):
    upload = SimpleUploadedFile("photo.png", image_bytes())

    with pytest.raises(ValidationError) as refused:
        services.create_post(
            by=world.secretariat, values=services.PostInput.of({**DATA, "image_alt": ""}), image=upload
        )

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


# --- cleaning: metadata stripped, renditions made --------------------------------------------------------------


def jpeg_with_gps(size: tuple[int, int] = (1200, 800)) -> bytes:
    """A photograph as a phone writes it: camera, date and the GPS position where it was taken."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretCam"
    exif[ExifTags.Base.DateTime] = "2024:03:01 10:00:00"
    exif[ExifTags.Base.Orientation] = 1
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (6.0, 27.0, 55.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (3.0, 23.0, 41.0),
    }
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buffer, format="JPEG", exif=exif, comment=b"shelter address")
    return buffer.getvalue()


def test_a_jpeg_with_a_gps_position_is_stored_without_any_metadata(world):
    original = jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as before:
        assert before.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the upload does carry a position

    post = services.create_post(
        by=world.secretariat,
        values=services.PostInput.of({**DATA, "image_alt": "A blue square"}),
        image=SimpleUploadedFile("phone.jpg", original, content_type="image/jpeg"),
    )

    stored = post.image.storage.open(post.image.name).read()
    with Image.open(io.BytesIO(stored)) as after:
        assert after.format == "JPEG"
        assert after.size == (1200, 800)
        assert not after.getexif()
        assert "exif" not in after.info and "comment" not in after.info
    assert b"Exif" not in stored and b"SecretCam" not in stored and b"shelter address" not in stored


def test_an_upright_photo_stays_upright_once_its_orientation_tag_is_gone(world):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # the camera was turned: show it rotated a quarter turn
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (0, 0, 0)).save(buffer, format="JPEG", exif=exif)

    post = services.create_post(
        by=world.secretariat,
        values=services.PostInput.of({**DATA, "image_alt": "Turned"}),
        image=SimpleUploadedFile("turned.jpg", buffer.getvalue()),
    )

    assert (post.image_width, post.image_height) == (20, 40)


def test_smaller_copies_are_made_for_the_widths_pages_use_and_shown_in_srcset(world, client):
    post = services.create_post(
        by=world.secretariat,
        values=services.PostInput.of({**DATA, "image_alt": "A wide view"}),
        image=SimpleUploadedFile("wide.jpg", jpeg_with_gps((1200, 800))),
    )

    assert [r["width"] for r in post.image_renditions] == [480, 960]  # none wider than the image itself
    for rendition in post.image_renditions:
        with Image.open(post.image.storage.open(rendition["name"])) as copy:
            assert copy.format == "WEBP"
            assert copy.width == rendition["width"]
            assert not copy.getexif()
    page = client.get(post.get_absolute_url()).content.decode()
    assert 'width="1200" height="800"' in page
    assert "480w" in page and "960w" in page and "1200w" in page


def test_replacing_and_removing_an_image_removes_its_files(world):
    post = services.create_post(
        by=world.secretariat,
        values=services.PostInput.of({**DATA, "image_alt": "First"}),
        image=SimpleUploadedFile("first.jpg", jpeg_with_gps((1000, 500))),
    )
    storage = post.image.storage
    first = [post.image.name, *(r["name"] for r in post.image_renditions)]

    post = services.update_post(
        post=post, by=world.secretariat, values=services.PostInput.of({}), remove_image=True
    )

    assert not any(storage.exists(name) for name in first)
    assert post.image_renditions == [] and post.image_width is None


@pytest.mark.parametrize("mode", ["P", "RGBA", "L"])
def test_pngs_keep_their_look_when_cleaned(world, mode):
    image = Image.new(mode, (30, 30))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")

    post = services.create_post(
        by=world.secretariat,
        values=services.PostInput.of({**DATA, "image_alt": "A square"}),
        image=SimpleUploadedFile("sq.png", buffer.getvalue()),
    )

    with Image.open(post.image.storage.open(post.image.name)) as stored:
        assert stored.format == "PNG" and stored.size == (30, 30)


def test_an_animated_gif_keeps_its_frames(world):
    frames = [Image.new("RGB", (10, 10), colour) for colour in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)

    post = services.create_post(
        by=world.secretariat,
        values=services.PostInput.of({**DATA, "image_alt": "Blinking"}),
        image=SimpleUploadedFile("blink.gif", buffer.getvalue()),
    )

    with Image.open(post.image.storage.open(post.image.name)) as stored:
        assert stored.n_frames == 3


def test_images_stored_before_cleaning_are_cleaned_by_the_command(world):
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    post = services.create_post(
        by=world.secretariat, values=services.PostInput.of({**DATA, "image_alt": "Old"})
    )
    post.image.save(
        "old.jpg", ContentFile(jpeg_with_gps((600, 400))), save=True
    )  # as uploads were stored before

    call_command("clean_news_images")
    call_command("clean_news_images")  # again: nothing left to do

    post.refresh_from_db()
    assert post.image_width == 600
    assert b"SecretCam" not in post.image.storage.open(post.image.name).read()
