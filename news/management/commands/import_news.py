"""`manage.py import_news PATH...`: the old website's articles into the news section."""

import sys

from django.core.management.base import BaseCommand, CommandError

from news.importers.service import ImportSetupError, import_news, resolve_parent
from news.importers.writer import DEFAULT_BATCH_SIZE


class Command(BaseCommand):
    help = (
        "Nhập bài viết từ tệp văn bản của website cũ (.txt) và JSON Lines (.jsonl, .jsonl.gz). "
        "Chạy lại sẽ cập nhật bài đã có thay vì tạo bài trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Tệp .txt, .jsonl, .jsonl.gz hoặc thư mục chứa chúng.")
        parser.add_argument(
            "--parent",
            help="Chuyên trang nhận bài: mã trang hoặc đường dẫn (/tin-tuc/). Mặc định: chuyên trang tin tức đầu tiên.",
        )
        parser.add_argument("--source", help="Tiền tố mã nguồn (mặc định: tên tệp JSONL, “legacy” cho tệp văn bản).")
        parser.add_argument(
            "--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="Số bài ghi trong một giao dịch."
        )
        parser.add_argument("--limit", type=int, help="Chỉ đọc chừng này bản ghi đầu tiên.")
        parser.add_argument("--no-progress", action="store_true", help="Không hiện thanh tiến độ.")

    def handle(self, *args, **options):
        try:
            parent = resolve_parent(options["parent"], note=self.stdout.write)
        except ImportSetupError as exc:
            raise CommandError(str(exc))

        def report(origin: str, reason: str) -> None:
            self.stderr.write(f"{origin}: {reason}")

        summary = import_news(
            paths=options["paths"],
            parent=parent,
            source=options["source"],
            batch_size=options["batch_size"],
            limit=options["limit"],
            report=report,
            progress=not options["no_progress"] and sys.stderr.isatty(),
        )
        self.stdout.write(f"Chuyên trang: {parent.title} ({parent.url_path}). {summary.line()}")
        if summary.failed:
            raise CommandError(f"Có {summary.failed} bản ghi lỗi, đã bỏ qua.")
