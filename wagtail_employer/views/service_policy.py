"""Service policy admin views: the edit view's “Start a new version”, and that view."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import EditView


class ServicePolicyEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            buttons.append(
                Button(
                    _("Start a new version"),
                    url=reverse(self.viewset_url_name("new_version"), args=[self.object.pk]),
                    icon_name="copy",
                    priority=15,
                )
            )
        return buttons

    def viewset_url_name(self, name):
        from ..viewsets import service_policy_viewset

        return service_policy_viewset.get_url_name(name)


class StartNewVersionView(WagtailAdminTemplateMixin, TemplateView):
    """Asks, then makes a draft copy of a policy (focus areas, commitments, exemplar
    units and uses) that records the policy as its previous version."""

    template_name = "wagtail_employer/admin/service_policy_new_version.html"
    header_icon = "copy"
    viewset = None

    def dispatch(self, request, pk):
        from ..models import ServicePolicy

        if not self.viewset.permission_policy.user_has_permission(request.user, "add"):
            # A plain 403, not Wagtail's redirect to the dashboard.
            return permission_denied(request, PermissionDenied())
        self.policy = get_object_or_404(ServicePolicy, pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return gettext("Start a new version")

    def get_page_subtitle(self):
        return str(self.policy)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.viewset.get_url_name("list")), "label": _("Service policies")},
            {
                "url": reverse(self.viewset.get_url_name("edit"), args=[self.policy.pk]),
                "label": str(self.policy),
            },
            {"url": "", "label": gettext("Start a new version")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["policy"] = self.policy
        context["edit_url"] = reverse(self.viewset.get_url_name("edit"), args=[self.policy.pk])
        return context

    def post(self, request, pk):
        new_version = self.policy.start_new_version()
        messages.success(
            request,
            gettext("A new draft version of “%(policy)s” was started from this one.")
            % {"policy": self.policy},
        )
        return redirect(self.viewset.get_url_name("edit"), new_version.pk)
