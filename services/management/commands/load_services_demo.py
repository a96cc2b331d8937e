from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from services.demo import OFFICER_USERNAME, load_demo


class Command(BaseCommand):
    help = "Tạo danh mục thủ tục mẫu, nhóm và tài khoản cán bộ tiếp nhận hồ sơ (chạy lại không tạo trùng)."

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("Chưa có site mặc định; hãy chạy load_initial_data trước.")
        load_demo(site.root_page.specific)
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu dịch vụ công mẫu; tài khoản cán bộ: {OFFICER_USERNAME}."))
