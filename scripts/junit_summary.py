"""Print one line per pytest JUnit XML file and a closing total line.

Usage: python scripts/junit_summary.py NAME.xml [NAME.xml ...]
The total is printed as ``Total: N passed, N failed, N skipped`` (errors count as failed).
"""

import sys
import xml.etree.ElementTree as ET  # noqa: S405 - our own pytest output
from pathlib import Path


def counts(path):
    root = ET.parse(path).getroot()  # noqa: S314
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    total = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in suites:
        for key in total:
            total[key] += int(suite.get(key, 0))
    failed = total["failures"] + total["errors"]
    passed = total["tests"] - failed - total["skipped"]
    return passed, failed, total["skipped"]


def main(paths):
    grand = [0, 0, 0]
    for name in paths:
        path = Path(name)
        if not path.exists():
            print(f"  {path.stem}: no results (the run did not start)")
            continue
        passed, failed, skipped = counts(path)
        print(f"  {path.stem}: {passed} passed, {failed} failed, {skipped} skipped")
        grand = [a + b for a, b in zip(grand, (passed, failed, skipped), strict=True)]
    print(f"Total: {grand[0]} passed, {grand[1]} failed, {grand[2]} skipped")


if __name__ == "__main__":
    main(sys.argv[1:])
