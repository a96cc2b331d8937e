"""Checks on files sent by citizens (dossier components, evidence for tips).

The type is judged by content, never by the file name. Nothing that could identify a
reporter reaches the disk: images are re-encoded without EXIF, GPS, XMP, comments or text
chunks (the ICC profile is kept); PDFs lose their document information and XMP (pikepdf);
videos lose their metadata atoms through ffmpeg (`-map_metadata -1 -c copy`), and are refused
when ffmpeg is missing. Work is bounded: an image's pixel count is read from its header and
refused above PORTAL_UPLOAD_MAX_PIXELS before anything is decoded.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import warnings
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 40_000_000
# Pillow refuses (DecompressionBombError) at twice this and warns above it; the header check in
# `_reencode` refuses above PORTAL_UPLOAD_MAX_PIXELS first, with a message a citizen can act on.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
VIDEO = {"mp4", "mov", "webm"}
_FFMPEG_FORMAT = {"mp4": "mp4", "mov": "mov", "webm": "webm"}
_PDF_MARKERS = (
    b"/Author",
    b"/Creator",
    b"/Producer",
    b"/Title",
    b"/Subject",
    b"/Keywords",
    b"/CreationDate",
    b"/ModDate",
    b"/Metadata",
    b"xmpmeta",
)

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


def max_pixels() -> int:
    return int(getattr(settings, "PORTAL_UPLOAD_MAX_PIXELS", MAX_PIXELS))


def _too_many_pixels(pixels: int | None) -> ValidationError:
    size = f" ({-(-pixels // 1_000_000)} triệu điểm ảnh)" if pixels else ""
    return ValidationError(
        _("Ảnh quá lớn%(size)s; chỉ nhận ảnh tối đa %(mp)s triệu điểm ảnh, vui lòng thu nhỏ ảnh rồi gửi lại.")
        % {"size": size, "mp": max_pixels() // 1_000_000},
        code="too_many_pixels",
    )


def _bomb_pixels(exc: Exception) -> int | None:
    found = re.search(r"\((\d+) pixels\)", str(exc))
    return int(found.group(1)) if found else None


def _reencode(data: bytes, kind: str) -> bytes:
    """The image drawn again without any metadata but its colour profile.

    `Image.open` reads only the header, so the pixel count is checked before a byte is decoded;
    no copy of the pixels is made when the mode and orientation already suit the output.
    """
    bad = _("Tệp ảnh bị hỏng hoặc không đọc được.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                width, height = img.size
                if width * height > max_pixels():
                    raise _too_many_pixels(width * height)
                img.load()
                icc = img.info.get("icc_profile")
                transparency = img.info.get("transparency") if kind == "png" else None
                img = ImageOps.exif_transpose(img) or img
                if kind == "jpg" and img.mode not in {"RGB", "L"}:
                    img = img.convert("RGB")
                elif kind == "png" and img.mode not in {"RGB", "RGBA", "L", "LA", "P", "1", "I;16"}:
                    img = img.convert("RGBA")
                img.info = {}  # comments, EXIF, XMP, text chunks: nothing of the original goes out
                options = {"icc_profile": icc} if icc else {}
                small = width * height <= 4_000_000
                out = io.BytesIO()
                if kind == "jpg":
                    img.save(out, "JPEG", quality=90, optimize=small, **options)
                else:
                    if transparency is not None:
                        options["transparency"] = transparency
                    img.save(out, "PNG", optimize=small, **options)
                return out.getvalue()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels(_bomb_pixels(exc)) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ValidationError(bad, code="bad_image") from exc


def _strip_pdf(data: bytes) -> bytes:
    """The PDF without its document information (/Info) and without any XMP stream.

    A file pikepdf cannot read is kept as sent only when no metadata key appears in its bytes.
    """
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if "/Info" in pdf.trailer:
                del pdf.trailer["/Info"]
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream) and "/Metadata" in obj:
                    del obj["/Metadata"]
            if "/Metadata" in pdf.Root:
                del pdf.Root["/Metadata"]
            if "/PieceInfo" in pdf.Root:
                del pdf.Root["/PieceInfo"]
            out = io.BytesIO()
            pdf.save(out, fix_metadata_version=False, deterministic_id=True)
            return out.getvalue()
    except (pikepdf.PdfError, ValueError, RecursionError) as exc:
        if any(marker in data for marker in _PDF_MARKERS):
            raise ValidationError(
                _(
                    "Tệp PDF bị hỏng nên không xoá được thông tin tác giả, thời gian tạo; vui lòng lưu lại tệp rồi gửi lại."
                ),
                code="bad_pdf",
            ) from exc
        return data


def ffmpeg_path() -> str | None:
    return shutil.which(getattr(settings, "PORTAL_FFMPEG", "ffmpeg") or "ffmpeg")


def _strip_video(data: bytes, kind: str) -> bytes:
    """The video with its streams copied unchanged and every metadata atom dropped (GPS
    `location`/©xyz, creation time, device); data tracks such as camera telemetry are left out."""
    ffmpeg = ffmpeg_path()
    if ffmpeg is None:
        raise ValidationError(
            _(
                "Hệ thống tạm thời chưa nhận được tệp video (không xoá được thông tin vị trí trong video); vui lòng gửi ảnh hoặc mô tả bằng lời."
            ),
            code="video_unavailable",
        )
    with tempfile.TemporaryDirectory(prefix="portal-video-") as folder:
        source = os.path.join(folder, f"in.{kind}")
        target = os.path.join(folder, f"out.{kind}")
        with open(source, "wb") as handle:
            handle.write(data)
        command = [
            ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-i", source,
            "-map", "0:V?", "-map", "0:a?", "-map_metadata", "-1", "-map_chapters", "-1",
            "-c", "copy", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
            "-f", _FFMPEG_FORMAT[kind], "-y", target,
        ]  # fmt: skip
        try:
            done = subprocess.run(command, capture_output=True, timeout=60, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ValidationError(_("Tệp video không xử lý được."), code="bad_video") from exc
        if done.returncode != 0 or not os.path.exists(target) or not os.path.getsize(target):
            raise ValidationError(_("Tệp video bị hỏng hoặc không đọc được."), code="bad_video")
        with open(target, "rb") as handle:
            return handle.read()


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
    elif kind == "pdf":
        data = _strip_pdf(data)
    elif kind in VIDEO:
        data = _strip_video(data, kind)
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
