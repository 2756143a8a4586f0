"""Messages of exercises: their checks' results, in each language."""

MESSAGES: dict[str, dict[str, str]] = {
    "exercise.runs_cleanly": {
        "en": "Every run ends by itself, with exit code 0, within the time limit.",
        "es": "Cada ejecución termina por sí sola, con código de salida 0, dentro del tiempo "
        "límite.",
    },
    "exercise.status.passed": {"en": "passed", "es": "superada"},
    "exercise.status.failed": {"en": "failed", "es": "fallida"},
    "exercise.status.not-measurable": {"en": "not measurable", "es": "no medible"},
    "exercise.timed_out": {
        "en": "a run passed the time limit and was stopped: something waited forever",
        "es": "una ejecución pasó del tiempo límite y se detuvo: algo esperaba para siempre",
    },
    "exercise.crashed": {
        "en": "a run failed: {problem}",
        "es": "una ejecución falló: {problem}",
    },
    "exercise.no_run": {"en": "the program did not run", "es": "el programa no se ejecutó"},
    "exercise.ran": {
        "en": "{runs} run(s), each ended cleanly",
        "es": "{runs} ejecución(es), todas terminaron bien",
    },
    "exercise.run_failed": {
        "en": "run {run} did not end cleanly, so this could not be checked",
        "es": "la ejecución {run} no terminó bien, así que esto no se pudo comprobar",
    },
    "exercise.held_in_runs": {
        "en": "held in each of {runs} runs",
        "es": "se cumplió en cada una de las {runs} ejecuciones",
    },
    "exercise.output_fits": {
        "en": "the output is as expected",
        "es": "la salida es la esperada",
    },
    "exercise.output_differs": {
        "en": "the output is not the expected one (compared: {match})",
        "es": "la salida no es la esperada (comparación: {match})",
    },
    "exercise.no_reference": {
        "en": "the sequential reference did not run cleanly, so there is nothing to compare with",
        "es": "la referencia secuencial no terminó bien, así que no hay con qué comparar",
    },
    "exercise.same_output": {
        "en": "the same output as the sequential reference (compared: {match})",
        "es": "la misma salida que la referencia secuencial (comparación: {match})",
    },
    "exercise.not_same_output": {
        "en": "the output differs from the sequential reference's (compared: {match})",
        "es": "la salida no coincide con la de la referencia secuencial (comparación: {match})",
    },
    "exercise.speedup": {
        "en": "speed-up {speedup}× (reference {reference} s, yours {program} s), at least "
        "{factor}× asked",
        "es": "aceleración {speedup}× (referencia {reference} s, el tuyo {program} s); se "
        "pedía al menos {factor}×",
    },
    "exercise.speedup_short": {
        "en": "speed-up only {speedup}× (reference {reference} s, yours {program} s); "
        "{factor}× asked",
        "es": "aceleración de solo {speedup}× (referencia {reference} s, el tuyo {program} s); "
        "se pedía {factor}×",
    },
    "exercise.no_source": {
        "en": "the program's text is not available",
        "es": "no está el texto del programa",
    },
    "exercise.missing": {
        "en": "the program does not use {constructs}",
        "es": "el programa no usa {constructs}",
    },
    "exercise.avoid_found": {
        "en": "the program uses {construct} (line {line}), which this exercise rules out",
        "es": "el programa usa {construct} (línea {line}), que este ejercicio no permite",
    },
    "exercise.structure_ok": {
        "en": "the program is built as asked",
        "es": "el programa está construido como se pide",
    },
    "exercise.syntax": {
        "en": "the program does not parse: line {line}: {problem}",
        "es": "el programa no se puede leer: línea {line}: {problem}",
    },
    "exercise.checks": {"en": "Checks:", "es": "Comprobaciones:"},
    "exercise.plain.editing": {
        "en": "Opening {editor}: save and close it to run the checks.",
        "es": "Abriendo {editor}: guarda y ciérralo para ejecutar las comprobaciones.",
    },
    "exercise.plain.no_editor": {
        "en": "The editor did not work ({reason}): type the program instead.",
        "es": "El editor no funcionó ({reason}): escribe el programa aquí.",
    },
    "exercise.plain.choose": {
        "en": "[e]dit again, [s]ubmit or [g]ive up? (Enter: edit) > ",
        "es": "¿[e]ditar otra vez, e[n]tregar o [r]endirte? (Enter: editar) > ",
    },
    "help.exercise": {
        "en": "Exercises in your own editor: list them, write a starter, check a program. "
        "Example: mpquiz exercise list",
        "es": "Ejercicios en tu propio editor: listarlos, escribir el inicio, comprobar un "
        "programa. Ejemplo: mpquiz exercise list",
    },
    "help.exercise.list": {
        "en": "List the exercises of the installed packs and whether they run here. "
        "Example: mpquiz exercise list --json",
        "es": "Lista los ejercicios de los paquetes instalados y si se ejecutan aquí. "
        "Ejemplo: mpquiz exercise list --json",
    },
    "help.exercise.start": {
        "en": "Write an exercise's starter code to FILE (or print it) and say what to do. "
        "Example: mpquiz exercise start lock.ex-fix-race -o race.py",
        "es": "Escribe el código inicial de un ejercicio en FILE (o lo muestra) y dice qué "
        "hacer. Ejemplo: mpquiz exercise start lock.ex-fix-race -o race.py",
    },
    "help.exercise.check": {
        "en": "Run every check of an exercise on the program in FILE; exit 0 when all "
        "passed, 1 when one failed, 2 on bad input. Stores nothing unless --submit. "
        "Example: mpquiz exercise check lock.ex-fix-race race.py",
        "es": "Ejecuta todas las comprobaciones de un ejercicio sobre el programa de FILE; "
        "sale con 0 si todas pasan, 1 si alguna falla, 2 si la entrada no vale. No guarda "
        "nada salvo con --submit. Ejemplo: mpquiz exercise check lock.ex-fix-race race.py",
    },
    "help.arg.exercise": {
        "en": "The exercise: its id (see mpquiz exercise list), PACK:ID for an added pack.",
        "es": "El ejercicio: su id (ver mpquiz exercise list), PAQUETE:ID para un paquete añadido.",
    },
    "help.arg.exercise_file": {
        "en": "Your program (the part the exercise asks you to edit, as `start` writes it).",
        "es": "Tu programa (la parte que el ejercicio te pide editar, tal como la escribe "
        "`start`).",
    },
    "help.opt.exercise_out": {
        "en": "Write the starter to this file instead of printing it.",
        "es": "Escribe el código inicial en este archivo en lugar de mostrarlo.",
    },
    "help.opt.exercise_force": {
        "en": "Overwrite FILE if it exists.",
        "es": "Sobrescribe FILE si ya existe.",
    },
    "help.opt.exercise_submit": {
        "en": "Record this attempt as a review (the rating it suggests), as the app would.",
        "es": "Guarda este intento como un repaso (con la calificación que sugiere), como lo "
        "haría la aplicación.",
    },
    "exercise.cli.none": {
        "en": "No exercises installed.",
        "es": "No hay ejercicios instalados.",
    },
    "exercise.cli.col.id": {"en": "exercise", "es": "ejercicio"},
    "exercise.cli.col.topic": {"en": "topic", "es": "tema"},
    "exercise.cli.col.prompt": {"en": "what to do", "es": "qué hacer"},
    "exercise.cli.unknown": {
        "en": "no exercise '{name}' (see mpquiz exercise list)",
        "es": "no hay ningún ejercicio '{name}' (ver mpquiz exercise list)",
    },
    "exercise.cli.unknown_close": {
        "en": "no exercise '{name}'; did you mean {close}?",
        "es": "no hay ningún ejercicio '{name}'; ¿querías decir {close}?",
    },
    "exercise.cli.no_starter": {
        "en": "exercise {name}: its starter {demo} cannot be read",
        "es": "ejercicio {name}: no se puede leer su código inicial {demo}",
    },
    "exercise.cli.exists": {
        "en": "{path} already exists: choose another file or add --force",
        "es": "{path} ya existe: elige otro archivo o añade --force",
    },
    "exercise.cli.cannot_write": {
        "en": "cannot write {path}: {reason}",
        "es": "no se puede escribir {path}: {reason}",
    },
    "exercise.cli.started": {
        "en": "Wrote {path}. Edit it, then: mpquiz exercise check {name} {path}",
        "es": "Escrito {path}. Edítalo y después: mpquiz exercise check {name} {path}",
    },
    "exercise.cli.no_file": {"en": "{path}: no such file", "es": "{path}: no existe"},
    "exercise.cli.not_text": {
        "en": "{path}: not UTF-8 text",
        "es": "{path}: no es texto UTF-8",
    },
    "exercise.cli.too_big": {
        "en": "{path}: too big for a program (at most {most} bytes)",
        "es": "{path}: demasiado grande para un programa (como mucho {most} bytes)",
    },
    "exercise.cli.cannot_read": {
        "en": "cannot read {path}: {reason}",
        "es": "no se puede leer {path}: {reason}",
    },
    "exercise.cli.blocked": {
        "en": "exercise {name} cannot run here: {reason}",
        "es": "el ejercicio {name} no se puede ejecutar aquí: {reason}",
    },
    "exercise.cli.ran_reference": {
        "en": "running the sequential reference ({done}/{total})…",
        "es": "ejecutando la referencia secuencial ({done}/{total})…",
    },
    "exercise.cli.ran_program": {
        "en": "running your program ({done}/{total})…",
        "es": "ejecutando tu programa ({done}/{total})…",
    },
    "exercise.cli.output": {
        "en": "your program's output (first run)",
        "es": "salida de tu programa (primera ejecución)",
    },
    "exercise.cli.passed": {
        "en": "Every check passed.",
        "es": "Todas las comprobaciones superadas.",
    },
    "exercise.cli.failed": {
        "en": "Failed: {checks}.",
        "es": "Fallidas: {checks}.",
    },
    "exercise.cli.submitted": {
        "en": "Recorded as a review, rated {rating}; next review in {interval}.",
        "es": "Guardado como repaso, calificado {rating}; próximo repaso en {interval}.",
    },
    "exercise.gave_up": {
        "en": "You gave up this time: nothing was run, here is the solution.",
        "es": "Esta vez te has rendido: no se ha ejecutado nada; aquí tienes la solución.",
    },
    "exercise.solution": {"en": "A solution:", "es": "Una solución:"},
    "exercise.diff_legend": {
        "en": "Your program (-) against the solution (+):",
        "es": "Tu programa (-) frente a la solución (+):",
    },
    "exercise.attempts": {
        "en": "Checked {attempts} time(s) before this verdict.",
        "es": "Comprobado {attempts} vez/veces antes de este veredicto.",
    },
    "ask.program": {
        "en": "Your program (end it with a line :end; :q to stop):",
        "es": "Tu programa (termínalo con una línea :end; :q para salir):",
    },
    "answer.program_too_long": {
        "en": "The program is too long (at most {n} characters).",
        "es": "El programa es demasiado largo (como mucho {n} caracteres).",
    },
}
