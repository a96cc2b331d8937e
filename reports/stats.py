"""Counts of tips for any period — by category, channel, month and ward — as the department
reports them, covering every channel; plus the geometry of the server-side SVG charts.

Officers see any range in full. The public sees only closed periods (a month, a quarter or a
year that ended at least CLOSED_AFTER_DAYS ago: no day ranges, so nobody can watch one tip
arrive by comparing today with yesterday), and every table masked so that no count below
PUBLIC_THRESHOLD can be read or worked out from the other cells and the total (`public_tables`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from cms import places
from cms.text import format_date, format_number
from reports.models import Report, ReportCategory
from reports.selectors import local_day_bounds

PRESETS = {
    "thang-nay": "Tháng này",
    "6-thang-dau-nam": "6 tháng đầu năm",
    "ca-nam": "Cả năm",
}
# Counts below this are never shown on the public page, the public exports or the API: a small
# number in a small ward, category or month may point to a person.
PUBLIC_THRESHOLD = 10
PUBLIC_WARD_THRESHOLD = PUBLIC_THRESHOLD
# A period is published only once it has been over for this many days (late entries settle).
CLOSED_AFTER_DAYS = 7
PUBLIC_FIRST_YEAR = 2000
_PUBLIC_PERIOD = re.compile(r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{1,2})|[qQ](?P<quarter>[1-4])))?$")


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str
    preset: str = ""

    @property
    def year(self) -> int:
        return self.start.year


@dataclass
class Row:
    key: str
    label: str
    count: int

    @property
    def display(self) -> str:
        return format_number(self.count)


@dataclass
class Stats:
    period: Period
    total: int
    by_category: list[Row] = field(default_factory=list)
    by_channel: list[Row] = field(default_factory=list)
    by_month: list[Row] = field(default_factory=list)
    by_ward: list[Row] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "from": self.period.start.isoformat(),
            "to": self.period.end.isoformat(),
            "total": self.total,
            "by_category": {r.key: r.count for r in self.by_category},
            "by_channel": {r.key: r.count for r in self.by_channel},
            "by_month": {r.key: r.count for r in self.by_month},
        }


def period_for(preset: str = "", year: int | None = None, start: date | None = None, end: date | None = None) -> Period:
    """A preset (this month, first half, whole year of `year`) or a custom range."""
    today = timezone.localdate()
    year = year or today.year
    if preset == "6-thang-dau-nam":
        return Period(date(year, 1, 1), date(year, 6, 30), f"6 tháng đầu năm {year}", preset)
    if preset == "ca-nam":
        return Period(date(year, 1, 1), date(year, 12, 31), f"Năm {year}", preset)
    if start and end:
        if end < start:
            start, end = end, start
        return Period(start, end, f"Từ {format_date(start)} đến {format_date(end)}")
    first = today.replace(day=1)
    last = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    return Period(first, last, f"Tháng {today.month:02d}/{today.year}", "thang-nay")


def _months(start: date, end: date) -> list[tuple[int, int]]:
    months, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def report_stats(period: Period) -> Stats:
    """Totals for the period (by the date the tip was received, local time)."""
    low, high = local_day_bounds(period.start, period.end)
    qs = Report.objects.filter(received_at__gte=low, received_at__lt=high)
    total = qs.count()

    by_top = dict(
        qs.annotate(top=Coalesce("category__parent__code", "category__code"))
        .values_list("top")
        .annotate(n=Count("pk"))
        .values_list("top", "n")
    )
    tops = ReportCategory.objects.filter(parent__isnull=True).order_by("sort_order", "name")
    by_category = [Row(c.code, c.name, by_top.get(c.code, 0)) for c in tops]

    by_ch = dict(qs.values_list("channel").annotate(n=Count("pk")).values_list("channel", "n"))
    by_channel = [Row(value, str(label), by_ch.get(value, 0)) for value, label in Report.Channel.choices]

    tz = timezone.get_current_timezone()
    raw_months = qs.annotate(m=TruncMonth("received_at", tzinfo=tz)).values_list("m").annotate(n=Count("pk"))
    month_counts: dict[tuple[int, int], int] = {}
    for moment, n in raw_months.values_list("m", "n"):
        local = timezone.localtime(moment, tz) if timezone.is_aware(moment) else moment
        key = (local.year, local.month)
        month_counts[key] = month_counts.get(key, 0) + n
    by_month = [
        Row(f"{y}-{m:02d}", f"{m:02d}/{y}", month_counts.get((y, m), 0)) for y, m in _months(period.start, period.end)
    ]

    wards = (
        qs.exclude(ward_code__isnull=True)
        .values_list("ward_code")
        .annotate(n=Count("pk"))
        .values_list("ward_code", "n")
    )
    by_ward = []
    for code, n in wards:
        ward = places.get_ward(code)
        province = places.get_province(ward.province_code) if ward else None
        label = f"{ward.name} – {province.name}" if ward and province else str(code)
        by_ward.append(Row(str(code), label, n))
    by_ward.sort(key=lambda r: (-r.count, r.label))
    return Stats(period, total, by_category, by_channel, by_month, by_ward)


def masked(count: int) -> str:
    """How a ward's count appears on the public page: "< 10" below the threshold."""
    return f"< {PUBLIC_WARD_THRESHOLD}" if count < PUBLIC_WARD_THRESHOLD else format_number(count)


def bar_chart(rows: list[Row], *, width: int = 640, height: int = 240) -> dict:
    """Geometry for a vertical bar chart drawn in an SVG template (no JavaScript)."""
    pad_left, pad_bottom, pad_top = 48, 36, 16
    plot_w, plot_h = width - pad_left - 8, height - pad_bottom - pad_top
    top = max([r.count or 0 for r in rows] + [1])
    step = plot_w / max(len(rows), 1)
    bar_w = max(step * 0.7, 2)
    bars = []
    for i, row in enumerate(rows):
        h = plot_h * (row.count or 0) / top  # a masked public cell (None) draws no bar
        x = pad_left + i * step + (step - bar_w) / 2
        bars.append(
            {
                "x": round(x, 1),
                "y": round(pad_top + plot_h - h, 1),
                "w": round(bar_w, 1),
                "h": round(h, 1),
                "label": row.label,
                "value": row.display,
                "label_x": round(x + bar_w / 2, 1),
                "value_y": round(pad_top + plot_h - h - 4, 1),
            }
        )
    ticks = [
        {"y": round(pad_top + plot_h - plot_h * f, 1), "value": format_number(round(top * f))} for f in (0, 0.5, 1)
    ]
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "ticks": ticks,
        "axis_x": pad_left,
        "axis_y": pad_top + plot_h,
        "axis_end": width - 8,
        "label_y": height - pad_bottom + 16,
    }


class PeriodError(ValueError):
    """A public period that does not exist or is not closed yet; the message is for citizens."""


def is_closed(period: Period, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return period.end <= today - timedelta(days=CLOSED_AFTER_DAYS)


def _month(year: int, month: int) -> Period:
    last = calendar.monthrange(year, month)[1]
    return Period(date(year, month, 1), date(year, month, last), f"Tháng {month:02d}/{year}", f"{year}-{month:02d}")


def _quarter(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    last = calendar.monthrange(year, first + 2)[1]
    return Period(date(year, first, 1), date(year, first + 2, last), f"Quý {quarter}/{year}", f"{year}-q{quarter}")


def _year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), f"Năm {year}", str(year))


def latest_closed_month(today: date | None = None) -> Period:
    today = today or timezone.localdate()
    settled = today - timedelta(days=CLOSED_AFTER_DAYS)
    year, month = (settled.year, settled.month - 1) if settled.month > 1 else (settled.year - 1, 12)
    return _month(year, month)


def public_period(value: str | None, today: date | None = None) -> Period:
    """ "2026-11" (a month), "2026-q3" (a quarter), "2026" (a year); empty: the latest closed
    month. Raises PeriodError for anything else, or for a period not closed yet."""
    today = today or timezone.localdate()
    value = (value or "").strip()
    if not value:
        return latest_closed_month(today)
    found = _PUBLIC_PERIOD.match(value[:16]) if len(value) <= 16 else None
    if found is None:
        raise PeriodError("Kỳ báo cáo phải là một tháng (2025-06), một quý (2025-q2) hoặc một năm (2025).")
    year = int(found["year"])
    if found["month"] is not None and not 1 <= int(found["month"]) <= 12:
        raise PeriodError("Tháng phải từ 1 đến 12.")
    if year < PUBLIC_FIRST_YEAR or year > today.year:
        raise PeriodError(f"Năm phải từ {PUBLIC_FIRST_YEAR} đến {today.year}.")
    if found["month"] is not None:
        period = _month(year, int(found["month"]))
    elif found["quarter"] is not None:
        period = _quarter(year, int(found["quarter"]))
    else:
        period = _year(year)
    if not is_closed(period, today):
        raise PeriodError(
            f"Số liệu {period.label.lower()} chưa được công bố: chỉ công bố kỳ đã kết thúc ít nhất "
            f"{CLOSED_AFTER_DAYS} ngày (mới nhất: {latest_closed_month(today).label.lower()})."
        )
    return period


def public_period_choices(today: date | None = None, months: int = 12, years: int = 5) -> list[tuple[str, str]]:
    """The closed periods offered in the public select: recent months, quarters and years."""
    today = today or timezone.localdate()
    choices: list[Period] = []
    latest = latest_closed_month(today)
    y, m = latest.start.year, latest.start.month
    for _ in range(months):
        choices.append(_month(y, m))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    for year in range(today.year, today.year - years, -1):
        choices += [p for q in (4, 3, 2, 1) if is_closed(p := _quarter(year, q), today)]
    choices += [p for year in range(today.year, today.year - years, -1) if is_closed(p := _year(year), today)]
    return [(p.preset, p.label) for p in choices]


@dataclass
class Cell:
    """One published count, or a masked one (`count` is None)."""

    key: str
    label: str
    count: int | None

    @property
    def display(self) -> str:
        return f"< {PUBLIC_THRESHOLD}" if self.count is None else format_number(self.count)

    @property
    def export_value(self) -> int | str:
        return self.display if self.count is None else self.count


@dataclass
class PublicTable:
    """A table of the public page: its cells and its total, the total None when hidden."""

    title: str
    cells: list[Cell]
    total: int | None


def suppress(counts: list[int], total: int, threshold: int = PUBLIC_THRESHOLD) -> tuple[list[bool], bool]:
    """Which cells to mask, and whether the total may be shown.

    Primary: every cell below `threshold`. Secondary: when a table would have exactly one
    masked cell, the next smallest is masked too, so the total minus the shown cells gives
    only the sum of two unknown cells, never one of them. A total below the threshold is
    hidden together with every cell.
    """
    if total < threshold:
        return [True] * len(counts), False
    masked = [c < threshold for c in counts]
    if sum(masked) == 1:
        shown = [i for i, m in enumerate(masked) if not m]
        if shown:
            masked[min(shown, key=lambda i: (counts[i], i))] = True
        else:  # a lone cell equal to the total: cannot happen when the total is shown
            return [True] * len(counts), False
    return masked, True


def _table(title: str, rows: list[Row], total: int) -> PublicTable:
    masked, total_shown = suppress([r.count for r in rows], total)
    cells = [Cell(r.key, r.label, None if hide else r.count) for r, hide in zip(rows, masked, strict=True)]
    return PublicTable(title, cells, total if total_shown else None)


def public_tables(data: Stats) -> dict[str, PublicTable]:
    """The statistics as the public may see them (page, CSV, XLSX and API alike).

    Each table is one breakdown of the same total; the ward table gets an explicit cell for
    tips without a ward, so that its cells too add up to the total and are masked together.
    """
    wards = list(data.by_ward)
    unplaced = data.total - sum(r.count for r in wards)
    wards.append(Row("khong-xac-dinh", "Chưa xác định xã, phường", unplaced))
    return {
        "category": _table("Theo lĩnh vực", data.by_category, data.total),
        "channel": _table("Theo kênh tiếp nhận", data.by_channel, data.total),
        "month": _table("Theo tháng", data.by_month, data.total),
        "ward": _table("Theo xã, phường", wards, data.total),
    }


def public_total(data: Stats) -> int | None:
    return data.total if data.total >= PUBLIC_THRESHOLD else None
