"""Checks on files sent by citizens (dossier components, evidence for tips).

The type is judged by content, never by the file name; images are re-encoded so that EXIF,
GPS and other metadata that could identify a reporter never reach the disk.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

DOCUMENTS = {"pdf", "jpg", "png", "docx"}
EVIDENCE = {"pdf", "jpg", "png", "mp4", "mov", "webm"}
_LABELS = {
    "pdf": "PDF",
    "jpg": "JPEG",
    "png": "PNG",
    "docx": "DOCX",
    "mp4": "MP4",
    "mov": "MOV",
    "webm": "WEBM",
}
_MIME = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "mp4": "video/mp4",
    "mov": "video/quicktime",
    "webm": "video/webm",
}


@dataclass(frozen=True)
class CleanFile:
    """A validated upload: safe bytes, the detected kind, and a name with the right extension."""

    name: str
    kind: str
    content: bytes

    @property
    def content_type(self) -> str:
        return content_type_for(self.kind)

    @property
    def size(self) -> int:
        return len(self.content)


def content_type_for(kind: str) -> str:
    """The MIME type to serve a stored file of `kind` (as `detect_kind` names it) with."""
    return _MIME.get(kind, "application/octet-stream")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def detect_kind(data: bytes) -> str | None:
    """The file kind by its content, or None when it is not one we know."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    guess = filetype.guess(data[:8192])
    if guess is None:
        return None
    ext = guess.extension
    if ext == "jpg" or ext == "png" or ext in {"mp4", "mov", "webm"}:
        return ext
    if ext in {"zip", "docx"}:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
            return "docx"
    return None


def _reencode(data: bytes, kind: str) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            img = ImageOps.exif_transpose(img)
            out = io.BytesIO()
            if kind == "jpg":
                img.convert("RGB").save(out, "JPEG", quality=90, optimize=True)
            else:
                if img.mode not in {"RGB", "RGBA", "L", "LA", "P"}:
                    img = img.convert("RGBA")
                img.save(out, "PNG", optimize=True)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("Tệp ảnh bị hỏng hoặc không đọc được."), code="bad_image") from exc


def clean_upload(upload, allowed: set[str] = DOCUMENTS) -> CleanFile:
    """Validate one uploaded file and return its safe form, or raise ValidationError."""
    max_size = settings.PORTAL_UPLOAD_MAX_FILE
    name = (getattr(upload, "name", "") or "tep").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    if getattr(upload, "size", 0) and upload.size > max_size:
        raise ValidationError(
            _("Tệp “%(name)s” vượt quá dung lượng cho phép (%(max)s).") % {"name": name, "max": _mb(max_size)},
            code="too_large",
        )
    data = upload.read(max_size + 1)
    if len(data) > max_size:
        raise ValidationError(
            _("Tệp “%(name)s” vượt quá dung lượng cho phép (%(max)s).") % {"name": name, "max": _mb(max_size)},
            code="too_large",
        )
    if not data:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": name}, code="empty")
    kind = detect_kind(data)
    if kind not in allowed:
        accepted = ", ".join(_LABELS[k] for k in sorted(allowed))
        raise ValidationError(
            _(
                "Tệp “%(name)s” không đúng định dạng cho phép (%(accepted)s); hệ thống kiểm tra nội dung tệp, không dựa vào tên tệp."
            )
            % {"name": name, "accepted": accepted},
            code="bad_type",
        )
    if kind in {"jpg", "png"}:
        data = _reencode(data, kind)
    stem = name.rsplit(".", 1)[0][:80] or "tep"
    return CleanFile(name=f"{stem}.{kind}", kind=kind, content=data)


def clean_uploads(uploads, allowed: set[str] = DOCUMENTS) -> list[CleanFile]:
    """Validate several files and the total size of a dossier."""
    files = [clean_upload(u, allowed) for u in uploads]
    limit = settings.PORTAL_UPLOAD_MAX_TOTAL
    if sum(f.size for f in files) > limit:
        raise ValidationError(
            _("Tổng dung lượng các tệp vượt quá %(max)s.") % {"max": _mb(limit)}, code="total_too_large"
        )
    return files
