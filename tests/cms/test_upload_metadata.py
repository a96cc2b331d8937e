"""Citizens' files reach the disk without what could identify them (GPS, author, comments, dates)
and an image's size is judged from its header, before a pixel is decoded."""

import io
import json
import shutil
import struct
import subprocess
import time
import zlib

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms, PngImagePlugin

from cms import uploads

GPS = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 0.0)}
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><dc:creator>Nguyen Van Bao</dc:creator></rdf:RDF></x:xmpmeta>'


def _srgb() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def huge_png(width: int = 13_000, height: int = 13_000) -> bytes:
    """A black 1-bit PNG of width × height pixels in a few kilobytes (a decompression bomb)."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", body) + _png_chunk(b"IEND", b"")


def test_jpeg_loses_comment_exif_gps_and_xmp_but_keeps_its_colour_profile():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = GPS
    out = io.BytesIO()
    icc = _srgb()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(
        out, "JPEG", exif=exif, comment=b"Chup tai nha so 12 Hang Bai", icc_profile=icc, xmp=XMP
    )
    sent = out.getvalue()
    assert b"Hang Bai" in sent and b"PhoneMaker" in sent and b"Nguyen Van Bao" in sent
    stored = uploads.clean_upload(SimpleUploadedFile("anh.jpg", sent)).content
    for secret in (b"Hang Bai", b"PhoneMaker", b"Exif", b"xmpmeta", b"Nguyen Van Bao", b"\xff\xfe"):
        assert secret not in stored
    with Image.open(io.BytesIO(stored)) as img:
        assert img.size == (40, 30) and not img.getexif() and "comment" not in img.info
        assert img.info.get("icc_profile") == icc


def test_png_loses_text_chunks_and_exif():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Tran Thi Mai")
    info.add_itxt("Comment", "Nhà số 12 phố Hàng Bài", lang="vi")
    info.add_text("Location", "21.0285,105.8542", zip=True)
    exif = Image.Exif()
    exif[0x8825] = GPS
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 255, 128)).save(out, "PNG", pnginfo=info, exif=exif, icc_profile=_srgb())
    sent = out.getvalue()
    assert b"tEXt" in sent and b"iTXt" in sent and b"zTXt" in sent and b"eXIf" in sent
    stored = uploads.clean_upload(SimpleUploadedFile("anh.png", sent)).content
    for chunk in (b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"Tran Thi Mai", b"Author"):
        assert chunk not in stored
    assert b"iCCP" in stored
    with Image.open(io.BytesIO(stored)) as img:
        assert img.mode == "RGBA" and img.getpixel((3, 3)) == (0, 0, 255, 128)


def test_pdf_loses_its_document_information_and_xmp():
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = "Le Van Tuan"
    pdf.docinfo["/Producer"] = "Máy quét phường 7"
    pdf.docinfo["/CreationDate"] = "D:20250101120000+07'00'"
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = ["Le Van Tuan"]
    pdf.Root.Pages.Kids[0].Metadata = pdf.make_stream(XMP)
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)
    sent = out.getvalue()
    assert b"Le Van Tuan" in sent and b"xmpmeta" in sent
    stored = uploads.clean_upload(SimpleUploadedFile("to-cao.pdf", sent), uploads.EVIDENCE).content
    for secret in (b"Le Van Tuan", b"Nguyen Van Bao", b"/Author", b"/Producer", b"/CreationDate", b"xmpmeta"):
        assert secret not in stored
    with pikepdf.open(io.BytesIO(stored)) as again:
        assert len(again.pages) == 1 and "/Metadata" not in again.Root and "/Author" not in again.docinfo


def test_an_unreadable_pdf_with_metadata_is_refused_and_one_without_is_kept():
    with pytest.raises(ValidationError, match="không xoá được thông tin tác giả"):
        uploads.clean_upload(SimpleUploadedFile("a.pdf", b"%PDF-1.4\n<< /Author (Le Van Tuan) >>\n"))
    assert uploads.clean_upload(SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%test\n")).content == b"%PDF-1.4\n%test\n"


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")
@pytest.mark.parametrize(("kind", "flags"), [("mp4", []), ("mp4", ["-movflags", "use_metadata_tags"]), ("mov", [])])
def test_video_loses_its_location_and_metadata(tmp_path, kind, flags):
    source = tmp_path / f"clip.{kind}"
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=5:duration=1",
         "-c:v", "mpeg4", "-metadata", "location=+21.0285+105.8542/", "-metadata", "artist=Pham Van Nam",
         "-metadata", "creation_time=2025-05-01T08:00:00Z", *flags, str(source)],
        check=True,
    )  # fmt: skip
    sent = source.read_bytes()
    gps = b"loci" if kind == "mp4" and not flags else b"+21.0285"
    assert gps in sent and b"Lavf" in sent
    cleaned = uploads.clean_upload(SimpleUploadedFile(f"clip.{kind}", sent), uploads.EVIDENCE)
    assert cleaned.kind == kind
    for secret in (b"Pham Van Nam", b"+21.0285", b"loci", b"\xa9xyz", b"Lavf", b"2025-05-01"):
        assert secret not in cleaned.content
    (tmp_path / f"out.{kind}").write_bytes(cleaned.content)
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "stream=codec_type:format_tags", "-of", "json",
         str(tmp_path / f"out.{kind}")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    found = json.loads(probe.stdout)
    assert [s["codec_type"] for s in found["streams"]] == ["video"]
    assert "location" not in found["format"].get("tags", {})


def test_video_is_refused_in_vietnamese_when_ffmpeg_is_missing(monkeypatch):
    monkeypatch.setattr(uploads, "ffmpeg_path", lambda: None)
    mp4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 64
    with pytest.raises(ValidationError, match="chưa nhận được tệp video"):
        uploads.clean_upload(SimpleUploadedFile("clip.mp4", mp4), uploads.EVIDENCE)


def test_a_13000_pixel_square_png_is_refused_from_its_header_quickly():
    bomb = huge_png()
    assert len(bomb) < 64 * 1024
    started = time.perf_counter()
    with pytest.raises(ValidationError, match="Ảnh quá lớn") as refused:
        uploads.clean_upload(SimpleUploadedFile("bom.png", bomb), uploads.EVIDENCE)
    assert time.perf_counter() - started < 0.5
    assert "(169 triệu điểm ảnh)" in refused.value.messages[0] and "tối đa 40 triệu" in refused.value.messages[0]


def test_pixel_limit_follows_the_setting_and_pillow_bombs_are_caught(settings, monkeypatch):
    settings.PORTAL_UPLOAD_MAX_PIXELS = 100
    out = io.BytesIO()
    Image.new("RGB", (11, 10)).save(out, "PNG")
    with pytest.raises(ValidationError, match=r"Ảnh quá lớn \(1 triệu"):
        uploads.clean_upload(SimpleUploadedFile("a.png", out.getvalue()))
    settings.PORTAL_UPLOAD_MAX_PIXELS = 10_000
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 50)  # Pillow's own guard answers first
    with pytest.raises(ValidationError, match="Ảnh quá lớn"):
        uploads.clean_upload(SimpleUploadedFile("a.png", out.getvalue()))
