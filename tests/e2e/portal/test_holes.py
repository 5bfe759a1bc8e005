"""The holes probing found, each closed: body size, echoed input, control characters, CSRF."""

import json

from sqlalchemy import select

from legal_flows.store.db import session_scope
from legal_flows.store.tables import DecisionRow
from tests.e2e.portal.test_pages import csrf_of, page_sign_in
from tests.portal_world import ADMIN, STAFF


def test_a_body_over_the_limit_is_refused_with_413_before_it_is_read(world):
    client = world.client()
    huge = b'{"name": "x", "password": "' + b"a" * (1024 * 1024 + 1) + b'"}'
    answer = client.post("/api/session", content=huge, headers={"Content-Type": "application/json"})
    assert answer.status_code == 413
    assert answer.json() == {"detail": "the request body is too large"}


def test_a_chunked_body_over_the_limit_is_cut_off_with_413(world):
    client = world.client()

    def chunks():
        for _ in range(40):
            yield b"a" * 65536  # 2.5 MB, no Content-Length

    answer = client.post(
        "/api/session", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 413


def test_a_form_over_the_limit_gets_a_page_not_json(world):
    client = page_sign_in(world, STAFF)
    token = csrf_of(client, "/flows")
    answer = client.post("/flows/sweep", data={"csrf_token": token, "pad": "a" * 1_100_000})
    assert answer.status_code == 413
    assert not answer.headers["content-type"].startswith("application/json")


def test_validation_errors_never_repeat_what_was_sent(world):
    client = world.client()
    password = "p" * 201
    answer = client.post("/api/session", json={"name": "li.staff", "password": password})
    assert answer.status_code == 422
    assert password not in answer.text
    (error,) = answer.json()["detail"]
    assert error["loc"] == ["body", "password"]
    assert set(error) == {"loc", "msg", "type"}


def test_a_page_form_with_a_bad_field_answers_a_page_naming_it_without_the_value(world):
    client = page_sign_in(world, ADMIN)
    token = csrf_of(client, "/users")
    secret = "s" * 201
    answer = client.post(
        "/users", data={"name": "x", "role": "lawyer", "password": secret, "csrf_token": token}
    )
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("text/html")
    assert "password" in answer.text
    assert secret not in answer.text


def test_control_characters_in_a_form_field_are_refused_and_nothing_is_stored(world):
    client = page_sign_in(world, STAFF)
    case_id = world.manual[-1]
    token = csrf_of(client, f"/cases/{case_id}")
    with session_scope(world.engine) as s:
        before = s.execute(select(DecisionRow.id)).all()
    for bad in ("a\x00b", "line\rbreak", "tab\there", "bell\x07"):
        form = {"decision": "reject", "reason": bad, "version": "1", "csrf_token": token}
        answer = client.post(f"/cases/{case_id}/decision", data=form)
        assert answer.status_code == 422, bad
        assert "reason：不允许包含控制字符" in answer.text
    with session_scope(world.engine) as s:
        assert s.execute(select(DecisionRow.id)).all() == before


def test_the_api_refuses_control_characters_but_keeps_line_breaks(world):
    client, csrf = world.signed_in(STAFF)
    case_id = world.manual[-2]
    headers = {"X-CSRF-Token": csrf}
    body = {"approve": False, "reason": "bad\rreason", "expected_version": None}
    answer = client.post(f"/api/cases/{case_id}/decision", json=body, headers=headers)
    assert answer.status_code == 422
    assert "bad\rreason" not in json.dumps(answer.json())
    body["reason"] = "争议属实\r\n持卡人提供了还款凭证"
    answer = client.post(f"/api/cases/{case_id}/decision", json=body, headers=headers)
    assert answer.status_code == 200, answer.text
    with session_scope(world.engine) as s:
        reason = s.execute(
            select(DecisionRow.reviewer_reason)
            .where(DecisionRow.case_id == case_id)
            .order_by(DecisionRow.id.desc())
        ).scalar()
    assert reason == "争议属实\n持卡人提供了还款凭证"


def test_a_sign_in_form_without_its_token_is_403_whatever_else_is_wrong(world):
    client = world.client()
    client.get("/login")  # the cookie is set; the form's token is left out
    answer = client.post("/login", data={"name": "x" * 500, "password": ""})
    assert answer.status_code == 403
