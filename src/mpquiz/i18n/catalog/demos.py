"""Messages of `mpquiz demo` and of the process timeline drawn under every run."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --help -------------------------------------------------------------------------------
    "help.demo": {
        "en": "The demo programs of the installed packs: list them, run one and see its "
        "output and its processes over time. Example: mpquiz demo run race_counter",
        "es": "Los programas de demostración de los paquetes instalados: lístalos, ejecuta "
        "uno y mira su salida y sus procesos en el tiempo. Ejemplo: mpquiz demo run "
        "race_counter",
    },
    "help.demo.list": {
        "en": "List every demo: the name `mpquiz demo run` takes, its pack, the questions "
        "that run it, and whether it may run here. Example: mpquiz demo list --json",
        "es": "Lista cada demo: el nombre que acepta `mpquiz demo run`, su paquete, las "
        "preguntas que la ejecutan y si puede ejecutarse aquí. Ejemplo: mpquiz demo list "
        "--json",
    },
    "help.demo.run": {
        "en": "Run one demo, as a question would (same isolation, same trust checks): its "
        "output as it comes, then its exit code, duration and the timeline of its "
        "processes. Built-in demos by file name, an added pack's as PACK:NAME. Exit code: "
        "0 when the demo exited with 0, 1 when it failed, timed out or may not run here, "
        "2 for a name that is no demo.",
        "es": "Ejecuta una demo como lo haría una pregunta (mismo aislamiento, mismas "
        "comprobaciones de confianza): su salida según llega, y luego su código de salida, "
        "su duración y la línea de tiempo de sus procesos. Las demos incluidas por nombre "
        "de fichero, las de un paquete añadido como PAQUETE:NOMBRE. Código de salida: 0 si "
        "la demo terminó con 0, 1 si falló, agotó su tiempo o no puede ejecutarse aquí, 2 "
        "si el nombre no es de ninguna demo.",
    },
    "help.demo.run.example": {
        "en": "Examples: mpquiz demo run gil_threads_vs_processes · mpquiz demo run "
        "race_counter --json · mpquiz demo run my-pack:workers -- --size 3",
        "es": "Ejemplos: mpquiz demo run gil_threads_vs_processes · mpquiz demo run "
        "race_counter --json · mpquiz demo run mi-paquete:trabajadores -- --size 3",
    },
    "help.arg.demo_name": {
        "en": "The demo: a built-in file name (race_counter) or PACK:NAME.",
        "es": "La demo: un nombre de fichero incluido (race_counter) o PAQUETE:NOMBRE.",
    },
    "help.arg.demo_args": {
        "en": "Arguments handed to the demo (after -- when they start with a dash).",
        "es": "Argumentos para la demo (tras -- si empiezan por guion).",
    },
    "help.opt.demo_timeout": {
        "en": "Stop the demo after this many seconds (default: the pack's, at most 60).",
        "es": "Detiene la demo tras estos segundos (por defecto, los del paquete; como mucho 60).",
    },
    "help.opt.no_timeline": {
        "en": "Do not draw the processes' timeline.",
        "es": "No dibuja la línea de tiempo de los procesos.",
    },
    # demo list / run ---------------------------------------------------------------------
    "demo.cli.col.name": {"en": "demo", "es": "demo"},
    "demo.cli.col.pack": {"en": "pack", "es": "paquete"},
    "demo.cli.col.questions": {"en": "questions", "es": "preguntas"},
    "demo.cli.col.runs": {"en": "runs here", "es": "se ejecuta aquí"},
    "demo.cli.yes": {"en": "yes", "es": "sí"},
    "demo.cli.no": {"en": "no: {reason}", "es": "no: {reason}"},
    "demo.cli.none": {
        "en": "No demos installed.",
        "es": "No hay demos instaladas.",
    },
    "demo.cli.no_pack": {
        "en": "no pack {pack} is installed (installed: {packs}); see mpquiz demo list.",
        "es": "no hay ningún paquete {pack} instalado (instalados: {packs}); mira mpquiz "
        "demo list.",
    },
    "demo.cli.unknown": {
        "en": "{name} is no demo; mpquiz demo list shows them all.",
        "es": "{name} no es ninguna demo; mpquiz demo list las muestra todas.",
    },
    "demo.cli.unknown_close": {
        "en": "{name} is no demo; did you mean {close}?",
        "es": "{name} no es ninguna demo; ¿querías decir {close}?",
    },
    "demo.cli.blocked": {
        "en": "demo {name} did not run: {reason}",
        "es": "la demo {name} no se ejecutó: {reason}",
    },
    "demo.cli.bad_timeout": {
        "en": "--timeout must be a number of seconds above 0, got {value}.",
        "es": "--timeout debe ser un número de segundos mayor que 0, no {value}.",
    },
    "demo.cli.finished": {
        "en": "exit code {code} · {seconds} s",
        "es": "código de salida {code} · {seconds} s",
    },
    "demo.cli.timed_out": {
        "en": "stopped after {seconds} s: the demo passed its time limit.",
        "es": "detenida tras {seconds} s: la demo superó su tiempo límite.",
    },
    "demo.cli.cancelled": {
        "en": "stopped: interrupted.",
        "es": "detenida: interrumpida.",
    },
    "demo.cli.truncated": {
        "en": "(the output passed its size limit; the rest was dropped)",
        "es": "(la salida superó su tamaño límite; el resto se descartó)",
    },
    "demo.cli.no_processes": {
        "en": "(no process records from this run)",
        "es": "(esta ejecución no dejó registros de procesos)",
    },
    # the timeline --------------------------------------------------------------------------
    "timeline.pid": {"en": "pid", "es": "pid"},
    "timeline.process": {"en": "process", "es": "proceso"},
    "timeline.cpu": {"en": "cpu", "es": "cpu"},
    "timeline.exit": {"en": "exit", "es": "salida"},
    "timeline.legend": {
        "en": "█ on a CPU  ▒ partly  ─ alive, waiting  ✘ failed or killed",
        "es": "█ en una CPU  ▒ a ratos  ─ vivo, esperando  ✘ falló o lo mataron",
    },
    "timeline.hidden": {
        "en": "… {count} more processes ({cpu} s of CPU)",
        "es": "… {count} procesos más ({cpu} s de CPU)",
    },
    "timeline.title": {"en": "Processes", "es": "Procesos"},
    "timeline.never_started": {
        "en": "(created, never started)",
        "es": "(creado, nunca iniciado)",
    },
}
