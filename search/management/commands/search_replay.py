"""Send the search engine the page updates it missed while it was down."""

from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.backends import get_backend


class Command(BaseCommand):
    help = "Gửi lại cho máy chủ tìm kiếm các cập nhật chỉ mục đang chờ (khi máy chủ từng ngừng hoạt động)."

    def handle(self, *args, **options):
        backend = get_backend()
        if hasattr(backend, "reset"):
            backend.reset()
        result = indexing.replay_pending()
        if result.error:
            raise CommandError(f"Đã gửi {result.replayed} trang, còn {result.remaining} trang chờ: {result.error}")
        self.stdout.write(self.style.SUCCESS(f"Đã gửi lại {result.replayed} trang; còn {result.remaining} trang chờ."))
