"""`make bench`: run every benchmark module, print a table of ratios, write JSON.

A benchmark is a module in this folder with `run(quick: bool) -> list[Measure]`. Each
measure compares mpquiz with a baseline timed in the same run, so the ratio means
something on any machine; no threshold lives here, the figures are for people.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import platform
import sys
import time
from dataclasses import asdict
from pathlib import Path

from bench.common import Measure

HERE = Path(__file__).resolve().parent


def main() -> int:
    """Run the benchmarks named on the command line (default: all)."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", help="benchmark modules to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--out", type=Path, default=HERE / "results", help="JSON folder")
    args = parser.parse_args()
    found = sorted(
        m.name for m in pkgutil.iter_modules([str(HERE)]) if m.name not in ("common", "__main__")
    )
    names = args.names or found
    unknown = sorted(set(names) - set(found))
    if unknown:
        parser.error(f"no benchmark {', '.join(unknown)} (known: {', '.join(found)})")
    measures: list[Measure] = []
    load_before = _load_average()
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        print(f"· {name} …", file=sys.stderr, flush=True)
        measures.extend(module.run(quick=args.quick))
    ids = [m.id for m in measures]
    if len(set(ids)) != len(ids):
        raise SystemExit(f"two measures share an id: {sorted(i for i in ids if ids.count(i) > 1)}")
    print(f"\n{'id':<30} {'mpquiz':>10} {'baseline':>10} {'ratio':>7}  unit")
    for m in measures:
        print(f"{m.id:<30} {m.value:>10.4g} {m.baseline:>10.4g} {m.ratio:>7.3g}  {m.unit}")
        print(f"    {m.name}" + (f": {m.note}" if m.note else ""))
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    out = args.out / f"bench-{stamp}.json"
    out.write_text(
        json.dumps(
            {
                "python": sys.version,
                "machine": _machine(),
                "load_average": {"before": load_before, "after": _load_average()},
                "measures": [asdict(m) | {"ratio": m.ratio} for m in measures],
                "by_id": {
                    m.id: {
                        "value": m.value,
                        "baseline": m.baseline,
                        "ratio": m.ratio,
                        "unit": m.unit,
                    }
                    for m in measures
                },
            },
            indent=2,
        )
    )
    print(f"\nwritten: {out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out}")
    return 0


def _load_average() -> list[float] | None:
    """The 1, 5 and 15 minute load averages, where the system tells."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def _machine() -> dict[str, object]:
    """What the figures were measured on."""
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.startswith("model name"):
                model = line.partition(":")[2].strip()
                break
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = os.cpu_count() or 1
    return {
        "arch": platform.machine(),
        "system": platform.platform(),
        "cpu": model,
        "cpus": os.cpu_count(),
        "usable_cpus": usable,
    }


if __name__ == "__main__":
    raise SystemExit(main())
