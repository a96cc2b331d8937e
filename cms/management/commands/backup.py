"""`manage.py backup DEST`: database, media and private files into a new folder, with a manifest."""

from django.core.management.base import BaseCommand, CommandError

from cms import backup
from cms.text import format_number


class Command(BaseCommand):
    # A backup or restore must not be blocked by an unrelated configuration warning.
    requires_system_checks = []
    help = (
        "Sao lưu cơ sở dữ liệu, tệp media và tệp riêng tư vào thư mục mới DEST, kèm manifest.json "
        "(mã băm SHA-256 từng tệp, số dòng từng bảng, phiên bản phần mềm)."
    )

    def add_arguments(self, parser):
        parser.add_argument("dest", help="Thư mục đích: chưa tồn tại hoặc đang trống.")

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        try:
            result = backup.backup(options["dest"], log=self._progress)
        except backup.BackupError as exc:
            raise CommandError(str(exc))
        manifest = result.manifest
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu vào {result.path}: cơ sở dữ liệu {manifest['database']['engine']} "
                f"({format_number(result.rows)} dòng, {format_number(len(manifest['counts']))} bảng), "
                f"{format_number(manifest['media']['files'])} tệp media, "
                f"{format_number(manifest['private']['files'])} tệp riêng tư, "
                f"tổng {format_number(result.files)} tệp kể cả tệp cơ sở dữ liệu, {format_number(result.bytes)} byte, "
                f"trong {format_number(round(result.seconds, 1))} giây."
            )
        )

    def _progress(self, message: str) -> None:
        if self.verbosity >= 2:
            self.stderr.write(message)
