"""``make bench``: the test settings without the N+1 guard, which costs time per query and
would skew the timings."""

from .test import *  # noqa: F403

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "zeal"]  # noqa: F405
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("zeal.")]  # noqa: F405
