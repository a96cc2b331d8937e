"""`manage.py otp_reset USERNAME`: a staff member lost the phone with the authenticator app and
the recovery codes; their next sign-in enrols a new device."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms.twofactor import devices_reset


class Command(BaseCommand):
    help = "Xoá thiết bị xác thực hai bước và mã khôi phục của một tài khoản; lần đăng nhập sau sẽ thiết lập lại."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist as exc:
            raise CommandError(f"Không có tài khoản “{username}”.") from exc
        removed = devices_reset(user)
        self.stdout.write(
            f"Đã xoá {removed} thiết bị xác thực của “{username}”. "
            "Lần đăng nhập tới, tài khoản sẽ quét mã QR mới và nhận mã khôi phục mới."
        )
