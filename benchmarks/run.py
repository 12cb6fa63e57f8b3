"""``make bench``: measures on SQLite and on PostgreSQL in one run and prints the figures side
by side, each target marked PASS or FAIL. Exits non-zero when a target fails.

``make bench`` starts a throwaway PostgreSQL cluster (``scripts/with-postgres.sh``) and runs
this with ``DATABASE_URL`` set; SQLite always runs."""

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RENDER_TIME_FACTOR = 2.0


def measure(database_url):
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if database_url:
        environment["DATABASE_URL"] = database_url
    result = subprocess.run(
        [sys.executable, str(HERE / "measure.py")],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"measure.py failed on {database_url or 'SQLite'}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def print_render_table(runs):
    names = [f"{run['database']} {run['version']}" for run in runs]
    header = f"{'block':<20}{'blocks':>7}" + "".join(f"{name:>26}" for name in names)
    print("Page render: queries and median ms of uncached requests")
    print(header)
    print(f"{'':<27}" + "".join(f"{'queries':>14}{'ms':>12}" for _ in runs))
    floor = "".join(
        f"{run['render']['floor']['queries']:>14}{run['render']['floor']['ms']:>12.1f}"
        for run in runs
    )
    print(f"{'empty page':<20}{0:>7}{floor}")
    for block in runs[0]["render"]["blocks"]:
        for count in runs[0]["render"]["blocks"][block]:
            cells = "".join(
                f"{run['render']['blocks'][block][count]['queries']:>14}"
                f"{run['render']['blocks'][block][count]['ms']:>12.1f}"
                for run in runs
            )
            print(f"{block:<20}{count:>7}{cells}")


def render_targets(runs):
    """(passed, description) for each render target."""
    targets = []
    for run in runs:
        name = f"{run['database']}"
        floor_ms = run["render"]["floor"]["ms"]
        for block, rows in run["render"]["blocks"].items():
            counts = sorted(rows, key=int)
            fewest, most = rows[counts[0]], rows[counts[-1]]
            targets.append(
                (
                    fewest["queries"] == most["queries"],
                    f"{name}: {block}: {most['queries']} queries at {counts[-1]} blocks, "
                    f"{fewest['queries']} at {counts[0]}",
                )
            )
            targets.append(
                (
                    most["ms"] <= RENDER_TIME_FACTOR * floor_ms,
                    f"{name}: {block}: {counts[-1]} blocks render in {most['ms']:.1f} ms, "
                    f"limit {RENDER_TIME_FACTOR:g} x empty page {floor_ms:.1f} ms",
                )
            )
    return targets


def main():
    runs = [measure(None)]
    postgres_url = os.environ.get("DATABASE_URL")
    if postgres_url:
        runs.append(measure(postgres_url))
    else:
        print("PostgreSQL not measured: run `make bench`, which starts a throwaway cluster.")
    print_render_table(runs)
    print()
    targets = render_targets(runs)
    for passed, description in targets:
        print(f"[{'PASS' if passed else 'FAIL'}] {description}")
    failed = sum(1 for passed, _ in targets if not passed)
    print(f"\n{len(targets) - failed} of {len(targets)} targets met.")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
