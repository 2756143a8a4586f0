"""What to run: the DemoSpec handed to start_demo() and run_demo()."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mpquiz.runner.limits import DEFAULT_MEMORY_LIMIT


@dataclass(frozen=True)
class DemoSpec:
    """One demo run: the script, its arguments and the limits it runs under.

    `script` should be absolute; a relative path is taken from the caller's working
    folder, because the demo itself runs in a fresh temporary one. `memory_limit` is the
    address space (bytes) each process of the demo may map, None for no limit; it is
    enforced on Linux only (see mpquiz.runner.limits).
    """

    script: Path
    args: tuple[str, ...] = ()
    timeout: float = 10.0
    output_cap: int = 256 * 1024
    grace: float = 0.5
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT

    def __post_init__(self) -> None:
        # Specs are built from TOML, where args arrive as a list and paths as strings.
        object.__setattr__(self, "script", Path(self.script).absolute())
        object.__setattr__(self, "args", tuple(str(arg) for arg in self.args))
        if not self.timeout > 0:
            raise ValueError(f"timeout must be positive, got {self.timeout!r}")
        if self.output_cap < 1:
            raise ValueError(f"output_cap must be at least 1 byte, got {self.output_cap!r}")
        if not self.grace >= 0:
            raise ValueError(f"grace must not be negative, got {self.grace!r}")
        if self.memory_limit is not None and self.memory_limit < 1:
            raise ValueError(f"memory_limit must be positive or None, got {self.memory_limit!r}")
