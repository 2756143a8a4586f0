"""Who may open a tab of `mpquiz serve`: the class token, personal links and tickets.

- The **token** opens the page for anyone holding it, who then types their name. A bind on
  anything but loopback always has one (generated when not given).
- A **personal link** carries a learner's name and a key: an HMAC of the name under a
  secret kept in mpquiz's data folder, so `mpquiz serve links` and the server agree across
  restarts, and a link opens only its own learner.
- A **ticket** is handed out with each page and consumed by the page's websocket: the app
  process starts only for a page that passed one of the checks above, within a minute.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import os
import secrets
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from mpquiz.core.errors import BadInput
from mpquiz.i18n import keyed

SECRET_FILE = "serve-secret"
MAX_NAME = 40
TICKET_SECONDS = 60.0


def is_loopback(host: str) -> bool:
    """True for a host only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def clean_name(raw: str) -> str:
    """A learner's name as typed, trimmed; BadInput when empty, too long or unprintable."""
    name = " ".join(unicodedata.normalize("NFC", raw).split())
    if not name:
        raise keyed(BadInput, "serve.name_empty")
    if len(name) > MAX_NAME:
        raise keyed(BadInput, "serve.name_long", limit=MAX_NAME)
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise keyed(BadInput, "serve.name_control")
    return name


def load_secret(folder: Path) -> bytes:
    """The personal links' secret in `folder`, made (readable by its owner only) if new."""
    path = folder / SECRET_FILE
    try:
        data = path.read_bytes().strip()
    except FileNotFoundError:
        data = b""
    if len(data) >= 32:
        return data
    folder.mkdir(parents=True, exist_ok=True)
    data = secrets.token_hex(32).encode()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    return data


def link_key(secret: bytes, name: str) -> str:
    """The key that makes a personal link for `name` (22 URL-safe characters)."""
    digest = hmac.new(secret, name.encode("utf-8"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")[:22]


@dataclass
class Access:
    """The server's rules: its token (None: open, loopback only) and the links' secret."""

    secret: bytes
    token: str | None = None
    _tickets: dict[str, tuple[str, float]] = field(default_factory=dict)

    def token_ok(self, given: str | None) -> bool:
        """True when no token is needed or `given` is it (compared in constant time)."""
        if self.token is None:
            return True
        return given is not None and hmac.compare_digest(given, self.token)

    def link_ok(self, name: str, key: str | None) -> bool:
        """True when `key` is the personal link's key for `name`."""
        return key is not None and hmac.compare_digest(key, link_key(self.secret, name))

    def issue(self, learner: str) -> str:
        """A one-use ticket for `learner`'s app process, valid for TICKET_SECONDS."""
        now = time.monotonic()
        self._tickets = {k: v for k, v in self._tickets.items() if v[1] > now}
        ticket = secrets.token_urlsafe(24)
        self._tickets[ticket] = (learner, now + TICKET_SECONDS)
        return ticket

    def redeem(self, ticket: str) -> str | None:
        """The learner a ticket was issued for, once; None for an unknown or stale one."""
        entry = self._tickets.pop(ticket, None)
        if entry is None or entry[1] < time.monotonic():
            return None
        return entry[0]
