"""Rebuild the site search index from the live, public pages."""

from django.core.management.base import BaseCommand

from search import indexing


class Command(BaseCommand):
    help = "Xây dựng lại chỉ mục tìm kiếm từ các trang công khai (và Elasticsearch nếu được cấu hình)."

    def handle(self, *args, **options):
        def progress(done: int, total: int) -> None:
            if options["verbosity"] >= 2:
                self.stderr.write(f"{done}/{total}")

        total = indexing.reindex_all(progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Đã lập chỉ mục {total} trang."))
