"""Reusability: the wheel installs into a fresh virtualenv and a fresh `wagtail start`
project works after exactly the README's install steps.

Slow (a virtualenv, a pip install resolved from the package index, migrations): about a
minute with a warm pip cache. Runs in `make test`.
"""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import require_system_component
from tests.test_packaging import INSTALLED_APPS_LINES, PACKAGE, build_wheel

# Each builds its own project on its own SQLite file, whatever DATABASE_URL says.
pytestmark = [pytest.mark.slow, pytest.mark.once]

PROJECT = "intranet_x"

# Environment variables that would leak the checkout or the test settings into the
# fresh project.
_LEAKY = ("PYTHONPATH", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "VIRTUAL_ENV", "PYTHONHOME")


def _clean_env(venv):
    env = {k: v for k, v in os.environ.items() if k not in _LEAKY}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _run(command, *, cwd, env, timeout, check=True):
    try:
        result = subprocess.run(
            [str(c) for c in command],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        pytest.fail(
            f"timed out after {timeout}s: {' '.join(map(str, command))}\n"
            f"{error.stdout or ''}\n{error.stderr or ''}"
        )
    if check and result.returncode != 0:
        pytest.fail(
            f"exit {result.returncode}: {' '.join(map(str, command))} (cwd {cwd})\n"
            f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
        )
    return result


def _add_apps_as_the_readme_says(settings_file):
    """Insert the README's INSTALLED_APPS lines at the top of the generated list."""
    text = settings_file.read_text()
    marker = "INSTALLED_APPS = [\n"
    assert marker in text, f"unexpected settings layout in {settings_file}"
    text = text.replace(marker, marker + "".join(f"{line}\n" for line in INSTALLED_APPS_LINES), 1)
    settings_file.write_text(text)


SMOKE = textwrap.dedent(
    """
    import json, sysconfig
    from importlib.resources import files
    from django.contrib.auth import get_user_model
    from django.test import Client
    import wagtail_employer
    from wagtail_employer.models import OrganisationUnit, UnitKind

    unit = OrganisationUnit.objects.create(
        name="Smoke kommune", code="SMOKE", kind=UnitKind.MUNICIPALITY
    )
    assert OrganisationUnit.objects.filter(pk=unit.pk).exists()
    unit.delete()

    package = files("wagtail_employer")
    templates = [p.name for p in (package / "templates" / "wagtail_employer").iterdir()]
    static = [p.name for p in (package / "static" / "wagtail_employer").iterdir()]
    locales = {
        lang: [p.name for p in (package / "locale" / lang / "LC_MESSAGES").iterdir()]
        if (package / "locale" / lang / "LC_MESSAGES").is_dir() else []
        for lang in ("nb", "nn", "sv")
    }

    admin = get_user_model().objects.create_superuser("smoke", "smoke@example.invalid", "x")
    client = Client()
    client.force_login(admin)
    admin_status = client.get("/admin/").status_code

    print("SMOKE " + json.dumps({
        "file": wagtail_employer.__file__,
        "purelib": sysconfig.get_paths()["purelib"],
        "templates": templates,
        "static": static,
        "locales": locales,
        "admin_status": admin_status,
    }))
    """
)


def test_wheel_installs_into_a_fresh_wagtail_project(tmp_path):
    venv = tmp_path / "venv"
    created = subprocess.run(
        [sys.executable, "-m", "venv", str(venv)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    require_system_component(
        "python venv",
        created.returncode == 0,
        f"`python -m venv` failed ({created.stderr.strip()[-300:]}); "
        "install python3-venv (apt-get install python3-venv)",
    )
    python = venv / "bin" / "python"
    env = _clean_env(venv)

    wheel = build_wheel(tmp_path / "build")

    # Resolve the wheel's dependencies from the package index (pip's cache keeps reruns
    # fast); not from `wagtail start`'s requirements.txt, which pins a Django that needs
    # a newer Python.
    _run([python, "-m", "pip", "install", "--quiet", wheel], cwd=tmp_path, env=env, timeout=900)
    _run([python, "-m", "pip", "check"], cwd=tmp_path, env=env, timeout=120)

    _run([venv / "bin" / "wagtail", "start", PROJECT], cwd=tmp_path, env=env, timeout=120)
    project = tmp_path / PROJECT
    _add_apps_as_the_readme_says(project / PROJECT / "settings" / "base.py")

    manage = [python, "manage.py"]
    _run([*manage, "migrate", "--noinput"], cwd=project, env=env, timeout=600)
    _run([*manage, "check"], cwd=project, env=env, timeout=120)
    _run([*manage, "makemigrations", "--check", "--dry-run"], cwd=project, env=env, timeout=120)

    result = _run([*manage, "shell", "-c", SMOKE], cwd=project, env=env, timeout=180)
    smoke_lines = [line for line in result.stdout.splitlines() if line.startswith("SMOKE ")]
    assert smoke_lines, f"the smoke script printed nothing:\n{result.stdout}\n{result.stderr}"
    smoke = json.loads(smoke_lines[-1][len("SMOKE ") :])

    installed_at = Path(smoke["file"]).resolve()
    assert installed_at.is_relative_to(Path(smoke["purelib"]).resolve()), (
        f"{PACKAGE} was imported from {installed_at}, not from the fresh venv's "
        f"site-packages {smoke['purelib']}"
    )
    assert installed_at.is_relative_to(venv.resolve())
    assert smoke["templates"], "the installed wheel has no templates"
    assert smoke["static"], "the installed wheel has no static files"
    for lang, names in smoke["locales"].items():
        assert {"django.po", "django.mo"} <= set(names), (
            f"the installed wheel lacks locale/{lang}/LC_MESSAGES/django.po/.mo: {names}"
        )
    assert smoke["admin_status"] == 200, "Wagtail's admin did not render with the package"
