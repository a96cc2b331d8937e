"""Rebuild the search engine index without downtime: fill a new index, then swap the alias."""

import time

from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.backends import get_backend


class Command(BaseCommand):
    help = (
        "Xây dựng lại chỉ mục trên máy chủ tìm kiếm từ chỉ mục của cơ sở dữ liệu: tạo chỉ mục mới, nạp hàng loạt, "
        "rồi chuyển bí danh sang trong một thao tác (tìm kiếm vẫn trả lời từ chỉ mục cũ trong lúc xây)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--threads", type=int, default=2, help="số luồng gửi dữ liệu (mặc định 2)")

    def handle(self, *args, **options):
        backend = get_backend()
        if backend.name == "database":
            raise CommandError("SEARCH_BACKEND không phải máy chủ tìm kiếm (đặt SEARCH_BACKEND=elasticsearch).")
        backend.reset()

        def progress(done: int, total: int) -> None:
            if options["verbosity"] >= 2:
                self.stderr.write(f"{done}/{total}")

        started = time.monotonic()
        try:
            result = indexing.rebuild_engine(progress=progress, threads=options["threads"])
        except Exception as exc:
            raise CommandError(f"Không xây dựng lại được chỉ mục: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nạp {result.documents} trang vào {result.index} trong {time.monotonic() - started:.1f} s; "
                f"bí danh đã chuyển sang (xoá chỉ mục cũ: {', '.join(result.dropped) or 'không có'})."
            )
        )
