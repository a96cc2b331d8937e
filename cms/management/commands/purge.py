"""`manage.py purge`: delete what has outlived its retention period, by the registered rules.

Without `--yes` it only counts (a dry run). Every rule is idempotent: a second run right after
the first deletes nothing. Rules come from `cms.retention`, registered by each app.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cms import retention
from cms.text import format_number

UNITS = {"DAYS": "ngày", "MINUTES": "phút", "AGE": "giây"}


def _period(rule: retention.RetentionRule) -> str:
    value = rule.period
    if value is None:
        return f"{rule.settings_name} (chưa cấu hình)"
    unit = next((label for suffix, label in UNITS.items() if rule.settings_name.endswith(suffix)), "")
    return f"{format_number(value)} {unit}".strip()


class Command(BaseCommand):
    help = (
        "Xoá dữ liệu đã quá thời hạn lưu trữ theo từng quy tắc (hồ sơ, phản ánh, phiên đăng nhập, "
        "tệp tạm…). Mặc định chỉ đếm (chạy thử); thêm --yes để xoá thật."
    )

    def add_arguments(self, parser):
        parser.add_argument("--yes", action="store_true", help="Xoá thật (mặc định chỉ đếm).")
        parser.add_argument(
            "--only",
            action="append",
            default=[],
            metavar="TÊN",
            help="Chỉ chạy quy tắc này (lặp lại được). Xem tên ở cột đầu của bảng.",
        )

    def handle(self, *args, yes=False, only=(), **options):
        rules = retention.rules()
        unknown = set(only) - {r.name for r in rules}
        if unknown:
            raise CommandError(f"Không có quy tắc: {', '.join(sorted(unknown))}.")
        if only:
            rules = [r for r in rules if r.name in only]
        now = timezone.now()
        header = ("Quy tắc", "Nội dung", "Thời hạn lưu", "Đã xoá" if yes else "Sẽ xoá")
        rows, failed = [], []
        for rule in rules:
            try:
                count = rule.purge(now) if yes else rule.count(now)
                shown = format_number(count)
            except Exception as exc:  # one broken rule must not stop the others
                failed.append(rule.name)
                shown = "LỖI"
                self.stderr.write(f"Quy tắc {rule.name} lỗi: {exc}")
            rows.append((rule.name, rule.label_vi, _period(rule), shown))
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
        line = "  ".join("-" * w for w in widths)
        self.stdout.write("  ".join(str(c).ljust(w) for c, w in zip(header, widths, strict=True)).rstrip())
        self.stdout.write(line)
        for row in rows:
            cells = [str(c).ljust(w) for c, w in zip(row[:3], widths, strict=False)] + [row[3].rjust(widths[3])]
            self.stdout.write("  ".join(cells))
        if options.get("verbosity", 1) >= 2:
            self.stdout.write("")
            for rule in rules:
                self.stdout.write(f"{rule.name}: {rule.help_vi} ({rule.settings_name})")
        if not yes:
            self.stdout.write("Chạy thử: chưa xoá gì. Thêm --yes để xoá.")
        if failed:
            raise CommandError(f"Có quy tắc lỗi: {', '.join(failed)}.")
