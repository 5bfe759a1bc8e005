"""The JSON API, route by route and role by role, against a real database."""

import hashlib
import io
import json
import zipfile

import pytest
from sqlalchemy import select

from legal_flows.services.portal.users import add_user
from legal_flows.store.audit import verify_chain
from legal_flows.store.db import session_scope
from legal_flows.store.tables import AUDIT, CaseRow
from tests.helpers import ACTOR, NOW, uow
from tests.portal_world import ADMIN, LAWYER, OTHER_LAWYER, PASSWORD, STAFF


def audit_rows(world, action):
    with session_scope(world.engine) as s:
        rows = s.execute(select(AUDIT).where(AUDIT.c.action == action).order_by(AUDIT.c.id))
        return [(r.actor, r.entity_id, json.loads(r.payload)) for r in rows]


def first_document(world, case_id, fmt="docx"):
    client, _ = world.signed_in(STAFF)
    documents = client.get(f"/api/cases/{case_id}").json()["documents"]
    return next(d for d in documents if d["format"] == fmt and d["status"] == "current")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/me"),
        ("GET", "/api/cases"),
        ("GET", "/api/cases/1"),
        ("GET", "/api/cases/1/package"),
        ("GET", "/api/documents/1"),
        ("GET", "/api/reviews"),
        ("GET", "/api/lawyers"),
        ("GET", "/api/flows"),
        ("GET", "/api/users"),
        ("POST", "/api/cases/1/decision"),
        ("PUT", "/api/cases/1/lawyer"),
        ("POST", "/api/flows/sweep"),
        ("POST", "/api/users"),
        ("DELETE", "/api/session"),
    ],
)
def test_every_api_route_answers_401_without_a_session(world, method, path):
    answer = world.client().request(method, path, json={})
    assert answer.status_code == 401
    assert answer.json() == {"detail": "sign in first"}


def test_a_lawyer_lists_only_the_cases_assigned_to_them_with_masked_id_numbers(world):
    client, _ = world.signed_in(LAWYER)
    listed = client.get("/api/cases").json()
    assert listed["total"] == 1
    (item,) = listed["items"]
    assert item["id"] == world.mine
    assert item["lawyer"] == LAWYER
    assert "*" in item["id_number"]
    assert item["next_deadline"]["kind"] == "limitation"


def test_legal_staff_list_every_case_and_filter_by_stage(world):
    client, _ = world.signed_in(STAFF)
    everything = client.get("/api/cases", params={"limit": 500}).json()
    assert everything["total"] == 40
    manual = client.get("/api/cases", params={"stage": "manual_review"}).json()
    assert {i["id"] for i in manual["items"]} >= set(world.manual[1:])
    assert client.get("/api/cases", params={"stage": "nonsense"}).status_code == 422


def test_a_lawyer_opens_their_case_with_its_timeline_and_documents(world):
    client, _ = world.signed_in(LAWYER)
    case = client.get(f"/api/cases/{world.mine}").json()
    assert case["lawyer"] == LAWYER
    types = {t["type"] for t in case["timeline"]}
    assert {"decision", "deadline"} <= types
    kinds = {d["kind"] for d in case["documents"]}
    assert {"complaint", "power_of_attorney", "evidence_list"} <= kinds
    assert "*" in case["id_number"]


def test_another_lawyers_case_is_404_and_the_attempt_is_audited(world):
    client, _ = world.signed_in(LAWYER)
    answer = client.get(f"/api/cases/{world.theirs}")
    assert answer.status_code == 404
    absent = client.get("/api/cases/999999")
    assert absent.status_code == 404
    assert absent.json() == answer.json()  # the same answer: ids cannot be probed
    refusals = audit_rows(world, "portal.access_denied")
    assert (
        LAWYER,
        LAWYER,
        {"asked": f"case {world.theirs}", "path": f"/api/cases/{world.theirs}"},
    ) in refusals


def test_another_lawyers_document_and_package_are_404_and_audited(world):
    document = first_document(world, world.theirs)
    client, _ = world.signed_in(LAWYER)
    assert client.get(f"/api/documents/{document['id']}").status_code == 404
    assert client.get(f"/api/cases/{world.theirs}/package").status_code == 404
    asked = [
        p["asked"] for actor, _, p in audit_rows(world, "portal.access_denied") if actor == LAWYER
    ]
    assert f"document {document['id']}" in asked
    assert f"case {world.theirs}" in asked


def test_a_lawyer_downloads_a_document_whose_bytes_hash_to_the_stored_hash(world):
    document = first_document(world, world.mine)
    client, _ = world.signed_in(LAWYER)
    answer = client.get(f"/api/documents/{document['id']}")
    assert answer.status_code == 200
    assert hashlib.sha256(answer.content).hexdigest() == document["sha256"]
    assert answer.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in answer.headers["content-disposition"]
    # Saved as 账户_案号_文书.docx (the account alone while the court has given no 案号).
    from urllib.parse import unquote

    saved = unquote(answer.headers["content-disposition"].split("filename*=UTF-8''")[1])
    account = client.get(f"/api/cases/{world.mine}").json()["account_id"]
    assert saved == f"{account}_{document['title']}.docx"
    downloads = audit_rows(world, "document.downloaded")
    assert any(
        actor == LAWYER and p["sha256"] == document["sha256"] and p["document_id"] == document["id"]
        for actor, _, p in downloads
    )


def test_the_package_zip_holds_every_current_document_and_a_manifest_of_hashes(world):
    client, _ = world.signed_in(LAWYER)
    answer = client.get(f"/api/cases/{world.mine}/package")
    assert answer.status_code == 200
    with zipfile.ZipFile(io.BytesIO(answer.content)) as z:
        manifest = json.loads(z.read("manifest.json"))
        for doc in manifest["documents"]:
            assert hashlib.sha256(z.read(doc["file"])).hexdigest() == doc["sha256"]
    assert len(manifest["documents"]) >= 3
    (last,) = [p for a, _, p in audit_rows(world, "package.downloaded") if a == LAWYER][-1:]
    assert last["sha256"] == hashlib.sha256(answer.content).hexdigest()


def test_a_case_without_documents_has_no_package(world):
    client, _ = world.signed_in(STAFF)
    answer = client.get(f"/api/cases/{world.approved[0]}/package")
    assert answer.status_code == 422
    assert "no documents" in answer.json()["detail"]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/api/reviews", None),
        ("GET", "/api/lawyers", None),
        ("GET", "/api/flows", None),
        ("GET", "/api/users", None),
        ("POST", "/api/cases/{mine}/decision", {"approve": True, "reason": "x"}),
        ("PUT", "/api/cases/{mine}/lawyer", {"lawyer": None}),
        ("POST", "/api/flows/sweep", None),
        ("POST", "/api/users", {"name": "x", "role": "admin", "password": PASSWORD}),
    ],
)
def test_a_lawyer_may_not_use_the_staff_routes(world, method, path, body):
    client, csrf = world.signed_in(LAWYER)
    answer = client.request(
        method, path.format(mine=world.mine), json=body, headers={"X-CSRF-Token": csrf}
    )
    assert answer.status_code == 403


def test_staff_see_the_review_queue_with_the_reasons_a_person_must_weigh(world):
    client, _ = world.signed_in(STAFF)
    queue = client.get("/api/reviews").json()
    assert {i["id"] for i in queue} == set(world.manual) - _decided(world)
    assert all(r["effect"] == "manual" for i in queue for r in i["reasons"])


def _decided(world):
    with session_scope(world.engine) as s:
        query = select(CaseRow.id).where(
            CaseRow.id.in_(world.manual), CaseRow.stage != "manual_review"
        )
        return set(s.execute(query).scalars())


def test_staff_decide_a_review_as_the_named_reviewer_with_the_cli_audit_event(world):
    case_id = world.manual[0]
    client, csrf = world.signed_in(STAFF)
    version = client.get(f"/api/cases/{case_id}").json()["version"]
    body = {"approve": True, "reason": "dispute answered by statement", "expected_version": version}
    without = client.post(f"/api/cases/{case_id}/decision", json=body)
    assert without.status_code == 403  # no CSRF token
    answer = client.post(
        f"/api/cases/{case_id}/decision", json=body, headers={"X-CSRF-Token": csrf}
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["stage"] == "approved"
    case = client.get(f"/api/cases/{case_id}").json()
    assert case["timeline"][-1]["detail"] != ""
    assert any(d["detail"].startswith(STAFF) for d in case["timeline"] if d["type"] == "decision")
    decided = [(a, p) for a, e, p in audit_rows(world, "case.decided") if e == case["account_id"]]
    assert decided == [
        (
            STAFF,
            {
                "stage": ["manual_review", "approved"],
                "allow_charges": False,
                "reason": body["reason"],
            },
        )
    ]
    again = client.post(f"/api/cases/{case_id}/decision", json=body, headers={"X-CSRF-Token": csrf})
    assert again.status_code == 409
    assert "version" in again.json()["detail"]


def test_assigning_a_lawyer_lets_that_lawyer_see_the_case(world):
    case_id = world.approved[1]
    lawyer, _ = world.signed_in(OTHER_LAWYER)
    assert lawyer.get(f"/api/cases/{case_id}").status_code == 404
    staff, csrf = world.signed_in(STAFF)
    assert [u["name"] for u in staff.get("/api/lawyers").json()] == sorted([LAWYER, OTHER_LAWYER])
    answer = staff.put(
        f"/api/cases/{case_id}/lawyer",
        json={"lawyer": OTHER_LAWYER},
        headers={"X-CSRF-Token": csrf},
    )
    assert answer.json() == {"lawyer": OTHER_LAWYER}
    assert lawyer.get(f"/api/cases/{case_id}").status_code == 200
    not_a_lawyer = staff.put(
        f"/api/cases/{case_id}/lawyer", json={"lawyer": STAFF}, headers={"X-CSRF-Token": csrf}
    )
    assert not_a_lawyer.status_code == 422
    assert "not an active lawyer" in not_a_lawyer.json()["detail"]


def test_a_flow_started_from_the_portal_runs_as_of_today_and_no_other_day(world):
    client, csrf = world.signed_in(STAFF)
    for day in ("2099-01-01", "2026-11-28"):
        answer = client.post(
            "/api/flows/review", json={"as_of": day}, headers={"X-CSRF-Token": csrf}
        )
        assert answer.status_code == 422
        assert answer.json()["detail"].startswith("as_of:")
        assert day not in answer.json()["detail"]  # no error repeats what was sent
    assert not [s for s in client.get("/api/flows").json() if s["name"] == "review"]
    assert not [p for *_, p in audit_rows(world, "flow.started") if p["as_of"] == "2099-01-01"]


def test_staff_start_the_sweep_flow_and_see_how_it_ended(world):
    client, csrf = world.signed_in(STAFF)
    answer = client.post(
        "/api/flows/sweep", json={"as_of": "2026-11-29"}, headers={"X-CSRF-Token": csrf}
    )
    assert answer.status_code == 202
    assert answer.json()["started_by"] == STAFF
    # The test client runs the background flow before it returns: the run has ended.
    (latest, *_) = client.get("/api/flows").json()
    assert latest["name"] == "sweep"
    assert latest["state"] == "completed", latest
    assert "new_alerts" in latest["summary"]
    assert (STAFF, "sweep", {"as_of": "2026-11-29"}) in audit_rows(world, "flow.started")
    assert client.post("/api/flows/nonsense", headers={"X-CSRF-Token": csrf}).status_code == 422


def test_only_an_admin_manages_users(world):
    staff, _ = world.signed_in(STAFF)
    assert staff.get("/api/users").status_code == 403
    admin, csrf = world.signed_in(ADMIN)
    body = {"name": "sun.lawyer", "role": "lawyer", "password": "short"}
    assert admin.post("/api/users", json=body, headers={"X-CSRF-Token": csrf}).status_code == 422
    body["password"] = PASSWORD
    created = admin.post("/api/users", json=body, headers={"X-CSRF-Token": csrf})
    assert created.status_code == 201
    assert created.json()["role"] == "lawyer"
    names = {u["name"]: u for u in admin.get("/api/users").json()}
    assert names["sun.lawyer"]["active"] is True
    assert "password_hash" not in names["sun.lawyer"]
    world.signed_in("sun.lawyer")  # the new user can sign in


def test_signing_out_ends_the_session(world):
    client, csrf = world.signed_in(LAWYER)
    assert client.delete("/api/session", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert client.get("/api/me").status_code == 401


def test_wrong_passwords_are_throttled_after_five_tries_even_for_the_right_one(world):
    name = "qian.lawyer"
    with uow(world.engine) as w:
        add_user(w, name=name, role="lawyer", password=PASSWORD, actor=ACTOR, now=NOW)
    client = world.client()
    for _ in range(5):
        wrong = client.post("/api/session", json={"name": name, "password": "not it at all"})
        assert wrong.status_code == 401
        assert wrong.json() == {"detail": "wrong name or password"}
    throttled = client.post("/api/session", json={"name": name, "password": PASSWORD})
    assert throttled.status_code == 429
    assert 0 < int(throttled.headers["Retry-After"]) <= 15 * 60
    assert client.get("/api/me").status_code == 401
    failures = [e for _, e, _ in audit_rows(world, "portal.sign_in_failed")]
    assert failures.count(name) == 5


def test_an_unknown_name_gets_the_same_answer_as_a_wrong_password(world):
    answer = world.client().post("/api/session", json={"name": "nobody", "password": PASSWORD})
    assert answer.status_code == 401
    assert answer.json() == {"detail": "wrong name or password"}


def test_every_answer_carries_the_security_headers(world):
    client, _ = world.signed_in(LAWYER)
    for path in ("/api/me", "/login", f"/api/cases/{world.theirs}"):
        headers = client.get(path).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["cache-control"] == "no-store"


def test_the_session_cookie_is_http_only_and_same_site(world):
    answer = world.client().post("/api/session", json={"name": LAWYER, "password": PASSWORD})
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert PASSWORD not in answer.text


def test_the_audit_chain_stays_valid_after_portal_use(world):
    with session_scope(world.engine) as s:
        assert verify_chain(s).ok


# What each role gets from every read, API and pages: (path, admin, legal staff, lawyer).
READS = [
    ("/api/me", 200, 200, 200),
    ("/api/cases", 200, 200, 200),
    ("/api/cases/{mine}", 200, 200, 200),
    ("/api/cases/{theirs}", 200, 200, 404),
    ("/api/documents/{my_document}", 200, 200, 200),
    ("/api/documents/{their_document}", 200, 200, 404),
    ("/api/cases/{mine}/package", 200, 200, 200),
    ("/api/cases/{theirs}/package", 200, 200, 404),
    ("/api/reviews", 200, 200, 403),
    ("/api/lawyers", 200, 200, 403),
    ("/api/flows", 200, 200, 403),
    ("/api/users", 200, 403, 403),
    ("/cases", 200, 200, 200),
    ("/cases/{mine}", 200, 200, 200),
    ("/cases/{theirs}", 200, 200, 404),
    ("/reviews", 200, 200, 403),
    ("/flows", 200, 200, 403),
    ("/users", 200, 403, 403),
]


@pytest.mark.parametrize(("role", "name"), [(1, ADMIN), (2, STAFF), (3, LAWYER)])
def test_each_role_gets_what_it_may_from_every_read(world, role, name):
    ids = {
        "mine": world.mine,
        "theirs": world.theirs,
        "my_document": first_document(world, world.mine)["id"],
        "their_document": first_document(world, world.theirs)["id"],
    }
    client, _ = world.signed_in(name)
    got = {row[0]: client.get(row[0].format(**ids)).status_code for row in READS}
    assert got == {row[0]: row[role] for row in READS}


def test_an_overrule_from_the_portal_waits_for_a_second_person(world):
    staff, staff_csrf = world.signed_in(STAFF)
    admin, admin_csrf = world.signed_in(ADMIN)
    case_id = world.approved[-1]
    body = {"approve": False, "reason": "持卡人已还清", "overrule": True}
    proposed = staff.post(
        f"/api/cases/{case_id}/decision", json=body, headers={"X-CSRF-Token": staff_csrf}
    )
    assert proposed.status_code == 202
    made = proposed.json()
    assert (made["kind"], made["status"], made["proposed_by"]) == ("overrule", "pending", STAFF)
    assert staff.get(f"/api/cases/{case_id}").json()["stage"] == "approved"
    (waiting,) = [p for p in staff.get("/api/proposals").json() if p["case_id"] == case_id]
    path = f"/api/proposals/{waiting['id']}"
    own = staff.post(f"{path}/approve", headers={"X-CSRF-Token": staff_csrf})
    assert own.status_code == 409
    assert "a different legal-staff user" in own.json()["detail"]
    lawyer, lawyer_csrf = world.signed_in(LAWYER)
    assert lawyer.post(f"{path}/approve", headers={"X-CSRF-Token": lawyer_csrf}).status_code == 403
    done = admin.post(f"{path}/approve", json={}, headers={"X-CSRF-Token": admin_csrf})
    assert done.status_code == 200, done.text
    assert (done.json()["checked_by"], done.json()["stage"]) == (ADMIN, "rejected")
    assert staff.get(f"/api/cases/{case_id}").json()["stage"] == "rejected"
    assert (ADMIN, "proposal.approved") in [(a, act) for a, act in _actions(world)]


def _actions(world):
    with session_scope(world.engine) as s:
        return list(s.execute(select(AUDIT.c.actor, AUDIT.c.action)).all())


def test_everyone_changes_their_own_password_and_their_other_sessions_end(world):
    name = "wu.lawyer"
    with uow(world.engine) as w:
        add_user(w, name=name, role="lawyer", password=PASSWORD, actor=ACTOR, now=NOW)
    here, csrf = world.signed_in(name)
    elsewhere, _ = world.signed_in(name)
    headers = {"X-CSRF-Token": csrf}
    wrong = here.post(
        "/api/me/password", json={"current": "not it", "new": "x" * 12}, headers=headers
    )
    assert wrong.status_code == 422
    assert wrong.json()["detail"] == "the current password is wrong"
    common = here.post(
        "/api/me/password", json={"current": PASSWORD, "new": "password123"}, headers=headers
    )
    assert common.status_code == 422
    new = "a brand new passphrase"
    ok = here.post("/api/me/password", json={"current": PASSWORD, "new": new}, headers=headers)
    assert ok.status_code == 204
    assert here.get("/api/me").status_code == 200  # this session stays
    assert elsewhere.get("/api/me").status_code == 401  # the others end
    answer = world.client().post("/api/session", json={"name": name, "password": new})
    assert answer.status_code == 200


def test_an_admin_disables_enables_and_resets_a_user_but_never_themselves(world):
    name = "zheng.lawyer"
    with uow(world.engine) as w:
        add_user(w, name=name, role="lawyer", password=PASSWORD, actor=ACTOR, now=NOW)
    theirs, _ = world.signed_in(name)
    admin, csrf = world.signed_in(ADMIN)
    headers = {"X-CSRF-Token": csrf}
    staff, staff_csrf = world.signed_in(STAFF)
    assert (
        staff.put(
            f"/api/users/{name}/active",
            json={"active": False},
            headers={"X-CSRF-Token": staff_csrf},
        ).status_code
        == 403
    )
    assert (
        admin.put(f"/api/users/{name}/active", json={"active": False}, headers=headers).status_code
        == 204
    )
    assert theirs.get("/api/me").status_code == 401
    assert (
        world.client().post("/api/session", json={"name": name, "password": PASSWORD}).status_code
        == 401
    )
    assert (
        admin.put(f"/api/users/{name}/active", json={"active": True}, headers=headers).status_code
        == 204
    )
    reset = admin.put(
        f"/api/users/{name}/password", json={"password": "handed over in person"}, headers=headers
    )
    assert reset.status_code == 204
    answer = world.client().post(
        "/api/session", json={"name": name, "password": "handed over in person"}
    )
    assert answer.status_code == 200
    myself = admin.put(f"/api/users/{ADMIN}/active", json={"active": False}, headers=headers)
    assert myself.status_code == 422
    assert admin.get("/api/me").status_code == 200


def test_a_lawyer_records_a_court_event_on_their_case_with_the_cli_s_checks(world):
    from tests.helpers import set_case

    lawyer, csrf = world.signed_in(LAWYER)
    headers = {"X-CSRF-Token": csrf}
    account = lawyer.get(f"/api/cases/{world.mine}").json()["account_id"]
    set_case(world.engine, account, stage="documents_ready")
    path = f"/api/cases/{world.mine}/events"
    done = lawyer.post(path, json={"code": "submitted", "on": "2026-11-20"}, headers=headers)
    assert done.status_code == 200, done.text
    assert (done.json()["new"], done.json()["stages"]) == (True, ["filed"])
    # The same checks as `court record`: a malformed 案号 and a contradiction are refused.
    bad = lawyer.post(
        path, json={"code": "registered", "on": "2026-11-25", "case_no": "12345"}, headers=headers
    )
    assert bad.status_code in (409, 422)
    good = {"code": "registered", "on": "2026-11-25", "case_no": "（2026）京0105民初77号"}
    assert lawyer.post(path, json=good, headers=headers).status_code == 200
    before = lawyer.post(path, json={"code": "judgment", "on": "2026-11-01"}, headers=headers)
    assert before.status_code == 409
    assert "registered" in before.json()["detail"]
    # Not their case: answered as absent, and audited.
    other = lawyer.post(
        f"/api/cases/{world.theirs}/events",
        json={"code": "submitted", "on": "2026-11-20"},
        headers=headers,
    )
    assert other.status_code == 404
    recorded = [(actor, p["event"]) for actor, _, p in audit_rows(world, "court.event")]
    assert (LAWYER, "submitted") in recorded


def test_a_lawyer_uploads_the_courts_judgment_and_downloads_it_by_its_hash(world):
    lawyer, csrf = world.signed_in(LAWYER)
    headers = {"X-CSRF-Token": csrf}
    pdf = b"%PDF-1.7\n" + b"judgment " * 200
    form = {"kind": "judgment", "received_on": "2026-11-20"}
    path = f"/api/cases/{world.mine}/papers"
    done = lawyer.post(
        path, data=form, files={"file": ("判决书.pdf", pdf, "application/pdf")}, headers=headers
    )
    assert done.status_code == 201, done.text
    assert done.json()["sha256"] == hashlib.sha256(pdf).hexdigest()
    # Not a PDF or a picture, whatever it claims: refused, nothing stored.
    fake = lawyer.post(
        path,
        data=form,
        files={"file": ("x.pdf", b"MZ\x90\x00", "application/pdf")},
        headers=headers,
    )
    assert fake.status_code == 422
    papers = lawyer.get(f"/api/cases/{world.mine}").json()
    back = lawyer.get(f"/api/papers/{done.json()['id']}")
    assert back.content == pdf
    assert (LAWYER, "court_paper.uploaded") in [(a, act) for a, act in _actions(world)]
    assert (LAWYER, "court_paper.downloaded") in [(a, act) for a, act in _actions(world)]
    # Another lawyer's case: as absent.
    other = lawyer.post(
        f"/api/cases/{world.theirs}/papers",
        data=form,
        files={"file": ("a.pdf", pdf, "application/pdf")},
        headers=headers,
    )
    assert other.status_code == 404
    assert papers["account_id"]


def test_an_upload_has_its_own_limit_above_the_plain_one(world):
    lawyer, csrf = world.signed_in(LAWYER)
    big = b"%PDF-1.7\n" + b"x" * (2 * 1024 * 1024)  # 2 MB: over the 1 MB of a form
    answer = lawyer.post(
        f"/api/cases/{world.mine}/papers",
        data={"kind": "ruling", "received_on": "2026-11-21"},
        files={"file": ("裁定书.pdf", big, "application/pdf")},
        headers={"X-CSRF-Token": csrf},
    )
    assert answer.status_code == 201
    assert (
        lawyer.post(
            "/api/session",
            content=b"{" + b" " * (2 * 1024 * 1024) + b"}",
            headers={"Content-Type": "application/json"},
        ).status_code
        == 413
    )


def test_staff_complete_a_holders_phone_and_the_case_is_reviewed_again(world):
    staff, csrf = world.signed_in(STAFF)
    headers = {"X-CSRF-Token": csrf}
    case_id = world.approved[9]
    path = f"/api/cases/{case_id}/holder"
    bad = staff.put(path, json={"phone": "12345"}, headers=headers)
    assert bad.status_code == 422
    assert "12345" not in bad.text
    done = staff.put(path, json={"phone": "13912345678", "ethnicity": "回族"}, headers=headers)
    assert done.status_code == 200, done.text
    assert done.json() == {
        "account_id": done.json()["account_id"],
        "corrected": ["ethnicity", "phone"],
        "stage": "review",
    }
    with session_scope(world.engine) as s:
        case = s.get(CaseRow, case_id)
        assert case.decision_id is None  # decided again on the completed data
    corrected = [p for a, _, p in audit_rows(world, "case.holder_corrected")]
    assert corrected
    assert "13912345678" not in json.dumps(corrected)  # masked in the log
    lawyer, lawyer_csrf = world.signed_in(LAWYER)
    assert (
        lawyer.put(
            path, json={"phone": "13912345678"}, headers={"X-CSRF-Token": lawyer_csrf}
        ).status_code
        == 403
    )
