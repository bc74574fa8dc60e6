"""How TOML data is turned into the typed documents and back, and how every wrong value is
reported: its message, its key path, its kind and the line and column of the key."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
import tomli

from joinus_method import (
    AgeBand,
    Closure,
    Curriculum,
    DocumentError,
    Problem,
    Program,
    Weekday,
    loads,
)
from joinus_method.documents._converter import Found, converter, structure
from joinus_method.documents.files import unstructure
from joinus_method.model.people import Municipality

PROGRAM = """\
format = "joinus.program.v1"
id = "leiden-2024"
title = "Join Us Leiden"

[curricula]
training = "werkerstraining"
groups = "groepsavonden"
framework = "zelfredzaamheid"

[[municipalities]]
id = "leiden"
name = "Leiden"

[[organisations]]
id = "welzijn"
name = "Welzijn Leiden"
kind = "welfare"
municipalities = ["leiden"]

[[coaches]]
id = "coach"
name = "Coach"
organisation = "welzijn"

[[workers]]
id = "anna"
name = "Anna"
organisation = "welzijn"
trained_by = "coach"
trained_on = 2024-06-01

[[workers]]
id = "bram"
name = "Bram"
organisation = "welzijn"
trained_by = "coach"
trained_on = 2024-06-03

[[venues]]
id = "de-schakel"
name = "Jongerencentrum De Schakel"
municipality = "leiden"
closures = [{ start = 2024-12-25, reason = "Kerst" }]

[[groups]]
id = "groep-a"
name = "Groep A"
age_band = { min_age = 12, max_age = 17 }
weekday = "monday"
start_date = 2024-09-02
start_time = 19:00:00
venue = "de-schakel"
workers = ["anna", "bram"]
capacity = 12
"""

CURRICULUM = """\
format = "joinus.curriculum.v1"
id = "avonden"
title = "Avonden"
audience = "youths"
led_by = "workers"
cadence_weeks = 1
default_minutes = 120

[[phases]]
id = "kennismaken"
title = "Kennismaken"
cadence_weeks = 2

[[sessions]]
id = "eerste"
title = "Eerste avond"
phase = "kennismaken"
minutes = 90
segments = [{ title = "Rondje", minutes = 15, kind = "opening-round" }]
"""

WEEKDAYS = "'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'"
KINDS = "'foundation', 'welfare', 'municipality', 'school', 'youth-care', 'social-work', 'other'"


def _changed(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _place(text: str, fragment: str) -> tuple[int, int]:
    """Line and column where the one *fragment* of *text* starts, counted by hand."""
    assert text.count(fragment) == 1, fragment
    at = text.index(fragment)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def _problems(text: str) -> list[Problem]:
    with pytest.raises(DocumentError) as caught:
        loads(text, source="p.toml")
    return list(caught.value.problems)


def _problem(text: str, message: str, path: tuple[str | int, ...], kind: str, at: str) -> Problem:
    """The problem expected in *text*, placed where the fragment *at* starts."""
    line, column = _place(text, at)
    return Problem(message, path, kind, "p.toml", line, column)


class TestValidDocuments:
    """A well-formed document becomes typed values, and turns back into the same data."""

    def test_program_values_are_typed(self) -> None:
        """Dates, times, enums, nested tables and arrays arrive as their model types."""
        doc = loads(PROGRAM)
        assert isinstance(doc, Program)
        group = doc.groups[0]
        assert group.start_date == dt.date(2024, 9, 2)
        assert group.start_time == dt.time(19, 0)
        assert group.weekday is Weekday.MONDAY
        assert group.age_band == AgeBand(12, 17)
        assert group.workers == ("anna", "bram")
        assert group.capacity == 12
        assert doc.workers[1].trained_on == dt.date(2024, 6, 3)
        assert doc.venues[0].closures == (Closure(dt.date(2024, 12, 25), "Kerst"),)

    def test_optional_constrained_values_are_kept(self) -> None:
        """A value in a field that may be left out and has bounds is read as written."""
        doc = loads(CURRICULUM)
        assert isinstance(doc, Curriculum)
        assert doc.phases[0].cadence_weeks == 2
        assert doc.sessions[0].minutes == 90
        assert doc.sessions[0].segments[0].minutes == 15

    @pytest.mark.parametrize("text", [PROGRAM, CURRICULUM], ids=["program", "curriculum"])
    def test_unstructure_gives_back_the_toml_data(self, text: str) -> None:
        """A document holding no default values unstructures to exactly the data it was read
        from: arrays as lists, tables as dicts, dates and times as themselves."""
        assert unstructure(loads(text)) == tomli.loads(text)

    def test_default_values_are_left_out(self) -> None:
        """Values equal to their field's default are not written back."""
        text = _changed(PROGRAM, "capacity = 12", "capacity = 15\nfollows_school_holidays = true")
        assert unstructure(loads(text)) == tomli.loads(PROGRAM.replace("capacity = 12\n", ""))


class TestWrongType:
    """A value of the wrong type names the type expected and the type found."""

    @pytest.mark.parametrize(
        ("old", "new", "path", "message"),
        [
            (
                'name = "Groep A"',
                "name = 5",
                ("groups", 0, "name"),
                "invalid value for 'name': expected a string, got an integer",
            ),
            (
                'venue = "de-schakel"',
                "venue = true",
                ("groups", 0, "venue"),
                "invalid value for 'venue': expected a string, got a boolean",
            ),
            (
                'venue = "de-schakel"',
                'venue = ["de-schakel"]',
                ("groups", 0, "venue"),
                "invalid value for 'venue': expected a string, got an array",
            ),
            (
                'venue = "de-schakel"',
                'venue = { id = "de-schakel" }',
                ("groups", 0, "venue"),
                "invalid value for 'venue': expected a string, got a table",
            ),
            (
                'venue = "de-schakel"',
                "venue = 1.5",
                ("groups", 0, "venue"),
                "invalid value for 'venue': expected a string, got a decimal number",
            ),
            (
                "capacity = 12",
                "capacity = 12.0",
                ("groups", 0, "capacity"),
                "invalid value for 'capacity': expected an integer, got a decimal number",
            ),
            (
                "capacity = 12",
                'capacity = "12"',
                ("groups", 0, "capacity"),
                "invalid value for 'capacity': expected an integer, got a string",
            ),
            (
                "capacity = 12",
                "follows_school_holidays = 0",
                ("groups", 0, "follows_school_holidays"),
                "invalid value for 'follows_school_holidays': "
                "expected true or false, got an integer",
            ),
            (
                "capacity = 12",
                'follows_school_holidays = "yes"',
                ("groups", 0, "follows_school_holidays"),
                "invalid value for 'follows_school_holidays': expected true or false, got a string",
            ),
            (
                "start_date = 2024-09-02",
                "start_date = 19:00:00",
                ("groups", 0, "start_date"),
                "invalid value for 'start_date': expected a date such as 2021-05-11, got a time",
            ),
            (
                "start_date = 2024-09-02",
                "start_date = 2024-09-02T19:00:00",
                ("groups", 0, "start_date"),
                "invalid value for 'start_date': expected a date such as 2021-05-11, "
                "got a date-time",
            ),
            (
                "start_date = 2024-09-02",
                'start_date = "2024-09-02"',
                ("groups", 0, "start_date"),
                "invalid value for 'start_date': expected a date such as 2021-05-11, got a string",
            ),
            (
                "start_time = 19:00:00",
                "start_time = 2024-09-02",
                ("groups", 0, "start_time"),
                "invalid value for 'start_time': expected a time such as 19:00:00, got a date",
            ),
            (
                "start_time = 19:00:00",
                "start_time = 2024-09-02T19:00:00",
                ("groups", 0, "start_time"),
                "invalid value for 'start_time': expected a time such as 19:00:00, got a date-time",
            ),
            (
                "trained_on = 2024-06-03",
                "trained_on = 20240603",
                ("workers", 1, "trained_on"),
                "invalid value for 'trained_on': expected a date such as 2021-05-11, "
                "got an integer",
            ),
            (
                'training = "werkerstraining"',
                "training = 3",
                ("curricula", "training"),
                "invalid value for 'training': expected a string, got an integer",
            ),
        ],
        ids=[
            "int-for-string",
            "bool-for-string",
            "array-for-string",
            "table-for-string",
            "float-for-string",
            "float-for-int",
            "string-for-int",
            "int-for-bool",
            "string-for-bool",
            "time-for-date",
            "datetime-for-date",
            "string-for-date",
            "date-for-time",
            "datetime-for-time",
            "int-for-optional-date",
            "in-a-table",
        ],
    )
    def test_scalar(self, old: str, new: str, path: tuple[str | int, ...], message: str) -> None:
        """The value is refused on its key, which is named in the message."""
        text = _changed(PROGRAM, old, new)
        assert _problems(text) == [_problem(text, message, path, "structure", new)]

    @pytest.mark.parametrize(
        ("old", "new", "path", "message"),
        [
            (
                'workers = ["anna", "bram"]',
                'workers = "anna"',
                ("groups", 0, "workers"),
                "invalid value for 'workers': expected an array, got a string",
            ),
            (
                'municipalities = ["leiden"]',
                'municipalities = "leiden"',
                ("organisations", 0, "municipalities"),
                "invalid value for 'municipalities': expected an array, got a string",
            ),
            (
                "[[groups]]",
                "[groups]",
                ("groups",),
                "invalid value for 'groups': expected an array, got a table",
            ),
            (
                "age_band = { min_age = 12, max_age = 17 }",
                "age_band = 12",
                ("groups", 0, "age_band"),
                "invalid value for 'age_band': expected a table, got an integer",
            ),
            (
                "age_band = { min_age = 12, max_age = 17 }",
                "age_band = [12, 17]",
                ("groups", 0, "age_band"),
                "invalid value for 'age_band': expected a table, got an array",
            ),
        ],
        ids=["string-for-ids", "string-for-optional-ids", "table-for-tables", "int", "array"],
    )
    def test_container(self, old: str, new: str, path: tuple[str | int, ...], message: str) -> None:
        """An array or a table is refused whole when the value is of another type."""
        text = _changed(PROGRAM, old, new)
        assert _problems(text) == [_problem(text, message, path, "structure", new)]

    def test_array_items(self) -> None:
        """Each wrong item of an array is reported by its index, placed on the item itself."""
        new = 'workers = ["anna", 7, { id = "bram" }]'
        text = _changed(PROGRAM, 'workers = ["anna", "bram"]', new)
        assert _problems(text) == [
            _problem(
                text,
                "invalid value: expected a string, got an integer",
                ("groups", 0, "workers", 1),
                "structure",
                "7,",
            ),
            _problem(
                text,
                "invalid value: expected a string, got a table",
                ("groups", 0, "workers", 2),
                "structure",
                '{ id = "bram" }',
            ),
        ]

    def test_items_that_are_not_tables(self) -> None:
        """Each item of an array of tables that is no table is reported by its index."""
        text = PROGRAM[: PROGRAM.index("[[groups]]")]
        text = _changed(
            text, 'title = "Join Us Leiden"', 'title = "Join Us Leiden"\ngroups = [1, "a"]'
        )
        assert _problems(text) == [
            _problem(
                text,
                "invalid value: expected a table, got an integer",
                ("groups", 0),
                "structure",
                "1,",
            ),
            _problem(
                text,
                "invalid value: expected a table, got a string",
                ("groups", 1),
                "structure",
                '"a"]',
            ),
        ]

    def test_nested_arrays_of_tables(self) -> None:
        """A wrong value in a table in an array in a table in an array has its whole path."""
        new = 'segments = [{ title = "Rondje", minutes = "15", kind = "opening-round" }]'
        text = _changed(CURRICULUM, "segments = [", f"{new}\n#")
        assert _problems(text) == [
            _problem(
                text,
                "invalid value for 'minutes': expected an integer, got a string",
                ("sessions", 0, "segments", 0, "minutes"),
                "structure",
                'minutes = "15"',
            )
        ]


class TestEnums:
    """A value outside an enumeration lists the values allowed."""

    @pytest.mark.parametrize(
        ("old", "new", "path", "message"),
        [
            (
                'weekday = "monday"',
                'weekday = "mondag"',
                ("groups", 0, "weekday"),
                f"invalid value for 'weekday': expected one of {WEEKDAYS}, got 'mondag'",
            ),
            (
                'weekday = "monday"',
                "weekday = 1",
                ("groups", 0, "weekday"),
                f"invalid value for 'weekday': expected one of {WEEKDAYS}, got 1",
            ),
            (
                'kind = "welfare"',
                'kind = "Welfare"',
                ("organisations", 0, "kind"),
                f"invalid value for 'kind': expected one of {KINDS}, got 'Welfare'",
            ),
            (
                'title = "Join Us Leiden"',
                'title = "Join Us Leiden"\nschool_region = "oost"',
                ("school_region",),
                "invalid value for 'school_region': expected one of 'noord', 'midden', 'zuid', "
                "got 'oost'",
            ),
        ],
        ids=["misspelt", "number", "capitalised", "top-level"],
    )
    def test_unknown_value(
        self, old: str, new: str, path: tuple[str | int, ...], message: str
    ) -> None:
        """The message gives every allowed value, in order, and the value found."""
        text = _changed(PROGRAM, old, new)
        at = new.splitlines()[-1]
        assert _problems(text) == [_problem(text, message, path, "structure", at)]

    def test_optional_enum(self) -> None:
        """An enumeration in a field that may be left out is checked when it is given."""
        new = 'kind = "opening-round", led_by = "coaches"'
        text = _changed(CURRICULUM, 'kind = "opening-round"', new)
        options = "'coach', 'workers', 'youths', 'expert-by-experience'"
        assert _problems(text) == [
            _problem(
                text,
                f"invalid value for 'led_by': expected one of {options}, got 'coaches'",
                ("sessions", 0, "segments", 0, "led_by"),
                "structure",
                'led_by = "coaches"',
            )
        ]


class TestConstraints:
    """A value of the right type that breaks a bound of its field is a rule problem."""

    @pytest.mark.parametrize(
        ("old", "new", "path", "message"),
        [
            (
                "capacity = 12",
                "capacity = 16",
                ("groups", 0, "capacity"),
                "'capacity' must be between 1 and 15, not 16",
            ),
            (
                'id = "leiden-2024"',
                'id = "Leiden 2024"',
                ("id",),
                "'id' must use only lower-case letters, digits and hyphens, not 'Leiden 2024'",
            ),
            (
                'name = "Groep A"',
                'name = "  "',
                ("groups", 0, "name"),
                "'name' must not be empty",
            ),
            (
                'workers = ["anna", "bram"]',
                'workers = ["anna", "bram", "anna"]',
                ("groups", 0, "workers"),
                "'workers' must hold exactly 2 items, not 3",
            ),
            (
                "age_band = { min_age = 12, max_age = 17 }",
                "age_band = { min_age = 12, max_age = 30 }",
                ("groups", 0, "age_band", "max_age"),
                "'max_age' must be between 12 and 25, not 30",
            ),
        ],
        ids=["above-maximum", "id-pattern", "blank-text", "item-count", "in-inline-table"],
    )
    def test_program(self, old: str, new: str, path: tuple[str | int, ...], message: str) -> None:
        """The message starts with the key and says the bound; the key is the place."""
        text = _changed(PROGRAM, old, new)
        at = "max_age = 30" if "max_age = 30" in new else new
        assert _problems(text) == [_problem(text, message, path, "rule", at)]

    @pytest.mark.parametrize(
        ("old", "new", "path", "message"),
        [
            (
                "minutes = 90",
                "minutes = 0",
                ("sessions", 0, "minutes"),
                "'minutes' must be between 1 and 720, not 0",
            ),
            (
                "cadence_weeks = 2",
                "cadence_weeks = 53",
                ("phases", 0, "cadence_weeks"),
                "'cadence_weeks' must be between 1 and 52, not 53",
            ),
            (
                "minutes = 90",
                'minutes = "90"',
                ("sessions", 0, "minutes"),
                "invalid value for 'minutes': expected an integer, got a string",
            ),
        ],
        ids=["optional-minutes", "optional-cadence", "optional-wrong-type"],
    )
    def test_optional_field(
        self, old: str, new: str, path: tuple[str | int, ...], message: str
    ) -> None:
        """A field that may be left out is checked against its bounds when it is given."""
        text = _changed(CURRICULUM, old, new)
        kind = "structure" if message.startswith("invalid value") else "rule"
        assert _problems(text) == [_problem(text, message, path, kind, new)]

    @pytest.mark.parametrize(
        ("old", "new", "path", "message"),
        [
            (
                "capacity = 12",
                "capacity = 1.5",
                ("groups", 0, "capacity"),
                "invalid value for 'capacity': expected an integer, got a decimal number",
            ),
            (
                'id = "leiden-2024"',
                "id = 2024",
                ("id",),
                "invalid value for 'id': expected a string, got an integer",
            ),
            (
                'name = "Groep A"',
                "name = []",
                ("groups", 0, "name"),
                "invalid value for 'name': expected a string, got an array",
            ),
            (
                'workers = ["anna", "bram"]',
                'workers = "anna, bram"',
                ("groups", 0, "workers"),
                "invalid value for 'workers': expected an array, got a string",
            ),
        ],
        ids=["int-bounds", "id", "text", "item-count"],
    )
    def test_type_comes_first(
        self, old: str, new: str, path: tuple[str | int, ...], message: str
    ) -> None:
        """A bounded field given a value of the wrong type reports the type, not the bound."""
        text = _changed(PROGRAM, old, new)
        assert _problems(text) == [_problem(text, message, path, "structure", new)]


class TestKeys:
    """Missing and unknown keys are named, placed and, when misspelt, corrected."""

    @pytest.mark.parametrize(
        ("old", "path", "at"),
        [
            ('title = "Join Us Leiden"\n', ("title",), "format = "),
            ('name = "Groep A"\n', ("groups", 0, "name"), "[[groups]]"),
            ('framework = "zelfredzaamheid"\n', ("curricula", "framework"), "[curricula]"),
        ],
        ids=["top-level", "in-array-of-tables", "in-table"],
    )
    def test_missing(self, old: str, path: tuple[str | int, ...], at: str) -> None:
        """A missing key is reported at the start of the table that should hold it."""
        text = _changed(PROGRAM, old, "")
        message = f"missing required key {path[-1]!r}"
        assert _problems(text) == [_problem(text, message, path, "structure", at)]

    def test_missing_in_inline_table(self) -> None:
        """A key missing from an inline table is reported on the line of that table."""
        new = "age_band = { min_age = 12 }"
        text = _changed(PROGRAM, "age_band = { min_age = 12, max_age = 17 }", new)
        assert _problems(text) == [
            _problem(
                text,
                "missing required key 'max_age'",
                ("groups", 0, "age_band", "max_age"),
                "structure",
                new,
            )
        ]

    @pytest.mark.parametrize(
        ("old", "new", "path", "message", "at"),
        [
            (
                "capacity = 12",
                'capacity = 12\ncolour = "blue"',
                ("groups", 0),
                "unknown key 'colour'",
                "colour",
            ),
            (
                'title = "Join Us Leiden"',
                'title = "Join Us Leiden"\nhobby = "chess"',
                (),
                "unknown key 'hobby'",
                "hobby",
            ),
            (
                "max_age = 17 }",
                "max_age = 17, colour = 1 }",
                ("groups", 0, "age_band"),
                "unknown key 'colour'",
                "colour",
            ),
            (
                "capacity = 12",
                "capacity = 12\nfollows_school_holiday = false",
                ("groups", 0),
                "unknown key 'follows_school_holiday' (did you mean 'follows_school_holidays'?)",
                "follows_school_holiday",
            ),
        ],
        ids=["in-array-of-tables", "top-level", "in-inline-table", "with-suggestion"],
    )
    def test_unknown(
        self, old: str, new: str, path: tuple[str | int, ...], message: str, at: str
    ) -> None:
        """An unknown key is reported on the key, with the path of the table holding it."""
        text = _changed(PROGRAM, old, new)
        assert _problems(text) == [_problem(text, message, path, "structure", at)]

    def test_misspelt_required_key(self) -> None:
        """A misspelt required key is one problem, on the misspelling, naming the key meant."""
        text = _changed(PROGRAM, 'name = "Groep A"', 'nmae = "Groep A"')
        assert _problems(text) == [
            _problem(
                text,
                "unknown key 'nmae' (did you mean 'name'?)",
                ("groups", 0),
                "structure",
                "nmae",
            )
        ]

    def test_several_unknown_keys(self) -> None:
        """Several unknown keys of one table are each reported, in the order of the file."""
        text = _changed(
            PROGRAM, 'title = "Join Us Leiden"', 'title = "Join Us Leiden"\nzzz = 1\naaa = 2'
        )
        assert _problems(text) == [
            _problem(text, "unknown key 'zzz'", (), "structure", "zzz"),
            _problem(text, "unknown key 'aaa'", (), "structure", "aaa"),
        ]


class TestRules:
    """A value that breaks a rule of its model is reported at the path the model gives."""

    @pytest.mark.parametrize(
        ("old", "new", "path", "message", "at"),
        [
            (
                "start_date = 2024-09-02",
                "start_date = 2024-09-03",
                ("groups", 0, "start_date"),
                "start_date 2024-09-03 is a tuesday, but the group meets on monday",
                "start_date",
            ),
            (
                "age_band = { min_age = 12, max_age = 17 }",
                "age_band = { min_age = 15, max_age = 13 }",
                ("groups", 0, "age_band", "max_age"),
                "max_age 13 is below min_age 15",
                "max_age",
            ),
            (
                'closures = [{ start = 2024-12-25, reason = "Kerst" }]',
                'closures = [{ start = 2024-12-25, reason = "Kerst", end = 2024-12-24 }]',
                ("venues", 0, "closures", 0, "end"),
                "end 2024-12-24 is before start 2024-12-25",
                "end = ",
            ),
            (
                'title = "Join Us Leiden"',
                'title = "Join Us Leiden"\ntimezone = "Mars/Olympus"',
                ("timezone",),
                "unknown time zone 'Mars/Olympus'",
                "timezone",
            ),
        ],
        ids=["in-array-of-tables", "in-inline-table", "in-array-of-inline-tables", "top-level"],
    )
    def test_rule(
        self, old: str, new: str, path: tuple[str | int, ...], message: str, at: str
    ) -> None:
        """The model's message is kept as it is; its path is joined to the table's path."""
        text = _changed(PROGRAM, old, new)
        assert _problems(text) == [_problem(text, message, path, "rule", at)]


def test_every_problem_at_once() -> None:
    """Problems of every sort in one file are all reported, in the order of the file."""
    text = _changed(PROGRAM, 'id = "leiden-2024"', 'id = "Leiden"')
    text = _changed(text, 'kind = "welfare"', 'kind = "welzijn"')
    text = _changed(text, 'name = "Groep A"\n', 'colour = "blue"\n')
    text = _changed(text, 'workers = ["anna", "bram"]', 'workers = ["anna", 2]')
    assert _problems(text) == [
        _problem(
            text,
            "'id' must use only lower-case letters, digits and hyphens, not 'Leiden'",
            ("id",),
            "rule",
            'id = "Leiden"',
        ),
        _problem(
            text,
            f"invalid value for 'kind': expected one of {KINDS}, got 'welzijn'",
            ("organisations", 0, "kind"),
            "structure",
            "kind = ",
        ),
        _problem(
            text, "missing required key 'name'", ("groups", 0, "name"), "structure", "[[groups]]"
        ),
        _problem(text, "unknown key 'colour'", ("groups", 0), "structure", "colour"),
        _problem(
            text,
            "invalid value: expected a string, got an integer",
            ("groups", 0, "workers", 1),
            "structure",
            "2]",
        ),
    ]


@attrs.frozen
class _Share:
    """A part of a whole, which a whole of 0 breaks by accident."""

    part: int
    whole: int

    def __attrs_post_init__(self) -> None:
        if self.part > self.whole:
            raise ValueError(f"{self.part} is more than {self.whole}")
        self.percent()

    def percent(self) -> int:
        return 100 * self.part // self.whole


@attrs.frozen
class _Budget:
    """A value holding a share."""

    share: _Share


class TestStructure:
    """``structure`` turns plain data into a model, or reports every problem it finds."""

    def test_valid(self) -> None:
        """Valid data gives the model's value and no problems."""
        assert structure({"share": {"part": 1, "whole": 4}}, _Budget) == (
            _Budget(_Share(1, 4)),
            [],
        )

    def test_plain_error_of_a_model(self) -> None:
        """A model's own error other than InvalidValue is reported at the model's path."""
        assert structure({"part": 5, "whole": 4}, _Share) == (
            None,
            [Found("invalid value: 5 is more than 4", (), (), "structure")],
        )
        assert structure({"share": {"part": 5, "whole": 4}}, _Budget) == (
            None,
            [
                Found(
                    "invalid value for 'share': 5 is more than 4",
                    ("share",),
                    ("share",),
                    "structure",
                )
            ],
        )

    def test_unexpected_error_of_a_model(self) -> None:
        """An error that is no ValueError or TypeError is reported with its class name."""
        message = "invalid value (ZeroDivisionError: integer division or modulo by zero)"
        assert structure({"part": 0, "whole": 0}, _Share) == (
            None,
            [Found(message, (), (), "structure")],
        )
        assert structure({"share": {"part": 0, "whole": 0}}, _Budget) == (
            None,
            [Found(message, ("share",), ("share",), "structure")],
        )

    def test_a_value_toml_cannot_hold(self) -> None:
        """A value of a type TOML has no name for is named by its Python class."""
        assert structure({"id": 1j, "name": None}, Municipality) == (
            None,
            [
                Found(
                    "invalid value for 'id': expected a string, got complex",
                    ("id",),
                    ("id",),
                    "structure",
                ),
                Found(
                    "invalid value for 'name': expected a string, got NoneType",
                    ("name",),
                    ("name",),
                    "structure",
                ),
            ],
        )


class TestNumbers:
    """A number field takes integers and decimals alike, and nothing else."""

    @pytest.mark.parametrize("value", [2, 2.5], ids=["integer", "decimal"])
    def test_accepted(self, value: float) -> None:
        """An integer or a decimal number is kept as it is."""
        result = converter().structure(value, float)
        assert (type(result), result) == (type(value), value)

    @pytest.mark.parametrize(
        ("value", "got"), [("2", "a string"), (True, "a boolean")], ids=["string", "boolean"]
    )
    def test_refused(self, value: object, got: str) -> None:
        """A string or a boolean is no number."""
        with pytest.raises(TypeError) as caught:
            converter().structure(value, float)
        assert str(caught.value) == f"expected a number, got {got}"
