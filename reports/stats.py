"""Counts of tips for any period — by category, channel, month and ward — as the department
reports them, covering every channel; plus the geometry of the server-side SVG charts."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

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
# Counts below this are not shown per ward on the public page: a small number in a small
# ward may point to a person.
PUBLIC_WARD_THRESHOLD = 10


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
    top = max([r.count for r in rows] + [1])
    step = plot_w / max(len(rows), 1)
    bar_w = max(step * 0.7, 2)
    bars = []
    for i, row in enumerate(rows):
        h = plot_h * row.count / top
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
