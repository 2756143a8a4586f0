"""`make bench`: run every benchmark module, print a table of ratios, write JSON.

A benchmark is a module in this folder with `run(quick: bool) -> list[Measure]`. Each
measure compares mpquiz with a baseline timed in the same run, so the ratio means
something on any machine; no threshold lives here, the figures are for people.
"""

from __future__ import annotations

import argparse
import importlib
import json
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
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        print(f"· {name} …", file=sys.stderr, flush=True)
        measures.extend(module.run(quick=args.quick))
    print(f"\n{'benchmark':<44} {'mpquiz':>12} {'baseline':>12} {'ratio':>7}  unit")
    for m in measures:
        print(f"{m.name:<44} {m.value:>12.4g} {m.baseline:>12.4g} {m.ratio:>7.3g}  {m.unit}")
        if m.note:
            print(f"    {m.note}")
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    out = args.out / f"bench-{stamp}.json"
    out.write_text(
        json.dumps(
            {
                "python": sys.version,
                "machine": platform.machine(),
                "measures": [asdict(m) | {"ratio": m.ratio} for m in measures],
            },
            indent=2,
        )
    )
    print(f"\nwritten: {out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
