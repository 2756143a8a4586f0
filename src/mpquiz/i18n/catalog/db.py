"""Messages of `mpquiz db`."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "help.db": {
        "en": "Look after the database: check it, back it up, restore a backup. A backup is "
        "made once a day when mpquiz opens (the last 7 are kept). "
        "Example: mpquiz db check",
        "es": "Cuida la base de datos: compruébala, haz una copia, restaura una copia. Se hace "
        "una copia al día al abrir mpquiz (se guardan las 7 últimas). "
        "Ejemplo: mpquiz db check",
    },
    "help.db.path": {
        "en": "Print the database in use. Example: mpquiz db path",
        "es": "Muestra la base de datos en uso. Ejemplo: mpquiz db path",
    },
    "help.db.check": {
        "en": "Run SQLite's integrity check and report; exit code 1 when damaged. "
        "Example: mpquiz db check",
        "es": "Ejecuta la comprobación de integridad de SQLite e informa; código 1 si está "
        "dañada. Ejemplo: mpquiz db check",
    },
    "help.db.backup": {
        "en": "Back up the database now, safely even while a session runs. "
        "Example: mpquiz db backup",
        "es": "Hace ahora una copia de la base de datos, segura aunque haya una sesión abierta. "
        "Ejemplo: mpquiz db backup",
    },
    "help.db.restore": {
        "en": "Put a backup (default: the latest) in place of the database; the current file "
        "is kept beside it. Example: mpquiz db restore --list",
        "es": "Pone una copia (por defecto, la última) en lugar de la base de datos; el fichero "
        "actual se conserva al lado. Ejemplo: mpquiz db restore --list",
    },
    "help.arg.backup": {
        "en": "The backup file to restore (default: the latest).",
        "es": "La copia que restaurar (por defecto, la última).",
    },
    "help.opt.list": {
        "en": "Only list the backups, newest first.",
        "es": "Solo lista las copias, la más reciente primero.",
    },
    "help.opt.yes_restore": {
        "en": "Restore without asking.",
        "es": "Restaura sin preguntar.",
    },
}
