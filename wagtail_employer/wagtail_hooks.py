"""Registers the package's admin parts with Wagtail; the parts live elsewhere."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail_modeladmin.options import modeladmin_register

from . import admin_urls
from .modeladmin import EmployerAdminGroup
from .references import protected_child_relations, referencing_objects
from .roles import is_hr, units_led_by
from .viewsets import unit_chooser_viewset, value_chooser_viewset, value_set_viewset

modeladmin_register(EmployerAdminGroup)
register_snippet(value_set_viewset)


@hooks.register("register_admin_viewset")
def register_unit_chooser():
    return unit_chooser_viewset


@hooks.register("register_admin_viewset")
def register_value_chooser():
    return value_chooser_viewset


@hooks.register("before_delete_snippet")
def refuse_deleting_snippets_in_use(request, instances):
    """Covers the listing's bulk delete too, which has no per-object view to refuse it."""
    if request.method != "POST":
        return None
    for instance in instances:
        if instance._meta.app_label != "wagtail_employer":
            continue
        sources = referencing_objects(instance, protected_child_relations(type(instance)))
        if sources:
            messages.error(
                request,
                _("“%(name)s” was not deleted: it is used by %(sources)s.")
                % {"name": instance, "sources": ", ".join(f"“{source}”" for source in sources)},
            )
            return redirect(instance.snippet_viewset.get_url_name("usage"), instance.pk)
    return None


@hooks.register("register_admin_urls")
def register_employer_admin_urls():
    return [
        path(
            "employer/",
            include((admin_urls.urlpatterns, "wagtail_employer"), namespace="wagtail_employer"),
        )
    ]


class HRReportMenuItem(MenuItem):
    def is_shown(self, request):
        return is_hr(request.user)


class LeaderReportMenuItem(MenuItem):
    def is_shown(self, request):
        return is_hr(request.user) or units_led_by(request.user).exists()


@hooks.register("register_reports_menu_item")
def register_read_confirmations_report():
    return LeaderReportMenuItem(
        _lazy("Read confirmations"),
        reverse("wagtail_employer:read_confirmations"),
        name="read-confirmations",
        icon_name="tick",
        order=1100,
    )


@hooks.register("register_reports_menu_item")
def register_policy_reviews_report():
    return HRReportMenuItem(
        _lazy("Policies due for review"),
        reverse("wagtail_employer:policy_reviews"),
        name="policy-reviews",
        icon_name="date",
        order=1110,
    )
