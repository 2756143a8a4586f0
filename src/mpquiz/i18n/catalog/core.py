"""Messages of the CLI, the plain review, verdicts and stats."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --help -------------------------------------------------------------------------------
    "help.app": {
        "en": "Learn Python multiprocessing: spaced-repetition questions whose answers real "
        "processes confirm.",
        "es": "Aprende multiprocessing en Python: preguntas con repaso espaciado cuyas "
        "respuestas confirman procesos reales.",
    },
    "help.app.example": {
        "en": "Examples: mpquiz review --plain · mpquiz --lang es stats · "
        "mpquiz --db sqlite:///class.db --learner ana review --topic lock",
        "es": "Ejemplos: mpquiz review --plain · mpquiz --lang es stats · "
        "mpquiz --db sqlite:///clase.db --learner ana review --topic lock",
    },
    "help.review": {
        "en": "Answer today's questions: due reviews first, then new ones. After each answer "
        "the question's demo runs and its real output confirms or corrects you. "
        "Type :q or end the input to stop; every answer given is kept.",
        "es": "Responde las preguntas de hoy: primero los repasos pendientes y luego las nuevas. "
        "Tras cada respuesta se ejecuta la demo de la pregunta y su salida real te "
        "confirma o te corrige. Escribe :q o cierra la entrada para parar; se guarda "
        "cada respuesta dada.",
    },
    "help.review.example": {
        "en": "Example: printf '1\\n3\\n' | mpquiz --db sqlite:///tmp/x.db review --plain",
        "es": "Ejemplo: printf '1\\n3\\n' | mpquiz --db sqlite:///tmp/x.db review --plain",
    },
    "help.stats": {
        "en": "Show your progress: reviews, questions due now, new ones, and per-topic accuracy.",
        "es": "Muestra tu progreso: repasos, preguntas pendientes, nuevas y acierto por tema.",
    },
    "help.stats.example": {
        "en": "Example: mpquiz stats --json | python3 -m json.tool",
        "es": "Ejemplo: mpquiz stats --json | python3 -m json.tool",
    },
    "help.config": {
        "en": "Show or change your settings (new questions per day, desired retention, language).",
        "es": "Muestra o cambia tus ajustes (preguntas nuevas al día, retención deseada, idioma).",
    },
    "help.config.example": {
        "en": "Example: mpquiz config set new_per_day 15",
        "es": "Ejemplo: mpquiz config set new_per_day 15",
    },
    "help.config.get": {
        "en": "Print one setting. Example: mpquiz config get new_per_day",
        "es": "Muestra un ajuste. Ejemplo: mpquiz config get new_per_day",
    },
    "help.config.set": {
        "en": "Change one setting. Example: mpquiz config set desired_retention 0.85",
        "es": "Cambia un ajuste. Ejemplo: mpquiz config set desired_retention 0.85",
    },
    "help.config.path": {
        "en": "Print the path of the settings file. Example: mpquiz config path",
        "es": "Muestra la ruta del fichero de ajustes. Ejemplo: mpquiz config path",
    },
    "help.opt.force": {
        "en": "Add even when the installed version is the same or higher.",
        "es": "Añade aunque la versión instalada sea igual o mayor.",
    },
    "help.opt.yes": {
        "en": "Do not ask for confirmation.",
        "es": "No pide confirmación.",
    },
    "help.arg.pack_path": {
        "en": "The pack folder (holding pack.toml), or a .zip of one.",
        "es": "La carpeta del paquete (con pack.toml), o un .zip de ella.",
    },
    "help.opt.db": {
        "en": "Database URL (any SQLAlchemy URL); default: MPQUIZ_DB, else SQLite in your "
        "user data folder.",
        "es": "URL de la base de datos (cualquier URL de SQLAlchemy); por defecto: MPQUIZ_DB, "
        "si no SQLite en tu carpeta de datos.",
    },
    "help.opt.lang": {
        "en": "Language of questions and messages: es or en (default: settings, then the "
        "system locale).",
        "es": "Idioma de preguntas y mensajes: es o en (por defecto: ajustes, luego el idioma "
        "del sistema).",
    },
    "help.opt.learner": {
        "en": "Whose progress to use (default: your login name).",
        "es": "De quién es el progreso (por defecto: tu nombre de usuario).",
    },
    "help.opt.config": {
        "en": "Settings file to use instead of the one in your config folder.",
        "es": "Fichero de ajustes en lugar del de tu carpeta de configuración.",
    },
    "help.opt.version": {"en": "Print the version and exit.", "es": "Muestra la versión y sale."},
    "help.opt.plain": {
        "en": "Line-by-line mode on standard input and output (for scripts and screen readers).",
        "es": "Modo línea a línea por la entrada y salida estándar (para scripts y lectores "
        "de pantalla).",
    },
    "help.opt.pack": {
        "en": "Only questions of this pack.",
        "es": "Solo preguntas de este paquete.",
    },
    "help.opt.topic": {
        "en": "Only questions of this topic (e.g. lock, pool).",
        "es": "Solo preguntas de este tema (p. ej. lock, pool).",
    },
    "help.opt.new": {
        "en": "New questions allowed today (default: the new_per_day setting).",
        "es": "Preguntas nuevas permitidas hoy (por defecto: el ajuste new_per_day).",
    },
    "help.opt.rate": {
        "en": "ask: choose Hard/Good/Easy after a right answer; auto: take Good (default: ask "
        "on a terminal, auto when piped).",
        "es": "ask: elige Difícil/Bien/Fácil tras acertar; auto: se toma Bien (por defecto: ask "
        "en un terminal, auto con una tubería).",
    },
    "help.opt.yes_run": {
        "en": "With --run: run the pack's programs without asking, even if this machine does "
        "not trust them.",
        "es": "Con --run: ejecuta los programas del paquete sin preguntar, aunque este equipo no "
        "confíe en ellos.",
    },
    "help.opt.record": {
        "en": "With --run: keep, for each question, a run whose output proves its key, in the "
        "pack's demos/recorded/ (shown when a learner's own run does not show it).",
        "es": "Con --run: guarda, para cada pregunta, una ejecución cuya salida prueba su "
        "clave, en demos/recorded/ del paquete (se muestra cuando la del alumno no lo "
        "muestra).",
    },
    "help.opt.run": {
        "en": "Also run every demo (several times when its output varies) and check every "
        "key against the real output.",
        "es": "Ejecuta además cada demo (varias veces si su salida varía) y comprueba cada "
        "clave con la salida real.",
    },
    "help.exam": {
        "en": "Sit a timed exam: questions drawn from the topics you choose, no feedback until "
        "the end, then your score per topic and the questions you missed with their "
        "explanations. Results are kept, so the next exam shows your trend. On a terminal "
        "it opens in the app with its form filled from these options; with --plain (or a "
        "pipe) it runs line by line, where - skips a question.",
        "es": "Haz un examen cronometrado: preguntas de los temas que elijas, sin corrección "
        "hasta el final; después, tu nota por tema y las preguntas falladas con su "
        "explicación. Los resultados se guardan y el siguiente examen muestra tu evolución. "
        "En un terminal se abre en la aplicación con el formulario rellenado con estas "
        "opciones; con --plain (o una tubería) va línea a línea, y - salta una pregunta.",
    },
    "help.exam.example": {
        "en": "Example: mpquiz exam -n 15 -m 20 --topic lock --topic pool",
        "es": "Ejemplo: mpquiz exam -n 15 -m 20 --topic lock --topic pool",
    },
    "help.opt.questions": {"en": "How many questions.", "es": "Cuántas preguntas."},
    "help.opt.minutes": {"en": "Time limit in minutes.", "es": "Tiempo límite en minutos."},
    "help.opt.topics": {
        "en": "A topic to draw from (repeat for several; default: all).",
        "es": "Un tema del que sacar preguntas (repite para varios; por defecto: todos).",
    },
    "help.opt.weak": {
        "en": "Draw the questions you are least likely to remember first.",
        "es": "Saca primero las preguntas que menos probabilidad tienes de recordar.",
    },
    "help.opt.seed": {
        "en": "Seed for the draw, to repeat the same exam.",
        "es": "Semilla del sorteo, para repetir el mismo examen.",
    },
    "help.opt.json": {
        "en": "Print one JSON object instead of a table.",
        "es": "Imprime un objeto JSON en lugar de una tabla.",
    },
    # errors -------------------------------------------------------------------------------
    "error.no_pack": {
        "en": "no installed pack '{pack}' (installed: {known})",
        "es": "no hay ningún paquete instalado '{pack}' (instalados: {known})",
    },
    "error.no_topic": {
        "en": "no topic '{topic}' (topics: {known})",
        "es": "no existe el tema '{topic}' (temas: {known})",
    },
    # review -------------------------------------------------------------------------------
    "review.nothing_due": {
        "en": "Nothing is due and no new questions are left for today. Come back tomorrow!",
        "es": "No hay nada pendiente ni preguntas nuevas para hoy. ¡Vuelve mañana!",
    },
    "review.stopped": {
        "en": "Stopped. Every answer given is saved.",
        "es": "Sesión detenida. Todas las respuestas dadas están guardadas.",
    },
    "review.kept_on_stop": {
        "en": "Your answer was saved with its suggested rating, {rating}. Next review: {interval}",
        "es": "Tu respuesta se guardó con su calificación sugerida, {rating}. Próximo repaso: "
        "{interval}",
    },
    "review.open_not_kept": {
        "en": "Your answer to this open question was not saved: it needs your own rating.",
        "es": "Tu respuesta a esta pregunta abierta no se guardó: necesita tu propia calificación.",
    },
    "review.not_saved": {
        "en": "your last answer was NOT saved: {reason}",
        "es": "tu última respuesta NO se guardó: {reason}",
    },
    "review.summary": {
        "en": "Answered {answered}, right {correct}.",
        "es": "Respondidas {answered}, acertadas {correct}.",
    },
    "review.header": {
        "en": "[{n}/{total}] {topic} · {kind}",
        "es": "[{n}/{total}] {topic} · {kind}",
    },
    "kind.choice": {"en": "choice", "es": "opción múltiple"},
    "kind.numeric": {"en": "number", "es": "número"},
    "kind.predict": {"en": "predict the output", "es": "predice la salida"},
    "kind.open": {"en": "open question", "es": "pregunta abierta"},
    "kind.exercise": {"en": "write the code", "es": "escribe el código"},
    "ask.choice": {
        "en": "Your answer (1-{n}; several separated by commas; :q to stop) > ",
        "es": "Tu respuesta (1-{n}; varias separadas por comas; :q para salir) > ",
    },
    "ask.numeric": {
        "en": "Your answer (a number; :q to stop) > ",
        "es": "Tu respuesta (un número; :q para salir) > ",
    },
    "ask.candidate": {
        "en": "Which output will it print? (1-{n}; :q to stop) > ",
        "es": "¿Qué salida imprimirá? (1-{n}; :q para salir) > ",
    },
    "ask.predict": {
        "en": "Type the output you expect, one line at a time; end with an empty line.",
        "es": "Escribe la salida que esperas, línea a línea; termina con una línea vacía.",
    },
    "ask.open": {
        "en": "Write your answer; end with an empty line.",
        "es": "Escribe tu respuesta; termina con una línea vacía.",
    },
    "answer.empty": {"en": "Please give an answer.", "es": "Escribe una respuesta."},
    "answer.no_such_option": {
        "en": "Choose among the options 1 to {n}.",
        "es": "Elige entre las opciones 1 a {n}.",
    },
    "answer.not_a_number": {
        "en": "That is not a number.",
        "es": "Eso no es un número.",
    },
    # demos --------------------------------------------------------------------------------
    "demo.header": {"en": "── demo: {demo} ──", "es": "── demo: {demo} ──"},
    "demo.not_run": {
        "en": "The demo did not run: {reason} The verdict comes from the answer key alone.",
        "es": "La demo no se ejecutó: {reason} El veredicto sale solo de la clave.",
    },
    "demo.finished": {
        "en": "(exit code {code}, {seconds} s)",
        "es": "(código de salida {code}, {seconds} s)",
    },
    "demo.evidence": {"en": "Evidence in the output:", "es": "Pruebas en la salida:"},
    "demo.missing": {
        "en": "its file {file} is missing.",
        "es": "falta su fichero {file}.",
    },
    "demo.no_demo": {
        "en": "this question has no demo to run.",
        "es": "esta pregunta no tiene demo que ejecutar.",
    },
    "demo.no_pack": {
        "en": "its pack is not installed.",
        "es": "su paquete no está instalado.",
    },
    "demo.not_here": {
        "en": "pack {pack} is not installed on this machine (mpquiz pack add PATH installs it).",
        "es": "el paquete {pack} no está instalado en este equipo (mpquiz pack add RUTA lo "
        "instala).",
    },
    "demo.unreadable": {
        "en": "the files of pack {pack} cannot be read: {reason}.",
        "es": "no se pueden leer los ficheros del paquete {pack}: {reason}.",
    },
    "demo.not_in_pack": {
        "en": "question {qid} is not in the files of pack {pack} on this machine, so nothing "
        "was run.",
        "es": "la pregunta {qid} no está en los ficheros del paquete {pack} de este equipo, así "
        "que no se ejecutó nada.",
    },
    "demo.row_mismatch": {
        "en": "in the database, question {qid} of pack {pack} runs `{stored}`, but the pack's "
        "files on this machine say `{here}`: nothing was run.",
        "es": "en la base de datos, la pregunta {qid} del paquete {pack} ejecuta `{stored}`, "
        "pero los ficheros del paquete en este equipo dicen `{here}`: no se ejecutó nada.",
    },
    "trust.changed": {
        "en": "the files of pack {pack} changed since you trusted it ({files}); check them and "
        "trust it again (mpquiz pack trust {pack}).",
        "es": "los ficheros del paquete {pack} cambiaron desde que confiaste en él ({files}); "
        "revísalos y vuelve a confiar en él (mpquiz pack trust {pack}).",
    },
    "trust.untrusted": {
        "en": "pack {pack} is not trusted on this machine yet (mpquiz pack trust {pack}).",
        "es": "el paquete {pack} aún no es de confianza en este equipo (mpquiz pack trust {pack}).",
    },
    "trust.link_out": {
        "en": "pack {pack} holds a link that leads outside its demos folder, or nowhere "
        "({file}): none of its demos runs.",
        "es": "el paquete {pack} tiene un enlace que sale de su carpeta de demos, o que no lleva "
        "a ningún sitio ({file}): no se ejecuta ninguna de sus demos.",
    },
    "trust.builtin_changed": {
        "en": "the built-in course's file demos/{file} is not as this mpquiz shipped it: "
        "reinstall mpquiz.",
        "es": "el fichero demos/{file} del curso incluido no es el que trae este mpquiz: "
        "reinstala mpquiz.",
    },
    "trust.builtin_unsealed": {
        "en": "the built-in course's record of its demos cannot be read ({reason}): reinstall "
        "mpquiz.",
        "es": "no se puede leer el registro de demos del curso incluido ({reason}): reinstala "
        "mpquiz.",
    },
    "explain.header": {"en": "Why:", "es": "Por qué:"},
    # ratings ------------------------------------------------------------------------------
    "rating.again": {"en": "Again", "es": "Otra vez"},
    "rating.hard": {"en": "Hard", "es": "Difícil"},
    "rating.good": {"en": "Good", "es": "Bien"},
    "rating.easy": {"en": "Easy", "es": "Fácil"},
    "rate.next": {"en": "Next review: {intervals}", "es": "Próximo repaso: {intervals}"},
    "rate.auto": {
        "en": "Rated {rating}. Next review: {interval}",
        "es": "Calificada {rating}. Próximo repaso: {interval}",
    },
    "rate.ask": {
        "en": "Rating (Enter = Good, 2 Hard, 4 Easy) > ",
        "es": "Calificación (Intro = Bien, 2 Difícil, 4 Fácil) > ",
    },
    "rate.self": {
        "en": "Rate yourself (1 Again, 2 Hard, 3 Good, 4 Easy) > ",
        "es": "Califícate (1 Otra vez, 2 Difícil, 3 Bien, 4 Fácil) > ",
    },
    "rate.invalid": {
        "en": "Type 1, 2, 3 or 4 (or a, h, g, e).",
        "es": "Escribe 1, 2, 3 o 4 (o a, h, g, e).",
    },
    # verdicts -----------------------------------------------------------------------------
    "verdict.shown_right": {
        "en": "Right, and this run shows it.",
        "es": "Correcto, y esta ejecución lo demuestra.",
    },
    "verdict.shown_wrong": {
        "en": "Not so, and this run shows it.",
        "es": "No es así, y esta ejecución lo demuestra.",
    },
    "verdict.unshown_right": {
        "en": "Right by the key, but this run did not show it this time.",
        "es": "Correcto según la clave, pero esta ejecución no lo mostró esta vez.",
    },
    "verdict.unshown_wrong": {
        "en": "Not so by the key; this run did not show it this time.",
        "es": "No es así según la clave; esta ejecución no lo mostró esta vez.",
    },
    "verdict.norun_right": {
        "en": "Right by the key. No demo ran, so no run shows it.",
        "es": "Correcto según la clave. No se ejecutó la demo, así que ninguna ejecución lo "
        "muestra.",
    },
    "verdict.norun_wrong": {
        "en": "Not so by the key. No demo ran, so no run shows it.",
        "es": "No es así según la clave. No se ejecutó la demo, así que ninguna ejecución lo "
        "muestra.",
    },
    "verdict.rate_yourself": {
        "en": "Compare with the model answer and rate yourself.",
        "es": "Compara con la respuesta modelo y califícate.",
    },
    "verdict.open_shown": {
        "en": "This run shows the point.",
        "es": "Esta ejecución muestra lo esencial.",
    },
    "verdict.open_unshown": {
        "en": "This run did not show the point this time.",
        "es": "Esta ejecución no mostró lo esencial esta vez.",
    },
    "verdict.why_not": {"en": "Why not: {reason}.", "es": "Por qué no: {reason}."},
    "verdict.measured": {"en": "This run: {facts}.", "es": "Esta ejecución: {facts}."},
    "verdict.recorded": {
        "en": "A recorded run that shows it (recorded {date}, Python {python}, start method "
        "{method}, {cores} core(s)):",
        "es": "Una ejecución grabada que sí lo muestra (grabada el {date}, Python {python}, "
        "método {method}, {cores} núcleo(s)):",
    },
    "proof.no_run": {"en": "no demo ran", "es": "no se ejecutó la demo"},
    "proof.missing": {
        "en": "its pack does not say what in the output proves the key",
        "es": "su paquete no dice qué parte de la salida prueba la clave",
    },
    "proof.few_cores": {
        "en": "only {cores} core(s) were available, and it needs {needs}",
        "es": "solo había {cores} núcleo(s) disponible(s), y hacen falta {needs}",
    },
    "proof.busy_others": {
        "en": "the machine was busy: other programs kept {others} of its {cores} core(s) "
        "busy during this run",
        "es": "el equipo estaba ocupado: otros programas ocuparon {others} de sus {cores} "
        "núcleo(s) durante esta ejecución",
    },
    "proof.busy": {
        "en": "the machine was busy (load {load} on {cores} core(s))",
        "es": "el equipo estaba ocupado (carga {load} en {cores} núcleo(s))",
    },
    "proof.timed_out": {"en": "the demo ran out of time", "es": "la demo se quedó sin tiempo"},
    "proof.failed": {
        "en": "the demo did not finish normally ({problem})",
        "es": "la demo no terminó con normalidad ({problem})",
    },
    "proof.not_in_output": {
        "en": "its output did not show it",
        "es": "su salida no lo mostró",
    },
    "proof.no_value": {
        "en": "its output did not give the value",
        "es": "su salida no dio el valor",
    },
    "proof.value.gt": {
        "en": "measured {value}, more than {than}",
        "es": "midió {value}, más de {than}",
    },
    "proof.value_not.gt": {
        "en": "measured {value}, not more than {than}",
        "es": "midió {value}, no más de {than}",
    },
    "proof.value.ge": {
        "en": "measured {value}, at least {than}",
        "es": "midió {value}, al menos {than}",
    },
    "proof.value_not.ge": {
        "en": "measured {value}, less than {than}",
        "es": "midió {value}, menos de {than}",
    },
    "proof.value.lt": {
        "en": "measured {value}, less than {than}",
        "es": "midió {value}, menos de {than}",
    },
    "proof.value_not.lt": {
        "en": "measured {value}, not less than {than}",
        "es": "midió {value}, no menos de {than}",
    },
    "proof.value.le": {
        "en": "measured {value}, at most {than}",
        "es": "midió {value}, como mucho {than}",
    },
    "proof.value_not.le": {
        "en": "measured {value}, more than {than}",
        "es": "midió {value}, más de {than}",
    },
    "proof.value.eq": {
        "en": "measured {value}, exactly {than}",
        "es": "midió {value}, exactamente {than}",
    },
    "proof.value_not.eq": {
        "en": "measured {value}, not {than}",
        "es": "midió {value}, no {than}",
    },
    "proof.value.ne": {
        "en": "measured {value}, other than {than}",
        "es": "midió {value}, distinto de {than}",
    },
    "proof.value_not.ne": {
        "en": "measured {value}, equal to {than}",
        "es": "midió {value}, igual a {than}",
    },
    "proof.value_key": {"en": "measured {value}", "es": "midió {value}"},
    "proof.busy_at_once": {
        "en": "{n} process(es) busy on the CPU at once (the point needs {needs})",
        "es": "{n} proceso(s) ocupando la CPU a la vez (hacen falta {needs})",
    },
    "proof.no_timeline": {
        "en": "the run recorded no processes to judge by",
        "es": "la ejecución no registró procesos con los que juzgar",
    },
    "proof.turns": {
        "en": "the threads took turns on the CPU",
        "es": "los hilos se turnaron en la CPU",
    },
    "proof.no_turns": {
        "en": "the threads ran at the same time",
        "es": "los hilos se ejecutaron a la vez",
    },
    "verdict.key": {"en": "The right answer: {key}", "es": "La respuesta correcta: {key}"},
    "verdict.diff_legend": {
        "en": "Your prediction (-) against the real output (+):",
        "es": "Tu predicción (-) frente a la salida real (+):",
    },
    "verdict.run_value": {
        "en": "This run measured {value} {unit}.",
        "es": "Esta ejecución midió {value} {unit}.",
    },
    "verdict.output_varies": {
        "en": "The order or the values in this output vary between runs; any output the "
        "program can really print is accepted.",
        "es": "El orden o los valores de esta salida cambian entre ejecuciones; se acepta "
        "cualquier salida que el programa pueda imprimir de verdad.",
    },
    "open.model_answer": {"en": "Model answer:", "es": "Respuesta modelo:"},
    "open.key_points": {"en": "Key points:", "es": "Puntos clave:"},
    # exams --------------------------------------------------------------------------------
    "exam.start": {
        "en": "Exam: {n} questions, {minutes} minutes. No feedback until the end; - skips.",
        "es": "Examen: {n} preguntas, {minutes} minutos. Sin corrección hasta el final; - salta.",
    },
    "exam.header": {
        "en": "[{n}/{total}] {topic} · time left {left}",
        "es": "[{n}/{total}] {topic} · quedan {left}",
    },
    "exam.time_up": {
        "en": "Time is up: the last answer was not taken.",
        "es": "Se acabó el tiempo: la última respuesta no cuenta.",
    },
    "exam.score": {
        "en": "Score: {right}/{total} ({percent}%)",
        "es": "Nota: {right}/{total} ({percent}%)",
    },
    "exam.trend": {"en": "Trend: {trend}", "es": "Evolución: {trend}"},
    "exam.unanswered": {"en": "(not answered)", "es": "(sin responder)"},
    "exam.your_answer": {"en": "Your answer: {answer}", "es": "Tu respuesta: {answer}"},
    "exam.key": {"en": "Right answer: {key}", "es": "Respuesta correcta: {key}"},
    "exam.run_it": {
        "en": "See it happen: {command}",
        "es": "Para verlo ocurrir: {command}",
    },
    "exam.demos_hint": {
        "en": "An exam grades by the key alone: no demo runs while the clock ticks. Run a "
        "missed question's demo with the command under it, or in the app (mpquiz).",
        "es": "Un examen califica solo con la clave: ninguna demo se ejecuta mientras corre el "
        "reloj. Ejecuta la demo de una pregunta fallada con la orden que aparece debajo, o "
        "en la aplicación (mpquiz).",
    },
    # stats --------------------------------------------------------------------------------
    "stats.summary": {
        "en": "{learner}: {reviews} reviews · {due} due now · {new} new today "
        "({unseen} not seen yet)",
        "es": "{learner}: {reviews} repasos · {due} pendientes ahora · {new} nuevas hoy "
        "({unseen} sin ver)",
    },
    "stats.title": {"en": "Progress by topic", "es": "Progreso por tema"},
    "stats.col.topic": {"en": "Topic", "es": "Tema"},
    "stats.col.questions": {"en": "Questions", "es": "Preguntas"},
    "stats.col.reviews": {"en": "Reviews", "es": "Repasos"},
    "stats.col.correct": {"en": "Right", "es": "Aciertos"},
    "stats.col.accuracy": {"en": "Accuracy", "es": "Acierto"},
}
