"""iCalendar (RFC 5545) for the reception schedule, written by hand: one VEVENT per session,
CRLF line endings, lines folded at 75 octets, times in UTC (`Z`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

PRODID = "-//Cong an Thanh pho//Lich tiep cong dan//VI"
DEFAULT_LENGTH = timedelta(hours=4)


def escape(text: str) -> str:
    return (
        (text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold_line(line: str) -> str:
    """Split a content line into 75-octet pieces, never inside a UTF-8 character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        limit = 75 if not out else 74
        if len(current) + len(encoded) > limit:
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(entries, *, host: str, name: str, url: str = "", now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    for entry in entries:
        ends = entry.ends_at or entry.starts_at + DEFAULT_LENGTH
        summary = f"Tiếp công dân: {entry.leader}, {entry.leader_title}"
        description = entry.subject or ""
        lines += [
            "BEGIN:VEVENT",
            f"UID:tiep-cong-dan-{entry.pk}@{host}",
            f"DTSTAMP:{_utc(now)}",
            f"DTSTART:{_utc(entry.starts_at)}",
            f"DTEND:{_utc(ends)}",
            f"SUMMARY:{escape(summary)}",
            f"LOCATION:{escape(entry.place)}",
        ]
        if description:
            lines.append(f"DESCRIPTION:{escape(description)}")
        if url:
            lines.append(f"URL:{url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)
