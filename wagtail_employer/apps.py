from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailEmployerConfig(AppConfig):
    name = "wagtail_employer"
    label = "wagtail_employer"
    verbose_name = _("Employer strategy")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401  (connects receivers)
