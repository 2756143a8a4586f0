"""Every user-facing message, in English and Spanish, merged from the catalog modules.

Each area keeps its messages in its own module under i18n/catalog/ (so work on one area
never touches another's file). A key defined twice is an error, caught by the tests.
"""

from __future__ import annotations

import importlib
import pkgutil

from mpquiz.i18n import catalog

MESSAGES: dict[str, dict[str, str]] = {}
DUPLICATES: list[str] = []

for _info in sorted(pkgutil.iter_modules(catalog.__path__), key=lambda m: m.name):
    _module = importlib.import_module(f"{catalog.__name__}.{_info.name}")
    for _key, _entry in _module.MESSAGES.items():
        if _key in MESSAGES:
            DUPLICATES.append(_key)
        MESSAGES[_key] = _entry
