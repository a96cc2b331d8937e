import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cms import uploads


def _jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 0.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_jpeg_is_reencoded_without_exif_or_gps():
    raw = _jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(0x8825)
    cleaned = uploads.clean_upload(SimpleUploadedFile("anh.jpg", raw), uploads.EVIDENCE)
    assert cleaned.kind == "jpg"
    img = Image.open(io.BytesIO(cleaned.content))
    assert not img.getexif()
    assert b"PhoneMaker" not in cleaned.content
    assert b"Exif" not in cleaned.content


def test_exe_renamed_pdf_is_refused():
    fake = SimpleUploadedFile("don.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200)
    with pytest.raises(ValidationError) as exc:
        uploads.clean_upload(fake)
    assert "không đúng định dạng" in exc.value.messages[0]


def test_pdf_accepted_by_content_even_with_wrong_name():
    cleaned = uploads.clean_upload(SimpleUploadedFile("scan.png", b"%PDF-1.4\n%test\n"))
    assert cleaned.kind == "pdf"
    assert cleaned.name == "scan.pdf"


def test_size_limit(settings):
    settings.PORTAL_UPLOAD_MAX_FILE = 1000
    with pytest.raises(ValidationError) as exc:
        uploads.clean_upload(SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * 2000))
    assert "vượt quá dung lượng" in exc.value.messages[0]


def test_total_limit(settings):
    settings.PORTAL_UPLOAD_MAX_TOTAL = 100
    files = [SimpleUploadedFile(f"{i}.pdf", b"%PDF-" + b"0" * 60) for i in range(2)]
    with pytest.raises(ValidationError) as exc:
        uploads.clean_uploads(files)
    assert "Tổng dung lượng" in exc.value.messages[0]


def test_empty_file_refused():
    with pytest.raises(ValidationError):
        uploads.clean_upload(SimpleUploadedFile("a.pdf", b""))


def test_one_multiple_file_field_for_every_form_limits_count_and_kinds():
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cms.intake import MultipleFileField
    from cms.uploads import EVIDENCE

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    field = MultipleFileField(kinds=EVIDENCE, max_files=2, required=False)
    assert ".mp4" in field.widget.attrs["accept"] and ".jpeg" in field.widget.attrs["accept"]
    assert field.clean([]) == []
    files = [SimpleUploadedFile(f"to-{i}.pdf", pdf, content_type="application/pdf") for i in range(3)]
    assert [f.kind for f in field.clean(files[:2])] == ["pdf", "pdf"]
    with pytest.raises(ValidationError, match="tối đa 2 tệp"):
        field.clean(files)
    with pytest.raises(ValidationError, match="ít nhất một tệp"):
        MultipleFileField().clean([])
