"""News pages: where they may be created, how the index lists and filters, how an article renders."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import HomePage, StandardPage
from news.models import NewsCategory, NewsIndexPage, NewsPage
from tests import utils
from tests.news.conftest import local

pytestmark = pytest.mark.django_db


class TestCreationRules(WagtailPageTestCase):
    def setUp(self):
        self.home = utils.make_home()
        self.index = utils.make_news_index(self.home)
        self.login()

    def test_where_news_pages_may_live(self):
        self.assertCanCreateAt(HomePage, NewsIndexPage)
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanCreateAt(NewsIndexPage, NewsIndexPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(StandardPage, NewsPage)
        self.assertCanNotCreateAt(NewsPage, NewsPage)
        self.assertCanNotCreateAt(NewsPage, StandardPage)
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())

    def test_article_created_through_the_admin(self):
        category = utils.make_category()
        data = nested_form_data(
            {
                "title": "Đẩy mạnh tuyên truyền phòng, chống tội phạm",
                "slug": "djay-manh-tuyen-truyen-phong-chong-toi-pham",
                "display_date": "2019-07-16 20:23",
                "sapo": "HNP - Công an Thành phố tổ chức hội nghị.",
                "tags": "an ninh, tuyên truyền",
                "body": streamfield(
                    [
                        ("heading", "Kết quả nổi bật"),
                        ("paragraph", rich_text("<p>Nội dung.</p>")),
                    ]
                ),
            }
        )
        data["categories"] = [category.pk]
        self.assertCanCreate(self.index, NewsPage, data)
        page = NewsPage.objects.get(title="Đẩy mạnh tuyên truyền phòng, chống tội phạm")
        assert page.slug == "day-manh-tuyen-truyen-phong-chong-toi-pham"
        assert page.display_date == local(2019, 7, 16, 20, 23)
        assert list(page.categories.all()) == [category]
        assert sorted(page.tags.names()) == ["an ninh", "tuyên truyền"]
        assert [block.block_type for block in page.body] == ["heading", "paragraph"]

    def test_index_and_article_are_renderable_and_previewable(self):
        article = utils.make_article(self.index)
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(article)
        self.assertPageIsPreviewable(self.index)
        self.assertPageIsPreviewable(
            article,
            post_data=nested_form_data(
                {
                    "title": article.title,
                    "slug": article.slug,
                    "display_date": "2019-07-16 20:23",
                    "sapo": "Sapo xem trước",
                    "tags": "",
                    "body": streamfield([("paragraph", rich_text("<p>Xem trước.</p>"))]),
                }
            ),
        )


def titles(response) -> list[str]:
    return re.findall(r'class="news-card__title"><a href="[^"]*">([^<]*)</a>', response.content.decode())


@pytest.fixture
def filtered_articles(news_index, security, traffic):
    utils.make_article(
        news_index, title="Tin an ninh tháng bảy", display_date=local(2019, 7, 16, 20, 23), categories=[security]
    )
    utils.make_article(
        news_index, title="Tin giao thông tháng bảy", display_date=local(2019, 7, 1, 0, 5), categories=[traffic]
    )
    utils.make_article(
        news_index, title="Tin an ninh tháng tám", display_date=local(2019, 8, 2, 9, 0), categories=[security]
    )
    # 00:30 on 1 August in Hà Nội is still 31 July in UTC: it belongs to August.
    utils.make_article(news_index, title="Tin đầu tháng tám", display_date=local(2019, 8, 1, 0, 30))
    utils.make_article(
        news_index, title="Bản nháp", display_date=local(2019, 7, 20), categories=[security], publish=False
    )


def test_index_lists_newest_first_twenty_per_page(client, news_index):
    for day in range(1, 22):
        utils.make_article(news_index, title=f"Bản tin số {day}", display_date=local(2020, 1, day, 8, 0))
    first = client.get(news_index.url)
    assert first.status_code == 200
    assert titles(first)[:2] == ["Bản tin số 21", "Bản tin số 20"]
    assert len(titles(first)) == 20
    assert "Trang 1/2" in first.content.decode()
    second = client.get(news_index.url + "?trang=2")
    assert titles(second) == ["Bản tin số 1"]
    assert 'rel="prev"' in second.content.decode()


def test_drafts_and_restricted_articles_are_not_listed(client, news_index, filtered_articles):
    private = utils.make_article(news_index, title="Tin nội bộ", display_date=local(2019, 7, 5))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    listed = titles(client.get(news_index.url))
    assert "Bản nháp" not in listed
    assert "Tin nội bộ" not in listed
    assert len(listed) == 4


def test_filter_by_category_query_and_route(client, news_index, filtered_articles, security):
    by_query = client.get(news_index.url + "?chuyen-muc=an-ninh-trat-tu")
    by_route = client.get(news_index.url + "chuyen-muc/an-ninh-trat-tu/")
    assert by_route.status_code == 200
    assert titles(by_query) == titles(by_route) == ["Tin an ninh tháng tám", "Tin an ninh tháng bảy"]
    html = by_route.content.decode()
    assert "<h1>An ninh trật tự</h1>" in html
    assert f'href="{news_index.url}chuyen-muc/an-ninh-trat-tu/rss/"' in html
    assert client.get(news_index.url + "chuyen-muc/khong-co/").status_code == 404
    assert client.get(news_index.url + "?chuyen-muc=khong-co").status_code == 404


def test_filter_by_month_query_and_route(client, news_index, filtered_articles):
    july = ["Tin an ninh tháng bảy", "Tin giao thông tháng bảy"]
    assert titles(client.get(news_index.url + "?thang=2019-07")) == july
    assert titles(client.get(news_index.url + "thang/2019/07/")) == july
    assert titles(client.get(news_index.url + "thang/2019/08/")) == ["Tin an ninh tháng tám", "Tin đầu tháng tám"]
    both = client.get(news_index.url + "chuyen-muc/giao-thong/?thang=2019-07")
    assert titles(both) == ["Tin giao thông tháng bảy"]
    assert client.get(news_index.url + "thang/2019/13/").status_code == 404
    # A malformed month in the query string is ignored rather than an error.
    assert len(titles(client.get(news_index.url + "?thang=abc"))) == 4


def test_index_sidebar_offers_categories_months_and_feeds(client, news_index, filtered_articles):
    html = client.get(news_index.url).content.decode()
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="Tin tức (RSS)" href="{news_index.url}rss/">' in html
    )
    assert f'href="{news_index.url}atom/"' in html
    assert f'href="{news_index.url}chuyen-muc/giao-thong/">Giao thông</a>' in html
    assert f'href="{news_index.url}thang/2019/08/">Tháng 08/2019</a>' in html
    months = re.findall(r'href="[^"]*thang/(\d{4}/\d{2})/"', html)
    assert months == ["2019/08", "2019/07"]
    assert "20:23 16/07/2019" in html


def test_tag_filter(client, news_index):
    tagged = utils.make_article(news_index, title="Tin có từ khóa")
    tagged.tags.add("phòng cháy")
    tagged.save_revision().publish()
    utils.make_article(news_index, title="Tin không từ khóa")
    slug = tagged.tags.first().slug
    assert titles(client.get(news_index.url + f"?tu-khoa={slug}")) == ["Tin có từ khóa"]


@pytest.fixture
def article(news_index, security, image):
    page = utils.make_article(
        news_index,
        title="Tiếp tục đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc",
        sapo="HNP - Công an Thành phố tổng kết phong trào.",
        display_date=local(2019, 7, 16, 20, 23),
        categories=[security],
        featured_image=image,
        featured_image_caption="Lực lượng tuần tra trên phố",
        author="Minh Anh",
        source="Báo Hà Nội",
        body=[
            {"type": "heading", "value": "Kết quả nổi bật"},
            {"type": "paragraph", "value": "<p>Nội dung chính.</p>"},
            {"type": "quote", "value": {"text": "Dân là gốc.", "author": "Giám đốc"}},
            {"type": "image", "value": {"image": image.pk, "caption": "Ảnh hội nghị", "attribution": "CATP"}},
            {
                "type": "key_figures",
                "value": {
                    "title": "Năm 2019",
                    "figures": [{"label": "Tin báo tiếp nhận", "number": Decimal("28320"), "unit": "tin"}],
                },
            },
        ],
    )
    return page


def test_article_dateline_sapo_body_and_byline(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<time class="article__dateline" datetime="2019-07-16T20:23:00+07:00">20:23 16/07/2019</time>' in html
    assert "HNP - Công an Thành phố tổng kết phong trào." in html
    assert '<h2 class="block-heading">Kết quả nổi bật</h2>' in html
    assert '<span class="key-figure__number">28.320</span>' in html
    assert "Dân là gốc." in html and "— Giám đốc" in html
    assert "Ảnh hội nghị" in html and "(Ảnh: CATP)" in html
    assert "<figcaption>Lực lượng tuần tra trên phố</figcaption>" in html
    assert "Minh Anh" in html and "(Nguồn: Báo Hà Nội)" in html
    assert f'href="{article.get_parent().url}chuyen-muc/an-ninh-trat-tu/">An ninh trật tự</a>' in html


def test_article_open_graph_and_canonical(client, article):
    html = client.get(article.url).content.decode()
    full = "http://testserver" + article.url
    assert (
        f'<link rel="canonical" href="{article.full_url}">' in html or f'<link rel="canonical" href="{full}">' in html
    )
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Tiếp tục đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc">' in html
    assert '<meta property="og:description" content="HNP - Công an Thành phố tổng kết phong trào.">' in html
    assert '<meta property="article:published_time" content="2019-07-16T20:23:00+07:00">' in html
    og_image = re.search(r'<meta property="og:image" content="([^"]+)">', html)
    assert og_image and og_image.group(1).startswith("http://testserver/media/images/")
    assert ".fill-1200x630" in og_image.group(1)
    assert '<meta property="og:image:width" content="1200">' in html
    assert 'rel="alternate" type="application/rss+xml"' in html


def test_article_print_link_and_no_print_marks(client, article):
    html = client.get(article.url).content.decode()
    assert '<button type="button" class="print-button" data-print hidden>In bài</button>' in html
    assert '<a class="print-link" href="?print=1">In bài</a>' in html
    assert 'class="breadcrumb no-print"' in html
    printed = client.get(article.url + "?print=1").content.decode()
    assert 'class="news-article print-view"' in printed


def test_related_articles_explicit_first_then_same_category(client, news_index, article, security, traffic):
    same_category = utils.make_article(news_index, title="Cùng chuyên mục", categories=[security])
    utils.make_article(news_index, title="Khác chuyên mục", categories=[traffic])
    picked = utils.make_article(news_index, title="Bài được chọn", display_date=local(2010, 1, 1), categories=[traffic])
    article.related_pages.set([picked])
    article.save_revision().publish()
    from news.selectors import related_news

    related = related_news(NewsPage.objects.get(pk=article.pk), 2)
    assert [page.title for page in related] == ["Bài được chọn", same_category.title]
    html = client.get(article.url).content.decode()
    assert "Tin liên quan" in html and "Bài được chọn" in html


def test_category_slug_made_from_name_when_blank():
    first = NewsCategory(name="Cảnh báo tội phạm")
    first.full_clean()
    first.save()
    assert first.slug == "canh-bao-toi-pham"
    second = NewsCategory(name="Cảnh báo tội phạm!", slug="")
    second.full_clean()
    assert second.slug == "canh-bao-toi-pham-2"
    typed = NewsCategory(name="Đường thủy", slug="đường-thủy")
    typed.full_clean()
    assert typed.slug == "duong-thuy"


def test_category_hand_typed_slug_clash_is_reported():
    from django.core.exceptions import ValidationError

    NewsCategory.objects.create(name="Giao thông", slug="giao-thong")
    clash = NewsCategory(name="Giao thông đường bộ", slug="giao-thong")
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert "slug" in error.value.message_dict


def test_photos_offer_a_phone_size(client, article):
    """Article photos list a 480 px rendition beside the 960 px one, so phones load the small one."""
    import re

    html = client.get(article.url).content.decode()
    srcsets = re.findall(r'<img[^>]*class="(article__image|block-image__img)"[^>]*>', html)
    assert sorted(srcsets) == ["article__image", "block-image__img"]
    for tag in re.findall(r"<img[^>]*(?:article__image|block-image__img)[^>]*>", html):
        assert re.search(r'srcset="[^"]*480w, [^"]*960w"', tag), tag
        assert 'sizes="(max-width: 40rem) 100vw, 960px"' in tag


def test_related_articles_photos_do_not_cost_a_query_each(client, news_index, security, image):
    """The related cards' photos come with the articles, not one query per card."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = utils.make_article(news_index, title="Bài chính", categories=[security])

    def queries() -> int:
        client.get(article.url)  # renditions made on the first view
        with CaptureQueriesContext(connection) as context:
            assert client.get(article.url).status_code == 200
        return len(context)

    utils.make_article(news_index, title="Tin cùng chuyên mục 1", categories=[security], featured_image=image)
    with_one = queries()
    for number in range(2, 5):
        utils.make_article(
            news_index, title=f"Tin cùng chuyên mục {number}", categories=[security], featured_image=image
        )
    assert queries() <= with_one
