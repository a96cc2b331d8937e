from django.core.management.base import BaseCommand
from django.utils import timezone

from cms import retention
from reports.services import reports_purge

RULES = ("reports", "reports_unfounded")


class Command(BaseCommand):
    help = (
        "Xoá các phản ánh đã kết thúc quá thời hạn lưu trữ, kèm tệp và thông tin người phản ánh. "
        "Lệnh cũ, giữ để tương thích: dùng `manage.py purge` cho mọi loại dữ liệu."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Số ngày lưu trữ cho mọi phản ánh đã kết thúc (mặc định theo cấu hình).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không xoá.")

    def handle(self, *args, days=None, dry_run=False, **options):
        verb = "Sẽ xoá" if dry_run else "Đã xoá"
        if days is not None:
            count = reports_purge(days=days, dry_run=dry_run)
            self.stdout.write(f"{verb} {count} phản ánh đã kết thúc quá {days} ngày.")
        else:
            now = timezone.now()
            for name in RULES:
                rule = retention.get(name)
                count = rule.count(now) if dry_run else rule.purge(now)
                self.stdout.write(f"{verb} {count} mục “{rule.label_vi}” (quá {rule.period} ngày).")
        self.stdout.write("Gợi ý: `manage.py purge` xoá theo mọi thời hạn lưu trữ (hồ sơ, phản ánh, phiên, tệp tạm).")
