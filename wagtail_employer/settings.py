"""The package's settings: one ``WAGTAIL_EMPLOYER`` dict in the host project's settings.

Read them through ``employer_settings.NAME``; the object reloads when Django's
``setting_changed`` signal fires, so ``override_settings`` works in tests.
"""

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

SETTINGS_NAME = "WAGTAIL_EMPLOYER"

DEFAULTS = {
    # The host project's site template that the package's page templates extend; it must
    # define a ``content`` block.
    "BASE_TEMPLATE": "base.html",
    # How many entries of a policy's "what changed" log readers see at the top.
    "CHANGE_LOG_ENTRIES_SHOWN": 3,
    # Largest upload accepted by any import (bytes).
    "IMPORT_MAX_FILE_SIZE": 10 * 1024 * 1024,
    # Most data rows accepted by any import (for survey results: most values).
    "IMPORT_MAX_ROWS": 200_000,
    # Most columns a file's header row may have.
    "IMPORT_MAX_COLUMNS": 1000,
    # An Excel workbook is a zip archive: most bytes its parts may unpack to. Refuses
    # "zip bombs", small files that would unpack to gigabytes.
    "IMPORT_MAX_UNCOMPRESSED_SIZE": 100 * 1024 * 1024,
    # How long an import preview may wait for confirmation (seconds).
    "IMPORT_PREVIEW_MAX_AGE": 60 * 60,
    # An import of more rows than this (for survey results: values) runs in the
    # background when confirmed in the admin, through Django's tasks framework (the
    # ``TASKS`` setting; see the README), and the admin shows its progress; the import
    # commands print a progress bar. Smaller imports run in the request, as before.
    "IMPORT_BACKGROUND_ROWS": 5000,
    # How many rows to create or update an import preview lists (the counts cover all).
    "IMPORT_PREVIEW_ROWS": 200,
    # Members of this group (and superusers) are HR: they read and manage every leader
    # agreement, see the HR overviews and every unit's read confirmations, and export
    # survey results without suppression.
    "HR_GROUP_NAME": "HR",
    # Who may read a new leader agreement: "private" (the leader, the leader's superior
    # and HR), "staff" (every logged-in user) or "public" (everyone).
    "AGREEMENT_DEFAULT_ACCESS": "private",
    # The unit kinds expected to have a leader agreement every period; the HR overview
    # lists the units of these kinds that have none.
    "AGREEMENT_UNIT_KINDS": ["sector", "unit"],
    # Employee surveys: a unit with fewer respondents than this shows no scores. Each
    # survey starts with this value and may raise or lower it.
    "ANONYMITY_THRESHOLD": 3,
    # Names that mean "the national benchmark" in the unit column of a survey-results
    # file (compared case-insensitively). The first one is written by exports.
    "BENCHMARK_UNIT_NAMES": (
        "Land",
        "Landet",
        "Landssnitt",
        "Landsgjennomsnitt",
        "Norge",
        "Sverige",
        "Riket",
        "National",
        "Benchmark",
    ),
    # Most goals a team (arbeidslag / arbetslag) may have; Sorsele's template says three.
    "TEAM_GOALS_MAX": 3,
}


class EmployerSettings:
    def __init__(self, defaults):
        self._defaults = defaults
        self._cache = {}

    def __getattr__(self, name):
        if name not in self._defaults:
            raise AttributeError(f"Invalid {SETTINGS_NAME} setting: {name!r}")
        if name not in self._cache:
            user_settings = getattr(settings, SETTINGS_NAME, {})
            self._cache[name] = user_settings.get(name, self._defaults[name])
        return self._cache[name]

    def reload(self):
        self._cache.clear()


employer_settings = EmployerSettings(DEFAULTS)


@receiver(setting_changed)
def _reload_employer_settings(*, setting, **kwargs):
    if setting == SETTINGS_NAME:
        employer_settings.reload()
