"""CSV and XLSX exports of the statistics; the public variant hides small ward counts."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from reports.stats import PUBLIC_WARD_THRESHOLD, Stats, masked, public_tables, public_total

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sections(stats: Stats, public: bool) -> list[tuple[str, list[tuple[str, str, int | str]]]]:
    if public:  # the same masked tables as the public page (reports.stats.public_tables)
        total = public_total(stats)
        return [("Tổng số", [("total", "Tổng số", masked(0) if total is None else total)])] + [
            (table.title, [(c.key, c.label, c.export_value) for c in table.cells])
            for table in public_tables(stats).values()
        ]

    def ward_value(n: int) -> int | str:
        return masked(n) if public and n < PUBLIC_WARD_THRESHOLD else n

    return [
        ("Tổng số", [("total", "Tổng số", stats.total)]),
        ("Theo lĩnh vực", [(r.key, r.label, r.count) for r in stats.by_category]),
        ("Theo kênh tiếp nhận", [(r.key, r.label, r.count) for r in stats.by_channel]),
        ("Theo tháng", [(r.key, r.label, r.count) for r in stats.by_month]),
        ("Theo xã, phường", [(r.key, r.label, ward_value(r.count)) for r in stats.by_ward]),
    ]


def _filename(stats: Stats, ext: str) -> str:
    return f"thong-ke-phan-anh-{stats.period.start:%Y%m%d}-{stats.period.end:%Y%m%d}.{ext}"


def stats_csv(stats: Stats, *, public: bool) -> HttpResponse:
    """UTF-8 with BOM so that spreadsheet programs read the Vietnamese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Kỳ báo cáo", stats.period.label, stats.period.start.isoformat(), stats.period.end.isoformat()])
    writer.writerow(["Nhóm", "Mã", "Chỉ tiêu", "Số lượng"])
    for section, rows in _sections(stats, public):
        for key, label, value in rows:
            writer.writerow([section, key, label, value])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(stats, "csv")}"'
    return response


def stats_workbook(stats: Stats, *, public: bool) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Thống kê"
    sheet.append(["Thống kê phản ánh, tố giác", stats.period.label])
    sheet["A1"].font = Font(bold=True)
    for section, rows in _sections(stats, public):
        sheet.append([])
        sheet.append([section])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        for _key, label, value in rows:
            sheet.append([label, value])
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 14
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def stats_xlsx(stats: Stats, *, public: bool) -> HttpResponse:
    response = HttpResponse(stats_workbook(stats, public=public), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(stats, "xlsx")}"'
    return response
