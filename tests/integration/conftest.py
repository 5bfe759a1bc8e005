"""Fixtures shared by the integration tests."""

import pytest

from tests.helpers import first_in_stage, loaded, review_all, set_case


@pytest.fixture
def ready(engine, tmp_path) -> str:
    """An approved case whose documents are ready: the court stages can begin."""
    loaded(engine, tmp_path, count=30)
    review_all(engine)
    account = first_in_stage(engine, "approved")
    set_case(engine, account, stage="documents_ready")
    return account
