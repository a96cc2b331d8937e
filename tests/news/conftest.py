"""Fixtures of the news tests: categories, an image drawn with Pillow, a batch of articles."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images.models import Image

from tests import utils


def local(year, month, day, hour=0, minute=0) -> datetime:
    """An aware datetime in the portal's time zone (Asia/Ho_Chi_Minh)."""
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def make_image(title: str = "Ảnh tuần tra", size=(1600, 1000)) -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (20, 60, 120)).save(buffer, format="JPEG")
    buffer.seek(0)
    return Image.objects.create(title=title, file=ImageFile(buffer, name="tuan-tra.jpg"))


@pytest.fixture
def security(db):
    return utils.make_category("An ninh trật tự", "an-ninh-trat-tu")


@pytest.fixture
def traffic(db):
    return utils.make_category("Giao thông", "giao-thong")


@pytest.fixture
def image(db):
    return make_image()
