"""The wheel carries everything a host project needs, and the README, setup.cfg and
.ci/run say the same thing as each other."""

import configparser
import importlib.metadata
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parent.parent
PACKAGE = "wagtail_employer"
LOCALES = ("nb", "nn", "sv")

# What the README's "Install into an existing intranet" section tells users to add to
# INSTALLED_APPS, line for line; tests/test_install.py applies exactly these lines.
INSTALLED_APPS_ADDITIONS = ("wagtail_employer", "wagtail_modeladmin", "import_export")
INSTALLED_APPS_LINES = tuple(f'    "{app}",' for app in INSTALLED_APPS_ADDITIONS)

# Files a wheel is built from; tests/, example_site/ and the venv stay out.
_SOURCE_FILES = ("setup.cfg", "pyproject.toml", "MANIFEST.in", "README.md", "LICENSE")


def _can_build_without_isolation():
    try:
        importlib.metadata.version("wheel")
        setuptools_major = int(importlib.metadata.version("setuptools").split(".")[0])
    except importlib.metadata.PackageNotFoundError:
        return False
    return setuptools_major >= 68


def build_wheel(workdir, timeout=300):
    """Build the package's wheel from a clean copy of the source into ``workdir/dist``.

    The copy keeps a stale ``build/`` directory or ``__pycache__`` of the checkout out of
    the wheel. Returns the wheel's path; fails the test with the build's output."""
    workdir = Path(workdir)
    src = workdir / "src"
    src.mkdir(parents=True)
    for name in _SOURCE_FILES:
        if (REPO / name).exists():
            shutil.copy2(REPO / name, src / name)
    shutil.copytree(
        REPO / PACKAGE, src / PACKAGE, ignore=shutil.ignore_patterns("__pycache__", "*.py[co]")
    )
    dist = workdir / "dist"
    command = [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(src)]
    if _can_build_without_isolation():
        command.insert(4, "--no-isolation")
    result = subprocess.run(
        command, cwd=workdir, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        pytest.fail(
            f"building the wheel failed ({' '.join(command)}):\n{result.stdout}\n{result.stderr}"
        )
    wheels = sorted(dist.glob("*.whl"))
    assert len(wheels) == 1, f"expected one wheel in {dist}, found {wheels}"
    return wheels[0]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory):
    wheel = build_wheel(tmp_path_factory.mktemp("wheel"))
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def _source_files(subdir, pattern="*"):
    base = REPO / PACKAGE / subdir
    return {
        path.relative_to(REPO).as_posix()
        for path in base.rglob(pattern)
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    ("subdir", "pattern"),
    [
        ("templates", "*"),
        ("static", "*"),
        ("migrations", "*.py"),
        ("locale", "*.po"),
        ("locale", "*.mo"),
    ],
)
def test_wheel_carries_every_source_file_of(wheel_names, subdir, pattern):
    expected = _source_files(subdir, pattern)
    assert expected, f"{PACKAGE}/{subdir} has no {pattern} files in the checkout"
    missing = sorted(expected - wheel_names)
    assert not missing, f"the wheel lacks {missing}"


@pytest.mark.slow
def test_wheel_has_templates_static_and_migrations(wheel_names):
    assert any(
        n.startswith(f"{PACKAGE}/templates/{PACKAGE}/") and n.endswith(".html") for n in wheel_names
    )
    assert any(n.startswith(f"{PACKAGE}/static/{PACKAGE}/") for n in wheel_names)
    assert f"{PACKAGE}/migrations/__init__.py" in wheel_names
    assert f"{PACKAGE}/migrations/0001_initial.py" in wheel_names


@pytest.mark.slow
@pytest.mark.parametrize("locale", LOCALES)
def test_wheel_has_po_and_mo_files(wheel_names, locale):
    for suffix in ("po", "mo"):
        name = f"{PACKAGE}/locale/{locale}/LC_MESSAGES/django.{suffix}"
        assert name in wheel_names, f"the wheel lacks {name} (run make messages)"


@pytest.mark.slow
def test_wheel_has_no_caches_tests_or_demo_project(wheel_names):
    unwanted = [
        n
        for n in wheel_names
        if "__pycache__" in n
        or n.endswith((".pyc", ".pyo"))
        or n.split("/")[0] in {"tests", "example_site", "intranet", "home"}
    ]
    assert not unwanted


# --- Migrations work on every Wagtail that setup.cfg allows ------------------------

# Migration files that ship (the package's) or that the demo project applies.
_MIGRATION_DIRS = (REPO / PACKAGE / "migrations", REPO / "example_site" / "home" / "migrations")


def test_migrations_do_not_import_modelsearch():
    """Wagtail depends on `modelsearch` only since 7.2; 7.0 and 7.1 lack it and setup.cfg
    allows wagtail>=7.0. Migrations must name `wagtail.search.index.Indexed` instead."""
    files = sorted(path for d in _MIGRATION_DIRS for path in d.glob("*.py"))
    assert files, f"no migration files under {[str(d) for d in _MIGRATION_DIRS]}"
    offenders = [
        f"{path.relative_to(REPO).as_posix()}:{number}: {line.strip()}"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "modelsearch" in line
    ]
    assert not offenders, (
        "migrations mention modelsearch (missing on Wagtail < 7.2):\n" + "\n".join(offenders)
    )


def test_migrations_do_not_name_wagtails_swappable_page_model():
    """Wagtail 8's makemigrations writes ``settings.WAGTAIL_PAGE_MODEL`` for a page FK;
    Wagtail 7 has no such setting nor its latest wagtailcore migrations. Migrations must
    say ``'wagtailcore.page'`` and depend on a wagtailcore migration both have."""
    offenders = [
        f"{path.relative_to(REPO).as_posix()}:{number}: {line.strip()}"
        for d in _MIGRATION_DIRS
        for path in sorted(d.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "WAGTAIL_PAGE_MODEL" in line or "0098_apitoken" in line
    ]
    assert not offenders, "migrations only Wagtail 8 can run:\n" + "\n".join(offenders)


# --- README, setup.cfg and .ci/run in step ------------------------------------------


def _readme():
    return (REPO / "README.md").read_text(encoding="utf-8")


def _section(text, title):
    match = re.search(rf"^## {re.escape(title)}\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"README.md has no '## {title}' section"
    return match.group(1)


def _setup_cfg():
    config = configparser.ConfigParser()
    config.read(REPO / "setup.cfg", encoding="utf-8")
    return config


def _classifier_versions(framework):
    """{"5.2"} for "Framework :: Django :: 5.2"; Python's from "Programming Language"."""
    prefix = (
        "Programming Language :: Python :: "
        if framework == "Python"
        else f"Framework :: {framework} :: "
    )
    # Python's bare "3" says nothing about versions; frameworks' majors ("Wagtail :: 8") do.
    version = r"\d+\.\d+" if framework == "Python" else r"\d+(\.\d+)?"
    classifiers = [c.strip() for c in _setup_cfg()["metadata"]["classifiers"].splitlines()]
    return {
        c[len(prefix) :]
        for c in classifiers
        if c.startswith(prefix) and re.fullmatch(version, c[len(prefix) :])
    }


def _install_requires():
    lines = _setup_cfg()["options"]["install_requires"].strip().splitlines()
    return {Requirement(line).name.lower(): Requirement(line) for line in lines if line.strip()}


def _compatibility_rows():
    """The README's compatibility table as {component: [cells...]}."""
    rows = {}
    for line in _section(_readme(), "Compatibility").splitlines():
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if line.lstrip().startswith("|") and len(cells) >= 4 and not set(cells[0]) <= set("-: "):
            rows[cells[0]] = cells[1:]
    assert rows, "README.md's Compatibility section has no table"
    return rows


def _versions(cell):
    """{"7.4", "8.0.1"} for "7.4, 8.0.1"."""
    return set(re.findall(r"\d+(?:\.\d+)*", cell))


def test_readme_install_section_has_the_installed_apps_lines():
    section = _section(_readme(), "Install into an existing intranet")
    lines = section.splitlines()
    for line in INSTALLED_APPS_LINES:
        assert line in lines, f"README's Install section lacks the line {line!r}"


def test_demo_project_uses_the_readme_installed_apps():
    settings = (REPO / "example_site" / "intranet" / "settings" / "base.py").read_text()
    for line in INSTALLED_APPS_LINES:
        assert line in settings.splitlines()


@pytest.mark.parametrize("component", ["Python", "Django", "Wagtail"])
def test_readme_classifier_column_matches_setup_cfg(component):
    rows = _compatibility_rows()
    assert component in rows, f"README's Compatibility table has no {component} row"
    tested, classifiers = rows[component][0], rows[component][1]
    declared = _classifier_versions(component)
    assert declared, f"setup.cfg declares no {component} version classifiers"
    assert _versions(classifiers) == declared, (
        f"README says {component} classifiers {classifiers!r}, setup.cfg has {sorted(declared)}"
    )
    for version in _versions(tested):
        parts = version.split(".")
        prefixes = {".".join(parts[:n]) for n in range(1, len(parts) + 1)}
        assert prefixes & declared, (
            f"{component} {version} is tested but not declared in setup.cfg's classifiers"
        )


@pytest.mark.parametrize(
    ("component", "distribution"),
    [
        ("Django", "django"),
        ("Wagtail", "wagtail"),
        ("wagtail-modeladmin", "wagtail-modeladmin"),
        ("django-import-export", "django-import-export"),
    ],
)
def test_readme_install_requires_column_matches_setup_cfg(component, distribution):
    rows = _compatibility_rows()
    assert component in rows, f"README's Compatibility table has no {component} row"
    requirement = _install_requires()[distribution]
    readme_spec = rows[component][2].replace(" ", "")
    assert set(readme_spec.split(",")) == {str(s) for s in requirement.specifier}, (
        f"README says {component} {readme_spec}, setup.cfg says {requirement.specifier}"
    )


@pytest.mark.parametrize(
    ("component", "distribution"),
    [
        ("Django", "django"),
        ("Wagtail", "wagtail"),
        ("wagtail-modeladmin", "wagtail-modeladmin"),
        ("django-import-export", "django-import-export"),
    ],
)
def test_readme_tested_column_is_what_this_suite_runs_on(component, distribution):
    tested = _compatibility_rows()[component][0]
    installed = importlib.metadata.version(distribution)
    assert any(installed == v or installed.startswith(v + ".") for v in _versions(tested)), (
        f"README says {component} {tested} is tested; this suite runs {installed}"
    )


def test_readme_python_requires_matches_setup_cfg():
    python_requires = _setup_cfg()["options"]["python_requires"].replace(" ", "")
    assert _compatibility_rows()["Python"][2].replace(" ", "") == python_requires


def test_ci_run_calls_exactly_make_test():
    script = REPO / ".ci" / "run"
    text = script.read_text()
    assert text.startswith("#!/usr/bin/env bash\n")
    commands = [
        line.strip() for line in text.splitlines()[1:] if line.strip() and not line.startswith("#")
    ]
    assert "set -euo pipefail" in commands
    assert commands[-1] == "exec make test"
    assert re.findall(r"\bmake\b.*", text) == ["make test"]
    assert all(
        c in {"set -euo pipefail", "exec make test"} or c.startswith("cd ") for c in commands
    )
