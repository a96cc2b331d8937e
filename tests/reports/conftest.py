import io

import pytest
from django.contrib.auth.models import Group, User
from PIL import Image

from reports import groups, services
from reports.models import ReportCategory


def jpeg_with_gps() -> bytes:
    """A photo carrying a camera make and GPS coordinates, like one straight from a phone."""
    img = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 0.0)}
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def crime(db):
    return ReportCategory.objects.get(code="toi-pham-hinh-su")


@pytest.fixture
def fraud(crime):
    return ReportCategory.objects.create(code="lua-dao-qua-mang", name="Lừa đảo qua mạng", parent=crime)


@pytest.fixture
def officer(db):
    groups.ensure_groups()
    user = User.objects.create_user("canbo", "canbo@example.vn", "matkhau-123")
    user.groups.add(Group.objects.get(name=groups.OFFICER_GROUP))
    return user


@pytest.fixture
def identity_officer(officer):
    officer.groups.add(Group.objects.get(name=groups.IDENTITY_GROUP))
    return User.objects.get(pk=officer.pk)


@pytest.fixture
def make_report(crime):
    def _make(**kwargs):
        kwargs.setdefault("category", crime)
        kwargs.setdefault("description", "Có người lạ tụ tập đánh bạc ở đầu ngõ mỗi tối.")
        return services.report_submit(**kwargs)

    return _make
