"""Admin reports of the policy lifecycle: who has read a policy, per unit, and which
policies are due for review. Both export to CSV and XLSX (Wagtail's report export)."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from ..imports.formulae import escape_formula
from ..models import OrganisationUnit, ReadConfirmation, UnitMembership
from ..models.lifecycle import lifecycle_page_models
from ..roles import is_hr, units_led_by


def policies_asking_for_confirmation():
    """Live lifecycle pages that ask staff to confirm, as specific pages, by title."""
    pages = []
    for model in lifecycle_page_models():
        pages.extend(model.objects.live().filter(asks_for_read_confirmation=True))
    return sorted(pages, key=lambda page: page.title)


class FormulaSafeExportMixin:
    """Wagtail's report export writes text cells as they are: a CSV cell such as
    ``=HYPERLINK(...)`` from a page title or a staff member's name would run as a
    formula in Excel. Escape text cells the way every export of the package does (a
    leading ``'``, see ``imports/formulae.py``); numbers and dates stay as they are."""

    def preprocess_field_value(self, field, value, export_format):
        return escape_formula(super().preprocess_field_value(field, value, export_format))


class ExportInUserLanguageMixin:
    """Wagtail streams CSV after the view returns, outside the admin user's language:
    translate headings and cells while the view still runs in it."""

    def as_spreadsheet(self, queryset, spreadsheet_format):
        self.export_headings = {field: str(label) for field, label in self.export_headings.items()}
        return super().as_spreadsheet(list(queryset), spreadsheet_format)


class StaffLeaderMixin:
    """HR sees every unit; a leader sees the units they lead and everything under them."""

    def dispatch(self, request, *args, **kwargs):
        if not (is_hr(request.user) or self.led_units):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def led_units(self):
        return list(units_led_by(self.request.user))

    def visible_units(self):
        units = OrganisationUnit.objects.in_tree_order()
        if is_hr(self.request.user):
            return units
        within = Q()
        for unit in self.led_units:
            within |= Q(tree_path__startswith=unit.tree_path)
        return units.filter(within)


class ReadConfirmationFilterSet(WagtailFilterSet):
    policy = django_filters.ChoiceFilter(label=_("Policy"), method="keep", empty_label=None)
    unit = django_filters.ChoiceFilter(label=_("Within unit"), method="filter_within")
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        method="filter_status",
        choices=[("confirmed", _("Confirmed")), ("missing", _("Not confirmed"))],
    )

    class Meta:
        model = UnitMembership
        fields = []

    def __init__(self, *args, policies=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["policy"].extra["choices"] = [(page.pk, page.title) for page in policies]
        self.filters["unit"].extra["choices"] = [(unit.pk, unit.indented_name) for unit in units]
        self._units = {str(unit.pk): unit for unit in units}

    def keep(self, queryset, name, value):
        # The policy decides what "confirmed" means; the view annotates by it.
        return queryset

    def filter_within(self, queryset, name, value):
        unit = self._units.get(value)
        return queryset.filter(unit__tree_path__startswith=unit.tree_path) if unit else queryset

    def filter_status(self, queryset, name, value):
        return queryset.filter(confirmed_at__isnull=value == "missing")


class ReadConfirmationReportView(
    FormulaSafeExportMixin, ExportInUserLanguageMixin, StaffLeaderMixin, ReportView
):
    page_title = _("Read confirmations")
    header_icon = "tick"
    index_url_name = "wagtail_employer:read_confirmations"
    index_results_url_name = "wagtail_employer:read_confirmations_results"
    filterset_class = ReadConfirmationFilterSet
    export_filename = "read-confirmations"
    list_export = ["staff_name", "unit.name", "policy_title", "version", "status", "confirmed_at"]
    export_headings = {
        "staff_name": _("Staff member"),
        "unit.name": _("Unit"),
        "policy_title": _("Policy"),
        "version": _("Version"),
        "status": _("Status"),
        "confirmed_at": _("Confirmed at"),
    }

    @cached_property
    def columns(self):
        return [
            Column("staff_name", label=_("Staff member")),
            Column("unit", label=_("Unit")),
            Column("status", label=_("Status")),
            DateColumn("confirmed_at", label=_("Confirmed at")),
        ]

    @cached_property
    def policies(self):
        return policies_asking_for_confirmation()

    @cached_property
    def policy(self):
        chosen = self.request.GET.get("policy")
        for page in self.policies:
            if str(page.pk) == chosen:
                return page
        return self.policies[0] if self.policies else None

    def get_filterset_kwargs(self):
        return {
            **super().get_filterset_kwargs(),
            "policies": self.policies,
            "units": list(self.visible_units()),
        }

    def get_base_queryset(self):
        memberships = UnitMembership.objects.select_related("user", "unit").filter(
            unit__in=self.visible_units()
        )
        if self.policy is None:
            return memberships.none()
        confirmations = ReadConfirmation.objects.filter(
            page_id=self.policy.pk, user=OuterRef("user"), version__gte=self.policy.policy_version
        ).order_by("-version")
        return memberships.annotate(
            confirmed_at=Subquery(confirmations.values("confirmed_at")[:1])
        ).order_by("unit__tree_path", "user__last_name", "user__first_name")

    def decorate_paginated_queryset(self, object_list):
        for membership in object_list:
            user = membership.user
            membership.staff_name = user.get_full_name() or user.get_username()
            membership.policy_title = self.policy.title
            membership.version = self.policy.policy_version
            membership.status = (
                gettext("Confirmed") if membership.confirmed_at else gettext("Not confirmed")
            )
        return object_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["policy"] = self.policy
        return context

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet(
            self.decorate_paginated_queryset(queryset), spreadsheet_format
        )


class PoliciesDueForReviewView(FormulaSafeExportMixin, ExportInUserLanguageMixin, ReportView):
    page_title = _("Policies due for review")
    header_icon = "date"
    index_url_name = "wagtail_employer:policy_reviews"
    index_results_url_name = "wagtail_employer:policy_reviews_results"
    export_filename = "policies-due-for-review"
    list_export = ["title", "next_review_on", "content_owner_name", "contact", "full_url"]
    export_headings = {
        "title": _("Policy"),
        "next_review_on": _("Next review"),
        "content_owner_name": _("Content owner"),
        "contact": _("Contact"),
        "full_url": _("Address"),
    }
    paginate_by = None

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Policy"),
                get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
            ),
            DateColumn("next_review_on", label=_("Next review")),
            Column("content_owner_name", label=_("Content owner")),
            Column("contact", label=_("Contact")),
        ]

    def dispatch(self, request, *args, **kwargs):
        if not is_hr(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        today = timezone.localdate()
        pages = []
        for model in lifecycle_page_models():
            pages.extend(
                model.objects.filter(next_review_on__lte=today).select_related("content_owner")
            )
        return sorted(pages, key=lambda page: (page.next_review_on, page.title))
