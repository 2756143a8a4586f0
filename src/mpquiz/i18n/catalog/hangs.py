"""Messages of mpquiz.core.hangs: why a program that ran out of time was stuck, and the fix.

Each is one line. {line} and {child_line} are lines of the learner's program ("?" when
unknown), {who} and {child} multiprocessing names of processes (MainProcess,
Process-1...), {function} the function it was blocked in.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "hang.join_before_drain": {
        "en": "the main process waited in join() (line {line}) for {child}, which was still "
        "putting data on a Queue: take the results with get() before join()",
        "es": "el proceso principal esperaba en join() (línea {line}) a {child}, que aún "
        "estaba metiendo datos en una Queue: saca los resultados con get() antes del join()",
    },
    "hang.join_child_blocked": {
        "en": "the main process waited in join() (line {line}) for {child}, which was itself "
        "stuck in {function} at line {child_line}: find out why {child} cannot finish there",
        "es": "el proceso principal esperaba en join() (línea {line}) a {child}, que a su vez "
        "estaba bloqueado en {function} en la línea {child_line}: averigua por qué {child} no "
        "puede terminar ahí",
    },
    "hang.recv_no_sender": {
        "en": "{who} waited in recv() at line {line} for a message no process sent: make sure "
        "the other end of the Pipe calls send() as many times as this end calls recv()",
        "es": "{who} esperaba en recv() en la línea {line} un mensaje que ningún proceso "
        "envió: asegúrate de que el otro extremo del Pipe llama a send() tantas veces como "
        "este llama a recv()",
    },
    "hang.get_nothing_put": {
        "en": "{who} waited in get() at line {line} on a queue nothing more was put on: put "
        "one item for every get(), or a sentinel (such as None) that tells the reader to stop",
        "es": "{who} esperaba en get() en la línea {line} en una cola en la que ya nadie iba a "
        "meter nada: mete un elemento por cada get(), o un centinela (como None) que avise al "
        "lector de que pare",
    },
    "hang.lock_never_released": {
        "en": "{who} waited at line {line} for a lock that was never released: release it on "
        "every path (with lock: does it for you) and never join() or wait while holding it",
        "es": "{who} esperaba en la línea {line} un cerrojo (Lock) que nunca se liberó: "
        "libéralo en todos los caminos (with lock: lo hace por ti) y no hagas join() ni "
        "esperes mientras lo tienes",
    },
    "hang.wait_forever": {
        "en": "{who} waited forever in {function}() at line {line}: no process set the Event, "
        "notified the Condition or filled the Barrier; check that every process meant to "
        "get there does",
        "es": "{who} se quedó esperando para siempre en {function}() en la línea {line}: "
        "ningún proceso activó el Event, avisó a la Condition o completó la Barrier; "
        "comprueba que llegan ahí todos los procesos que deben",
    },
    "hang.pool_wait": {
        "en": "{who} waited in {function}() at line {line} for results from the pool that "
        "never came: a task was stuck or never ended; look at what the workers were doing, "
        "or give get() a timeout",
        "es": "{who} esperaba en {function}() en la línea {line} unos resultados del pool que "
        "nunca llegaron: alguna tarea se quedó bloqueada o no terminó; mira qué hacían los "
        "trabajadores, o pon un timeout a get()",
    },
    "hang.blocked_at": {
        "en": "the program was still running: {who} was blocked in {function} at line {line}; "
        "look at what it waits for there",
        "es": "el programa seguía en marcha: {who} estaba bloqueado en {function} en la línea "
        "{line}; mira qué espera ahí",
    },
}
