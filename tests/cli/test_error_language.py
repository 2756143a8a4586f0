"""The errors a learner can cause, and `mpquiz db`'s output, in the learner's language:
one line naming the file or field, with the exit code of its kind (real subprocesses)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import mpquiz


def _one_line(result_stderr: str) -> str:
    lines = result_stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("mpquiz: ") and "Traceback" not in result_stderr
    return lines[0]


# (command after --lang LANG, exit code, {lang: words the line holds}); "{tmp}" is the
# test's folder, where the files named below are made.
CASES = {
    "invalid-toml": (
        ["--config", "{tmp}/broken.toml", "stats"],
        2,
        {"es": "{tmp}/broken.toml: TOML no válido:", "en": "{tmp}/broken.toml: invalid TOML:"},
    ),
    "unknown-setting-in-file": (
        ["--config", "{tmp}/colour.toml", "stats"],
        2,
        {
            "es": "{tmp}/colour.toml: campo colour: ajuste desconocido (los que hay: new_per_day",
            "en": "{tmp}/colour.toml: field colour: unknown setting (known: new_per_day",
        },
    ),
    "bad-value-in-file": (
        ["--config", "{tmp}/many.toml", "stats"],
        2,
        {
            "es": "{tmp}/many.toml: campo new_per_day: debe ser un número entero, no 'many'",
            "en": "{tmp}/many.toml: field new_per_day: must be a whole number, not 'many'",
        },
    ),
    "unknown-setting": (
        ["--config", "{tmp}/c.toml", "config", "set", "colour", "blue"],
        2,
        {"es": "ajuste desconocido 'colour'", "en": "unknown setting 'colour'"},
    ),
    "bad-switch": (
        ["--config", "{tmp}/c.toml", "config", "set", "shuffle_options", "maybe"],
        2,
        {
            "es": "ajuste shuffle_options: debe ser true o false, no 'maybe'",
            "en": "setting shuffle_options: must be true or false, not 'maybe'",
        },
    ),
    "restore-without-backups": (
        ["--db", "sqlite:///{tmp}/m.db", "db", "restore", "--yes"],
        3,
        {
            "es": "{tmp}/m.db: no hay copias en {tmp}/m-backups",
            "en": "{tmp}/m.db: no backups in {tmp}/m-backups",
        },
    ),
    "check-nothing-there": (
        ["--db", "sqlite:///{tmp}/m.db", "db", "check"],
        3,
        {
            "es": "{tmp}/m.db: aún no hay ningún fichero de base de datos aquí",
            "en": "{tmp}/m.db: no database file here yet",
        },
    ),
    "no-such-pack": (
        ["--db", "sqlite:///{tmp}/m.db", "pack", "remove", "nosuch"],
        2,
        {
            "es": "no hay ningún paquete instalado 'nosuch' (instalados: ",
            "en": "no installed pack 'nosuch' (installed: ",
        },
    ),
    "malformed-url": (
        ["--db", "::nope", "stats"],
        2,
        {"es": "URL de base de datos no válida: '::nope'", "en": "invalid database URL: '::nope'"},
    ),
    "unknown-backend": (
        ["--db", "nope://x", "stats"],
        2,
        {
            "es": "no se puede usar la URL de base de datos nope://x: ",
            "en": "cannot use database URL nope://x: ",
        },
    ),
    "class-format": (
        ["--db", "sqlite:///{tmp}/m.db", "class", "report", "--format", "xml"],
        2,
        {
            "es": "--format 'xml': usa table, csv o json",
            "en": "--format 'xml': use table, csv or json",
        },
    ),
}


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "broken.toml").write_text("new_per_day = = 3\n")
    (tmp_path / "colour.toml").write_text("colour = 'blue'\n")
    (tmp_path / "many.toml").write_text("new_per_day = 'many'\n")
    return tmp_path


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("case", CASES)
def test_an_error_is_one_line_in_the_learners_language(files: Path, case: str, lang: str) -> None:
    args, code, says = CASES[case]
    result = mpquiz("--lang", lang, *(a.replace("{tmp}", str(files)) for a in args))
    assert result.returncode == code, result.stderr
    line = _one_line(result.stderr)
    assert says[lang].replace("{tmp}", str(files)) in line


def test_the_settings_file_language_words_its_own_errors(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('language = "es"\n')
    result = mpquiz("--config", str(config), "config", "set", "new_per_day", "ten")
    assert result.returncode == 2
    assert (
        _one_line(result.stderr)
        == "mpquiz: ajuste new_per_day: debe ser un número entero, no 'ten'"
    )


@pytest.mark.parametrize("lang", ["es", "en"])
def test_db_check_of_a_file_that_is_no_sqlite_says_so_in_one_line(
    tmp_path: Path, lang: str
) -> None:
    db = tmp_path / "notes.db"
    db.write_text("name,score\nana,10\n" * 50)
    result = mpquiz("--lang", lang, "--db", f"sqlite:///{db}", "db", "check")
    assert result.returncode == 1 and result.stdout == ""
    words = {
        "es": f"{db}: este fichero no es una base de datos SQLite (si era de mpquiz, "
        "`mpquiz db restore` recupera la última copia)",
        "en": f"{db}: this file is not an SQLite database (if it was mpquiz's, "
        "`mpquiz db restore` brings back the latest backup)",
    }
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(words[lang]), lines


def test_db_backup_check_list_and_restore_speak_spanish(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    url = f"sqlite:///{db}"
    assert mpquiz("--db", url, "stats").returncode == 0
    es = ("--lang", "es", "--db", url)
    check = mpquiz(*es, "db", "check")
    assert check.returncode == 0 and check.stdout.strip() == f"{db}: sin problemas"
    empty = mpquiz(*es, "db", "restore", "--list")
    assert empty.returncode == 0 and empty.stdout == ""
    assert empty.stderr.strip() == f"{db}: no hay copias en {tmp_path / 'm-backups'}"
    backup = mpquiz(*es, "db", "backup")
    assert backup.returncode == 0, backup.stderr
    made = backup.stdout.strip().removeprefix("Copia hecha en ")
    assert Path(made).is_file() and Path(made).parent == tmp_path / "m-backups"
    listed = mpquiz(*es, "db", "restore", "--list")
    assert listed.stdout.strip().endswith(f"\t{made}")
    asked = mpquiz(*es, "db", "restore")
    assert asked.returncode == 2
    assert asked.stdout.strip() == (
        f"¿Restaurar {made} sobre {db}? El fichero actual se conserva al lado."
    )
    assert _one_line(asked.stderr) == (
        "mpquiz: confirma con --yes cuando la entrada estándar no es un terminal"
    )
    restored = mpquiz(*es, "db", "restore", "--yes")
    assert restored.returncode == 0, restored.stderr
    last = restored.stdout.strip().splitlines()[-1]
    assert last.startswith(f"restaurada la copia {made}; la base de datos anterior es ahora ")
    english = mpquiz("--lang", "en", "--db", url, "db", "backup")
    assert english.stdout.strip() == f"Backed up to {made}"


def test_config_shows_values_as_the_settings_file_writes_them(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    shown = mpquiz("--config", str(config), "config")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines() == [
        f"# {config}",
        "new_per_day = 10",
        "desired_retention = 0.9",
        'language = ""',
        'database = ""',
        "shuffle_options = true",
    ]
    changed = mpquiz("--config", str(config), "config", "set", "shuffle_options", "no")
    assert changed.stdout.strip() == "shuffle_options = false"
    assert "shuffle_options = false" in config.read_text()
    named = mpquiz("--config", str(config), "config", "set", "language", "es")
    assert named.stdout.strip() == 'language = "es"'
    assert mpquiz("--config", str(config), "config", "get", "shuffle_options").stdout == "false\n"
    assert mpquiz("--config", str(config), "config", "get", "language").stdout == "es\n"
    again = mpquiz("--config", str(config), "config").stdout.splitlines()
    assert again[1:] == [line for line in config.read_text().splitlines() if "=" in line]
