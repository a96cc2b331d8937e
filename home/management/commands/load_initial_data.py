"""`manage.py load_initial_data`: the demo portal, created once (a second run creates nothing).

It never deletes what somebody made: pages found in the way are left and described.
"""

from django.core.management.base import BaseCommand

from home.demo import load_demo_content
from news.workflow import setup_editorial_workflow
from publications.demo import load_demo as load_publications_demo
from reports.demo import load_demo as load_reports_demo
from services.demo import load_demo as load_services_demo


class Command(BaseCommand):
    help = "Tạo nội dung mẫu của cổng thông tin (trang chủ, trang giới thiệu, tin bài, tài khoản). Chạy lại không tạo trùng."

    def handle(self, *args, **options):
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
