"""Versioned snippets (service policies, agreement templates): the edit view's “Start a
new version”, and that view. The model's ``start_new_version()`` makes the draft copy
that records this version as its previous one."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import EditView

from .refusal import refuse


class VersionedEditView(EditView):
    """The edit view, with “Start a new version” for those who may add versions."""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            namespace = self.edit_url_name.rsplit(":", 1)[0]
            buttons.append(
                Button(
                    _("Start a new version"),
                    url=reverse(f"{namespace}:new_version", args=[self.object.pk]),
                    icon_name="copy",
                    priority=15,
                )
            )
        return buttons


class StartNewVersionView(WagtailAdminTemplateMixin, TemplateView):
    """Asks, then makes a draft copy that records the version as its previous one. The
    viewset names the template that says what is copied."""

    header_icon = "copy"
    viewset = None

    def dispatch(self, request, pk):
        if not self.viewset.permission_policy.user_has_permission(request.user, "add"):
            return refuse(request)
        self.object = get_object_or_404(self.viewset.model, pk=pk)
        return super().dispatch(request, pk)

    def get_template_names(self):
        return [self.viewset.new_version_template_name]

    def get_page_title(self):
        return gettext("Start a new version")

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.viewset.get_url_name("list")), "label": self.viewset.menu_label},
            {
                "url": reverse(self.viewset.get_url_name("edit"), args=[self.object.pk]),
                "label": str(self.object),
            },
            {"url": "", "label": gettext("Start a new version")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["edit_url"] = reverse(self.viewset.get_url_name("edit"), args=[self.object.pk])
        return context

    def post(self, request, pk):
        new_version = self.object.start_new_version()
        messages.success(
            request,
            gettext("A new draft version of “%(object)s” was started from this one.")
            % {"object": self.object},
        )
        return redirect(self.viewset.get_url_name("edit"), new_version.pk)
