#!/usr/bin/env bash
# Restore drill: prove that a backup can really be restored, monthly or after any upgrade.
#
#   bash bench/restore_drill.sh            # ~3.000 articles from ../shared/corpus/vn-news.jsonl.gz
#   DRILL_ARTICLES=500 bash bench/restore_drill.sh
#
# In a temporary folder (removed at the end, also on failure or timeout): a fresh SQLite portal
# (migrate, demo content, imported articles, a tip with a photo, a dossier with a PDF), then
# `manage.py backup`, `manage.py restore` into a second fresh database and folders, then an
# independent comparison (rows of every table, SHA-256 of every file) and the citizen's view of
# the restored portal through Django's test client (no network: nothing listens on any port).
# Prints a table of figures; exits non-zero on any mismatch. Bounded by DRILL_TIMEOUT seconds.
set -euo pipefail

if [[ -z "${DRILL_BOUNDED:-}" ]]; then
    DRILL_BOUNDED=1 exec timeout --kill-after=10 "${DRILL_TIMEOUT:-900}" bash "$0" "$@"
fi

cd "$(dirname "$0")/.."
PY="${PY:-$PWD/.venv/bin/python}"
ARTICLES="${DRILL_ARTICLES:-3000}"
CORPUS="${DRILL_CORPUS:-$PWD/../shared/corpus/vn-news.jsonl.gz}"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/restore-drill.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
trap 'echo "Diễn tập bị dừng (hết giờ hoặc bị ngắt)." >&2; exit 124' TERM INT

export DJANGO_SETTINGS_MODULE=cms.settings.dev LOG_LEVEL=WARNING PORTAL_RATE_LIMITS=off \
    EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend SEARCH_BACKEND=database
unset REDIS_URL ELASTICSEARCH_URL DATABASE_URL MEDIA_ROOT PRIVATE_MEDIA_ROOT || true

# One installation = one database file + media/ with private/ nested inside (the layout of older
# installations; the default private_media/ beside media/ is covered by tests/cms/test_backup.py).
site() {
    local where="$WORK/$1"
    shift
    DATABASE_URL="sqlite:///$where/db.sqlite3" MEDIA_ROOT="$where/media" PRIVATE_MEDIA_ROOT="$where/media/private" \
        "$PY" manage.py "$@"
}
now() { date +%s.%N; }
step() { printf '== %s\n' "$*"; }

mkdir -p "$WORK/nguon" "$WORK/phuc-hoi"

step "Tạo cổng nguồn: migrate, nội dung mẫu"
site nguon migrate --noinput -v0
site nguon load_initial_data
if [[ -f "$CORPUS" && "$ARTICLES" -gt 0 ]]; then
    step "Nhập $ARTICLES bài viết từ $CORPUS"
    site nguon import_news "$CORPUS" --limit "$ARTICLES" --no-progress
else
    step "Không có kho bài viết $CORPUS: bỏ qua bước nhập"
fi

step "Gửi một phản ánh có ảnh và một hồ sơ có tệp PDF"
site nguon shell -v0 -c '
import io
from PIL import Image
from cms.uploads import CleanFile
from reports.models import ReportCategory
from reports.services import report_submit
from services.models import ProcedurePage
from services.services import application_submit

photo = io.BytesIO()
Image.new("RGB", (320, 240), (30, 90, 160)).save(photo, "JPEG")
category = ReportCategory.objects.filter(code="toi-pham-hinh-su").first() or ReportCategory.objects.first()
receipt = report_submit(
    category=category,
    description="Nhóm thanh niên tụ tập đua xe, gây mất trật tự trên đường Trần Hưng Đạo lúc 23 giờ.",
    name="Trần Thị Bình",
    phone="0987654321",
    files=[CleanFile(name="hiện trường.jpg", kind="jpg", content=photo.getvalue())],
)
procedure = next(p for p in ProcedurePage.objects.live().specific() if p.accepts_online and p.components.exists())
pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
application, _ = application_submit(
    procedure=procedure,
    applicant_name="Phạm Thu Hà",
    applicant_phone="0912345678",
    applicant_email="ha@example.vn",
    data={},
    attachments=[(procedure.components.first(), CleanFile(name="tờ khai CT01.pdf", kind="pdf", content=pdf))],
)
print(f"TIP_CODE={receipt.report.code}")
print(f"TIP_PIN={receipt.pin}")
print(f"APP_CODE={application.code}")
print("APP_CONTACT=0912345678")
' >"$WORK/codes.txt"
while IFS='=' read -r key value; do
    case "$key" in TIP_CODE | TIP_PIN | APP_CODE | APP_CONTACT) export "DRILL_$key=$value" ;; esac
done <"$WORK/codes.txt"
echo "Phản ánh: mã $DRILL_TIP_CODE, PIN $DRILL_TIP_PIN. Hồ sơ: mã $DRILL_APP_CODE, liên hệ $DRILL_APP_CONTACT."

step "Sao lưu"
t0=$(now)
site nguon backup "$WORK/ban-sao"
t1=$(now)

step "Phục hồi vào cơ sở dữ liệu và thư mục mới"
site phuc-hoi restore "$WORK/ban-sao"
t2=$(now)

step "So sánh độc lập: số dòng mọi bảng, mã băm mọi tệp"
status=0
"$PY" - "$WORK" "$t0" "$t1" "$t2" <<'EOF' || status=1
import hashlib, json, sqlite3, sys
from pathlib import Path

work = Path(sys.argv[1])
t0, t1, t2 = map(float, sys.argv[2:5])


def tables(db):
    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute("select name from sqlite_master where type='table' order by name")]
        return {n: conn.execute(f'select count(*) from "{n}"').fetchone()[0] for n in names}


def files(root):
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def size(paths):
    return sum(p.stat().st_size for p in paths)


src, dst = tables(work / "nguon/db.sqlite3"), tables(work / "phuc-hoi/db.sqlite3")
fsrc, fdst = files(work / "nguon/media"), files(work / "phuc-hoi/media")
manifest = json.loads((work / "ban-sao/manifest.json").read_text(encoding="utf-8"))
inside = manifest["private"]["inside_media"]
expected = {}
for key, digest in manifest["files"].items():
    top, _, rest = key.partition("/")
    if top == manifest["media"]["dir"]:
        expected[rest] = digest["sha256"]
    elif top == manifest["private"]["dir"]:
        expected[f"{inside}/{rest}" if inside else rest] = digest["sha256"]

problems = [f"bảng {n}: nguồn {src.get(n)} dòng, phục hồi {dst.get(n)}" for n in sorted(set(src) | set(dst))
            if src.get(n) != dst.get(n)]
problems += [f"tệp {k}: khác mã băm hoặc thiếu" for k in sorted(set(fsrc) | set(fdst)) if fsrc.get(k) != fdst.get(k)]
problems += [f"tệp {k}: không khớp manifest" for k in sorted(set(fsrc) | set(expected)) if fsrc.get(k) != expected.get(k)]

backup_bytes = size(p for p in (work / "ban-sao").rglob("*") if p.is_file())
fmt = lambda n: f"{n:,}".replace(",", ".")
rows = [
    ("Bảng (tables)", len(src), len(dst)),
    ("Dòng (rows)", sum(src.values()), sum(dst.values())),
    ("Bài viết (news_newspage)", src.get("news_newspage", 0), dst.get("news_newspage", 0)),
    ("Phản ánh (reports_report)", src.get("reports_report", 0), dst.get("reports_report", 0)),
    ("Hồ sơ (services_application)", src.get("services_application", 0), dst.get("services_application", 0)),
    ("Tệp media + riêng tư", len(fsrc), len(fdst)),
    ("Byte tệp", size(p for p in (work / "nguon/media").rglob("*") if p.is_file()),
     size(p for p in (work / "phuc-hoi/media").rglob("*") if p.is_file())),
    ("Byte cơ sở dữ liệu", (work / "nguon/db.sqlite3").stat().st_size, (work / "phuc-hoi/db.sqlite3").stat().st_size),
]
print(f"{'Chỉ số':<32}{'Nguồn':>14}{'Phục hồi':>14}")
for label, a, b in rows:
    print(f"{label:<32}{fmt(a):>14}{fmt(b):>14}{'' if a == b else '  ≠'}")
print(f"{'Bản sao lưu: tệp / byte':<32}{fmt(len(manifest['files'])):>14}{fmt(backup_bytes):>14}")
print(f"{'Giây sao lưu / phục hồi':<32}{t1 - t0:>14.1f}{t2 - t1:>14.1f}")
for line in problems[:30]:
    print("KHÔNG KHỚP:", line)
sys.exit(1 if problems else 0)
EOF

step "Cổng đã phục hồi, nhìn từ phía người dân (Django test client)"
site phuc-hoi shell -v0 -c '
import os, sys
from django.test import Client
from news.models import NewsPage
from reports.models import ReportAttachment
from services.models import ApplicationFile

failures = []
def check(ok, label):
    print(("  đạt   " if ok else "  LỖI   ") + label)
    if not ok:
        failures.append(label)

article = NewsPage.objects.live().order_by("-pk").first()
response = Client().get(article.url)
check(response.status_code == 200 and article.title in response.content.decode(), f"bài viết {article.url} → {response.status_code}")

code, contact = os.environ["DRILL_APP_CODE"], os.environ["DRILL_APP_CONTACT"]
citizen = Client()
response = citizen.post("/tra-cuu-ho-so/", {"code": code, "contact": contact})
check(response.status_code == 302, f"tra cứu hồ sơ {code} + {contact} → {response.status_code}")
if response.status_code == 302:
    page = citizen.get(response["Location"])
    check(page.status_code == 200 and code in page.content.decode().replace("-", ""), f"trang hồ sơ → {page.status_code}")
wrong = Client().post("/tra-cuu-ho-so/", {"code": code, "contact": "0900000000"})
check(wrong.status_code != 302, "sai liên hệ không mở được hồ sơ")

code, pin = os.environ["DRILL_TIP_CODE"], os.environ["DRILL_TIP_PIN"]
response = Client().post("/phan-anh-to-giac/theo-doi/", {"code": code, "pin": pin})
check(response.status_code == 200 and code in response.content.decode().replace("-", ""), f"theo dõi phản ánh {code} + PIN → {response.status_code}")

photo = ReportAttachment.objects.get(report__code=code)
check(photo.file.read()[:2] == b"\xff\xd8", f"ảnh của phản ánh đọc được ({photo.size} byte, {photo.file.name})")
pdf = ApplicationFile.objects.get(application__code=os.environ["DRILL_APP_CODE"])
check(pdf.file.read().startswith(b"%PDF"), f"tệp PDF của hồ sơ đọc được ({pdf.size} byte, {pdf.file.name})")
sys.exit(1 if failures else 0)
' || status=1

if [[ $status -eq 0 ]]; then
    echo "Diễn tập phục hồi: ĐẠT."
else
    echo "Diễn tập phục hồi: KHÔNG ĐẠT." >&2
fi
exit $status
