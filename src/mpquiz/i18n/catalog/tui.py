"""Messages of the Textual app (every key starts with "tui.")."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # keys in the footer and the help screen ------------------------------------------------
    "tui.key.quit": {"en": "Quit", "es": "Salir"},
    "tui.key.review": {"en": "Review", "es": "Repasar"},
    "tui.key.exam": {"en": "Exam", "es": "Examen"},
    "tui.key.stats": {"en": "Stats", "es": "Estadísticas"},
    "tui.key.packs": {"en": "Packs", "es": "Paquetes"},
    "tui.key.demos": {"en": "Demos", "es": "Demos"},
    "tui.key.help": {"en": "Keys", "es": "Teclas"},
    "tui.key.home": {"en": "Home", "es": "Inicio"},
    "tui.key.back": {"en": "Back", "es": "Volver"},
    "tui.key.rate": {
        "en": "Rate: 1 Again, 2 Hard, 3 Good, 4 Easy",
        "es": "Calificar: 1 Otra vez, 2 Difícil, 3 Bien, 4 Fácil",
    },
    "tui.key.rate_suggested": {"en": "The suggested rating", "es": "La calificación sugerida"},
    "tui.key.rerun": {"en": "Run again", "es": "Ejecutar otra vez"},
    "tui.key.undo": {"en": "Undo", "es": "Deshacer"},
    "tui.key.pick": {"en": "Mark an option", "es": "Marcar una opción"},
    "tui.key.up": {"en": "Previous", "es": "Anterior"},
    "tui.key.down": {"en": "Next", "es": "Siguiente"},
    "tui.key.mark": {"en": "Mark", "es": "Marcar"},
    "tui.key.answer": {"en": "Answer", "es": "Responder"},
    "tui.key.check_program": {"en": "Check", "es": "Comprobar"},
    "tui.key.submit_program": {"en": "Submit", "es": "Entregar"},
    "tui.key.reset_program": {"en": "Reset", "es": "Reiniciar"},
    "tui.key.give_up": {"en": "Give up", "es": "Rendirse"},
    "tui.exercise.checking": {
        "en": "Running your program and its checks…",
        "es": "Ejecutando tu programa y sus comprobaciones…",
    },
    "tui.exercise.busy": {
        "en": "The checks are still running.",
        "es": "Las comprobaciones aún se están ejecutando.",
    },
    "tui.exercise.title": {"en": "your program", "es": "tu programa"},
    "tui.exercise.details_below": {
        "en": "Each check is below the editor (Esc, then PgDn).",
        "es": "Cada comprobación está bajo el editor (Esc y luego AvPág).",
    },
    "tui.exercise.all_passed": {
        "en": "Every check passed: ctrl+s submits it.",
        "es": "Todas las comprobaciones superadas: ctrl+s lo entrega.",
    },
    "tui.exercise.some_failed": {
        "en": "Check {n}: {failed} check(s) failed. Fix it and check again (ctrl+r), or "
        "ctrl+g to give up.",
        "es": "Comprobación {n}: {failed} fallida(s). Corrígelo y vuelve a comprobar "
        "(ctrl+r), o ctrl+g para rendirte.",
    },
    "tui.key.leave_field": {"en": "Leave field", "es": "Salir del campo"},
    "tui.key.close": {"en": "Close", "es": "Cerrar"},
    "tui.key.all": {"en": "All or none", "es": "Todos o ninguno"},
    "tui.key.skip": {"en": "Skip", "es": "Saltar"},
    "tui.key.finish": {"en": "Finish", "es": "Terminar"},
    "tui.key.start": {"en": "Start", "es": "Empezar"},
    "tui.key.run": {"en": "Run", "es": "Ejecutar"},
    "tui.key.stop": {"en": "Stop", "es": "Parar"},
    "tui.key.trust": {"en": "Trust", "es": "Confiar"},
    "tui.key.untrust": {"en": "Revoke trust", "es": "Retirar confianza"},
    "tui.key.validate": {"en": "Validate", "es": "Validar"},
    "tui.key.yes": {"en": "Yes", "es": "Sí"},
    "tui.key.no": {"en": "No", "es": "No"},
    "tui.key.demo": {"en": "Run its demo", "es": "Ejecutar su demo"},
    # answer widgets ----------------------------------------------------------------------
    "tui.answer.mark_first": {
        "en": "Nothing is marked yet: press 1-{n}, or Space on the highlighted row, then Enter.",
        "es": "Aún no hay nada marcado: pulsa 1-{n}, o Espacio en la fila resaltada, y luego "
        "Intro.",
    },
    "tui.answer.choice_hint": {
        "en": "Keys 1-{n} tick options (one or several), Enter answers.",
        "es": "Las teclas 1-{n} marcan opciones (una o varias); Intro responde.",
    },
    "tui.answer.candidate_hint": {
        "en": "Which output will it print? Keys 1-{n} pick one, Enter answers.",
        "es": "¿Qué salida imprimirá? Las teclas 1-{n} eligen una; Intro responde.",
    },
    "tui.answer.number_hint": {
        "en": "A number, then Enter",
        "es": "Un número y luego Intro",
    },
    "tui.answer.predict_hint": {
        "en": "Type the output you expect, line by line. Enter on an empty last line "
        "(or ctrl+s) answers.",
        "es": "Escribe la salida que esperas, línea a línea. Intro en una última línea "
        "vacía (o ctrl+s) responde.",
    },
    "tui.answer.open_hint": {
        "en": "Write your answer. Enter on an empty last line (or ctrl+s) answers.",
        "es": "Escribe tu respuesta. Intro en una última línea vacía (o ctrl+s) responde.",
    },
    # the demo's output -------------------------------------------------------------------
    "tui.demo.title": {"en": "demo: {demo}", "es": "demo: {demo}"},
    "tui.demo.title_run": {"en": "{title} · run {n}", "es": "{title} · ejecución {n}"},
    "tui.demo.running": {"en": "running…", "es": "ejecutándose…"},
    "tui.demo.starting": {"en": "starting…", "es": "arrancando…"},
    "tui.demo.exit": {"en": "exit code {code}", "es": "código de salida {code}"},
    "tui.demo.no_output": {"en": "(no output yet)", "es": "(sin salida todavía)"},
    "tui.demo.not_run": {
        "en": "The demo did not run: {reason}",
        "es": "La demo no se ejecutó: {reason}",
    },
    # verdict and rating ------------------------------------------------------------------
    "tui.verdict.title_confirmed": {"en": "✔ Right", "es": "✔ Correcto"},
    "tui.verdict.title_corrected": {"en": "✘ Not so", "es": "✘ No es así"},
    "tui.verdict.title_open": {"en": "Compare and rate yourself", "es": "Compara y califícate"},
    "tui.verdict.your_answer": {"en": "Your answer:", "es": "Tu respuesta:"},
    "tui.verdict.rate_yourself": {
        "en": "How well did you know it? Rate yourself with 1-4.",
        "es": "¿Cómo de bien lo sabías? Califícate con 1-4.",
    },
    "tui.rate.enter": {"en": "Enter", "es": "Intro"},
    "tui.rate.need_self": {
        "en": "Rate yourself: 1 Again, 2 Hard, 3 Good, 4 Easy.",
        "es": "Califícate: 1 Otra vez, 2 Difícil, 3 Bien, 4 Fácil.",
    },
    # review ------------------------------------------------------------------------------
    "tui.review.title": {"en": "Review · {n} of {total}", "es": "Repaso · {n} de {total}"},
    "tui.review.title_done": {"en": "Review · done", "es": "Repaso · terminado"},
    "tui.review.done": {
        "en": "That is all for now. Well done!",
        "es": "Eso es todo por ahora. ¡Bien hecho!",
    },
    "tui.review.done_keys": {
        "en": "u takes back the last rating · Esc goes home.",
        "es": "u deshace la última calificación · Esc vuelve al inicio.",
    },
    "tui.review.done_home": {"en": "Esc goes home.", "es": "Esc vuelve al inicio."},
    "tui.review.nothing_to_undo": {"en": "Nothing to undo.", "es": "No hay nada que deshacer."},
    "tui.review.queue_changed": {
        "en": "Today's questions changed while loading: here is the first one now.",
        "es": "Las preguntas de hoy cambiaron al cargar: esta es ahora la primera.",
    },
    "tui.review.undone": {
        "en": "Last rating taken back: that question again.",
        "es": "Última calificación deshecha: otra vez esa pregunta.",
    },
    "tui.review.rate_before_leaving": {
        "en": "Rate yourself first (1-4) to keep this answer, or press Esc again to leave "
        "without it.",
        "es": "Califícate primero (1-4) para guardar esta respuesta, o pulsa Esc otra vez "
        "para salir sin ella.",
    },
    # home --------------------------------------------------------------------------------
    "tui.home.loading": {"en": "Reading your progress…", "es": "Leyendo tu progreso…"},
    "tui.home.due": {"en": "Due now", "es": "Pendientes"},
    "tui.home.new": {"en": "New today", "es": "Nuevas hoy"},
    "tui.home.reviewed": {"en": "Answered today", "es": "Respondidas hoy"},
    "tui.home.streak": {"en": "Streak (days)", "es": "Racha (días)"},
    "tui.home.mastery": {
        "en": "Mastery per topic (chance of recalling it now)",
        "es": "Dominio por tema (prob. de recordarlo ahora)",
    },
    "tui.home.seen": {"en": "{seen}/{questions} seen", "es": "{seen}/{questions} vistas"},
    "tui.home.no_topics": {"en": "No questions installed.", "es": "No hay preguntas instaladas."},
    "tui.home.action.review": {"en": "Review today", "es": "Repasar hoy"},
    "tui.home.action.exam": {"en": "Exam", "es": "Examen"},
    "tui.home.action.stats": {"en": "Statistics", "es": "Estadísticas"},
    "tui.home.action.packs": {"en": "Packs", "es": "Paquetes"},
    "tui.home.action.demos": {"en": "Demo browser", "es": "Explorar demos"},
    "tui.home.action.help": {"en": "Keys", "es": "Teclas"},
    "tui.home.action.quit": {"en": "Quit", "es": "Salir"},
    # exam --------------------------------------------------------------------------------
    "tui.exam.setup_title": {"en": "Exam · set up", "es": "Examen · preparar"},
    "tui.exam.topics": {
        "en": "Topics (space ticks or unticks)",
        "es": "Temas (espacio marca o desmarca)",
    },
    "tui.exam.topic_line": {"en": "{title} ({n})", "es": "{title} ({n})"},
    "tui.exam.count": {"en": "Questions", "es": "Preguntas"},
    "tui.exam.minutes": {"en": "Minutes", "es": "Minutos"},
    "tui.exam.weak_first": {"en": "Weak topics first", "es": "Primero los temas flojos"},
    "tui.exam.start": {"en": "Start (ctrl+s)", "es": "Empezar (ctrl+s)"},
    "tui.exam.no_topics": {"en": "Tick at least one topic.", "es": "Marca al menos un tema."},
    "tui.exam.bad_numbers": {
        "en": "Questions: a whole number from 1 to {questions}; minutes: above 0, up to {minutes}.",
        "es": "Preguntas: un número entero de 1 a {questions}; minutos: más de 0, hasta {minutes}.",
    },
    "tui.exam.no_questions": {
        "en": "No exam questions in those topics (open questions are not examined).",
        "es": "No hay preguntas de examen en esos temas (las abiertas no entran).",
    },
    "tui.exam.title": {"en": "Exam · {n} of {total}", "es": "Examen · {n} de {total}"},
    "tui.exam.left": {"en": "⏱ {clock} left", "es": "⏱ quedan {clock}"},
    "tui.exam.time_up": {"en": "Time is up.", "es": "Se acabó el tiempo."},
    "tui.exam.finish_confirm": {
        "en": "Finish the exam now? {n} question(s) without an answer count as missed.",
        "es": "¿Terminar el examen ya? {n} pregunta(s) sin responder cuentan como falladas.",
    },
    "tui.exam.result_title": {"en": "Exam · result", "es": "Examen · resultado"},
    "tui.exam.score": {
        "en": "{right} of {total} right",
        "es": "{right} de {total} acertadas",
    },
    "tui.exam.timed_out": {
        "en": "Time ran out before every question was answered.",
        "es": "El tiempo se acabó antes de responder todas las preguntas.",
    },
    "tui.exam.first_exam": {
        "en": "Your first exam: the next ones will show the trend here.",
        "es": "Tu primer examen: los siguientes mostrarán aquí la tendencia.",
    },
    "tui.exam.trend": {"en": "Trend: {scores}", "es": "Tendencia: {scores}"},
    "tui.exam.now": {"en": "{score} now", "es": "{score} ahora"},
    "tui.exam.missed_title": {
        "en": "Missed questions (d runs the demo)",
        "es": "Preguntas falladas (d ejecuta la demo)",
    },
    "tui.exam.none_missed": {
        "en": "Nothing missed. Well done!",
        "es": "Ningún fallo. ¡Bien hecho!",
    },
    "tui.exam.your_answer": {"en": "Your answer: {answer}", "es": "Tu respuesta: {answer}"},
    "tui.exam.not_answered": {"en": "Not answered.", "es": "Sin responder."},
    "tui.exam.right_answer": {
        "en": "The right answer: {key}",
        "es": "La respuesta correcta: {key}",
    },
    "tui.exam.demo_hint": {
        "en": "Press d to run its demo and see it happen.",
        "es": "Pulsa d para ejecutar su demo y verlo ocurrir.",
    },
    "tui.confirm.keys": {"en": "y Yes · n No", "es": "s (o y) Sí · n No"},
    # stats -------------------------------------------------------------------------------
    "tui.stats.title": {"en": "Statistics", "es": "Estadísticas"},
    "tui.stats.summary": {
        "en": "Studied {total} in all, {today} today · streak {streak} day(s), longest {longest}",
        "es": "Estudiado {total} en total, {today} hoy · racha {streak} día(s), la más larga "
        "{longest}",
    },
    "tui.stats.calendar": {"en": "Answers per day", "es": "Respuestas por día"},
    "tui.stats.heat_total": {"en": "{n} in this period", "es": "{n} en este periodo"},
    "tui.stats.forecast": {
        "en": "Questions due in the next 30 days",
        "es": "Preguntas pendientes en los próximos 30 días",
    },
    "tui.stats.today": {"en": "today", "es": "hoy"},
    "tui.stats.forecast_line": {
        "en": "Today {today} · tomorrow {tomorrow} · 7 days {week} · 30 days {month}",
        "es": "Hoy {today} · mañana {tomorrow} · 7 días {week} · 30 días {month}",
    },
    "tui.stats.topics": {"en": "Topics", "es": "Temas"},
    "tui.stats.col_seen": {"en": "Seen", "es": "Vistas"},
    "tui.stats.col_mastery": {"en": "Mastery", "es": "Dominio"},
    "tui.stats.exams": {"en": "Exams (oldest first)", "es": "Exámenes (el más antiguo primero)"},
    "tui.stats.no_exams": {"en": "No exams yet.", "es": "Aún no hay exámenes."},
    "tui.stats.exam_timed_out": {"en": "time ran out", "es": "se acabó el tiempo"},
    "tui.weekday.0": {"en": "Mon", "es": "lun"},
    "tui.weekday.1": {"en": "Tue", "es": "mar"},
    "tui.weekday.2": {"en": "Wed", "es": "mié"},
    "tui.weekday.3": {"en": "Thu", "es": "jue"},
    "tui.weekday.4": {"en": "Fri", "es": "vie"},
    "tui.weekday.5": {"en": "Sat", "es": "sáb"},
    "tui.weekday.6": {"en": "Sun", "es": "dom"},
    "tui.month.1": {"en": "Jan", "es": "ene"},
    "tui.month.2": {"en": "Feb", "es": "feb"},
    "tui.month.3": {"en": "Mar", "es": "mar"},
    "tui.month.4": {"en": "Apr", "es": "abr"},
    "tui.month.5": {"en": "May", "es": "may"},
    "tui.month.6": {"en": "Jun", "es": "jun"},
    "tui.month.7": {"en": "Jul", "es": "jul"},
    "tui.month.8": {"en": "Aug", "es": "ago"},
    "tui.month.9": {"en": "Sep", "es": "sep"},
    "tui.month.10": {"en": "Oct", "es": "oct"},
    "tui.month.11": {"en": "Nov", "es": "nov"},
    "tui.month.12": {"en": "Dec", "es": "dic"},
    # packs, trust and demos --------------------------------------------------------------
    "tui.packs.title": {"en": "Packs", "es": "Paquetes"},
    "tui.packs.col_id": {"en": "Id", "es": "Id"},
    "tui.packs.col_version": {"en": "Version", "es": "Versión"},
    "tui.packs.col_title": {"en": "Title", "es": "Título"},
    "tui.packs.col_questions": {"en": "Questions", "es": "Preguntas"},
    "tui.packs.col_trust": {"en": "Trust", "es": "Confianza"},
    "tui.packs.questions": {"en": "{n} question(s)", "es": "{n} pregunta(s)"},
    "tui.packs.explain_builtin": {
        "en": "The built-in pack: its demos always run.",
        "es": "El paquete incluido: sus demos siempre se ejecutan.",
    },
    "tui.packs.explain_trusted": {
        "en": "Trusted: its demos run on this computer. x revokes the trust.",
        "es": "De confianza: sus demos se ejecutan en este ordenador. x retira la confianza.",
    },
    "tui.packs.explain_untrusted": {
        "en": "Not trusted: its demos do not run. t shows them and asks you.",
        "es": "Sin confianza: sus demos no se ejecutan. t te las muestra y te pregunta.",
    },
    "tui.packs.explain_changed": {
        "en": "Changed: files of its demos folder, or how its questions run them, differ from "
        "what you trusted, so none of its demos runs. t shows them again.",
        "es": "Cambiado: ficheros de su carpeta de demos, o cómo los ejecutan sus preguntas, "
        "difieren de lo que aceptaste, así que no se ejecuta ninguna demo. t te los vuelve a "
        "mostrar.",
    },
    "tui.packs.explain_absent": {
        "en": "Not on this computer: the database lists it, but its files were never added "
        "here, so its demos do not run (mpquiz pack add installs it).",
        "es": "No está en este ordenador: la base de datos lo incluye, pero sus ficheros nunca "
        "se añadieron aquí, así que sus demos no se ejecutan (mpquiz pack add lo instala).",
    },
    "tui.packs.explain_damaged": {
        "en": "The built-in pack's demo files are not as this mpquiz shipped them, so they do "
        "not run: reinstall mpquiz.",
        "es": "Los ficheros de demo del paquete incluido no son los que trae este mpquiz, así "
        "que no se ejecutan: reinstala mpquiz.",
    },
    "tui.packs.cannot_trust": {
        "en": "{pack} cannot be trusted: {reason}",
        "es": "No se puede confiar en {pack}: {reason}",
    },
    "tui.packs.builtin_trusted": {
        "en": "The built-in pack is always trusted.",
        "es": "El paquete incluido siempre es de confianza.",
    },
    "tui.packs.trusted": {
        "en": "{pack}: {n} demo file(s) trusted.",
        "es": "{pack}: {n} fichero(s) de demo de confianza.",
    },
    "tui.packs.revoked": {
        "en": "{pack}: no longer trusted.",
        "es": "{pack}: ya no es de confianza.",
    },
    "tui.packs.validating": {"en": "Validating…", "es": "Validando…"},
    "tui.packs.valid": {
        "en": "✔ Valid: {n} question(s), no problems.",
        "es": "✔ Válido: {n} pregunta(s), sin problemas.",
    },
    "tui.packs.problems": {
        "en": "✘ {n} problem(s) found:",
        "es": "✘ {n} problema(s) encontrado(s):",
    },
    "tui.trust.builtin": {"en": "built-in", "es": "incluido"},
    "tui.trust.trusted": {"en": "trusted", "es": "de confianza"},
    "tui.trust.untrusted": {"en": "untrusted", "es": "sin confianza"},
    "tui.trust.changed": {"en": "changed", "es": "cambiado"},
    "tui.trust.absent": {"en": "not here", "es": "no está aquí"},
    "tui.trust.damaged": {"en": "altered", "es": "alterado"},
    "tui.trust.runs": {
        "en": "How its questions run them:",
        "es": "Cómo los ejecutan sus preguntas:",
    },
    "tui.trust.question": {
        "en": "Trust {pack} {version}?",
        "es": "¿Confiar en {pack} {version}?",
    },
    "tui.trust.warning": {
        "en": "Its demos are programs that will run on this computer with your permissions. "
        "Trust covers exactly these files (every file of its demos folder) and how its "
        "questions run them: if anything changes, none of its demos runs until you trust it "
        "again.",
        "es": "Sus demos son programas que se ejecutarán en este ordenador con tus permisos. "
        "La confianza cubre exactamente estos ficheros (todos los de su carpeta de demos) y "
        "cómo los ejecutan sus preguntas: si algo cambia, no se ejecuta ninguna de sus demos "
        "hasta que vuelvas a confiar.",
    },
    "tui.trust.files": {
        "en": "The files of its demos folder, each with its SHA-256:",
        "es": "Los ficheros de su carpeta de demos, cada uno con su SHA-256:",
    },
    "tui.trust.no_files": {"en": "(no demo files)", "es": "(sin ficheros de demo)"},
    "tui.trust.keys": {"en": "y Trust · n No", "es": "s (o y) Confiar · n No"},
    "tui.demos.title": {"en": "Demos", "es": "Demos"},
    "tui.demos.none": {"en": "No demos installed.", "es": "No hay demos instaladas."},
    "tui.demos.can_run": {
        "en": "{demo} · Enter or r runs it, s stops it.",
        "es": "{demo} · Intro o r la ejecuta, s la para.",
    },
    "tui.demos.blocked": {
        "en": "{demo} does not run: {reason}",
        "es": "{demo} no se ejecuta: {reason}",
    },
    # help --------------------------------------------------------------------------------
    "tui.help.title": {"en": "Keys", "es": "Teclas"},
    "tui.help.close": {
        "en": "Esc, ? or Enter closes this.",
        "es": "Esc, ? o Intro cierra esto.",
    },
    "tui.help.key_tab": {"en": "Next field", "es": "Campo siguiente"},
    "tui.help.key_quit": {
        "en": "Quit from anywhere (answers given are kept)",
        "es": "Salir desde cualquier sitio (se guardan las respuestas dadas)",
    },
    "tui.help.home": {
        "en": "Today's figures and your mastery of each topic. Every action has a key, "
        "shown in the bottom line.",
        "es": "Las cifras de hoy y tu dominio de cada tema. Cada acción tiene una tecla, "
        "que se ve en la línea de abajo.",
    },
    "tui.help.review": {
        "en": "Answer, then watch the demo's real output confirm or correct you: the lines "
        "that prove the point are marked ▶. Then rate how well you knew it; the next "
        "interval is shown above each rating. In a text field, Esc gives the keys back.",
        "es": "Responde y mira cómo la salida real de la demo te confirma o te corrige: las "
        "líneas que lo prueban van marcadas con ▶. Luego califica cómo lo sabías; sobre "
        "cada calificación se ve el próximo intervalo. En un campo de texto, Esc devuelve "
        "las teclas.",
    },
    "tui.help.exam_setup": {
        "en": "Tick the topics (space), set the number of questions and the minutes, and "
        "start with Enter in a number field or ctrl+s. Weak topics first draws the "
        "questions you are least likely to recall.",
        "es": "Marca los temas (espacio), fija el número de preguntas y los minutos, y "
        "empieza con Intro en un campo numérico o ctrl+s. Primero los temas flojos elige "
        "las preguntas que menos probablemente recuerdas.",
    },
    "tui.help.exam": {
        "en": "No feedback until the end. Each answer is stored as you give it. The exam ends "
        "by itself when the time is up.",
        "es": "Sin respuestas correctas hasta el final. Cada respuesta se guarda al darla. El "
        "examen termina solo cuando se acaba el tiempo.",
    },
    "tui.help.exam_result": {
        "en": "Your score overall and per topic, the trend of your exams, and each missed "
        "question with its explanation; d runs its demo.",
        "es": "Tu nota global y por tema, la tendencia de tus exámenes y cada pregunta "
        "fallada con su explicación; d ejecuta su demo.",
    },
    "tui.help.stats": {
        "en": "Answers per day (shades from · to █, see the legend), what falls due in the "
        "next 30 days, and accuracy and mastery per topic. Arrows and PgUp/PgDn scroll.",
        "es": "Respuestas por día (tonos de · a █, mira la leyenda), lo que vence en los "
        "próximos 30 días, y acierto y dominio por tema. Flechas y RePág/AvPág desplazan.",
    },
    "tui.help.packs": {
        "en": "The installed packs. Demos of a pack other than the built-in one run only "
        "after you trust it; validation reports every problem with file and line.",
        "es": "Los paquetes instalados. Las demos de un paquete que no sea el incluido solo "
        "se ejecutan si confías en él; la validación informa de cada problema con "
        "fichero y línea.",
    },
    "tui.help.demos": {
        "en": "Every demo of the installed packs. Read its code, then run it and watch its "
        "real output; run it again to see what varies.",
        "es": "Todas las demos de los paquetes instalados. Lee su código, ejecútala y mira "
        "su salida real; vuelve a ejecutarla para ver qué cambia.",
    },
}
