"""Messages of `mpquiz class`."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "help.class": {
        "en": "For instructors: the progress of a whole class sharing one database "
        "(PostgreSQL). Example: mpquiz --db postgresql+psycopg://host/class class report",
        "es": "Para docentes: el progreso de una clase entera que comparte una base de datos "
        "(PostgreSQL). Ejemplo: mpquiz --db postgresql+psycopg://host/clase class report",
    },
    "help.class.report": {
        "en": "Per learner and topic, mastery and reviews in the period; the questions with "
        "the highest error rates and, for each, the most common wrong answers. "
        "Example: mpquiz class report --since 7 --format csv",
        "es": "Por estudiante y tema, dominio y repasos del periodo; las preguntas con más "
        "errores y, para cada una, las respuestas incorrectas más comunes. "
        "Ejemplo: mpquiz class report --since 7 --format csv",
    },
    "help.class.export": {
        "en": "Write the raw reviews as CSV for a spreadsheet. "
        "Example: mpquiz class export -o reviews.csv",
        "es": "Escribe los repasos tal cual en CSV para una hoja de cálculo. "
        "Ejemplo: mpquiz class export -o repasos.csv",
    },
    "help.opt.since": {
        "en": "Only the last DAYS days.",
        "es": "Solo los últimos DAYS días.",
    },
    "help.opt.format": {
        "en": "Output format: table, csv or json.",
        "es": "Formato de salida: table, csv o json.",
    },
    "help.opt.output": {
        "en": "Write to this file instead of standard output.",
        "es": "Escribe en este fichero en lugar de la salida estándar.",
    },
    "class.header": {
        "en": "{learners} learners · reviews since {since}",
        "es": "{learners} estudiantes · repasos desde {since}",
    },
    "class.topics": {"en": "Mastery by learner and topic", "es": "Dominio por estudiante y tema"},
    "class.col.learner": {"en": "Learner", "es": "Estudiante"},
    "class.col.mastery": {"en": "Mastery", "es": "Dominio"},
    "class.exercises": {"en": "Exercises", "es": "Ejercicios"},
    "class.col.exercise": {"en": "exercise", "es": "ejercicio"},
    "class.col.attempts": {"en": "attempts", "es": "intentos"},
    "class.col.pass_rate": {"en": "passed", "es": "superados"},
    "class.col.gave_up": {"en": "gave up", "es": "se rindieron"},
    "class.col.most_failed": {"en": "check failed most", "es": "comprobación más fallida"},
    "class.hardest": {
        "en": "Hardest questions and the class's most common wrong answers:",
        "es": "Preguntas más difíciles y las respuestas incorrectas más comunes de la clase:",
    },
    "class.no_hard": {
        "en": "No question has enough wrong answers in this period to rank.",
        "es": "Ninguna pregunta tiene suficientes errores en este periodo para clasificarla.",
    },
}
