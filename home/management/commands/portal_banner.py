"""`manage.py portal_banner`: what `make run` prints before serving (addresses and demo accounts)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from home.demo_content import DEMO_PASSWORD, USERS
from reports import demo as reports_demo
from reports.groups import OFFICER_GROUP as REPORTS_GROUP
from services import demo as services_demo


class Command(BaseCommand):
    help = "In địa chỉ cổng thông tin, trang quản trị và các tài khoản mẫu."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=settings.PORT)

    def handle(self, *args, host, port, **options):
        base = f"http://{host}:{port}"
        roles = {None: "quản trị (superuser)"}
        lines = [
            "",
            "=" * 64,
            f"  Cổng thông tin:  {base}/",
            f"  Trang quản trị:  {base}/admin/",
            "  Tài khoản mẫu (mật khẩu chung: " + DEMO_PASSWORD + "):",
        ]
        accounts = [(username, group) for username, _first, _last, group in USERS]
        accounts += [
            (services_demo.OFFICER_USERNAME, services_demo.OFFICER_GROUP),
            (reports_demo.OFFICER_USERNAME, REPORTS_GROUP),
        ]
        for username, group in accounts:
            lines.append(f"    - {username:<12} {roles.get(group, 'nhóm “' + str(group) + '”')}")
        if settings.PORTAL_REQUIRE_2FA:
            lines.append("  Đăng nhập: mật khẩu rồi mã xác thực hai bước (lần đầu: quét mã QR).")
        else:
            lines.append("  Đăng nhập chỉ bằng mật khẩu (PORTAL_REQUIRE_2FA tắt khi phát triển; bật khi triển khai).")
        lines += ["  Dừng máy chủ: Ctrl+C", "=" * 64, ""]
        self.stdout.write("\n".join(lines))
