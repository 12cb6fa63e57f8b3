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


def per_block_us(run, block):
    """Microseconds per block: the page with the most blocks less the empty page."""
    rows = run["render"]["blocks"][block]
    most = max(rows, key=int)
    return (rows[most]["ms"] - run["render"]["floor"]["ms"]) / int(most) * 1000


def print_reference_blocks(runs):
    """What each block costs, next to the budget the render target leaves it and to what
    Wagtail's own blocks cost."""
    count = runs[0]["render"]["reference"]["count"]
    names = [f"{run['database']} {run['version']}" for run in runs]
    print(
        f"Render cost per block, in microseconds: ({count} blocks' page less the empty "
        f"page) / {count}"
    )
    print(f"{'':<44}" + "".join(f"{name:>26}" for name in names))
    budgets = "".join(f"{run['render']['floor']['ms'] / count * 1000:>26.1f}" for run in runs)
    print(f"{'budget: what the 2x target leaves a block':<44}{budgets}")
    print("Wagtail's own blocks, in the page's template in this process (reference_blocks.py)")
    for name, figures in runs[0]["render"]["reference"]["blocks"].items():
        cells = "".join(
            f"{run['render']['reference']['blocks'][name]['us_per_block']:>26.1f}" for run in runs
        )
        print(f"  {figures['label']:<42}{cells}")
    print("The package's blocks, from the page figures above")
    for block in runs[0]["render"]["blocks"]:
        cells = "".join(f"{per_block_us(run, block):>26.1f}" for run in runs)
        print(f"  {block:<42}{cells}")


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


# Survey import, admin listings and the survey results page (benchmarks/imports.py,
# listings.py, survey_page.py), with a municipality of a thousand units.
IMPORT_MIN_ROWS_PER_SECOND = 5000
IMPORT_MAX_QUERIES_PER_ROW = 0.05
IMPORT_MIN_SPEEDUP = 10
IMPORT_MAX_MEMORY_MB = 50
IMPORT_METHODS = (
    ("package", "package: confirm import"),
    ("package_again", "package: same file again"),
    ("default", "django-import-export default"),
    ("floor", "bulk_create floor"),
)


def _import_cell(row):
    memory = f"{row['memory_mb']:>7.1f}" if row.get("memory_mb") is not None else f"{'-':>7}"
    return (
        f"{row['seconds']:>8.1f}{row['rows_per_second']:>9,.0f}"
        f"{row['queries_per_row']:>8.3f}{memory}"
    )


def default_rate(run):
    """django-import-export's rows/s at the largest size it was measured at."""
    measured = [
        (int(size), figures["default"])
        for size, figures in run["imports"]["sizes"].items()
        if figures["default"]
    ]
    return max(measured)


def print_import_table(runs):
    names = [f"{run['database']} {run['version']}" for run in runs]
    units = runs[0]["imports"]["units"]
    print(
        f"Survey import, long layout, {units:,} units: seconds, rows/s, queries per row, "
        "peak extra MB (tracemalloc, separate run)"
    )
    print(f"{'rows':>8}  {'method':<32}" + "".join(f"{name:>32}" for name in names))
    print(f"{'':>42}" + "".join(f"{'s':>8}{'rows/s':>9}{'q/row':>8}{'MB':>7}" for _ in runs))
    extrapolated = False
    for size in runs[0]["imports"]["sizes"]:
        for key, label in IMPORT_METHODS:
            cells = []
            for run in runs:
                row = run["imports"]["sizes"][size][key]
                if row is None:
                    measured_size, measured = default_rate(run)
                    row = {
                        "seconds": int(size) / measured["rows_per_second"],
                        "rows_per_second": measured["rows_per_second"],
                        "queries_per_row": measured["queries_per_row"],
                        "memory_mb": None,
                    }
                    extrapolated = True
                cells.append(_import_cell(row))
            if any(run["imports"]["sizes"][size][key] is None for run in runs):
                label = f"{label} *"
            print(f"{int(size):>8}  {label:<32}" + "".join(f"{cell:>32}" for cell in cells))
    if extrapolated:
        sizes = sorted({default_rate(run)[0] for run in runs})
        print(
            f"  * extrapolated, not measured: its rate and queries per row at "
            f"{', '.join(f'{size:,}' for size in sizes)} rows (it saves row by row, so both "
            "stay the same as rows grow); memory not measured."
        )
    if any(
        figures["default"] and figures["default"]["memory_mb"] is None
        for run in runs
        for figures in run["imports"]["sizes"].values()
    ):
        print(
            "  django-import-export default: memory not measured (minutes more under "
            "tracemalloc); BENCH_DEFAULT_MEMORY=1 measures it."
        )
    print(
        "  package: Importer.confirm() of a stored upload (what *Confirm import* and "
        "`manage.py import_survey_results` run), preview not timed."
    )
    largest = max(runs[0]["imports"]["sizes"], key=int)
    print(
        f"  Python CPU seconds of the {int(largest):,}-row package import (without the "
        "database server's): "
        + ", ".join(
            f"{run['database']} {run['imports']['sizes'][largest]['package']['cpu_seconds']:.1f}"
            f" (load average {run['imports']['load_average']:.1f})"
            for run in runs
        )
    )


def import_targets(runs):
    targets = []
    for run in runs:
        name = run["database"]
        sizes = run["imports"]["sizes"]
        largest = max(sizes, key=int)
        package = sizes[largest]["package"]
        default_size, default = default_rate(run)
        targets += [
            (
                package["rows_per_second"] >= IMPORT_MIN_ROWS_PER_SECOND,
                f"{name}: import of {int(largest):,} rows at {package['rows_per_second']:,.0f} "
                f"rows/s, at least {IMPORT_MIN_ROWS_PER_SECOND:,}",
            ),
            (
                package["queries_per_row"] <= IMPORT_MAX_QUERIES_PER_ROW,
                f"{name}: import of {int(largest):,} rows with {package['queries_per_row']:.4f} "
                f"queries per row ({package['queries']}), at most {IMPORT_MAX_QUERIES_PER_ROW}",
            ),
            (
                package["memory_mb"] <= IMPORT_MAX_MEMORY_MB,
                f"{name}: import of {int(largest):,} rows peaks at {package['memory_mb']:.1f} MB "
                f"extra, at most {IMPORT_MAX_MEMORY_MB}",
            ),
        ]
        for size, figures in sizes.items():
            speedup = figures["package"]["rows_per_second"] / default["rows_per_second"]
            targets.append(
                (
                    speedup >= IMPORT_MIN_SPEEDUP,
                    f"{name}: import of {int(size):,} rows {speedup:,.0f}x as fast as "
                    f"django-import-export's default (measured at {default_size:,} rows), "
                    f"at least {IMPORT_MIN_SPEEDUP}x",
                )
            )
        check = run["imports"]["all_or_nothing"]
        targets.append(
            (
                check["holds"],
                f"{name}: all or nothing: {check['rows']:,} rows with a bad last row "
                f"(row {check['error_row']}) wrote {check['written']} rows",
            )
        )
    return targets


LISTINGS = (
    ("hr_overview", "HR overview of leader agreements"),
    ("read_confirmations", "Read-confirmation report"),
)


def print_listings(runs):
    names = [f"{run['database']} {run['version']}" for run in runs]
    print("Admin listings with 1,000 units: queries and median ms of uncached requests")
    print(f"{'listing':<34}{'rows':>6}" + "".join(f"{name:>26}" for name in names))
    print(f"{'':<40}" + "".join(f"{'queries':>14}{'ms':>12}" for _ in runs))
    for key, label in LISTINGS:
        for size in ("few", "many"):
            rows = runs[0]["listings"][key][size]["rows"]
            cells = "".join(
                f"{run['listings'][key][size]['queries']:>14}{run['listings'][key][size]['ms']:>12.1f}"
                for run in runs
            )
            print(f"{label:<34}{rows:>6}{cells}")


def listing_targets(runs):
    targets = []
    for run in runs:
        for key, label in LISTINGS:
            few, many = run["listings"][key]["few"], run["listings"][key]["many"]
            targets.append(
                (
                    few["queries"] == many["queries"],
                    f"{run['database']}: {label}: {many['queries']} queries at {many['rows']} "
                    f"rows, {few['queries']} at {few['rows']}",
                )
            )
    return targets


def print_survey_page(runs):
    page = runs[0]["survey_page"]
    print(
        f"Survey results page: unit {page['unit']}, {page['dimensions']} dimensions, "
        f"{page['years']} years of history ({page['results']:,} results): queries and "
        "median ms of uncached requests"
    )
    for run in runs:
        figures = run["survey_page"]
        print(
            f"  {run['database']} {run['version']}: {figures['queries']} queries, "
            f"{figures['ms']:.1f} ms"
        )


def survey_page_targets(runs):
    return [
        (
            run["survey_page"]["queries"] == run["survey_page"]["first_year_queries"],
            f"{run['database']}: survey results page: {run['survey_page']['queries']} queries "
            f"with {run['survey_page']['years']} years of history, "
            f"{run['survey_page']['first_year_queries']} with one",
        )
        for run in runs
    ]


def print_large_municipality(runs):
    print_survey_page(runs)
    print()
    print_listings(runs)
    print()
    print_import_table(runs)


def large_municipality_targets(runs):
    return survey_page_targets(runs) + listing_targets(runs) + import_targets(runs)


def main():
    runs = [measure(None)]
    postgres_url = os.environ.get("DATABASE_URL")
    if postgres_url:
        runs.append(measure(postgres_url))
    else:
        print("PostgreSQL not measured: run `make bench`, which starts a throwaway cluster.")
    print_render_table(runs)
    print()
    print_reference_blocks(runs)
    print()
    print_large_municipality(runs)
    print()
    targets = render_targets(runs) + large_municipality_targets(runs)
    for passed, description in targets:
        print(f"[{'PASS' if passed else 'FAIL'}] {description}")
    failed = sum(1 for passed, _ in targets if not passed)
    print(f"\n{len(targets) - failed} of {len(targets)} targets met.")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
