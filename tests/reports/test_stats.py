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

    # The public sees the closed year: the half year plus the tip of 1 July 2019.
    response = client.get("/phan-anh-to-giac/thong-ke/", {"ky": "2019"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Năm 2019" in html
    assert 'class="stats-total">28.321<' in html
    for code, figure in (
        ("an-ninh-chinh-tri", "4.480"),
        ("toi-pham-hinh-su", "15.788"),
        ("te-nan-xa-hoi", "6.292"),
        ("khac", "1.761"),
    ):
        assert f'data-key="{code}">{figure}<' in html
    assert 'data-key="2019-07">&lt; 10<' in html and 'data-key="2019-12">&lt; 10<' in html
    assert "<svg" in html and "<table" in html and "<title" in html
    assert "<script" not in html.split('id="noi-dung"')[1].split("</main>")[0]

    data = client.get("/api/v1/stats/reports", {"ky": "2019"}).json()
    assert data["total"] == 28321 and data["label"] == "Năm 2019"
    assert data["by_category"] == {**HALF_YEAR_2019, "toi-pham-hinh-su": 15788}
    assert data["by_month"]["2019-07"] is None and data["by_month"]["2019-06"] > 4000
    assert set(data["by_channel"]) == set(CHANNELS)
    assert client.get("/api/v1/stats/reports", {"ky": "2019-q2"}).json()["total"] == 28320 - sum(
        data["by_month"][f"2019-{m:02d}"] for m in (1, 2, 3)
    )


@pytest.mark.django_db
def test_small_ward_counts_are_masked_on_the_public_page_only(client, officer):
    hanoi = places.get_province(1)
    small, big = hanoi.wards[0], hanoi.wards[1]
    closed = stats.latest_closed_month()
    start = datetime.combine(closed.start, datetime.min.time(), tzinfo=timezone.get_current_timezone()) + timedelta(
        hours=10
    )
    _bulk({"khac": 3}, start, 0, ward_code=small.code)
    _bulk_codes_offset({"toi-pham-hinh-su": 12}, start, big.code)
    ky = stats.latest_closed_month().preset
    public = client.get("/phan-anh-to-giac/thong-ke/", {"ky": ky})
    html = public.content.decode()
    ward_table = html.split("stats-wards")[1].split("</table>")[0]
    assert "&lt; 10" in ward_table and ">3<" not in ward_table
    # the ward of 3 is masked with the tips of no ward (0): only their sum can be worked out
    assert ">12<" in ward_table and ">15<" in ward_table
    csv_text = client.get("/phan-anh-to-giac/thong-ke/", {"ky": ky, "dinh-dang": "csv"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(csv_text)))
    ward_rows = {r[1]: r[3] for r in rows if r[0] == "Theo xã, phường"}
    assert ward_rows == {str(small.code): "< 10", str(big.code): "12", "khong-xac-dinh": "< 10"}
    assert ["Tổng số", "total", "Tổng số", "15"] in rows

    client.force_login(officer)
    admin = client.get("/admin/phan-anh/thong-ke/", {"tu": closed.start, "den": closed.end}).content.decode()
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


def test_secondary_suppression_leaves_no_masked_cell_recoverable():
    # one cell below 10: the next smallest goes with it
    assert stats.suppress([40, 3, 25, 12], 80) == ([False, True, False, True], True)
    # two or more already masked: nothing more to hide
    assert stats.suppress([40, 3, 0, 12], 55) == ([False, True, True, False], True)
    # nothing small: everything shown
    assert stats.suppress([40, 12], 52) == ([False, False], True)
    # a total below 10 is hidden with every cell
    assert stats.suppress([3, 4], 7) == ([True, True], False)
    # a single cell equal to a shown total is not small
    assert stats.suppress([15], 15) == ([False], True)


def _recoverable(cells: list[int | None], total: int | None) -> bool:
    """True when a masked cell can be computed from the shown cells and the total."""
    hidden = [c for c in cells if c is None]
    return total is not None and len(hidden) == 1


def test_no_public_table_lets_a_masked_count_be_worked_out():
    from hypothesis import given
    from hypothesis import strategies as st

    @given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=8))
    def check(counts):
        rows = [stats.Row(f"k{i}", f"Ô {i}", n) for i, n in enumerate(counts)]
        data = stats.Stats(stats._month(2020, 1), sum(counts), by_category=rows, by_channel=rows, by_month=rows)
        for table in stats.public_tables(data).values():
            shown = [c.count for c in table.cells]
            assert all(c is None or c >= stats.PUBLIC_THRESHOLD for c in shown)
            assert not _recoverable(shown, table.total)
            assert table.total is None or table.total == sum(counts)

    check()


def test_public_periods_are_closed_months_quarters_and_years():
    from datetime import date

    today = date(2026, 12, 2)
    assert stats.latest_closed_month(today).preset == "2026-10"  # November ended only 1 day ago
    assert stats.latest_closed_month(date(2026, 12, 8)).preset == "2026-11"
    assert stats.public_period("", today).label == "Tháng 10/2026"
    assert stats.public_period("2026-q3", today).label == "Quý 3/2026"
    assert stats.public_period("2025", today).label == "Năm 2025"
    for value, message in (
        ("2026-11", "chưa được công bố"),
        ("2026-q4", "chưa được công bố"),
        ("2026", "chưa được công bố"),
        ("0001", "Năm phải từ 2000"),
        ("9999", "Năm phải từ 2000"),
        ("2026-13", "Tháng phải từ 1 đến 12"),
        ("2026-01-05", "một tháng"),
        ("2026-11\x00", "một tháng"),
        ("x" * 100_000, "một tháng"),
    ):
        with pytest.raises(stats.PeriodError, match=message):
            stats.public_period(value, today)
    choices = dict(stats.public_period_choices(today))
    assert "2026-10" in choices and "2026-11" not in choices and "2026-q4" not in choices and "2026" not in choices
    assert "2026-q3" in choices and "2025" in choices


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"tu": "0001-01-01", "den": "9999-12-31"},
        {"from": "2026-01-01", "to": "2026-01-02"},
        {"ky": "thang-nay"},
        {"ky": "0001"},
        {"ky": "9999-q1"},
        {"ky": "2019\x00"},
        {"ky": "9" * 100_000},
    ],
)
def test_public_page_refuses_day_ranges_and_open_or_impossible_periods(client, query):
    response = client.get("/phan-anh-to-giac/thong-ke/", query)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html or "Yêu cầu không hợp lệ" in html  # NUL, 100 KB: cms.querylimits
    api = client.get("/api/v1/stats/reports", {"ky": query.get("ky", "2026-01-01")})
    assert api.status_code == 400


@pytest.mark.django_db
def test_officers_keep_any_range_and_extreme_dates_are_harmless(client, officer):
    client.force_login(officer)
    response = client.get("/admin/phan-anh/thong-ke/", {"tu": "0001-01-01", "den": "9999-12-31"})
    assert response.status_code == 200
    day = client.get("/admin/phan-anh/thong-ke/", {"tu": "2026-11-30", "den": "2026-11-30"})
    assert day.status_code == 200 and "30/11/2026" in day.content.decode()
