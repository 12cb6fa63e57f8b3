"""The nb, nn and sv catalogues are complete for every msgid in the package and in the
demo site (whose pages render in all three), and the compiled .mo files match the .po
files they were made from."""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require_system_component

PACKAGE = Path(__file__).resolve().parent.parent / "wagtail_employer"
DEMO_SITE = PACKAGE.parent / "example_site"
SOURCES = {"package": PACKAGE, "demo site": DEMO_SITE}
LANGUAGES = ["nb", "nn", "sv"]


@pytest.fixture(scope="module", params=list(SOURCES))
def freshly_extracted_catalogues(request, tmp_path_factory):
    """Runs makemessages over a copy of the package (or the demo site), merging the
    committed catalogues, so a msgid added to the code but missing from a catalogue shows
    as untranslated."""
    for tool in ("xgettext", "msgmerge", "msgfmt"):
        require_system_component(tool, shutil.which(tool), "run `make system-deps` (gettext)")
    source = SOURCES[request.param]
    copy = tmp_path_factory.mktemp("catalogues") / source.name
    shutil.copytree(
        source,
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "db.sqlite3*", "media*", "static"),
    )
    django_admin = Path(sys.executable).with_name("django-admin")
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "intranet.settings.test",
        "PYTHONPATH": str(DEMO_SITE),
    }
    subprocess.run(
        [
            str(django_admin),
            "makemessages",
            *[f"-l{lang}" for lang in LANGUAGES],
            "--no-obsolete",
            "--no-location",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env=environment,
    )
    return copy / "locale"


def untranslated_entries(po_file):
    """(msgid, reason) for each entry without a usable translation."""
    result = subprocess.run(
        ["msgattrib", "--untranslated", "--no-wrap", str(po_file)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-wrap", str(po_file)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    entries = []
    for text, reason in ((result, "untranslated"), (fuzzy, "fuzzy")):
        for line in text.splitlines():
            if line.startswith("msgid ") and line != 'msgid ""':
                entries.append((line[6:], reason))
    return entries


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_msgid_is_translated(freshly_extracted_catalogues, language):
    require_system_component("msgattrib", shutil.which("msgattrib"), "run `make system-deps`")
    po_file = freshly_extracted_catalogues / language / "LC_MESSAGES" / "django.po"
    missing = untranslated_entries(po_file)
    assert not missing, f"{len(missing)} msgids not translated to {language}: " + "; ".join(
        f"{msgid} ({reason})" for msgid, reason in missing[:25]
    )


@pytest.mark.parametrize("source", list(SOURCES))
@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(tmp_path, language, source):
    require_system_component("msgfmt", shutil.which("msgfmt"), "run `make system-deps`")
    messages = SOURCES[source] / "locale" / language / "LC_MESSAGES"
    fresh_mo = tmp_path / "fresh.mo"
    subprocess.run(
        ["msgfmt", "--check-format", "-o", str(fresh_mo), str(messages / "django.po")],
        check=True,
    )
    with open(messages / "django.mo", "rb") as committed, open(fresh_mo, "rb") as fresh:
        committed_catalog = gettext.GNUTranslations(committed)._catalog
        fresh_catalog = gettext.GNUTranslations(fresh)._catalog
    assert committed_catalog == fresh_catalog, "run `make messages` and commit the .mo files"
