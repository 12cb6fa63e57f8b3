"""Registers the package's admin parts with Wagtail; the parts live elsewhere."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail_modeladmin.options import modeladmin_register

from . import admin_urls
from .modeladmin import EmployerAdminGroup
from .references import protected_child_relations, referencing_objects
from .viewsets import (
    goal_viewset,
    salary_criterion_viewset,
    strategy_focus_area_chooser_viewset,
    unit_chooser_viewset,
    value_chooser_viewset,
    value_set_viewset,
)

modeladmin_register(EmployerAdminGroup)
register_snippet(value_set_viewset)
register_snippet(goal_viewset)
register_snippet(salary_criterion_viewset)


@hooks.register("register_admin_viewset")
def register_unit_chooser():
    return unit_chooser_viewset


@hooks.register("register_admin_viewset")
def register_value_chooser():
    return value_chooser_viewset


@hooks.register("register_admin_viewset")
def register_strategy_focus_area_chooser():
    return strategy_focus_area_chooser_viewset


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
