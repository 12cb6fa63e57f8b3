"""Signal receivers, connected from ``AppConfig.ready``."""

from . import settings  # noqa: F401  (its setting_changed receiver must be connected)
