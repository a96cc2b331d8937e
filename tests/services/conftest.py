import pytest

from tests import utils


@pytest.fixture
def catalogue(home):
    return utils.make_procedure_index(home)


@pytest.fixture
def procedure(catalogue):
    return utils.make_procedure(catalogue)


@pytest.fixture
def officer(db):
    return utils.make_officer()
