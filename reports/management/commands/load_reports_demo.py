from django.core.management.base import BaseCommand

from reports.demo import OFFICER_USERNAME, load_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu phản ánh, tố giác (lĩnh vực, đơn vị, nhóm cán bộ, tài khoản, phản ánh mẫu)."

    def handle(self, *args, **options):
        load_demo()
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu phản ánh; tài khoản cán bộ: {OFFICER_USERNAME}"))
