"""What an uploaded news image really is, judged by its content (Pillow), and whether it is small enough."""

from __future__ import annotations

import warnings
from typing import IO

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

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
