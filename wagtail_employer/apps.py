from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailEmployerConfig(AppConfig):
    name = "wagtail_employer"
    label = "wagtail_employer"
    verbose_name = _("Employer strategy")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import ReferenceIndex

        from . import checks, signals  # noqa: F401  (registers checks, connects receivers)
        from .frontend_cache import connect_signals, frontend_cache_enabled
        from .models import SelfAssessment
        from .page_permissions import register_page_policy

        # Before any request asks Wagtail for the page policy: leader agreements are
        # decided by their row on every admin surface that asks it (Wagtail 8).
        register_page_policy()

        # Not a snippet or page, so Wagtail would not index it on its own: indexed, a
        # unit's or a policy's usage view lists the self-assessments that refer to it.
        ReferenceIndex.register_model(SelfAssessment)
        if frontend_cache_enabled():
            # Wagtail purges a page when it is published; these purge the pages that show
            # a value set, policy, survey or unit when that changes.
            connect_signals()
