"""Registers the package's admin parts with Wagtail; the parts live elsewhere."""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.http import Http404
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, register_admin_url_finder
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail_modeladmin.options import modeladmin_register

from . import admin_urls
from .modeladmin import EmployerAdminGroup
from .models import AgreementStatus, AgreementTemplateStatus, LeaderAgreementPage, SelfAssessment
from .page_permissions import managed_agreement_paths
from .privacy import can_manage_agreement, can_sign_agreement, manageable_pages
from .references import protected_child_relations, referencing_objects
from .roles import is_hr, units_led_by
from .views.page_bulk_actions import PAGE_BULK_ACTIONS
from .views.self_assessments import permission_policy as self_assessment_permissions
from .viewsets import (
    agreement_template_viewset,
    commitment_chooser_viewset,
    focus_area_chooser_viewset,
    follow_up_chooser_viewset,
    goal_viewset,
    salary_criterion_viewset,
    service_policy_viewset,
    strategy_focus_area_chooser_viewset,
    survey_chooser_viewset,
    survey_dimension_chooser_viewset,
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
register_snippet(agreement_template_viewset)
register_snippet(goal_viewset)
register_snippet(salary_criterion_viewset)


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


@hooks.register("register_admin_viewset")
def register_survey_chooser():
    return survey_chooser_viewset


@hooks.register("register_admin_viewset")
def register_follow_up_chooser():
    return follow_up_chooser_viewset


@hooks.register("register_admin_viewset")
def register_survey_dimension_chooser():
    return survey_dimension_chooser_viewset


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


# Leader agreements are private: the admin's page listings and choosers leave out the
# agreements a person may not manage (Wagtail's tree permissions would show them to
# anyone allowed to edit above them). Editing, previews and revisions are refused by
# LeaderAgreementPage.permissions_for_user.


@hooks.register("construct_explorer_page_queryset")
def hide_agreements_in_explorer(parent_page, pages, request):
    # The explorer of an agreement itself names it in its header: refuse it, before
    # anything is rendered, to everyone who may not manage it.
    if isinstance(parent_page.specific_deferred, LeaderAgreementPage) and not (
        can_manage_agreement(request.user, parent_page.specific_deferred)
    ):
        raise Http404
    return manageable_pages(pages, request.user)


# Registered after Wagtail's own (order 0): the registry keeps the last class per action.
for bulk_action in PAGE_BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action, order=100)


@hooks.register("construct_page_chooser_queryset")
def hide_agreements_in_page_chooser(pages, request):
    return manageable_pages(pages, request.user)


@hooks.register("register_page_header_buttons")
def agreement_header_buttons(page, user, view_name, next_url=None):
    if not isinstance(page.specific_deferred, LeaderAgreementPage):
        return
    agreement = page.specific_deferred
    if not can_manage_agreement(user, agreement):
        return
    if agreement.status not in (AgreementStatus.SIGNED, AgreementStatus.ARCHIVED):
        if can_sign_agreement(user, agreement):
            yield Button(
                _("Sign agreement"),
                url=reverse("wagtail_employer:agreement_sign", args=[agreement.pk]),
                icon_name="edit",
                priority=70,
            )
    yield Button(
        _("Start next year's agreement"),
        url=reverse("wagtail_employer:agreement_next_year", args=[agreement.pk]),
        icon_name="copy",
        priority=71,
    )
    if is_hr(user) and not hasattr(agreement, "ending"):
        yield Button(
            _("End the agreement early"),
            url=reverse("wagtail_employer:agreement_end", args=[agreement.pk]),
            icon_name="cross",
            priority=73,
        )
    if agreement.live:
        yield Button(
            _("Print view"),
            url=agreement.url + agreement.reverse_subpage("print"),
            icon_name="doc-full",
            priority=72,
            attrs={"target": "_blank", "rel": "noopener"},
        )


@hooks.register("register_snippet_listing_buttons")
def create_agreement_from_template_button(snippet, user, next_url=None):
    if (
        getattr(snippet, "_meta", None) is not None
        and snippet._meta.label == "wagtail_employer.AgreementTemplate"
        and snippet.status == AgreementTemplateStatus.ACTIVE
    ):
        yield Button(
            _("Create leader agreement"),
            url=reverse("wagtail_employer:agreement_create") + f"?template={snippet.pk}",
            icon_name="doc-full-inverse",
            priority=5,
        )


class MyAgreementsMenuItem(MenuItem):
    """Shown to HR and to whoever manages an agreement (its leader or superior)."""

    def is_shown(self, request):
        return is_hr(request.user) or bool(managed_agreement_paths(request.user))


@hooks.register("register_admin_menu_item")
def register_my_agreements_menu_item():
    return MyAgreementsMenuItem(
        _lazy("My leader agreements"),
        reverse("wagtail_employer:my_agreements"),
        name="my-leader-agreements",
        icon_name="doc-full-inverse",
        order=250,
    )


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
