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
    "ask.program": {
        "en": "Your program (end it with a line :end; :q to stop):",
        "es": "Tu programa (termínalo con una línea :end; :q para salir):",
    },
    "answer.program_too_long": {
        "en": "The program is too long (at most {n} characters).",
        "es": "El programa es demasiado largo (como mucho {n} caracteres).",
    },
}
