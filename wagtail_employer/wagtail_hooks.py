"""Registers the package's admin parts with Wagtail; the parts live elsewhere."""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.shortcuts import redirect
from django.urls import include, path
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, register_admin_url_finder
from wagtail.snippets.models import register_snippet
from wagtail_modeladmin.options import modeladmin_register

from . import admin_urls
from .modeladmin import EmployerAdminGroup
from .models import SelfAssessment
from .references import protected_child_relations, referencing_objects
from .views.self_assessments import permission_policy as self_assessment_permissions
from .viewsets import (
    commitment_chooser_viewset,
    focus_area_chooser_viewset,
    service_policy_viewset,
    unit_chooser_viewset,
    value_chooser_viewset,
    value_set_viewset,
)


class SelfAssessmentAdminURLFinder(ModelAdminURLFinder):
    """Lets usage views link a self-assessment to its edit view, for those who may edit."""

    edit_url_name = "wagtail_employer:self_assessment_edit"

    def get_edit_url(self, instance):
        if self.user and not self_assessment_permissions.user_has_permission(self.user, "change"):
            return None
        return self.construct_edit_url(instance)


register_admin_url_finder(SelfAssessment, SelfAssessmentAdminURLFinder)
modeladmin_register(EmployerAdminGroup)
register_snippet(value_set_viewset)
register_snippet(service_policy_viewset)


@hooks.register("register_admin_viewset")
def register_unit_chooser():
    return unit_chooser_viewset


@hooks.register("register_admin_viewset")
def register_value_chooser():
    return value_chooser_viewset


@hooks.register("register_admin_viewset")
def register_focus_area_chooser():
    return focus_area_chooser_viewset


@hooks.register("register_admin_viewset")
def register_commitment_chooser():
    return commitment_chooser_viewset


@hooks.register("register_permissions")
def register_self_assessment_permissions():
    """Lets an administrator grant recording self-assessments to a group."""
    return Permission.objects.filter(
        content_type__app_label="wagtail_employer",
        codename__in=[
            "add_selfassessment",
            "change_selfassessment",
            "delete_selfassessment",
            "view_selfassessment",
        ],
    )


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
