import csv
import io
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from cms import places
from reports import stats
from reports.models import Report, ReportCategory

# Half-year 2019 figures as the department reported them.
HALF_YEAR_2019 = {
    "an-ninh-chinh-tri": 4480,
    "toi-pham-hinh-su": 15787,
    "te-nan-xa-hoi": 6292,
    "khac": 1761,
}
CHANNELS = ["web", "hotline", "fanpage", "email", "in_person"]
_HASH = "md5$x$0"


def _bulk(counts: dict[str, int], start: datetime, days: int, ward_code=None):
    tops = {c.code: c for c in ReportCategory.objects.filter(parent__isnull=True)}
    rows, n = [], 0
    for code, count in counts.items():
        for i in range(count):
            rows.append(
                Report(
                    code=f"T{n:09d}",
                    pin_hash=_HASH,
                    category=tops[code],
                    channel=CHANNELS[n % len(CHANNELS)],
                    description="-",
                    ward_code=ward_code,
                    received_at=start + timedelta(days=(i * days) // count, hours=(i % 20)),
                )
            )
            n += 1
    Report.objects.bulk_create(rows, batch_size=5000)


@pytest.fixture
def half_year_2019(db):
    tz = timezone.get_current_timezone()
    _bulk(HALF_YEAR_2019, datetime(2019, 1, 1, 0, 30, tzinfo=tz), 181)
    # Just outside the period on both sides (local time): must not be counted.
    crime = ReportCategory.objects.get(code="toi-pham-hinh-su")
    for moment in (datetime(2018, 12, 31, 23, 59, tzinfo=tz), datetime(2019, 7, 1, 0, 0, tzinfo=tz)):
        Report.objects.create(
            code=f"X{moment:%Y%m%d}", pin_hash=_HASH, category=crime, description="-", received_at=moment
        )


def test_first_half_of_2019_counts_28320(client, half_year_2019):
    """One load of 28.320 rows, checked through the report, the public page and the API."""
    result = stats.report_stats(stats.period_for("6-thang-dau-nam", 2019))
    assert result.period.label == "6 tháng đầu năm 2019"
    assert result.total == 28320
    assert {r.key: r.count for r in result.by_category} == HALF_YEAR_2019
    assert sum(r.count for r in result.by_channel) == 28320
    assert [r.key for r in result.by_month] == [f"2019-{m:02d}" for m in range(1, 7)]
    assert sum(r.count for r in result.by_month) == 28320

    response = client.get("/phan-anh-to-giac/thong-ke/", {"ky": "6-thang-dau-nam", "nam": "2019"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "6 tháng đầu năm 2019" in html
    assert 'class="stats-total">28.320<' in html
    for code, figure in (
        ("an-ninh-chinh-tri", "4.480"),
        ("toi-pham-hinh-su", "15.787"),
        ("te-nan-xa-hoi", "6.292"),
        ("khac", "1.761"),
    ):
        assert f'data-key="{code}">{figure}<' in html
    assert "<svg" in html and "<table" in html and "<title" in html
    assert "<script" not in html.split('id="noi-dung"')[1].split("</main>")[0]

    data = client.get("/api/v1/stats/reports", {"from": "2019-01-01", "to": "2019-06-30"}).json()
    assert data["total"] == 28320
    assert data["by_category"] == HALF_YEAR_2019
    assert sum(data["by_month"].values()) == 28320
    assert set(data["by_channel"]) == set(CHANNELS)


@pytest.mark.django_db
def test_small_ward_counts_are_masked_on_the_public_page_only(client, officer):
    hanoi = places.get_province(1)
    small, big = hanoi.wards[0], hanoi.wards[1]
    start = timezone.now() - timedelta(hours=1)
    _bulk({"khac": 3}, start, 0, ward_code=small.code)
    _bulk_codes_offset({"toi-pham-hinh-su": 12}, start, big.code)
    public = client.get("/phan-anh-to-giac/thong-ke/", {"ky": "thang-nay"})
    html = public.content.decode()
    ward_table = html.split("stats-wards")[1]
    assert "&lt; 10" in ward_table and ">3<" not in ward_table
    assert ">12<" in ward_table
    csv_text = client.get("/phan-anh-to-giac/thong-ke/", {"ky": "thang-nay", "dinh-dang": "csv"}).content.decode(
        "utf-8-sig"
    )
    rows = list(csv.reader(io.StringIO(csv_text)))
    ward_rows = {r[1]: r[3] for r in rows if r[0] == "Theo xã, phường"}
    assert ward_rows == {str(small.code): "< 10", str(big.code): "12"}

    client.force_login(officer)
    admin = client.get("/admin/phan-anh/thong-ke/", {"ky": "thang-nay"}).content.decode()
    admin_wards = admin.split("stats-wards")[1]
    assert ">3<" in admin_wards and "&lt; 10" not in admin_wards


def _bulk_codes_offset(counts, start, ward_code):
    tops = {c.code: c for c in ReportCategory.objects.filter(parent__isnull=True)}
    Report.objects.bulk_create(
        [
            Report(
                code=f"W{i:09d}",
                pin_hash=_HASH,
                category=tops[code],
                description="-",
                ward_code=ward_code,
                received_at=start,
            )
            for code, count in counts.items()
            for i in range(count)
        ]
    )


@pytest.mark.django_db
def test_exports_csv_and_xlsx(client, officer, make_report):
    make_report()
    make_report(channel="fanpage", description="Phản ánh nhận qua fanpage về tụ điểm ma túy.")
    client.force_login(officer)
    response = client.get("/admin/phan-anh/thong-ke/", {"ky": "thang-nay", "dinh-dang": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert ["Tổng số", "total", "Tổng số", "2"] in rows
    assert ["Theo kênh tiếp nhận", "fanpage", "Fanpage", "1"] in rows
    xlsx = client.get("/admin/phan-anh/thong-ke/", {"ky": "thang-nay", "dinh-dang": "xlsx"})
    assert "spreadsheetml" in xlsx["Content-Type"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    assert ("Tổng số", 2) in values
    assert ("Tội phạm hình sự", 2) in values
    from reports.models import ReportEvent

    assert ReportEvent.objects.filter(action="export", user=officer).count() == 2


def test_period_presets():
    assert stats.period_for("ca-nam", 2019).label == "Năm 2019"
    p = stats.period_for("6-thang-dau-nam", 2020)
    assert (p.start.isoformat(), p.end.isoformat()) == ("2020-01-01", "2020-06-30")
    custom = stats.period_for("", None, datetime(2019, 3, 5).date(), datetime(2019, 3, 1).date())
    assert custom.start < custom.end and custom.label == "Từ 01/03/2019 đến 05/03/2019"
    assert stats.masked(9) == "< 10" and stats.masked(10) == "10" and stats.masked(12000) == "12.000"
