"""Schemathesis against the portal's OpenAPI document: no input makes the server fail (5xx).

Signed in as an admin (who may call every route), with the CSRF token, on each database:
PostgreSQL refuses things SQLite accepts (NUL bytes, integers past 32 bits), so both run.
"""

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from legal_flows.api.app import create_app
from legal_flows.settings import load_settings
from tests.portal_world import ADMIN

EXAMPLES = 15  # per operation and generation mode: about 15 s per database


def test_no_generated_request_makes_the_portal_fail(world):
    client, csrf = world.signed_in(ADMIN)
    auth = {
        "headers": {"X-CSRF-Token": csrf},
        "cookies": {"lf_session": client.cookies["lf_session"]},
    }
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(load_settings()))
    failures: dict[str, str] = {}
    tried = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) == ("DELETE", "/api/session"):
            continue  # signing out would end the session every later example needs
        tried.append(operation.label)

        # Valid requests and invalid ones (wrong types, missing fields, out-of-range values).
        cases = operation.as_strategy(generation_mode=GenerationMode.POSITIVE) | (
            operation.as_strategy(generation_mode=GenerationMode.NEGATIVE)
        )

        @given(case=cases)
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def no_server_error(case: schemathesis.Case) -> None:
            response = case.call(**auth)
            assert response.status_code < 500, f"{response.status_code}: {response.text[:300]}"

        try:
            no_server_error()
        except AssertionError as exc:
            failures[operation.label] = str(exc).splitlines()[0]
    assert len(tried) == 26  # every operation but sign-out
    assert failures == {}
