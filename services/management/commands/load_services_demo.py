from django.core.management.base import BaseCommand

from cms.structure import ensure_portal_structure
from services.demo import OFFICER_USERNAME, load_demo


class Command(BaseCommand):
    help = "Tạo danh mục thủ tục mẫu, nhóm và tài khoản cán bộ tiếp nhận hồ sơ (chạy lại không tạo trùng)."

    def handle(self, *args, **options):
        # The catalogue hangs from the portal's HomePage, built here like load_initial_data and
        # import_news build it; never from whatever page (Wagtail's welcome page) the site showed.
        structure = ensure_portal_structure()
        for note in structure.notes:
            self.stdout.write(self.style.WARNING(note))
        load_demo(structure.home)
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu dịch vụ công mẫu; tài khoản cán bộ: {OFFICER_USERNAME}."))
