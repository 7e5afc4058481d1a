"""What an uploaded news image really is, judged by its content (Pillow), whether it is small enough, and its
clean copy: re-encoded without metadata, with smaller renditions for the pages."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

#: Pillow's format name → the extension the stored file gets.
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000


class ImageRefused(ValueError):
    """The file is not an acceptable image; the message says why, for the person who uploaded it."""


def max_image_bytes() -> int:
    return int(getattr(settings, "NEWS_IMAGE_MAX_BYTES", DEFAULT_MAX_BYTES))


def check_image(stream: IO[bytes], *, size: int) -> str:
    """The extension to store an image under; raise ImageRefused if it is too big or not a JPEG/PNG/GIF/WebP.

    The name and the declared content type are ignored: a script renamed .png is refused.
    """
    limit = max_image_bytes()
    if size > limit:
        raise ImageRefused(
            _("The image is %(size)s; the largest accepted is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
    refused = ImageRefused(_("This file is not an image in JPEG, PNG, GIF or WebP format."))
    try:
        stream.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(stream) as image:
                image_format = image.format or ""
                width, height = image.size
                image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombWarning):
        raise refused from None
    except Image.DecompressionBombError:
        raise refused from None
    finally:
        stream.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise refused
    if width * height > MAX_PIXELS:
        raise ImageRefused(_("The image has too many pixels; make it smaller."))
    return ALLOWED_FORMATS[image_format]


#: Widths of the smaller copies pages choose from (``srcset``); none is larger than the image itself.
RENDITION_WIDTHS = (480, 960, 1600)
RENDITION_FORMAT, RENDITION_EXTENSION = "WEBP", "webp"
JPEG_QUALITY = 85


@dataclass(frozen=True)
class CleanImage:
    """An uploaded image decoded and encoded again: pixels only, no metadata (EXIF, GPS, XMP, comments)."""

    content: bytes
    extension: str
    width: int
    height: int
    renditions: tuple[tuple[int, bytes], ...]  # (width, WebP bytes), narrowest first


def _encode(image: Image.Image, image_format: str, **options: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def _pixels_only(image: Image.Image) -> Image.Image:
    """A copy with the picture upright (EXIF orientation applied) and nothing else from the file."""
    upright = ImageOps.exif_transpose(image) or image
    if upright.mode == "P" and "transparency" in image.info:
        upright = upright.convert("RGBA")  # a palette's transparent colour lives in the metadata we drop
    if upright.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        upright = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
    clean = Image.new(upright.mode, upright.size)
    if upright.mode == "P":
        clean.putpalette(upright.getpalette() or [])
    clean.paste(upright)
    return clean


def reencode_image(stream: IO[bytes], *, size: int) -> CleanImage:
    """Check an upload (see check_image), then decode and re-encode it so that none of its metadata survives.

    A photograph's EXIF block may carry where and when it was taken (GPS) and with which camera: for people at
    risk, that can say where they are. Every image is stored as new pixels in its own format, with WebP copies
    at the widths pages need.
    """
    extension = check_image(stream, size=size)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(stream) as opened:
            opened.load()
            image_format = opened.format or ""
            animated = image_format == "GIF" and getattr(opened, "is_animated", False)
            if animated:
                frames = [_pixels_only(frame.copy()) for frame in ImageSequence.Iterator(opened)]
                durations = [frame.info.get("duration", 100) for frame in ImageSequence.Iterator(opened)]
                clean = frames[0]
            else:
                clean = _pixels_only(opened)
    stream.seek(0)
    if animated:
        content = _encode(clean, "GIF", save_all=True, append_images=frames[1:], duration=durations, loop=0)
    elif image_format == "JPEG":
        content = _encode(clean.convert("RGB") if clean.mode != "L" else clean, "JPEG", quality=JPEG_QUALITY)
    elif image_format == "WEBP":
        content = _encode(clean, "WEBP", quality=JPEG_QUALITY)
    else:
        content = _encode(clean, image_format, optimize=True)
    width, height = clean.size
    renditions = []
    for target in RENDITION_WIDTHS:
        if target >= width:
            break
        copy = clean.convert("RGBA" if "A" in clean.getbands() or clean.mode == "P" else "RGB")
        copy = copy.resize((target, max(1, round(height * target / width))), Image.Resampling.LANCZOS)
        renditions.append((target, _encode(copy, RENDITION_FORMAT, quality=80)))
    return CleanImage(content, extension, width, height, tuple(renditions))
