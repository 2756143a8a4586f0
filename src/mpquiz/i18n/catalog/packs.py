"""Messages of `mpquiz pack`: help texts and what each pack command prints."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --help -------------------------------------------------------------------------------
    "help.pack": {
        "en": "Question packs: write a new one, validate it, add it (folder or zip), export "
        "it, trust its demos, convert Moodle GIFT files. Example: mpquiz pack validate ./my-pack",
        "es": "Paquetes de preguntas: crea uno nuevo, valídalo, añádelo (carpeta o zip), "
        "expórtalo, confía en sus demos, convierte ficheros GIFT de Moodle. "
        "Ejemplo: mpquiz pack validate ./mi-paquete",
    },
    "help.pack.validate": {
        "en": "Check a pack folder (or a .zip of one) and list every problem with its file, "
        "line, question, "
        "field and a hint. Exit code 0 when clean, 1 when --run finds a key the real output "
        "contradicts, 2 when the pack is invalid or PATH is not a pack.",
        "es": "Comprueba una carpeta de paquete (o un .zip de ella) y lista cada problema con "
        "su fichero, línea, "
        "pregunta, campo y una pista. Código de salida 0 si está bien, 1 si --run encuentra "
        "una clave que la salida real contradice, 2 si el paquete no es válido o PATH no es "
        "un paquete.",
    },
    "help.pack.validate.example": {
        "en": "Examples: mpquiz pack validate ./my-pack --run · "
        "mpquiz pack validate ./my-pack --json",
        "es": "Ejemplos: mpquiz pack validate ./mi-paquete --run · "
        "mpquiz pack validate ./mi-paquete --json",
    },
    "help.pack.list": {
        "en": "List the installed packs: id, version, questions, trust, title. "
        "Example: mpquiz pack list",
        "es": "Lista los paquetes instalados: id, versión, preguntas, confianza, título. "
        "Ejemplo: mpquiz pack list",
    },
    "help.pack.add": {
        "en": "Install a pack folder or a zip of one, or update it when its version is higher; "
        "progress on unchanged questions is kept. A failed add changes nothing. "
        "Example: mpquiz pack add ./my-pack.zip",
        "es": "Instala una carpeta de paquete o un zip de ella, o la actualiza si su versión "
        "es mayor; se conserva el progreso de las preguntas sin cambios. Si falla, no cambia "
        "nada. Ejemplo: mpquiz pack add ./mi-paquete.zip",
    },
    "help.pack.remove": {
        "en": "Remove a pack: its questions are retired, nobody's reviews are deleted. "
        "Example: mpquiz pack remove my-pack",
        "es": "Quita un paquete: sus preguntas se retiran y no se borra ningún repaso. "
        "Ejemplo: mpquiz pack remove mi-paquete",
    },
    "help.pack.trust": {
        "en": "Let a pack's demos run on this computer: lists each demo file with its SHA-256 "
        "and asks you to confirm. A file changed later is untrusted again. "
        "Example: mpquiz pack trust my-pack",
        "es": "Permite que las demos de un paquete se ejecuten en este ordenador: lista cada "
        "fichero con su SHA-256 y pide confirmación. Un fichero cambiado después deja de ser "
        "de confianza. Ejemplo: mpquiz pack trust mi-paquete",
    },
    "help.pack.untrust": {
        "en": "Stop running a pack's demos. Example: mpquiz pack untrust my-pack",
        "es": "Deja de ejecutar las demos de un paquete. Ejemplo: mpquiz pack untrust mi-paquete",
    },
    "help.pack.new": {
        "en": "Write a new pack folder to start from: pack.toml, one question of each kind, "
        "one demo and a README, valid as it is. Example: mpquiz pack new ./my-pack",
        "es": "Crea una carpeta de paquete para empezar: pack.toml, una pregunta de cada tipo, "
        "una demo y un README, válida tal cual. Ejemplo: mpquiz pack new ./mi-paquete",
    },
    "help.pack.export": {
        "en": "Write an installed pack (pack.toml, questions/, demos/, README) to a zip that "
        "pack add takes back. Example: mpquiz pack export my-pack -o my-pack.zip",
        "es": "Guarda un paquete instalado (pack.toml, questions/, demos/, README) en un zip "
        "que pack add acepta. Ejemplo: mpquiz pack export mi-paquete -o mi-paquete.zip",
    },
    "help.pack.import_gift": {
        "en": "Convert a Moodle GIFT file into a new pack folder: multiple choice, true/false, "
        "numerical and short answer questions; every question that cannot be converted is "
        "listed with its line and reason. Example: mpquiz pack import-gift quiz.gift "
        "-o ./quiz-pack --lang en",
        "es": "Convierte un fichero GIFT de Moodle en una carpeta de paquete nueva: opción "
        "múltiple, verdadero/falso, numéricas y de respuesta corta; cada pregunta que no se "
        "puede convertir se lista con su línea y el motivo. Ejemplo: mpquiz pack import-gift "
        "cuestionario.gift -o ./paquete --lang es",
    },
    "help.pack.export_gift": {
        "en": "Write the choice and numeric questions of an installed pack as GIFT, in one "
        "language, for Moodle. Example: mpquiz pack export-gift my-pack -o quiz.gift --lang en",
        "es": "Escribe las preguntas de opción múltiple y numéricas de un paquete instalado "
        "en GIFT, en un idioma, para Moodle. Ejemplo: mpquiz pack export-gift mi-paquete "
        "-o cuestionario.gift --lang es",
    },
    "help.pack.schema": {
        "en": "Print the JSON Schema of pack.toml or of a questions/*.toml file, for editor "
        "completion. Example: mpquiz pack schema --kind question > question.schema.json",
        "es": "Imprime el JSON Schema de pack.toml o de un fichero questions/*.toml, para que "
        "el editor complete. Ejemplo: mpquiz pack schema --kind question > question.schema.json",
    },
    "help.arg.pack_source": {
        "en": "The pack folder (holding pack.toml) or a zip of it.",
        "es": "La carpeta del paquete (con pack.toml) o un zip de ella.",
    },
    "help.arg.new_pack": {
        "en": "The folder to create (it must not exist, or be empty).",
        "es": "La carpeta que se crea (no debe existir, o estar vacía).",
    },
    "help.arg.gift_file": {
        "en": "The GIFT file (UTF-8, as Moodle exports it).",
        "es": "El fichero GIFT (UTF-8, como lo exporta Moodle).",
    },
    "help.arg.pack_id": {
        "en": "The id of an installed pack.",
        "es": "El id de un paquete instalado.",
    },
    "help.opt.problems_json": {
        "en": "Print the problems as one JSON object on standard output (for editors and CI).",
        "es": "Imprime los problemas como un objeto JSON en la salida estándar (para editores "
        "e integración continua).",
    },
    "help.opt.new_id": {
        "en": "The pack id (default: made from the folder name).",
        "es": "El id del paquete (por defecto: sale del nombre de la carpeta).",
    },
    "help.opt.new_title": {
        "en": "The pack title (default: the folder name).",
        "es": "El título del paquete (por defecto: el nombre de la carpeta).",
    },
    "help.opt.zip_out": {"en": "The zip file to write.", "es": "El fichero zip que se escribe."},
    "help.opt.gift_out": {"en": "The GIFT file to write.", "es": "El fichero GIFT que se escribe."},
    "help.opt.pack_out": {
        "en": "The pack folder to create (it must not exist, or be empty).",
        "es": "La carpeta de paquete que se crea (no debe existir, o estar vacía).",
    },
    "help.opt.gift_lang": {
        "en": "The language the GIFT text is written in: es or en.",
        "es": "El idioma en que está escrito el texto GIFT: es o en.",
    },
    "help.opt.export_lang": {
        "en": "The language to write: es or en (default: the pack's first language).",
        "es": "El idioma que se escribe: es o en (por defecto: el primer idioma del paquete).",
    },
    "help.opt.schema_kind": {
        "en": "Which file: pack (pack.toml) or question (questions/*.toml).",
        "es": "Qué fichero: pack (pack.toml) o question (questions/*.toml).",
    },
    # output -------------------------------------------------------------------------------
    "pack.validate.valid": {
        "en": "{pack} {version}: {count} questions ({kinds}), valid",
        "es": "{pack} {version}: {count} preguntas ({kinds}), válido",
    },
    "pack.validate.problems": {
        "en": "{count} problem(s) in {path}",
        "es": "{count} problema(s) en {path}",
    },
    "pack.validate.exercises_ok": {
        "en": "{count} exercise(s): every starter fails a check and every solution passes, "
        "with every CPU and on one",
        "es": "{count} ejercicio(s): cada inicio falla alguna comprobación y cada solución "
        "las supera, con todos los núcleos y con uno",
    },
    "pack.validate.exercises_bad": {
        "en": "{count} exercise(s): {problems} problem(s)",
        "es": "{count} ejercicio(s): {problems} problema(s)",
    },
    "pack.validate.keys_ok": {
        "en": "{runs} demo runs, {count} questions: all keys confirmed",
        "es": "{runs} ejecuciones de demos, {count} preguntas: todas las claves confirmadas",
    },
    "pack.validate.keys_bad": {
        "en": "{runs} demo runs, {count} questions: {problems} key problem(s)",
        "es": "{runs} ejecuciones de demos, {count} preguntas: {problems} problema(s) de claves",
    },
    "pack.new.done": {
        "en": "Created pack {pack} in {path}: one question of each kind and one demo. "
        "Next: mpquiz pack validate {path} --run",
        "es": "Paquete {pack} creado en {path}: una pregunta de cada tipo y una demo. "
        "Siguiente: mpquiz pack validate {path} --run",
    },
    "pack.add.done": {
        "en": "{pack} {version}: {added} added, {updated} updated, {retired} retired, "
        "{unchanged} unchanged",
        "es": "{pack} {version}: {added} añadidas, {updated} actualizadas, {retired} retiradas, "
        "{unchanged} sin cambios",
    },
    "pack.add.failed": {
        "en": "{count} problem(s) in {path}; nothing was added",
        "es": "{count} problema(s) en {path}; no se ha añadido nada",
    },
    "pack.add.trust_hint": {
        "en": "Its demos run once you trust it: mpquiz pack trust {pack}",
        "es": "Sus demos se ejecutarán cuando confíes en él: mpquiz pack trust {pack}",
    },
    "pack.remove.done": {
        "en": "{pack}: removed, {count} questions retired (reviews kept)",
        "es": "{pack}: quitado, {count} preguntas retiradas (se conservan los repasos)",
    },
    "pack.export.done": {
        "en": "{pack} {version}: {count} files written to {path}",
        "es": "{pack} {version}: {count} ficheros escritos en {path}",
    },
    "pack.trust.builtin": {
        "en": "The built-in pack is always trusted.",
        "es": "El paquete integrado siempre es de confianza.",
    },
    "pack.trust.header": {
        "en": "{pack} {version} runs these programs on this computer:",
        "es": "{pack} {version} ejecuta estos programas en este ordenador:",
    },
    "pack.not_here": {
        "en": "the files of pack {pack} are not on this machine (mpquiz pack add PATH installs "
        "them)",
        "es": "los ficheros del paquete {pack} no están en este equipo (mpquiz pack add RUTA "
        "los instala)",
    },
    "pack.validate.record_folder": {
        "en": "{path}: --record keeps runs inside the pack, so it needs the pack's folder, not "
        "a zip",
        "es": "{path}: --record guarda las ejecuciones dentro del paquete, así que necesita su "
        "carpeta, no un zip",
    },
    "pack.validate.recorded": {
        "en": "kept a run that proves its key for {count} question(s) in {path} (trust, or "
        "for the built-in pack `make lock`, covers them: record before trusting)",
        "es": "guardada una ejecución que prueba la clave de {count} pregunta(s) en {path} (la "
        "confianza, o para el paquete incluido `make lock`, las cubre: graba antes de confiar)",
    },
    "pack.validate.warning": {"en": "warning: {problem}", "es": "aviso: {problem}"},
    "pack.validate.need_yes": {
        "en": "--run runs the programs of pack {pack}, which this machine does not trust: "
        "trust it first, or confirm with --yes",
        "es": "--run ejecuta los programas del paquete {pack}, que este equipo no tiene por "
        "fiables: confía antes en él, o confirma con --yes",
    },
    "pack.validate.run_header": {
        "en": "--run will run these programs of {pack} {version} on this computer:",
        "es": "--run ejecutará estos programas de {pack} {version} en este ordenador:",
    },
    "pack.validate.run_confirm": {"en": "Run them?", "es": "¿Ejecutarlos?"},
    "pack.trust.runs": {
        "en": "Its questions run them so:",
        "es": "Sus preguntas los ejecutan así:",
    },
    "pack.trust.link_out": {
        "en": "demos/{file} is a link that leads outside the pack's demos folder, or nowhere",
        "es": "demos/{file} es un enlace que sale de la carpeta de demos del paquete, o que no "
        "lleva a ningún sitio",
    },
    "pack.trust.cannot": {
        "en": "pack {pack} cannot be trusted: {reason}",
        "es": "no se puede confiar en el paquete {pack}: {reason}",
    },
    "pack.trust.confirm": {"en": "Trust them?", "es": "¿Confías en ellos?"},
    "pack.trust.need_yes": {
        "en": "confirm with --yes when standard input is not a terminal",
        "es": "confirma con --yes cuando la entrada estándar no es un terminal",
    },
    "pack.trust.done": {
        "en": "{pack}: {count} demo file(s) trusted",
        "es": "{pack}: {count} fichero(s) de demo de confianza",
    },
    "pack.untrust.done": {
        "en": "{pack}: no longer trusted",
        "es": "{pack}: ya no es de confianza",
    },
    "pack.untrust.not_trusted": {
        "en": "{pack}: was not trusted",
        "es": "{pack}: no era de confianza",
    },
    "pack.gift.done": {
        "en": "{path}: {count} question(s) converted ({kinds}), {skipped} not converted",
        "es": "{path}: {count} pregunta(s) convertidas ({kinds}), {skipped} sin convertir",
    },
    "pack.gift.skipped": {
        "en": "Not converted (line: question: reason):",
        "es": "Sin convertir (línea: pregunta: motivo):",
    },
    "pack.gift.notes": {
        "en": "Notes on converted questions:",
        "es": "Notas sobre preguntas convertidas:",
    },
    "pack.gift.demo": {
        "en": "Every question runs demos/gift_note.py, which only prints a note; see README.md.",
        "es": "Cada pregunta ejecuta demos/gift_note.py, que solo imprime una nota; "
        "mira README.md.",
    },
    "pack.gift.none": {
        "en": "none of the {count} question(s) in {path} could be converted; nothing was written",
        "es": "no se pudo convertir ninguna de las {count} pregunta(s) de {path}; no se ha "
        "escrito nada",
    },
    "pack.export_gift.done": {
        "en": "{count} question(s) written to {path}",
        "es": "{count} pregunta(s) escritas en {path}",
    },
    "pack.export_gift.lossy": {
        "en": "written with less: {qid}: {reason}",
        "es": "escrita con menos: {qid}: {reason}",
    },
    "pack.export_gift.skipped": {
        "en": "left out {qid}: {reason}",
        "es": "no incluida {qid}: {reason}",
    },
    "pack.bad_lang": {
        "en": "{lang!r}: use es or en",
        "es": "{lang!r}: usa es o en",
    },
    "pack.bad_schema_kind": {
        "en": "{kind!r}: use pack or question",
        "es": "{kind!r}: usa pack o question",
    },
}
