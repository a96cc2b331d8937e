"""`manage.py remove_welcome_page [--page ID] [--yes]`: the only command that deletes Wagtail's
welcome page when somebody has touched it, and only after listing what goes with it."""

from django.core.management.base import BaseCommand, CommandError

from cms.text import format_number
from home.services import remove_welcome_pages, welcome_page_candidates


class Command(BaseCommand):
    help = (
        "Liệt kê trang chào mừng của Wagtail (trang gốc không site nào dùng) cùng số trang bên dưới; "
        "chỉ xoá khi có --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--page", type=int, help="Chỉ xét trang có mã (id) này.")
        parser.add_argument("--yes", action="store_true", help="Xoá thật các trang được liệt kê và mọi trang bên dưới.")

    def handle(self, *args, page=None, yes=False, **options):
        candidates = welcome_page_candidates(page_id=page)
        if not candidates:
            if page is not None:
                raise CommandError(
                    f"Trang {page} không phải trang gốc bị bỏ lại (trang thường cấp 2, không site nào dùng)."
                )
            self.stdout.write("Không có trang chào mừng nào cần xoá.")
            return
        total = sum(1 + candidate.descendants for candidate in candidates)
        for candidate in candidates:
            reasons = "; ".join(candidate.reasons) or "chưa ai sửa"
            self.stdout.write(
                f"- “{candidate.page.title}” (id {candidate.page.pk}, {candidate.page.url_path}): "
                f"{format_number(candidate.descendants)} trang bên dưới ({reasons})"
            )
        if not yes:
            self.stdout.write(
                f"Chưa xoá gì. Chạy lại với --yes để xoá {format_number(total)} trang trên (không hoàn tác được)."
            )
            return
        remove_welcome_pages(page_id=page)
        self.stdout.write(self.style.SUCCESS(f"Đã xoá {format_number(total)} trang."))
