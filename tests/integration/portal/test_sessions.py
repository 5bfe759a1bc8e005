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


def test_a_name_locked_from_one_address_still_signs_in_from_another_only_slowed(engine):
    from legal_flows.services.portal.users import sign_in_delay

    signed_in(engine)
    waits: list[float] = []

    def attempt(s, password, address):
        """As the portal does: the throttle's delay waited first, then the sign-in."""
        if delay := sign_in_delay(s, name="chen.lawyer", address=address, now=NOW):
            waits.append(delay)
        return sign_in(s, name="chen.lawyer", password=password, now=NOW, hours=8, address=address)

    with uow(engine) as s:
        for _ in range(5):  # someone guessing from 10.0.0.66
            attempt(s, "wrong one", "10.0.0.66")
        there = attempt(s, PASSWORD, "10.0.0.66")
        here = attempt(s, PASSWORD, "10.0.0.7")
    assert isinstance(there, Refused)
    assert there.retry_after is not None
    assert isinstance(here, SignedIn)  # the real user is not locked out
    # The five guesses cost nothing (fewer than five failures before each); the real sign-in
    # from elsewhere, after five, waited half a second: slowed, never refused.
    assert waits == [0.5]


def test_the_delay_for_a_name_grows_to_three_seconds_at_most():
    from legal_flows.domain.access import name_delay

    delays = [name_delay(n) for n in (0, 3, 4, 5, 6, 9, 10, 100)]
    assert delays == [0.0, 0.0, 0.0, 0.5, 1.0, 2.5, 3.0, 3.0]


def test_spraying_names_from_one_address_is_refused_after_twenty_failures(engine):
    signed_in(engine)
    with uow(engine) as s:
        for n in range(20):
            sign_in(
                s,
                name=f"guess{n}",
                password="wrong one",
                now=NOW,
                hours=8,
                address="10.0.0.66",
            )
        sprayed = sign_in(
            s, name="chen.lawyer", password=PASSWORD, now=NOW, hours=8, address="10.0.0.66"
        )
        other = sign_in(
            s, name="chen.lawyer", password=PASSWORD, now=NOW, hours=8, address="10.0.0.7"
        )
    assert isinstance(sprayed, Refused)
    assert "from here" in sprayed.message
    assert sprayed.retry_after == 15 * 60 + 1
    assert isinstance(other, SignedIn)


def test_a_session_unused_for_its_idle_minutes_ends(engine):
    from legal_flows.services.portal.users import touch

    session = signed_in(engine)
    with uow(engine) as s:
        idle = {"token": session.token, "idle_minutes": 30}
        assert current_user(s, now=NOW + timedelta(minutes=29, seconds=59), **idle)
        assert current_user(s, now=NOW + timedelta(minutes=30), **idle) is None
        touch(s, token=session.token, now=NOW + timedelta(minutes=20))
        assert current_user(s, now=NOW + timedelta(minutes=49), **idle)
        assert current_user(s, now=NOW + timedelta(minutes=50), **idle) is None


def test_a_common_password_is_refused_when_a_user_is_added(engine):
    import pytest

    from legal_flows.services.errors import InputError

    with uow(engine) as s, pytest.raises(InputError, match="common passwords"):
        add_user(s, name="sun.lawyer", role="lawyer", password="Password123", actor=ACTOR, now=NOW)
