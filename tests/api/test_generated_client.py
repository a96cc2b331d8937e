"""A client generated from the published schema by openapi-python-client works against a running
portal with the demo procedures and tip categories: it finds a procedure, reads its fields and
their choice lists (provinces, wards), submits an application with an attachment and tracks it;
it lists the tip categories, sends a tip and opens it with code and PIN. The client is generated
into the test's temporary directory; nothing generated is kept."""

import importlib
import io
import pkgutil
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests import utils

GENERATOR = Path(sys.executable).with_name("openapi-python-client")
GENERATOR_PATH = str(GENERATOR) if GENERATOR.exists() else shutil.which("openapi-python-client")
PACKAGE = "portal_api_client"
KNOWN = ("applicant_name", "applicant_phone", "applicant_email", "consent")

pytestmark = pytest.mark.skipif(
    GENERATOR_PATH is None, reason="openapi-python-client is not installed (pip install -r requirements-dev.txt)"
)


@pytest.fixture
def demo(transactional_db, settings):
    """The services demo (procedures with place, choice, date and file fields) and the tip categories."""
    from reports import demo as reports_demo
    from services import demo as services_demo

    settings.PORTAL_RATE_LIMITS = "off"
    services_demo.load_demo(utils.make_home())
    reports_demo.load_demo()


@pytest.fixture
def generated(demo, live_server, tmp_path):
    """(package, {operation module name: module}, client) generated from /api/v1/openapi.json."""
    import requests

    schema = tmp_path / "openapi.json"
    answer = requests.get(f"{live_server.url}/api/v1/openapi.json", timeout=60)
    assert answer.status_code == 200
    schema.write_bytes(answer.content)
    config = tmp_path / "config.yaml"
    config.write_text("post_hooks: []\n")
    run = subprocess.run(  # noqa: S603 - our own schema, our own generator
        [
            GENERATOR_PATH,
            "generate",
            "--path",
            str(schema),
            "--output-path",
            str(tmp_path / PACKAGE),
            "--meta",
            "none",
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Warning" not in run.stdout + run.stderr, run.stdout + run.stderr
    sys.path.insert(0, str(tmp_path))
    try:
        package = importlib.import_module(PACKAGE)
        operations = {}
        for part in ("models", "types", "api"):
            importlib.import_module(f"{PACKAGE}.{part}")
        for tag in pkgutil.iter_modules(package.api.__path__):
            tag_package = importlib.import_module(f"{PACKAGE}.api.{tag.name}")
            for module in pkgutil.iter_modules(tag_package.__path__):
                operations[module.name] = importlib.import_module(f"{tag_package.__name__}.{module.name}")
        # Closed before the live server stops: a kept-alive connection would outlive its database.
        with package.Client(base_url=live_server.url, raise_on_unexpected_status=True) as client:
            yield package, operations, client
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def _answer(field, province: int, ward: int) -> dict[str, str]:
    """A valid answer to one of the procedure's own fields, keyed by the name(s) it is sent under."""
    kind, name = field.type_.value, field.name
    if kind == "place":
        return {field.inputs[0].name: str(province), field.inputs[1].name: str(ward)}
    if kind == "date":
        if "sinh" in name:
            return {name: "1990-03-15"}
        return {name: (date.today() + timedelta(days=30 if "den" in name else 5)).isoformat()}
    if kind == "choice":
        return {name: field.choices[0]}
    values = {
        "text": "Số 12 đường Trần Phú",
        "textarea": "Đề nghị giải quyết theo quy định.",
        "number": "6",
        "cccd": "001090012345",
        "phone": "0912345678",
        "email": "congdan@example.vn",
        "checkbox": "true",
    }
    return {name: values[kind]}


def test_generated_client_applies_tracks_reports_and_follows_up(generated):
    from reports.models import Report
    from services.records import Application

    package, op, client = generated
    models, types = package.models, package.types

    # Procedures → one with a place field and a file → its fields → the choice lists they link.
    page = op["services_api_list_procedures"].sync(client=client, so_muc=100)
    assert page.total >= 5 and page.trang == 1 and len(page.items) == page.total
    detail = None
    for item in page.items:
        candidate = op["services_api_get_procedure"].sync(client=client, code=item.code)
        if any(f.type_.value == "place" for f in candidate.form_fields) and any(c.field for c in candidate.components):
            detail = candidate
            break
    assert detail is not None
    place = next(f for f in detail.form_fields if f.type_.value == "place")
    assert place.inputs[0].choices_url == "/api/v1/places/provinces"
    provinces = op["cms_api_list_provinces"].sync(client=client)
    assert provinces.total == 34
    hanoi = next(p for p in provinces.items if p.name == "Thành phố Hà Nội")
    assert place.inputs[1].choices_url.format(**{place.inputs[0].name: hanoi.code}) == hanoi.wards_url
    wards = op["cms_api_list_wards"].sync(client=client, province=hanoi.code, so_muc=500)
    assert wards.total == len(wards.items) > 100
    assert {w.province_code for w in wards.items} == {hanoi.code}
    ward = wards.items[0].code

    # Submit with an attachment (attachments + attachment_fields), then track it by POST.
    body = models.ServicesApiCreateApplicationBody(
        procedure=detail.code, applicant_name="Nguyễn Văn Thử", applicant_phone="0912345678", consent=True
    )
    for field in detail.form_fields:
        if field.name not in KNOWN:
            body.additional_properties.update(_answer(field, hanoi.code, ward))
    fields = [c.field for c in detail.components if c.field]
    body.attachments = [
        types.File(payload=io.BytesIO(utils.PDF_BYTES), file_name=f"giay-to-{n}.pdf", mime_type="application/pdf")
        for n, _ in enumerate(fields)
    ]
    body.attachment_fields = fields
    created = op["services_api_create_application"].sync_detailed(client=client, body=body)
    assert created.status_code == 201, created.content
    code = created.parsed.code
    application = Application.objects.get(code=code)
    assert application.applicant_name == "Nguyễn Văn Thử"
    assert application.files.count() == len(fields) >= 1
    assert application.data[place.name]["ward"] == ward

    tracked = op["services_api_lookup_application"].sync(
        client=client, body=models.LookupIn(code=code, contact="0912 345 678")
    )
    assert tracked.code == code and tracked.procedure == detail.name and tracked.status == "Mới đăng ký"
    wrong = op["services_api_lookup_application"].sync(
        client=client, body=models.LookupIn(code=code, contact="0900000000")
    )
    assert isinstance(wrong, models.ErrorOut) and wrong.code.value == "not_found"

    # A field name the procedure does not have is refused in the error shape.
    body.attachment_fields = ["file_0"] * len(fields)
    refused = op["services_api_create_application"].sync(client=client, body=body)
    assert isinstance(refused, models.ErrorOut) and "attachment_fields" in refused.errors.additional_properties

    # Tip categories → a tip with a place and a file → open it with code and PIN (header).
    categories = op["reports_api_list_categories"].sync(client=client)
    category = next(c for c in categories.items if c.children).children[0].code
    tip = op["reports_api_create_report"].sync_detailed(
        client=client,
        body=models.ReportsApiCreateReportBody(
            category=category,
            description="Có người lạ đột nhập nhà kho của khu dân cư vào ban đêm.",
            province=hanoi.code,
            ward=ward,
            files=[
                types.File(payload=io.BytesIO(utils.PDF_BYTES), file_name="bien-ban.pdf", mime_type="application/pdf")
            ],
        ),
    )
    assert tip.status_code == 201, tip.content
    report = Report.objects.get(code=tip.parsed.code)
    assert report.ward_code == ward and report.category.code == category
    opened = op["reports_api_get_report"].sync(client=client, code=tip.parsed.code, x_report_pin=tip.parsed.pin)
    assert opened.code == tip.parsed.code and opened.category == category
    denied = op["reports_api_get_report"].sync(client=client, code=tip.parsed.code, x_report_pin="000000")
    assert isinstance(denied, models.ErrorOut)
