"""Working-day arithmetic for legal deadlines: weekends and public holidays do not count.

Processing times in the procedure catalogue are given in working days, and Decree 45/2020
asks that a dossier submitted online be received within 8 working hours. Office hours are
read from `settings.SERVICES_OFFICE_HOURS` ("08:00-12:00,13:00-17:00" by default); holidays
come from the admin-editable `Holiday` snippet.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

DEFAULT_OFFICE_HOURS = "08:00-12:00,13:00-17:00"


def office_periods() -> list[tuple[time, time]]:
    """Office periods of a working day, in order: [(08:00, 12:00), (13:00, 17:00)]."""
    raw = getattr(settings, "SERVICES_OFFICE_HOURS", "") or DEFAULT_OFFICE_HOURS
    periods = []
    for chunk in raw.split(","):
        start, _, end = chunk.strip().partition("-")
        periods.append((time.fromisoformat(start.strip()), time.fromisoformat(end.strip())))
    return sorted(periods)


def holidays_between(start: date, end: date) -> set[date]:
    from services.records import Holiday

    return set(Holiday.objects.filter(date__gte=start, date__lte=end).values_list("date", flat=True))


def is_working_day(day: date, holidays: Collection[date] = ()) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: date, days: int, holidays: Iterable[date] | None = None) -> date:
    """The date `days` working days after `start` (the day of receipt itself does not count).

    With days=0 the result is `start` itself when it is a working day, otherwise the next one.
    """
    if holidays is None:
        holidays = holidays_between(start, start + timedelta(days=days * 3 + 60))
    holidays = set(holidays)
    current = start
    if days <= 0:
        while not is_working_day(current, holidays):
            current += timedelta(days=1)
        return current
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current, holidays):
            remaining -= 1
    return current


def end_of_working_day(day: date) -> datetime:
    """The closing time of `day` as an aware datetime in the portal's time zone."""
    closing = office_periods()[-1][1]
    return timezone.make_aware(datetime.combine(day, closing))


def due_after_working_days(moment: datetime, days: int) -> datetime:
    """Closing time of the `days`-th working day after the day of `moment`."""
    local = timezone.localtime(moment)
    return end_of_working_day(add_working_days(local.date(), days))


def add_working_hours(moment: datetime, hours: float, holidays: Iterable[date] | None = None) -> datetime:
    """`moment` plus `hours` of office time (office hours, working days only).

    A submission at 16:00 on a Friday with 8 hours to go is due at 16:00 on Monday when the
    office works 08:00-12:00 and 13:00-17:00; a submission at night counts from the next opening.
    """
    local = timezone.localtime(moment)
    if holidays is None:
        holidays = holidays_between(local.date(), local.date() + timedelta(days=int(hours) + 60))
    holidays = set(holidays)
    periods = office_periods()
    remaining = timedelta(hours=hours)
    day = local.date()
    cursor = local.replace(tzinfo=None)
    while True:
        if is_working_day(day, holidays):
            for start, end in periods:
                period_start = datetime.combine(day, start)
                period_end = datetime.combine(day, end)
                if cursor >= period_end:
                    continue
                begin = max(cursor, period_start)
                available = period_end - begin
                if available >= remaining:
                    return timezone.make_aware(begin + remaining)
                remaining -= available
                cursor = period_end
        day += timedelta(days=1)
        cursor = datetime.combine(day, time.min)
