"""`manage.py check_files`: rows whose file is missing, and files no row refers to.

Looks at every FileField/ImageField of every model (Wagtail images, renditions, documents,
dossier files, tip evidence) on the public and the private storage. With `--yes` it removes
the files no row refers to, one by one and named; it never deletes a row. A temporary upload
(`.part-…`) whose committed row exists but whose rename never happened is moved into place.
"""

from django.core.management.base import BaseCommand

from cms import files
from cms.text import format_number


class Command(BaseCommand):
    help = (
        "Đối chiếu tệp với dữ liệu: bản ghi mất tệp và tệp không thuộc bản ghi nào (kể cả ảnh, "
        "tài liệu Wagtail và tệp riêng tư). Thêm --yes để xoá các tệp thừa (không bao giờ xoá bản ghi)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--yes", action="store_true", help="Xoá các tệp không thuộc bản ghi nào.")

    def handle(self, *args, yes=False, **options):
        fields = files.file_fields()
        self.stdout.write(
            f"Kiểm tra {format_number(len(fields))} trường tệp trong: {', '.join(files.roots(fields)) or '(không có)'}"
        )
        missing = 0
        for item in files.missing_files(fields):
            missing += 1
            self.stdout.write(f"Thiếu tệp: {item.label} #{item.pk}: {item.name}")
        strays = 0
        for stray in files.strays(fields):
            strays += 1
            if stray.final:
                what = f"Tệp tạm chưa chuyển vào chỗ (bản ghi đã lưu): {stray.path} → {stray.final}"
            elif stray.temporary:
                what = f"Tệp tạm bỏ dở: {stray.path}"
            else:
                what = f"Tệp thừa: {stray.path}"
            self.stdout.write(what)
            if yes:
                done = files.resolve(stray)
                self.stdout.write(f"  → đã chuyển vào {stray.final}" if done == "moved" else "  → đã xoá")
        self.stdout.write(
            f"Tổng: {format_number(missing)} bản ghi thiếu tệp, {format_number(strays)} tệp thừa hoặc tệp tạm"
            + (" (đã xử lý)." if yes and strays else ".")
        )
        if strays and not yes:
            self.stdout.write("Thêm --yes để xoá các tệp thừa (bản ghi không bị xoá).")
