"""Sign-in sessions and passwords, at the service level: expiry, sign-out, disabling."""

from datetime import timedelta

from legal_flows.services.portal.users import (
    Refused,
    SignedIn,
    add_user,
    current_user,
    set_active,
    set_password,
    sign_in,
)
from legal_flows.store.tables_portal import PORTAL_SESSION, USER
from tests.helpers import ACTOR, NOW, uow

PASSWORD = "a long enough secret"


def signed_in(engine, name="chen.lawyer"):
    with uow(engine) as s:
        add_user(s, name=name, role="lawyer", password=PASSWORD, actor=ACTOR, now=NOW)
        result = sign_in(s, name=name, password=PASSWORD, now=NOW, hours=8)
    assert isinstance(result, SignedIn)
    return result


def test_a_session_expires_after_its_hours(engine):
    session = signed_in(engine)
    with uow(engine) as s:
        assert current_user(s, token=session.token, now=NOW + timedelta(hours=7, minutes=59))
        assert current_user(s, token=session.token, now=NOW + timedelta(hours=8)) is None


def test_the_database_keeps_only_a_hash_of_the_session_token_and_of_the_password(engine):
    session = signed_in(engine)
    with uow(engine) as s:
        stored = s.session.execute(PORTAL_SESSION.select()).one()
        user = s.session.execute(USER.select()).one()
    assert session.token not in stored.id
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_a_new_password_or_disabling_the_user_ends_their_sessions(engine):
    first = signed_in(engine)
    with uow(engine) as s:
        set_password(s, name="chen.lawyer", password="another long secret", actor=ACTOR, now=NOW)
        assert current_user(s, token=first.token, now=NOW) is None
        second = sign_in(s, name="chen.lawyer", password="another long secret", now=NOW, hours=8)
        assert isinstance(second, SignedIn)
        set_active(s, name="chen.lawyer", active=False, actor=ACTOR, now=NOW)
        assert current_user(s, token=second.token, now=NOW) is None
        refused = sign_in(s, name="chen.lawyer", password="another long secret", now=NOW, hours=8)
    assert isinstance(refused, Refused)


def test_the_throttle_lets_a_name_try_again_once_the_window_has_passed(engine):
    signed_in(engine)
    with uow(engine) as s:
        for _ in range(5):
            sign_in(s, name="chen.lawyer", password="wrong one", now=NOW, hours=8)
        blocked = sign_in(s, name="chen.lawyer", password=PASSWORD, now=NOW, hours=8)
        later = NOW + timedelta(minutes=15, seconds=1)
        allowed = sign_in(s, name="chen.lawyer", password=PASSWORD, now=later, hours=8)
    assert isinstance(blocked, Refused)
    assert blocked.retry_after == 15 * 60 + 1
    assert isinstance(allowed, SignedIn)
