"""The demo intranet with wagtail-localize instead of Wagtail's simple translation, as many
municipalities run it; ``tests/test_wagtail_localize.py`` migrates and uses it."""

from .test import *  # noqa: F403

INSTALLED_APPS = [  # noqa: F405
    app
    for app in INSTALLED_APPS  # noqa: F405
    if app not in ("wagtail.contrib.simple_translation", "wagtail.locales")
]
INSTALLED_APPS.insert(INSTALLED_APPS.index("wagtail.embeds"), "wagtail_localize")
INSTALLED_APPS.insert(INSTALLED_APPS.index("wagtail.embeds"), "wagtail_localize.locales")
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["LOCALIZE_TEST_DB"]}  # noqa: F405
}
