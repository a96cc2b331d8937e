"""`manage.py load_initial_data`: the demo portal, created once (a second run creates nothing).

It never deletes what somebody made: pages found in the way are left and described.
"""

import logging
from contextlib import contextmanager

from django.core.management.base import BaseCommand

from home.demo import load_demo_content
from news.workflow import setup_editorial_workflow
from publications.demo import load_demo as load_publications_demo
from reports.demo import load_demo as load_reports_demo
from services.demo import load_demo as load_services_demo

QUIET_LOGGERS = ("wagtail", "search", "django_tasks", "django_tasks_db")


@contextmanager
def quiet_loggers(names):
    """Only warnings and errors from `names` while the block runs."""
    saved = {name: logging.getLogger(name).level for name in names}
    for name in names:
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        yield
    finally:
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)


class Command(BaseCommand):
    help = "Tạo nội dung mẫu của cổng thông tin (trang chủ, trang giới thiệu, tin bài, tài khoản). Chạy lại không tạo trùng."

    def handle(self, *args, **options):
        # One summary line at the end instead of Wagtail's "Page created / edited / Published"
        # line for every page (hundreds with the dossiers and tips); -v 2 shows them.
        with quiet_loggers(QUIET_LOGGERS if options["verbosity"] < 2 else ()):
            result = load_demo_content()

            # The other sections' demo content; each loader is idempotent.
            setup_editorial_workflow(result.news_index)
            load_services_demo(result.home)
            load_reports_demo()
            load_publications_demo(result.home)

        for note in result.notes:
            self.stdout.write(self.style.WARNING(note))

        if result.created:
            summary = ", ".join(f"{count} {kind}" for kind, count in sorted(result.created.items()))
            self.stdout.write(self.style.SUCCESS(f"Đã tạo nội dung mẫu: {summary}."))
        else:
            self.stdout.write("Nội dung mẫu đã có sẵn, không tạo thêm gì.")
