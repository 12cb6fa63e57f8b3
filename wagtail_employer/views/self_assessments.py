"""Recording unit self-assessments against a service policy.

Only users with the ``add_selfassessment`` permission may record one, and only users
with ``change_selfassessment`` may change one (grant them to a group under Settings →
Groups); everyone else gets 403."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from ..forms.self_assessment import SelfAssessmentForm
from ..models import SelfAssessment, ServicePolicy
from .refusal import refuse

permission_policy = ModelPermissionPolicy(SelfAssessment)


def forbidden(request):
    return refuse(request)


def _allowed(request, *actions):
    return permission_policy.user_has_any_permission(request.user, actions)


class SelfAssessmentIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_employer/admin/self_assessment_index.html"
    page_title = _("Self-assessments")
    header_icon = "tick"
    per_page = 50

    def dispatch(self, request, *args, **kwargs):
        if not _allowed(request, "add", "change", "delete", "view"):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_add"] = permission_policy.user_has_permission(user, "add")
        context["can_change"] = permission_policy.user_has_permission(user, "change")
        context["can_delete"] = permission_policy.user_has_permission(user, "delete")
        context["policies"] = ServicePolicy.objects.order_by("title", "-valid_from")
        assessments = SelfAssessment.objects.select_related(
            "policy", "unit", "recorded_by"
        ).order_by("-assessed_on", "unit__tree_path", "-pk")
        paginator = Paginator(assessments, self.per_page)
        page = paginator.get_page(self.request.GET.get("p"))
        context["assessments"] = page
        context["elided_page_range"] = paginator.get_elided_page_range(page.number)
        return context


class SelfAssessmentFormView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_employer/admin/self_assessment_form.html"
    header_icon = "tick"
    instance = None
    policy = None

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtail_employer:self_assessment_index"),
                "label": gettext("Self-assessments"),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_page_subtitle(self):
        return str(self.policy)

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        initial = {}
        if self.instance is None:
            # A leader usually assesses their own unit: start from it.
            own_unit = self.request.user.led_organisation_units.order_by("tree_path").first()
            if own_unit is not None:
                initial["unit"] = own_unit.pk
        return SelfAssessmentForm(data, policy=self.policy, instance=self.instance, initial=initial)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_valid():
            messages.error(request, gettext("The self-assessment could not be saved."))
            return self.render_to_response(self.get_context_data(form=form))
        assessment = form.save(request.user)
        messages.success(
            request,
            gettext("Self-assessment of %(unit)s on %(date)s saved.")
            % {"unit": assessment.unit, "date": assessment.assessed_on},
        )
        return redirect("wagtail_employer:self_assessment_index")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["policy"] = self.policy
        context["instance"] = self.instance
        form = context["form"]
        context["commitment_rows"] = form.commitment_rows()
        context["media"] = form.media
        return context


class SelfAssessmentCreateView(SelfAssessmentFormView):
    def dispatch(self, request, policy_pk):
        if not _allowed(request, "add"):
            return forbidden(request)
        self.policy = get_object_or_404(ServicePolicy, pk=policy_pk)
        return super().dispatch(request, policy_pk)

    def get_page_title(self):
        return gettext("Record a self-assessment")


class SelfAssessmentEditView(SelfAssessmentFormView):
    def dispatch(self, request, pk):
        if not _allowed(request, "change"):
            return forbidden(request)
        self.instance = get_object_or_404(SelfAssessment.objects.select_related("policy"), pk=pk)
        self.policy = self.instance.policy
        return super().dispatch(request, pk)

    def get_page_title(self):
        return gettext("Edit self-assessment")


class SelfAssessmentDeleteView(WagtailAdminTemplateMixin, TemplateView):
    """Asks, then deletes one self-assessment with its scores (``delete_selfassessment``)."""

    template_name = "wagtail_employer/admin/self_assessment_delete.html"
    header_icon = "bin"

    def dispatch(self, request, pk):
        if not _allowed(request, "delete"):
            return forbidden(request)
        self.instance = get_object_or_404(SelfAssessment.objects.select_related("unit"), pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return gettext("Delete self-assessment")

    def get_page_subtitle(self):
        return str(self.instance)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtail_employer:self_assessment_index"),
                "label": gettext("Self-assessments"),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["assessment"] = self.instance
        return context

    def post(self, request, pk):
        name = str(self.instance)
        self.instance.delete()
        messages.success(request, gettext("Self-assessment “%(name)s” deleted.") % {"name": name})
        return redirect("wagtail_employer:self_assessment_index")
