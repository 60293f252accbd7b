"""Load test of any Dân Vận Số server with locust (issue 21): the citizen and staff mixes, bounded in time.

Locust and its ~40 packages stay out of the project's requirements: on first use this script makes
its own virtualenv `bench/.venv-load` (ignored by git) from `bench/requirements-load.txt` (exact
pins), then runs locust headless in it. Standard library only here.

    python bench/load_test.py --host https://dvs.example.vn --communes xa-a,xa-b --run-time 2m \\
        --citizens 200 [--staff 10 --staff-file staff.tsv] [--codes codes.tsv] [--no-wait] [--csv out]

    # against a kept bench database (bench_petitions_load.py --keep --export DIR writes the files):
    python bench/load_test.py --host http://127.0.0.1:8765 --from-bench DIR --run-time 60s

- --staff-file: `username<TAB>password<TAB>TOTP key (hex)<TAB>commune code` lines, or the
  environment variable DANVAN_LOAD_STAFF pointing at such a file; each staff user signs in through the
  log-in and code pages with the next account (the key is the authenticator's secret: keep the file
  private, mode 600).
- --codes: `slug<TAB>tracking code` lines of existing petitions for the tracking page (without it the
  citizens track the codes their own submissions got).
- --forwarded-for: a different X-Forwarded-For per submission (only for a server that trusts it, such
  as the bench settings: otherwise the form's rate limit answers 429, counted as failures).

Exit status: locust's (1 when any request failed), 2 when the virtualenv could not be made.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv-load"
REQUIREMENTS = HERE / "requirements-load.txt"


def ensure_venv() -> Path:
    """bench/.venv-load with the pinned locust; reinstalled when the pins change."""
    python = VENV / "bin" / "python"
    stamp = VENV / ".requirements"
    wanted = REQUIREMENTS.read_text(encoding="utf-8")
    if python.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        return python
    if not python.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    subprocess.run(  # noqa: S603 — our own venv's pip, our own pinned file
        [str(python), "-m", "pip", "install", "--quiet", "-r", str(REQUIREMENTS)], check=True
    )
    stamp.write_text(wanted, encoding="utf-8")
    return python


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", required=True, help="base URL of the server, e.g. http://127.0.0.1:8000")
    parser.add_argument("--run-time", default="60s", help="locust --run-time: 30s, 5m, 1h (default 60s)")
    parser.add_argument("--citizens", type=int, default=50, help="simulated residents (0: none)")
    parser.add_argument(
        "--staff", type=int, default=0, help="simulated staff (signed in, second factor given)"
    )
    parser.add_argument("--spawn-rate", type=float, default=20, help="users started per second")
    parser.add_argument("--communes", default="", help="commune slugs, comma-separated")
    parser.add_argument("--codes", type=Path, help="file of slug<TAB>tracking code lines")
    parser.add_argument("--staff-file", type=Path, default=os.environ.get("DANVAN_LOAD_STAFF"))
    parser.add_argument("--from-bench", type=Path, help="folder written by bench_petitions_load.py --export")
    parser.add_argument("--forwarded-for", action="store_true", help="vary X-Forwarded-For per submission")
    parser.add_argument("--no-wait", action="store_true", help="no pause between a user's requests")
    parser.add_argument("--csv", help="locust --csv prefix for the statistics files")
    args = parser.parse_args()

    if args.from_bench:
        args.communes = (
            args.communes or (args.from_bench / "communes.txt").read_text(encoding="utf-8").strip()
        )
        args.codes = args.codes or args.from_bench / "codes.tsv"
        args.staff_file = args.staff_file or args.from_bench / "staff.tsv"
        args.forwarded_for = True  # the bench settings trust it
    if args.citizens and not args.communes:
        parser.error("--communes (or --from-bench) is needed for the citizen mix")
    if args.staff and not args.staff_file:
        parser.error("--staff needs --staff-file (or DANVAN_LOAD_STAFF, or --from-bench)")
    if args.citizens + args.staff < 1:
        parser.error("no users: --citizens and --staff are both 0")

    try:
        python = ensure_venv()
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"could not make {VENV}: {exc}", file=sys.stderr)
        return 2
    env = os.environ | {
        "DANVAN_LOAD_COMMUNES": args.communes,
        "DANVAN_LOAD_CODES": str(args.codes or ""),
        "DANVAN_LOAD_STAFF": str(args.staff_file or ""),
        "DANVAN_LOAD_FORWARDED_FOR": "1" if args.forwarded_for else "",
        "DANVAN_LOAD_NO_WAIT": "1" if args.no_wait else "",
    }
    classes = (["Citizen"] if args.citizens else []) + (["Staff"] if args.staff else [])
    # The staff users are a fixed number; locust gives the rest to the citizens.
    if args.staff:
        env["DANVAN_LOAD_STAFF_COUNT"] = str(args.staff)
    cmd = [
        str(python),
        "-m",
        "locust",
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "--host",
        args.host,
        "--users",
        str(args.citizens + args.staff),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        args.run_time,
        "--stop-timeout",
        "10",
        "--only-summary",
        *(["--csv", args.csv] if args.csv else []),
        *classes,
    ]
    return subprocess.run(cmd, env=env, check=False).returncode  # noqa: S603


if __name__ == "__main__":
    sys.exit(main())
