"""Reception schedule: upcoming and archived by month, the home page's next sessions, .ics."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from publications import selectors
from publications.records import ReceptionEntry
from tests import utils

pytestmark = pytest.mark.django_db


@pytest.fixture
def schedule():
    page = utils.make_publication_page("ReceptionSchedulePage", "Lịch tiếp công dân", "lich-tiep-cong-dan")
    now = timezone.now()
    future = ReceptionEntry.objects.create(
        leader="Đại tá Nguyễn Văn Mẫu",
        leader_title="Giám đốc Công an Thành phố",
        place="Trụ sở tiếp công dân, số 1 đường Mẫu; phường An Phú",
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=3),
        subject="Khiếu nại về đăng ký cư trú, hộ khẩu và các thủ tục liên quan đến căn cước công dân",
    )
    past = ReceptionEntry.objects.create(
        leader="Thượng tá Trần Văn Thử",
        leader_title="Phó Giám đốc",
        place="Trụ sở tiếp công dân",
        starts_at=now - timedelta(days=40),
    )
    return page, future, past


def test_upcoming_and_archive_by_month(client, schedule):
    page, future, past = schedule
    assert selectors.reception_upcoming() == [future]
    month = timezone.localtime(past.starts_at).strftime("%m/%Y")
    assert selectors.reception_archive_by_month() == [(month, [past])]
    html = client.get(page.url).content.decode()
    assert "Đại tá Nguyễn Văn Mẫu" in html and f"Tháng {month}" in html
    assert "ical/" in html


def test_home_page_shows_the_next_sessions(client, schedule):
    home = utils.make_home()
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert "Lịch tiếp công dân" in html and "Đại tá Nguyễn Văn Mẫu" in html
    assert "Thượng tá Trần Văn Thử" not in html


def _parse_ics(text: str) -> list[dict]:
    """A small RFC 5545 reader: unfold, split properties, collect VEVENTs."""
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75
    unfolded = text.replace("\r\n ", "").split("\r\n")
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-2] == "END:VCALENDAR" and unfolded[-1] == ""
    events, current = [], None
    for line in unfolded[:-1]:
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            current[name] = value
    return events


def test_ics_export_of_the_upcoming_sessions(client, schedule):
    page, future, past = schedule
    response = client.get(page.url + "ical/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = _parse_ics(response.content.decode())
    assert len(events) == 1
    event = events[0]
    assert event["UID"] == f"tiep-cong-dan-{future.pk}@testserver"
    assert "DTSTAMP" in event
    start = datetime.strptime(event["DTSTART"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert start == future.starts_at.replace(microsecond=0)
    assert event["LOCATION"] == "Trụ sở tiếp công dân\\, số 1 đường Mẫu\\; phường An Phú"
    assert event["SUMMARY"].startswith("Tiếp công dân: Đại tá Nguyễn Văn Mẫu")


def test_ics_parses_with_icalendar_when_installed(client, schedule):
    icalendar = pytest.importorskip("icalendar")
    page, future, past = schedule
    calendar = icalendar.Calendar.from_ical(client.get(page.url + "ical/").content)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == [f"tiep-cong-dan-{future.pk}@testserver"]


def test_api_lists_upcoming_only(client, schedule):
    page, future, past = schedule
    data = client.get("/api/v1/reception-schedule").json()
    assert [item["id"] for item in data] == [future.pk]
