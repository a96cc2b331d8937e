from django.conf import settings
from django.core.management.base import BaseCommand

from reports.services import reports_purge


class Command(BaseCommand):
    help = "Xoá các phản ánh đã kết thúc quá thời hạn lưu trữ (REPORTS_RETENTION_DAYS), kèm tệp và thông tin người phản ánh."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Số ngày lưu trữ (mặc định theo cấu hình).")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không xoá.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.REPORTS_RETENTION_DAYS if days is None else days
        count = reports_purge(days=days, dry_run=dry_run)
        verb = "Sẽ xoá" if dry_run else "Đã xoá"
        self.stdout.write(f"{verb} {count} phản ánh đã kết thúc quá {days} ngày.")
