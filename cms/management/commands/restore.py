"""`manage.py restore SRC`: a backup into an empty database and empty file folders."""

from django.core.management.base import BaseCommand, CommandError

from cms import backup
from cms.text import format_number


class Command(BaseCommand):
    # A backup or restore must not be blocked by an unrelated configuration warning.
    requires_system_checks = []
    help = (
        "Phục hồi bản sao lưu SRC vào cơ sở dữ liệu chưa có bảng nào và thư mục tệp trống. Kiểm tra mã băm "
        "trước khi ghi, so số dòng từng bảng sau khi ghi. Không bao giờ ghi đè hay xoá dữ liệu có sẵn."
    )

    def add_arguments(self, parser):
        parser.add_argument("src", help="Thư mục bản sao lưu (có manifest.json).")
        parser.add_argument(
            "--check-only", action="store_true", help="Chỉ kiểm tra mã băm của bản sao lưu, không phục hồi."
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        try:
            if options["check_only"]:
                manifest = backup.verify(options["src"])
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Bản sao lưu nguyên vẹn: {format_number(len(manifest['files']))} tệp khớp mã băm "
                        f"(tạo lúc {manifest['created']})."
                    )
                )
                return
            result = backup.restore(options["src"], log=self._progress)
        except backup.BackupError as exc:
            raise CommandError(str(exc))
        if result.mismatches:
            lines = "\n".join(f"  - {line}" for line in result.mismatches)
            raise CommandError(f"Đã phục hồi nhưng có {len(result.mismatches)} chỗ không khớp bản sao lưu:\n{lines}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã phục hồi từ {result.path} (tạo lúc {result.manifest['created']}): "
                f"{format_number(result.rows)} dòng trong {format_number(len(result.manifest['counts']))} bảng "
                f"khớp bản sao lưu, {format_number(result.files - 1)} tệp media và riêng tư, "
                f"{format_number(result.bytes)} byte, trong {format_number(round(result.seconds, 1))} giây."
            )
        )

    def _progress(self, message: str) -> None:
        if self.verbosity >= 2:
            self.stderr.write(message)
