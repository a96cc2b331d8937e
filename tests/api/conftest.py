import pytest

from tests import utils


@pytest.fixture
def api_content(db, settings):
    """A procedure with every field kind (place, choice, file) and the tip categories; no rate
    limits, so a fuzzer's burst of valid submissions is accepted like a citizen's would be."""
    from reports.models import ReportCategory

    settings.PORTAL_RATE_LIMITS = "off"
    procedure = utils.make_procedure(utils.make_procedure_index(utils.make_home()))
    crime = ReportCategory.objects.get(code="toi-pham-hinh-su")
    ReportCategory.objects.get_or_create(
        code="lua-dao-qua-mang", defaults={"name": "Lừa đảo qua mạng", "parent": crime}
    )
    return procedure
