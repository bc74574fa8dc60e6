"""People of the chain, and the separation of personal data."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from joinus_method import Coach, InvalidValue, Membership, PersonalData, Youth, YouthWorker
from joinus_method.model.youths import new_pseudonym


def test_pseudonyms_are_fresh_and_valid() -> None:
    """New pseudonyms are valid youth ids that say nothing about the person."""
    seen = {new_pseudonym() for _ in range(200)}
    assert len(seen) == 200
    for pseudonym in seen:
        assert re.fullmatch(r"y-[a-z2-9]{8}", pseudonym)
        Youth(pseudonym)


def test_pseudonyms_can_be_seeded_for_tests() -> None:
    """A seeded generator gives the same pseudonym, for reproducible examples."""
    assert new_pseudonym(random.Random(1)) == new_pseudonym(random.Random(1))


def test_personal_data_stays_out_of_repr() -> None:
    """repr() of personal data shows the pseudonym only, never name or birth date."""
    data = PersonalData("y-abc", "Sanne de Boer", dt.date(2008, 3, 14), "06-12345678")
    text = repr(data)
    assert "Sanne" not in text
    assert "2008" not in text
    assert "0612" not in text
    assert "y-abc" in text


def test_age_on_a_day() -> None:
    """Age counts whole years, turning on the birthday."""
    data = PersonalData("y-abc", "Sanne", dt.date(2008, 3, 14))
    assert data.age_on(dt.date(2026, 3, 13)) == 17
    assert data.age_on(dt.date(2026, 3, 14)) == 18


def test_a_completed_training_names_its_coach() -> None:
    """A worker cannot have completed a training that no coach gave."""
    with pytest.raises(InvalidValue, match="needs trained_by"):
        YouthWorker("w", "W", "org", trained_on=dt.date(2021, 4, 1))
    assert not YouthWorker("w", "W", "org").trained


def test_a_coach_does_not_train_themselves() -> None:
    """A coach's trainer is another coach."""
    with pytest.raises(InvalidValue):
        Coach("c", "C", "org", trained_by="c")


def test_membership_dates() -> None:
    """A youth is active from joining up to the day they leave, and cannot leave before joining."""
    m = Membership("y-abc", "groep", dt.date(2021, 5, 11), dt.date(2022, 5, 10))
    assert m.active_on(dt.date(2021, 5, 11))
    assert not m.active_on(dt.date(2022, 5, 10))
    with pytest.raises(InvalidValue):
        Membership("y-abc", "groep", dt.date(2021, 5, 11), dt.date(2021, 5, 1))
