"""Who can open and change what in the admin: every staff group of the demo set-up against
every admin area, by status code (200 allowed; 302 or 403 refused)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from news.workflow import EDITORS_GROUP, REVIEWERS_GROUP, setup_editorial_workflow
from tests import utils

EDITORS, REVIEWERS, SERVICE_OFFICERS, TIP_OFFICERS, ADMINS = (
    "editors",
    "reviewers",
    "service_officers",
    "tip_officers",
    "administrators",
)
GROUPS = [EDITORS, REVIEWERS, SERVICE_OFFICERS, TIP_OFFICERS, ADMINS]
NEWSROOM = {EDITORS, REVIEWERS, ADMINS}

# area -> (address built from the fixture's objects, groups that may open it)
SEE = {
    "news explorer": ("/admin/pages/{news_index}/", NEWSROOM),
    "news editor": ("/admin/pages/{article}/edit/", NEWSROOM),
    "images": ("/admin/images/", NEWSROOM),
    "documents": ("/admin/documents/", NEWSROOM),
    "snippets: news categories": ("/admin/snippets/news/newscategory/", {ADMINS}),
    "snippets: holidays": ("/admin/snippets/services/holiday/", {SERVICE_OFFICERS, ADMINS}),
    "settings": ("/admin/settings/home/portalsettings/{site}/", {ADMINS}),
    "users": ("/admin/users/", {ADMINS}),
    "groups": ("/admin/groups/", {ADMINS}),
    "services queue": ("/admin/ho-so/", {SERVICE_OFFICERS, ADMINS}),
    "reports queue": ("/admin/phan-anh/", {TIP_OFFICERS, ADMINS}),
    "redirects": ("/admin/redirects/", {ADMINS}),
}
CHANGE = {
    "add a news article": ("/admin/pages/add/news/newspage/{news_index}/", NEWSROOM),
    "edit an image": ("/admin/images/{image}/", {REVIEWERS, ADMINS}),
    "upload an image": ("/admin/images/multiple/add/", NEWSROOM),
    "add a news category": ("/admin/snippets/news/newscategory/add/", {ADMINS}),
    "add a holiday": ("/admin/snippets/services/holiday/add/", {SERVICE_OFFICERS, ADMINS}),
    "add a user": ("/admin/users/new/", {ADMINS}),
    "edit a user": ("/admin/users/edit/{editor}/", {ADMINS}),
    "add a redirect": ("/admin/redirects/add/", {ADMINS}),
    "edit the home page": ("/admin/pages/{home}/edit/", {ADMINS}),
}


@pytest.fixture
def staff(home, news_index):
    from cms.groups import ensure_group
    from reports.groups import OFFICER_GROUP as TIP_GROUP
    from reports.groups import ensure_groups
    from services.demo import OFFICER_GROUP as SERVICE_GROUP
    from services.demo import OFFICER_PERMISSIONS

    setup_editorial_workflow(news_index)
    ensure_group(SERVICE_GROUP, OFFICER_PERMISSIONS)
    ensure_groups()
    user_model = get_user_model()
    users = {ADMINS: user_model.objects.create_superuser("quantri", "quantri@example.vn", "x")}
    for key, group in (
        (EDITORS, EDITORS_GROUP),
        (REVIEWERS, REVIEWERS_GROUP),
        (SERVICE_OFFICERS, SERVICE_GROUP),
        (TIP_OFFICERS, TIP_GROUP),
    ):
        users[key] = user_model.objects.create_user(key, f"{key}@example.vn", "x")
        users[key].groups.add(user_model.groups.field.related_model.objects.get(name=group))
    article = utils.make_article(news_index)
    image = Image.objects.create(title="Ảnh", file=get_test_image_file())
    ids = {"home": home.id, "news_index": news_index.id, "article": article.id, "image": image.id}
    ids["editor"] = users[EDITORS].pk
    ids["site"] = Site.objects.get(is_default_site=True).pk
    return users, ids


def _status(client, user, address: str) -> int:
    client.force_login(user)
    return client.get(address).status_code


def _cases(table):
    return [pytest.param(area, group, id=f"{area}-{group}") for area in table for group in GROUPS]


@pytest.mark.django_db
@pytest.mark.parametrize(("area", "group"), _cases(SEE))
def test_who_sees_each_admin_area(client, staff, area, group):
    users, ids = staff
    address, allowed = SEE[area]
    status = _status(client, users[group], address.format(**ids))
    if group in allowed:
        assert status == 200
    else:
        assert status in {302, 403}


@pytest.mark.django_db
@pytest.mark.parametrize(("area", "group"), _cases(CHANGE))
def test_who_may_change_what(client, staff, area, group):
    users, ids = staff
    address, allowed = CHANGE[area]
    status = _status(client, users[group], address.format(**ids))
    if group in allowed:
        assert status == 200
    else:
        assert status in {302, 403}


@pytest.mark.django_db
@pytest.mark.parametrize("group", [EDITORS, SERVICE_OFFICERS, TIP_OFFICERS])
def test_refused_posts_change_nothing(client, staff, group):
    """A refused form post leaves the database as it was (redirects, users)."""
    from wagtail.contrib.redirects.models import Redirect

    users, _ids = staff
    client.force_login(users[group])
    client.post("/admin/redirects/add/", {"old_path": "/cu/", "redirect_link": "/moi/", "is_permanent": "on"})
    client.post("/admin/users/new/", {"username": "moi", "password1": "x" * 20, "password2": "x" * 20})
    assert not Redirect.objects.filter(old_path="/cu").exists()
    assert not get_user_model().objects.filter(username="moi").exists()
