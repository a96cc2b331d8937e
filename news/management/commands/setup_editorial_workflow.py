"""`manage.py setup_editorial_workflow [--index ID|PATH]`: groups, permissions and the
"Duyệt tin bài" workflow on the news section(s). Safe to run again."""

from django.core.management.base import BaseCommand, CommandError

from news.models import NewsIndexPage
from news.workflow import EDITORS_GROUP, REVIEWERS_GROUP, WORKFLOW_NAME, setup_editorial_workflow


class Command(BaseCommand):
    help = "Tạo nhóm Biên tập viên, Duyệt bài và quy trình Duyệt tin bài cho chuyên trang tin tức."

    def add_arguments(self, parser):
        parser.add_argument(
            "--index",
            help="ID hoặc đường dẫn (url_path, ví dụ /trang-chu/tin-tuc/) của chuyên trang; mặc định: mọi chuyên trang cấp cao nhất.",
        )

    def handle(self, *args, index=None, **options):
        if index:
            lookup = (
                {"pk": int(index)} if index.isdigit() else {"url_path": index if index.endswith("/") else index + "/"}
            )
            indexes = list(NewsIndexPage.objects.filter(**lookup))
            if not indexes:
                raise CommandError(f"Không tìm thấy chuyên trang tin tức: {index}")
        else:
            # Sections nested in another news index inherit its permissions and workflow.
            indexes = [
                page
                for page in NewsIndexPage.objects.order_by("path")
                if not NewsIndexPage.objects.filter(pk__in=page.get_ancestors().values("pk")).exists()
            ]
            if not indexes:
                raise CommandError("Chưa có chuyên trang tin tức nào.")
        for page in indexes:
            setup_editorial_workflow(page)
            self.stdout.write(
                f"{page.title} ({page.url_path}): nhóm “{EDITORS_GROUP}”, “{REVIEWERS_GROUP}”, quy trình “{WORKFLOW_NAME}”."
            )
