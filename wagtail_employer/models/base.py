"""What every page type of the package shares."""

from ..settings import employer_settings


class EmployerPageMixin:
    """Renders inside the host project's base template (the ``BASE_TEMPLATE`` setting)."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["base_template"] = employer_settings.BASE_TEMPLATE
        return context
