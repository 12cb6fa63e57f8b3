"""The package works in an intranet that runs wagtail-localize: it migrates, the demo loads,
and a value set translated through wagtail-localize shows on the nynorsk values page."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("wagtail_localize")
# The intranet it builds runs on its own SQLite file, whatever DATABASE_URL says.
pytestmark = pytest.mark.once

EXAMPLE_SITE = Path(__file__).resolve().parents[1] / "example_site"

TRANSLATE_AND_RENDER = """
from django.test import Client
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource
from wagtail_employer.models import ValueSet, ValuesPage

nynorsk, _created = Locale.objects.get_or_create(language_code="nn")
real = ValueSet.objects.get(acronym="REAL")
source, _created = TranslationSource.get_or_create_from_instance(real)
translated_set, _created = source.create_or_update_translation(nynorsk, fallback=True)
translated_set.name = "Felles verdiar i Grue kommune"
translated_set.save()

values_page = ValuesPage.objects.get(slug="verdiene-vare")
source, _created = TranslationSource.get_or_create_from_instance(values_page)
home = values_page.get_parent()
home_source, _created = TranslationSource.get_or_create_from_instance(home)
home_source.create_or_update_translation(nynorsk, fallback=True)
translated_page, _created = source.create_or_update_translation(nynorsk, fallback=True)
translated_page.save_revision().publish()

response = Client(HTTP_HOST="localhost").get(Page.objects.get(pk=translated_page.pk).url)
print(response.status_code)
print(response.content.decode())
"""


@pytest.mark.slow
def test_package_runs_beside_wagtail_localize(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "intranet.settings.localize",
        "LOCALIZE_TEST_DB": str(tmp_path / "localize.sqlite3"),
    }
    environment.pop("DATABASE_URL", None)

    def manage(*arguments):
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=EXAMPLE_SITE,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )

    for arguments in (["migrate", "--noinput"], ["load_demo"], ["check"]):
        result = manage(*arguments)
        assert result.returncode == 0, result.stderr
    result = manage("shell", "--no-imports", "-c", TRANSLATE_AND_RENDER)
    assert result.returncode == 0, result.stderr
    status, html = result.stdout.split("\n", 1)
    assert status == "200"
    assert "Felles verdiar i Grue kommune" in html
    assert "Raushet" in html
