"""Time the plan importer (issue 3) on the real sample plans and on the demo plan.

Run from the repository root:  .venv/bin/python bench/bench_import.py [--runs 100]

Each plan goes through `import_plan(path)` (read the file, detect its type, extract and NFC-normalise the
text, parse it) `--runs` times. As a reference measured in the same run, the script also times simply
reading the same file and NFC-normalising it, and prints the ratio import / read. No Django is needed.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from danvan.plans.importer import import_plan  # noqa: E402

SAMPLES_DIR = ROOT.parent / "shared" / "samples" / "plans"
DEMO_PLAN = ROOT / "src" / "danvan" / "demo" / "ke-hoach-dan-van-2026.txt"
TARGET_MS = 100.0
WARMUP = 3


def read_and_normalise(path: Path) -> str:
    """The reference: what any importer must do at least (read the bytes, decode, NFC)."""
    return unicodedata.normalize("NFC", path.read_bytes().decode("utf-8-sig"))


def timings_ms(fn: Callable[[Path], object], path: Path, runs: int) -> list[float]:
    for _ in range(WARMUP):
        fn(path)
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(path)
        out.append((time.perf_counter() - start) * 1000)
    return out


def summary(values: list[float]) -> tuple[float, float, float]:
    """(mean, median, p95) in ms."""
    p95 = statistics.quantiles(values, n=100, method="inclusive")[94] if len(values) > 1 else values[0]
    return statistics.fmean(values), statistics.median(values), p95


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100, help="timed imports per plan (default 100)")
    args = parser.parse_args(argv)
    runs = max(1, args.runs)

    samples = sorted(SAMPLES_DIR.glob("*.txt")) if SAMPLES_DIR.is_dir() else []
    if not samples:
        print(
            f"Sample plans not found in {SAMPLES_DIR} (they live outside the repository, in "
            "../shared/samples/plans/): nothing to benchmark."
        )
        return 0
    plans = [(p.name, p) for p in samples] + [(f"{DEMO_PLAN.name} (demo)", DEMO_PLAN)]

    print(
        f"Plan import benchmark: {runs} runs per plan after {WARMUP} warm-up runs; "
        f"Python {platform.python_version()}, {platform.machine()}"
    )
    print()
    print("| plan | size | tasks | import mean ms | median ms | p95 ms | read+NFC mean ms | import / read |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    worst = 0.0
    for label, path in plans:
        parsed = import_plan(path)
        size_kib = path.stat().st_size / 1024
        ref_mean, _, _ = summary(timings_ms(read_and_normalise, path, runs))
        mean, median, p95 = summary(timings_ms(import_plan, path, runs))
        worst = max(worst, p95)
        ratio = mean / ref_mean if ref_mean else float("inf")
        print(
            f"| {label} | {size_kib:.1f} KiB | {len(parsed['tasks'])} | {mean:.2f} | {median:.2f} | "
            f"{p95:.2f} | {ref_mean:.3f} | {ratio:.0f}× |"
        )
    print()
    verdict = "within" if worst < TARGET_MS else "OVER"
    print(f"Worst p95: {worst:.2f} ms per plan, {verdict} the {TARGET_MS:.0f} ms target.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
