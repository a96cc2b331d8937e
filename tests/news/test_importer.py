"""`manage.py import_news`: the legacy sample, JSON Lines (plain and gzipped), bad input, re-runs,
redirects, categories and tags, and pages that are ordinary Wagtail pages afterwards."""

from __future__ import annotations

import gzip
import io
import json
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from PIL import Image as PILImage
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.images.models import Image
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from cms.text import format_datetime
from news.importers import legacy_text
from news.importers.records import HEADING, PARAGRAPH, RecordInvalid, parse_published_at
from news.importers.service import resolve_parent
from news.models import NewsCategory, NewsIndexPage, NewsPage
from tests import utils

pytestmark = pytest.mark.django_db

LEGACY_SAMPLE = Path(settings.BASE_DIR).parent / "shared" / "legacy" / "hnp-2019-07-16.txt"
SAMPLE_SLUG = "tiep-tuc-day-manh-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc"


def article(number: int, **fields) -> dict:
    record = {
        "id": f"bai-{number}",
        "title": f"Công an phường Đống Đa tuần tra đêm, đợt {number}",
        "sapo": "Đêm qua, tổ công tác đã kiểm tra các tuyến phố trung tâm.",
        "body": "Lực lượng chức năng đã nhắc nhở 12 trường hợp vi phạm.\nNgười dân hưởng ứng tích cực.",
        "published_at": "2019-07-16T20:23:00+07:00",
    }
    record.update(fields)
    return record


def write_jsonl(path: Path, records: list, *, gz: bool = False) -> Path:
    lines = "".join(
        (item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)) + "\n" for item in records
    )
    data = lines.encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def run_import(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_news", *map(str, args), "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing_import(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_news", *map(str, args), "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def assert_tree_valid():
    assert Page.find_problems() == ([], [], [], [], [])


def blocks(page: NewsPage) -> list[tuple[str, str]]:
    return [(block["type"], block["value"]) for block in page.body.raw_data]


# -- the old website's text article ------------------------------------------------------------


@pytest.mark.skipif(not LEGACY_SAMPLE.is_file(), reason="../shared/legacy/hnp-2019-07-16.txt is absent")
def test_legacy_sample_becomes_a_dated_article(news_index, client):
    out, _ = run_import(LEGACY_SAMPLE)

    page = NewsPage.objects.get(source_id="legacy:hnp-2019-07-16")
    assert page.slug == SAMPLE_SLUG
    assert page.title == "Tiếp tục đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc"
    assert page.get_parent().pk == news_index.pk
    assert format_datetime(page.display_date) == "20:23 16/07/2019"
    assert page.first_published_at == page.display_date == page.last_published_at
    assert page.sapo.startswith("HNP - ")
    assert page.source == "HNP"
    kinds = [kind for kind, _ in blocks(page)]
    assert kinds.count(HEADING) == 2 and kinds[0] == HEADING
    source_lines = {line.strip() for line in LEGACY_SAMPLE.read_text(encoding="utf-8").splitlines()}
    for kind, value in blocks(page):
        if kind == HEADING:
            assert value in source_lines and len(value) < 100
        else:
            assert value.startswith("<p>") and len(value) > 300
    assert "Tạo mới: 1" in out

    response = client.get(f"/tin-tuc/{SAMPLE_SLUG}/")
    assert response.status_code == 200
    assert "20:23 16/07/2019" in response.content.decode()


def test_legacy_format_written_here(news_index, tmp_path):
    source = tmp_path / "catp-2020-01-02.txt"
    source.write_text(
        "Đảm bảo an ninh trật tự dịp Tết Nguyên đán (07:05 02/01/2020)\n\n"
        "CATP - Công an Thành phố ra quân bảo đảm trật tự, an toàn giao thông dịp Tết.\n\n"
        "Tăng cường tuần tra\n\n"
        "Các tổ công tác làm nhiệm vụ suốt ngày đêm tại các nút giao trọng điểm, có <b>đèn</b> & biển báo.\n\n"
        "Nguyễn Văn An\n",
        encoding="utf-8",
    )
    run_import(source)

    page = NewsPage.objects.get(source_id="legacy:catp-2020-01-02")
    assert format_datetime(page.display_date) == "07:05 02/01/2020"
    assert page.sapo.startswith("CATP - Công an Thành phố")
    assert page.source == "CATP"
    assert blocks(page) == [
        (HEADING, "Tăng cường tuần tra"),
        (
            PARAGRAPH,
            "<p>Các tổ công tác làm nhiệm vụ suốt ngày đêm tại các nút giao trọng điểm, có &lt;b&gt;đèn&lt;/b&gt; &amp; biển báo.</p>",
        ),
        (PARAGRAPH, "<p>Nguyễn Văn An</p>"),
    ]


def test_legacy_file_without_dateline_fails(news_index, tmp_path):
    source = tmp_path / "hong.txt"
    source.write_text("Tiêu đề không có ngày\n\nNội dung.\n", encoding="utf-8")
    bad_date = tmp_path / "sai-ngay.txt"
    bad_date.write_text("Tiêu đề (10:00 31/02/2020)\n\nNội dung.\n", encoding="utf-8")

    _, err = run_failing_import(source, bad_date)

    assert f"{source}:1: dòng đầu phải có dạng" in err
    assert f"{bad_date}:1: ngày đăng không hợp lệ" in err
    assert not NewsPage.objects.exists()


# -- JSON Lines ----------------------------------------------------------------------------------


def test_jsonl_creates_live_pages_with_revisions(news_index, tmp_path):
    existing = utils.make_article(news_index, title="Bài có sẵn trong chuyên trang")
    path = write_jsonl(
        tmp_path / "cu.jsonl",
        [article(1), article(2), article(3, title="Trùng tiêu đề"), article(4, title="Trùng tiêu đề")],
    )

    out, err = run_import(path)

    assert "Tạo mới: 4, cập nhật: 0, không đổi: 0, lỗi: 0." in out
    assert err == ""
    pages = list(NewsPage.objects.filter(source_id__startswith="cu:").order_by("path"))
    assert [page.source_id for page in pages] == ["cu:bai-1", "cu:bai-2", "cu:bai-3", "cu:bai-4"]
    assert [page.slug for page in pages[2:]] == ["trung-tieu-de", "trung-tieu-de-2"]
    assert pages[0].slug == "cong-an-phuong-dong-da-tuan-tra-dem-dot-1"
    for page in pages:
        assert page.live and not page.has_unpublished_changes
        assert page.latest_revision_id == page.live_revision_id
        assert page.get_parent().pk == news_index.pk
        assert page.url_path == f"{news_index.url_path}{page.slug}/"
        assert format_datetime(page.first_published_at) == "20:23 16/07/2019"
        assert blocks(page) == [
            (PARAGRAPH, "<p>Lực lượng chức năng đã nhắc nhở 12 trường hợp vi phạm.</p>"),
            (PARAGRAPH, "<p>Người dân hưởng ứng tích cực.</p>"),
        ]
        assert PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision=page.live_revision).exists()
    assert NewsPage.objects.live().child_of(news_index).count() == 5
    assert Page.objects.get(pk=news_index.pk).numchild == 5
    assert pages[0].path > existing.path
    assert_tree_valid()


def test_revision_holds_what_save_revision_would(news_index, tmp_path):
    path = write_jsonl(tmp_path / "cu.jsonl", [article(1, category="Giao thông", tags=["tuần tra", "đêm"])])
    run_import(path)

    page = NewsPage.objects.get(source_id="cu:bai-1")
    stored = Revision.objects.get(pk=page.latest_revision_id)
    assert stored.object_id == str(page.pk)
    expected = json.loads(json.dumps(page.serializable_data(), cls=stored._meta.get_field("content").encoder))
    for key in ("latest_revision", "live_revision"):
        expected.pop(key)
        stored.content.pop(key)
    assert json.loads(stored.content.pop("body")) == json.loads(expected.pop("body"))
    for item in expected["tagged_items"]:
        item["pk"] = None
    assert sorted(stored.content.pop("tagged_items"), key=str) == sorted(expected.pop("tagged_items"), key=str)
    assert stored.content == expected

    restored = stored.as_object()
    assert restored.title == page.title and list(restored.categories.all()) == list(page.categories.all())


def test_imported_page_opens_in_the_admin_and_can_be_republished(news_index, tmp_path, client):
    run_import(write_jsonl(tmp_path / "cu.jsonl", [article(1, tags="an ninh, trật tự")]))
    page = NewsPage.objects.get(source_id="cu:bai-1")
    admin = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "mat-khau-dai-123")
    client.force_login(admin)

    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{news_index.pk}/").status_code == 200

    page.sapo = "Sapo biên tập lại."
    page.save_revision(user=admin).publish()
    page.refresh_from_db()
    assert page.revisions.count() == 2 and page.live_revision_id == page.latest_revision_id
    assert_tree_valid()


def test_gzip_categories_tags_and_redirects(news_index, tmp_path, client):
    records = [
        article(
            1, category="Cảnh báo tội phạm", tags=["lừa đảo", "mạng xã hội"], url="http://congan.example.vn/tin/1.html"
        ),
        article(2, category="Cảnh báo tội phạm", tags="lừa đảo", url="/tin-cu/bai-2.html?id=2&muc=an-ninh"),
        article(3, category=["Giao thông", "An ninh trật tự"]),
    ]
    run_import(write_jsonl(tmp_path / "cu.jsonl.gz", records, gz=True))

    warning = NewsCategory.objects.get(name="Cảnh báo tội phạm")
    assert warning.slug == "canh-bao-toi-pham"
    first, second, third = (NewsPage.objects.get(source_id=f"cu:bai-{n}") for n in (1, 2, 3))
    assert list(first.categories.all()) == [warning] == list(second.categories.all())
    assert {category.slug for category in third.categories.all()} == {"giao-thong", "an-ninh-trat-tu"}
    assert set(first.tags.names()) == {"lừa đảo", "mạng xã hội"}
    assert Tag.objects.get(name="mạng xã hội").slug == "mang-xa-hoi"
    assert first.legacy_url == "http://congan.example.vn/tin/1.html"

    response = client.get("/tin/1.html")
    assert response.status_code == 301
    assert response["Location"].endswith(first.url)
    response = client.get("/tin-cu/bai-2.html?muc=an-ninh&id=2")
    assert response.status_code == 301 and response["Location"].endswith(second.url)
    assert client.get(response["Location"]).status_code == 200
    assert Redirect.objects.count() == 2


def test_nfd_input_is_stored_composed(news_index, tmp_path):
    title = unicodedata.normalize("NFD", "Đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc")
    sapo = unicodedata.normalize("NFD", "Người dân cung cấp hàng nghìn tin báo.")
    run_import(
        write_jsonl(
            tmp_path / "nfd.jsonl",
            [article(1, title=title, sapo=sapo, category=unicodedata.normalize("NFD", "Phong trào"))],
        )
    )

    page = NewsPage.objects.get(source_id="nfd:bai-1")
    assert page.title == "Đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc"
    assert unicodedata.is_normalized("NFC", page.title) and unicodedata.is_normalized("NFC", page.sapo)
    assert page.slug == "day-manh-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc"
    assert NewsCategory.objects.get(slug="phong-trao").name == "Phong trào"


def test_bad_records_are_reported_and_skipped(news_index, tmp_path):
    path = write_jsonl(
        tmp_path / "hong.jsonl",
        [
            article(1),
            '{"id": "bai-2", "title": "Thiếu ngoặc"',
            article(3, title="   "),
            article(4, published_at="31/02/2019"),
            "[1, 2]",
            article(6, tags=[1, 2]),
            article(7),
        ],
    )

    out, err = run_failing_import(path)

    assert f"{path}:2: JSON không hợp lệ" in err
    assert f"{path}:3: thiếu tiêu đề" in err
    assert f"{path}:4: ngày đăng không hợp lệ" in err
    assert f"{path}:5: mỗi dòng phải là một đối tượng JSON" in err
    assert f"{path}:6: trường tags" in err
    assert "Tạo mới: 2, cập nhật: 0, không đổi: 0, lỗi: 5." in out
    assert set(NewsPage.objects.values_list("source_id", flat=True)) == {"hong:bai-1", "hong:bai-7"}
    assert_tree_valid()


def test_truncated_gzip_keeps_what_was_readable(news_index, tmp_path):
    whole = write_jsonl(
        tmp_path / "day-du.jsonl.gz",
        [article(n, body=" ".join(f"câu {n}-{i}." for i in range(400))) for n in range(1, 41)],
        gz=True,
    )
    truncated = tmp_path / "cat.jsonl.gz"
    truncated.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])

    out, err = run_failing_import(truncated)

    assert "bị hỏng hoặc bị cắt cụt" in err
    assert f"{truncated}:" in err
    created = NewsPage.objects.count()
    assert 0 < created < 40
    assert f"Tạo mới: {created}," in out
    assert_tree_valid()


def test_missing_and_unsupported_files_fail(news_index, tmp_path):
    other = tmp_path / "bang.csv"
    other.write_text("id,title\n", encoding="utf-8")
    _, err = run_failing_import(tmp_path / "khong-co.jsonl", other)
    assert "khong-co.jsonl:0: không tìm thấy tệp" in err
    assert "bang.csv:0: định dạng không hỗ trợ" in err


# -- re-runs -------------------------------------------------------------------------------------


def test_rerun_is_idempotent_and_updates_changes(news_index, tmp_path):
    path = write_jsonl(tmp_path / "cu.jsonl", [article(1, tags=["tuần tra"]), article(2, url="/tin/2.html")])
    run_import(path)
    first = NewsPage.objects.get(source_id="cu:bai-1")
    revisions = Revision.objects.count()

    out, _ = run_import(path)

    assert "Tạo mới: 0, cập nhật: 0, không đổi: 2, lỗi: 0." in out
    assert Revision.objects.count() == revisions
    assert NewsPage.objects.count() == 2

    write_jsonl(path, [article(1, sapo="Sapo đã sửa.", tags=["tuần tra", "đêm"]), article(2, url="/tin/2.html")])
    out, _ = run_import(path)

    assert "Tạo mới: 0, cập nhật: 1, không đổi: 1, lỗi: 0." in out
    page = NewsPage.objects.get(pk=first.pk)
    assert page.sapo == "Sapo đã sửa."
    assert set(page.tags.names()) == {"tuần tra", "đêm"}
    assert page.revisions.count() == 2
    assert page.live and page.live_revision_id == page.latest_revision_id
    assert page.first_published_at == first.first_published_at
    assert page.slug == first.slug
    assert NewsPage.objects.count() == 2 and Redirect.objects.count() == 1
    assert_tree_valid()


def test_rerun_matches_by_old_url_when_ids_are_missing(news_index, tmp_path):
    records = [{"title": "Bài chỉ có địa chỉ cũ", "sapo": "Sapo.", "body": "Đoạn một.", "url": "/tin/99.html"}]
    run_import(write_jsonl(tmp_path / "url.jsonl", records))
    records[0]["body"] = "Đoạn một đã sửa."
    out, _ = run_import(write_jsonl(tmp_path / "url.jsonl", records))

    assert "cập nhật: 1" in out
    page = NewsPage.objects.get()
    assert page.source_id is None and page.legacy_url == "/tin/99.html"
    assert blocks(page) == [(PARAGRAPH, "<p>Đoạn một đã sửa.</p>")]


def test_same_article_twice_in_one_file_is_one_page(news_index, tmp_path):
    out, _ = run_import(write_jsonl(tmp_path / "lap.jsonl", [article(1), article(1, sapo="Bản sau.")]))

    assert "Tạo mới: 1, cập nhật: 1" in out
    assert NewsPage.objects.get().sapo == "Bản sau."


# -- images, parents ----------------------------------------------------------------------------


def test_local_image_becomes_featured_image_and_remote_one_is_reported(news_index, tmp_path):
    PILImage.new("RGB", (64, 48), (200, 30, 30)).save(tmp_path / "tuan-tra.png")
    records = [
        article(1, image="tuan-tra.png"),
        article(2, image=str(tmp_path / "tuan-tra.png")),
        article(3, image="https://example.vn/anh.jpg"),
        article(4, image="khong-co.jpg"),
    ]
    out, err = run_import(write_jsonl(tmp_path / "anh.jsonl", records))

    image = Image.objects.get()
    assert (image.width, image.height) == (64, 48)
    assert ReferenceIndex.get_references_to(image).count() == 2
    pages = {page.source_id: page for page in NewsPage.objects.all()}
    assert pages["anh:bai-1"].featured_image_id == image.pk == pages["anh:bai-2"].featured_image_id
    assert pages["anh:bai-3"].featured_image_id is None
    assert "anh.jsonl:3: cảnh báo: ảnh không phải tệp trên máy" in err
    assert "anh.jsonl:4: cảnh báo: không đọc được ảnh" in err
    assert "Tạo mới: 4" in out and "Cảnh báo: 2." in out


def test_default_parent_is_created_when_the_site_has_none(home, tmp_path):
    assert not NewsIndexPage.objects.exists()
    run_import(write_jsonl(tmp_path / "cu.jsonl", [article(1)]))

    index = NewsIndexPage.objects.get()
    assert (index.title, index.slug, index.live) == ("Tin tức", "tin-tuc", True)
    assert index.get_parent().pk == home.pk
    assert NewsPage.objects.child_of(index).count() == 1
    assert_tree_valid()


def test_parent_option_by_id_and_url_path(news_index, tmp_path):
    other = news_index.add_child(instance=NewsIndexPage(title="Cảnh báo", slug="canh-bao"))
    run_import(write_jsonl(tmp_path / "a.jsonl", [article(1)]), "--parent", "/tin-tuc/canh-bao/")
    run_import(write_jsonl(tmp_path / "b.jsonl", [article(2)]), "--parent", str(other.pk))

    assert NewsPage.objects.child_of(other).count() == 2
    assert resolve_parent("/tin-tuc/canh-bao/").pk == other.pk
    with pytest.raises(CommandError):
        run_import(write_jsonl(tmp_path / "c.jsonl", [article(3)]), "--parent", "/khong-co/")
    with pytest.raises(CommandError):
        run_import(write_jsonl(tmp_path / "d.jsonl", [article(4)]), "--parent", str(news_index.get_parent().pk))


def test_source_option_prefixes_ids(news_index, tmp_path):
    run_import(write_jsonl(tmp_path / "cu.jsonl", [article(1)]), "--source", "website-cu")
    assert NewsPage.objects.get().source_id == "website-cu:bai-1"


# -- helpers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20:23 16/07/2019", "20:23 16/07/2019"),
        ("16/07/2019 20:23", "20:23 16/07/2019"),
        ("2019-07-16T13:23:00Z", "20:23 16/07/2019"),
        ("2019-07-16 20:23", "20:23 16/07/2019"),
        ("2019-07-16", "00:00 16/07/2019"),
    ],
)
def test_publication_dates(text, expected):
    assert format_datetime(parse_published_at(text)) == expected


@pytest.mark.parametrize("text", ["31/02/2019", "hôm qua", "", "25:00 01/01/2020"])
def test_bad_publication_dates(text):
    with pytest.raises(RecordInvalid):
        parse_published_at(text)


def test_articles_follow_the_children_an_editor_added(news_index, tmp_path):
    """Paths come from treebeard after the section's last child, as `add_child` places them."""
    from news.models import NewsPage

    by_hand = news_index.add_child(instance=NewsPage(title="Bài viết của biên tập viên", slug="bai-tay"))
    run_import(write_jsonl(tmp_path / "two.jsonl", [article(1), article(2)]), "--parent", news_index.pk)
    children = list(news_index.get_children().order_by("path"))
    assert children[0].pk == by_hand.pk
    assert [c.path for c in children[1:]] == [by_hand._inc_path(), Page._get_path(news_index.path, by_hand.depth, 3)]
    assert Page.find_problems() == ([], [], [], [], [])


def test_heading_detection():
    assert legacy_text.is_heading("Ứng dụng công nghệ trong tuyên truyền")
    assert not legacy_text.is_heading("Câu văn kết thúc bằng dấu chấm.")
    assert not legacy_text.is_heading("Một đoạn rất dài " * 20)


def test_a_record_that_breaks_its_batch_fails_alone(news_index, tmp_path, monkeypatch):
    from django.db import DatabaseError

    from news.importers.writer import NewsWriter

    original = NewsWriter._image

    def exploding_image(self, record):
        if record.image.endswith("no-tung"):
            raise DatabaseError("ổ đĩa đầy")
        return original(self, record)

    monkeypatch.setattr(NewsWriter, "_image", exploding_image)
    records = [article(n, category="Phòng cháy chữa cháy", tags=["cứu nạn"]) for n in range(1, 5)]
    records[2]["image"] = "no-tung"

    out, err = run_failing_import(write_jsonl(tmp_path / "lo.jsonl", records))

    assert "lo.jsonl:3: lỗi ghi cơ sở dữ liệu: ổ đĩa đầy" in err
    assert "Tạo mới: 3, cập nhật: 0, không đổi: 0, lỗi: 1." in out
    category = NewsCategory.objects.get(name="Phòng cháy chữa cháy")
    assert NewsPage.objects.filter(categories=category, tagged_items__tag__name="cứu nạn").count() == 3
    assert_tree_valid()


def test_byte_order_mark_and_windows_line_endings(news_index, tmp_path):
    path = tmp_path / "windows.jsonl"
    lines = [json.dumps(article(n), ensure_ascii=False) for n in (1, 2)]
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")

    out, err = run_import(path)

    assert "Tạo mới: 2, cập nhật: 0, không đổi: 0, lỗi: 0." in out and err == ""


def test_a_large_import_refreshes_the_index_statistics(news_index, tmp_path, monkeypatch):
    """After a bulk load the planner would still plan for empty index tables."""
    from django.db import connection

    from news.importers import service

    monkeypatch.setattr(service, "ANALYZE_AFTER", 3)
    run_import(write_jsonl(tmp_path / "it.jsonl", [article(1), article(2)]))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            query = "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"
        else:  # ANALYZE writes pg_class at once (the statistics views only after commit)
            query = "SELECT greatest(reltuples, 0)::int FROM pg_class WHERE relname = 'search_pghead'"
        cursor.execute(query)
        before = cursor.fetchone()[0]
        run_import(write_jsonl(tmp_path / "more.jsonl", [article(3), article(4), article(5)]))
        cursor.execute(query)
        after = cursor.fetchone()[0]
    assert before == 0
    assert after == (1 if connection.vendor == "sqlite" else 5)
