import io
import re

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from home.demo_content import DEMO_PASSWORD


@pytest.mark.django_db
def test_banner_lists_every_demo_account_and_each_one_logs_in():
    call_command("load_initial_data", stdout=io.StringIO())
    out = io.StringIO()
    call_command("portal_banner", "--port", "8123", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8123/admin/" in text
    usernames = re.findall(r"^\s+- (\S+)\s", text, flags=re.M)
    assert {"admin", "bientap", "duyetbai", "canbo_hoso", "canbo_tinbao"} <= set(usernames)
    for username in usernames:
        assert authenticate(username=username, password=DEMO_PASSWORD) is not None, username
