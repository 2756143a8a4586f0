"""The settings file: defaults, every rule, one-line errors, atomic round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from mpquiz.core.errors import BadInput
from mpquiz.settings import FIELDS, RULES, Settings, load_settings, save_settings, set_value


def test_every_setting_has_a_rule_and_a_missing_file_means_defaults(tmp_path: Path) -> None:
    assert set(RULES) == set(FIELDS)
    assert load_settings(tmp_path / "absent.toml") == Settings()


@pytest.mark.parametrize(
    ("text", "field", "says"),
    [
        ("new_per_day = 'many'", "new_per_day", "a whole number"),
        ("new_per_day = true", "new_per_day", "a whole number"),
        ("new_per_day = 1.5", "new_per_day", "a whole number"),
        ("new_per_day = 1001", "new_per_day", "from 0 to 1000"),
        ("desired_retention = 0.5", "desired_retention", "from 0.7 to 0.99"),
        ("language = 'fr'", "language", "one of '', 'es', 'en'"),
        ("database = 3", "database", "text"),
        ("colour = 'blue'", "colour", "unknown setting"),
    ],
)
def test_a_bad_value_is_named_in_one_line(tmp_path: Path, text: str, field: str, says: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text + "\n")
    with pytest.raises(BadInput) as info:
        load_settings(path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message
    assert f"field {field}:" in message and says in message


def test_set_parse_save_and_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    settings = set_value(Settings(), "desired_retention", "0.85")
    settings = set_value(settings, "new_per_day", " 15 ")
    settings = set_value(settings, "database", 'sqlite:///C:\\odd "name".db')
    save_settings(settings, path)
    assert load_settings(path) == settings
    assert settings.desired_retention == 0.85 and settings.new_per_day == 15
    assert load_settings(path).as_dict()["database"] == 'sqlite:///C:\\odd "name".db'
    whole = set_value(settings, "desired_retention", "0.9")
    assert isinstance(whole.desired_retention, float)
    for key, raw, says in [
        ("new_per_day", "ten", "a whole number"),
        ("desired_retention", "2", "from 0.7 to 0.99"),
        ("nope", "1", "unknown setting"),
    ]:
        with pytest.raises(BadInput, match=says):
            set_value(settings, key, raw)


def test_a_switch_reads_yes_and_no_and_is_saved_as_toml(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    off = set_value(Settings(), "shuffle_options", "no")
    assert off.shuffle_options is False
    save_settings(off, path)
    assert "shuffle_options = false" in path.read_text()
    assert load_settings(path) == off
    assert set_value(off, "shuffle_options", "True").shuffle_options is True
    with pytest.raises(BadInput, match="true or false"):
        set_value(off, "shuffle_options", "maybe")
    path.write_text("shuffle_options = 1\n")
    with pytest.raises(BadInput, match="true or false"):
        load_settings(path)
