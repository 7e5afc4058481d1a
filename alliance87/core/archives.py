"""One guard for every zip-based file we read (docx, xlsx, odt, epub…): checked before any parser opens it.

A "zip bomb" is a small file that unpacks to far more than it weighs: a 279 KB Word file whose document.xml is
63 MB took a worker from 133 to 586 MB and 23 s of CPU. Every reader here (python-docx, openpyxl, odfpy) goes
through Python's `zipfile`, which never returns more bytes for an entry than its central directory declares
(and checks the CRC at the end), so the declared sizes are an upper bound of what a parser can be made to read:
checking them — entry count, each entry's size and ratio, the total — is enough, and costs no decompression.

XML inside an archive may not declare a DOCTYPE: openpyxl and odfpy would otherwise expand entities.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ArchiveLimits:
    """How large an archive may be once unpacked, and how many parts it may hold."""

    max_entries: int = 1000
    max_unpacked_bytes: int = 100 * 1024 * 1024
    #: Entries above `ratio_floor_bytes` may unpack to at most this many times their compressed size. Real
    #: office documents stay well under 30; an entry of repeated bytes compresses about 1,000 times.
    max_ratio: int = 100
    ratio_floor_bytes: int = 1024 * 1024
    #: XML parts read for a DOCTYPE: only the head of each (a DOCTYPE must come before the root element).
    doctype_head_bytes: int = 4096


DEFAULT_LIMITS = ArchiveLimits()

#: The codes of the refusals, so a caller can tell them apart (`error.code`).
NOT_AN_ARCHIVE, MISSING_PARTS, TOO_MANY_ENTRIES, TOO_LARGE, ZIP_BOMB, DOCTYPE = (
    "not_an_archive",
    "missing_parts",
    "too_many_entries",
    "too_large",
    "zip_bomb",
    "doctype",
)


def is_zip(content: bytes) -> bool:
    return content[:4] == b"PK\x03\x04"


def check_archive(
    content: bytes | IO[bytes],
    *,
    required: Iterable[str] = (),
    limits: ArchiveLimits = DEFAULT_LIMITS,
    what: str = "",
) -> list[zipfile.ZipInfo]:
    """Refuse an archive that is damaged, lacks a required part, or would unpack to too much; its entries otherwise.

    `content` is the bytes or a seekable binary stream (read from its start). Raises a ValidationError whose message names the file as `what` ("The workbook", "The Word file"; "The
    file" when not given) and whose code is one of this module's codes.
    """
    subject = what or _("The file")
    try:
        source = io.BytesIO(content) if isinstance(content, bytes) else content
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
            if len(members) > limits.max_entries:
                raise ValidationError(
                    _("%(what)s holds %(count)s parts; at most %(max)s are read.")
                    % {"what": subject, "count": len(members), "max": limits.max_entries},
                    code=TOO_MANY_ENTRIES,
                )
            names = {member.filename for member in members}
            missing = [name for name in required if name not in names]
            if missing:
                raise ValidationError(
                    _("%(what)s lacks the part %(part)s; it is not the kind of file its name says.")
                    % {"what": subject, "part": missing[0]},
                    code=MISSING_PARTS,
                )
            _check_sizes(members, limits, subject)
            _check_doctypes(archive, members, limits, subject)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, EOFError, ValueError):
        raise ValidationError(
            _("%(what)s is not a readable archive; it seems to be damaged.") % {"what": subject},
            code=NOT_AN_ARCHIVE,
        ) from None
    return members


def _check_sizes(members: list[zipfile.ZipInfo], limits: ArchiveLimits, subject: str) -> None:
    if sum(member.file_size for member in members) > limits.max_unpacked_bytes:
        raise ValidationError(
            _("%(what)s is too large once unpacked (more than %(max)s MB).")
            % {"what": subject, "max": limits.max_unpacked_bytes // (1024 * 1024)},
            code=TOO_LARGE,
        )
    for member in members:
        if member.file_size > limits.ratio_floor_bytes and member.file_size > limits.max_ratio * max(
            member.compress_size, 1
        ):
            raise ValidationError(
                _("%(what)s is compressed suspiciously well (a “zip bomb”) and is refused.")
                % {"what": subject},
                code=ZIP_BOMB,
            )


def _check_doctypes(
    archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], limits: ArchiveLimits, subject: str
) -> None:
    for member in members:
        if member.filename.endswith((".xml", ".rels", ".opf", ".xhtml", ".ncx")):
            with archive.open(member) as part:
                head = part.read(limits.doctype_head_bytes).upper()
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise ValidationError(
                    _("%(what)s contains a DOCTYPE declaration and is refused.") % {"what": subject},
                    code=DOCTYPE,
                )
