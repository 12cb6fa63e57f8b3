"""Every use of wagtail-modeladmin lives here (data-management listings), so a
later move to Wagtail's own ModelViewSet touches this module only."""

import datetime

from django.contrib.admin import SimpleListFilter
from django.db import models, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.models import ReferenceIndex
from wagtail_modeladmin.helpers import ButtonHelper, PagePermissionHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup
from wagtail_modeladmin.views import DeleteView, HistoryView, IndexView

from .forms.surveys import SurveyForm
from .imports import get_importer
from .models import (
    AgreementStatus,
    FollowUpPlan,
    LeaderAgreementPage,
    OrganisationUnit,
    Survey,
    SurveyResult,
    UnitKind,
    UnitMembership,
)
from .models.agreements import Coverage, agreement_coverage, period_label
from .models.follow_up import OPEN_STATUSES
from .privacy import is_hr, visible_agreements_for
from .references import unindexed_referrers


class PermissionCheckedHistoryView(HistoryView):
    """wagtail-modeladmin's history view checks no permission: anyone with admin access
    could read who changed a unit, a survey or a leader agreement, and the object's
    name. It asks here what the listing asks, and for the object what editing it asks
    (or the model's view permission)."""

    def check_action_permitted(self, user):
        helper = self.permission_helper
        return helper.user_can_list(user) and (
            helper.user_can_edit_obj(user, self.instance)
            or helper.user_has_specific_permission(user, helper.get_perm_codename("view"))
        )


class EmployerModelAdmin(ModelAdmin):
    history_view_class = PermissionCheckedHistoryView


class WithinUnitFilter(SimpleListFilter):
    """Limits the listing to one municipality or sector and everything under it."""

    title = _("within")
    parameter_name = "within"

    def lookups(self, request, model_admin):
        branches = OrganisationUnit.objects.filter(
            kind__in=[UnitKind.MUNICIPALITY, UnitKind.SECTOR]
        ).in_tree_order()
        return [(unit.code, unit.indented_name) for unit in branches]

    tree_path_lookup = "tree_path__startswith"

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        branch = OrganisationUnit.objects.filter(code=self.value()).first()
        if branch is None:
            return queryset.none()
        return queryset.filter(**{self.tree_path_lookup: branch.tree_path})


class MembershipWithinUnitFilter(WithinUnitFilter):
    tree_path_lookup = "unit__tree_path__startswith"


class ReferenceAwareDeleteView(DeleteView):
    """Refuses to delete an object that content still refers to, naming what refers
    to it: database relations (PROTECT), StreamField or rich-text references
    found by Wagtail's reference index, and a unit's survey results."""

    def referencing_objects(self):
        references = ReferenceIndex.get_references_to(self.instance).group_by_source_object()
        return [source for source, _refs in references] + unindexed_referrers(self.instance)

    def post(self, request, *args, **kwargs):
        referencing = self.referencing_objects()
        if referencing:
            context = self.get_context_data(protected_error=True, linked_objects=referencing)
            return self.render_to_response(context)
        with transaction.atomic():
            return super().post(request, *args, **kwargs)


class OrganisationUnitIndexView(IndexView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if get_importer("units").has_permission(self.request.user):
            context["import_url"] = reverse("wagtail_employer:import_upload", args=["units"])
        context["export_urls"] = [
            (label, reverse("wagtail_employer:export_units", args=[file_format]))
            for file_format, label in (("csv", "CSV"), ("xlsx", "XLSX"))
        ]
        return context


class OrganisationUnitButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, *args, **kwargs):
        buttons = super().get_buttons_for_obj(obj, *args, **kwargs)
        buttons.append(
            {
                "url": reverse("wagtail_employer:unit_usage", args=[obj.pk]),
                "label": _("Usage"),
                "classname": "button button-small button-secondary",
                "title": _("Where %(unit)s is used") % {"unit": obj},
            }
        )
        return buttons


class OrganisationUnitAdmin(EmployerModelAdmin):
    model = OrganisationUnit
    menu_label = _("Organisation units")
    menu_icon = "group"
    list_display = ("indented_name", "code", "kind", "leader")
    list_filter = ("kind", WithinUnitFilter)
    search_fields = ("name", "code")
    ordering = ("tree_path",)
    list_per_page = 100
    index_view_class = OrganisationUnitIndexView
    index_template_name = "wagtail_employer/admin/organisation_unit_index.html"
    delete_view_class = ReferenceAwareDeleteView
    button_helper_class = OrganisationUnitButtonHelper
    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("kind"),
        FieldPanel("parent"),
        FieldPanel("leader"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("leader")


def admin_column(label):
    """Gives a listing column of a ModelAdmin its (translated) heading."""

    def decorate(method):
        method.short_description = label
        return method

    return decorate


# The listing shows the name indented by depth; give the column its label.
OrganisationUnit.indented_name.fget.short_description = _("name")


# The HR overview of leader agreements. Its filters are plain functions of the query
# string, so the export applies exactly the filters the listing shows.


def parse_period(value):
    """``"2026-01-01_2026-12-31"`` → (start, end), or None."""
    try:
        start, end = value.split("_")
        return datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    except (AttributeError, ValueError):
        return None


def period_value(start, end):
    return f"{start.isoformat()}_{end.isoformat()}"


def known_periods():
    pairs = (
        LeaderAgreementPage.objects.order_by("-period_start", "-period_end")
        .values_list("period_start", "period_end")
        .distinct()
    )
    return list(dict.fromkeys(pairs))


def filter_agreements(queryset, params):
    if params.get("coverage") == MISSING_SIGNED:
        queryset = queryset.exclude(status__in=(AgreementStatus.SIGNED, AgreementStatus.ARCHIVED))
    period = parse_period(params.get("period"))
    if period:
        queryset = queryset.filter(period_start=period[0], period_end=period[1])
    if params.get("status") in AgreementStatus.values:
        queryset = queryset.filter(status=params["status"])
    sector = sector_for(params.get("sector"))
    if sector is not None:
        queryset = queryset.filter(unit__tree_path__startswith=sector.tree_path)
    elif params.get("sector"):
        queryset = queryset.none()
    return queryset


def sector_for(code):
    if not code:
        return None
    return OrganisationUnit.objects.filter(code=code, kind=UnitKind.SECTOR).first()


def overview_queryset(user):
    return (
        visible_agreements_for(user)
        .select_related("unit", "leader", "signed_by")
        .with_sector_name()
        .order_by("-period_start", "unit__tree_path")
    )


def filtered_agreements(request):
    return filter_agreements(overview_queryset(request.user), request.GET)


def overview_period(params):
    """The period the overview's per-unit table is for: the one filtered on, else the
    latest one with agreements, else None."""
    period = parse_period(params.get("period"))
    if period is None:
        periods = known_periods()
        period = periods[0] if periods else None
    return period


def overview_coverage(params):
    """The per-unit table of the overview for ``params`` (the listing's query string):
    every unit, or only those without a signed agreement (``coverage=missing``)."""
    period = overview_period(params)
    if period is None:
        return None, []
    rows = agreement_coverage(*period, sector=sector_for(params.get("sector")))
    if params.get("coverage") == MISSING_SIGNED:
        rows = [row for row in rows if row.coverage != Coverage.SIGNED]
    return period, rows


MISSING_SIGNED = "missing"


class QueryStringFilter(SimpleListFilter):
    def queryset(self, request, queryset):
        return filter_agreements(queryset, {self.parameter_name: self.value()})


class CoverageFilter(SimpleListFilter):
    """Narrows the per-unit table to the units without a signed agreement, and the
    listing to the agreements not signed."""

    title = _("coverage")
    parameter_name = "coverage"

    def lookups(self, request, model_admin):
        return [(MISSING_SIGNED, _("Units without a signed agreement"))]

    def queryset(self, request, queryset):
        if self.value() == MISSING_SIGNED:
            return queryset.exclude(status__in=(AgreementStatus.SIGNED, AgreementStatus.ARCHIVED))
        return queryset


class PeriodFilter(QueryStringFilter):
    title = _("period")
    parameter_name = "period"

    def lookups(self, request, model_admin):
        return [(period_value(*pair), period_label(*pair)) for pair in known_periods()]


class AgreementStatusFilter(QueryStringFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return AgreementStatus.choices


class SectorFilter(QueryStringFilter):
    title = _("sector")
    parameter_name = "sector"

    def lookups(self, request, model_admin):
        sectors = OrganisationUnit.objects.filter(kind=UnitKind.SECTOR).in_tree_order()
        return [(sector.code, sector.name) for sector in sectors]


class HRPermissionHelper(PagePermissionHelper):
    """The overview is for HR (the ``HR_GROUP_NAME`` group) and superusers only."""

    def user_can_list(self, user):
        return is_hr(user)

    def user_can_create(self, user):
        return False

    def user_can_copy_obj(self, user, obj):
        return False


class LeaderAgreementIndexView(IndexView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.urlencode()
        context["export_urls"] = [
            (
                label,
                reverse("wagtail_employer:export_agreements", args=[file_format])
                + (f"?{query}" if query else ""),
            )
            for file_format, label in (("csv", "CSV"), ("xlsx", "XLSX"))
        ]
        context["create_url"] = reverse("wagtail_employer:agreement_create")
        period, rows = overview_coverage(self.request.GET)
        if period is not None:
            context["coverage_period"] = period_label(*period)
            context["coverage_rows"] = rows
            context["only_missing"] = self.request.GET.get("coverage") == MISSING_SIGNED
        return context


# Employee surveys.


class SurveyButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, *args, **kwargs):
        buttons = super().get_buttons_for_obj(obj, *args, **kwargs)
        if get_importer("survey_results").has_permission(self.request.user):
            buttons.append(
                {
                    "url": reverse("wagtail_employer:import_upload", args=["survey_results"])
                    + f"?survey={obj.pk}",
                    "label": _("Import results"),
                    "classname": "button button-small button-secondary",
                    "title": _("Import results into %(survey)s") % {"survey": obj},
                }
            )
        for file_format in ("csv", "xlsx"):
            buttons.append(
                {
                    "url": reverse(
                        "wagtail_employer:export_survey_results", args=[obj.pk, file_format]
                    ),
                    "label": _("Export %(format)s") % {"format": file_format.upper()},
                    "classname": "button button-small button-secondary",
                    "title": _("Export the results of %(survey)s") % {"survey": obj},
                }
            )
        return buttons


class SurveyIndexView(IndexView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if get_importer("survey_results").has_permission(self.request.user):
            context["import_url"] = reverse(
                "wagtail_employer:import_upload", args=["survey_results"]
            )
        return context


class LeaderAgreementAdmin(EmployerModelAdmin):
    model = LeaderAgreementPage
    menu_label = _("Leader agreements")
    menu_icon = "doc-full-inverse"
    list_display = ("unit", "leader_name", "period_label", "status", "signed_at")
    list_filter = (PeriodFilter, AgreementStatusFilter, SectorFilter, CoverageFilter)
    search_fields = ("title", "unit__name", "leader__first_name", "leader__last_name")
    list_per_page = 100
    index_view_class = LeaderAgreementIndexView
    index_template_name = "wagtail_employer/admin/leader_agreement_index.html"
    permission_helper_class = HRPermissionHelper

    def get_queryset(self, request):
        # Each row's buttons ask whether the agreement is locked (a scheduled revision, a
        # workflow in progress): annotate and prefetch that once, not per row.
        return (
            overview_queryset(request.user).annotate_approved_schedule().prefetch_workflow_states()
        )


LeaderAgreementPage.leader_name.fget.short_description = _("leader")
LeaderAgreementPage.period_label.fget.short_description = _("period")


class SurveyAdmin(EmployerModelAdmin):
    model = Survey
    menu_label = _("Employee surveys")
    menu_icon = "table"
    list_display = ("name", "year", "provider", "dimension_count", "anonymity_threshold")
    list_filter = ("provider", "year")
    search_fields = ("name",)
    index_view_class = SurveyIndexView
    index_template_name = "wagtail_employer/admin/survey_index.html"
    button_helper_class = SurveyButtonHelper
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldRowPanel([FieldPanel("provider"), FieldPanel("year")]),
            FieldPanel("preset"),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [FieldPanel("scale_min"), FieldPanel("scale_max"), FieldPanel("decimals")]
                    ),
                    FieldPanel("anonymity_threshold"),
                ],
                heading=_("Scale and anonymity"),
            ),
            FieldRowPanel(
                [FieldPanel("keep_count"), FieldPanel("improve_count")],
                heading=_("Follow-up"),
            ),
            InlinePanel("dimensions", heading=_("Dimensions"), label=_("Dimension")),
        ],
        base_form_class=SurveyForm,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(dimension_total=Count("dimensions"))

    @admin_column(_("dimensions"))
    def dimension_count(self, obj):
        return obj.dimension_total


class SurveyResultIndexView(SurveyIndexView):
    """Outside HR, the listing (and its search) leaves empty what the anonymity rule
    hides from readers, as the export does: each row of the page is marked here."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(context["object_list"])
        if not is_hr(self.request.user):
            from .survey_results import load_results

            loader = load_results({row.survey_id for row in rows})
            for row in rows:
                row.hidden_from_readers = loader.for_survey(row.survey_id).hides(row)
        context["object_list"] = context["page_obj"].object_list = rows
        return context


class SurveyResultPermissionHelper(PermissionHelper):
    """Outside HR, a result that the anonymity rule hides cannot be opened for editing:
    its form would show the figures the listing leaves empty."""

    def user_can_edit_obj(self, user, obj):
        return super().user_can_edit_obj(user, obj) and not hidden_from(user, obj)


def hidden_from(user, result):
    """Whether ``user`` (outside HR) may not see ``result``'s figures; the listing marks
    its rows beforehand, so only a single result asks the rule here."""
    if is_hr(user):
        return False
    hidden = getattr(result, "hidden_from_readers", None)
    if hidden is None:
        from .survey_results import load_results

        results = load_results([result.survey_id]).for_survey(result.survey_id)
        hidden = result.hidden_from_readers = results.hides(result)
    return hidden


class SurveyResultAdmin(EmployerModelAdmin):
    model = SurveyResult
    permission_helper_class = SurveyResultPermissionHelper
    menu_label = _("Survey results")
    menu_icon = "table"
    list_display = (
        "survey",
        "unit_or_benchmark",
        "dimension_or_total",
        "shown_score",
        "shown_respondents",
    )
    list_filter = ("survey",)
    search_fields = ("unit__name", "unit__code", "dimension__name")
    list_per_page = 100
    index_view_class = SurveyResultIndexView
    index_template_name = "wagtail_employer/admin/survey_index.html"
    panels = [
        FieldPanel("survey"),
        FieldPanel("unit"),
        FieldPanel("dimension"),
        FieldRowPanel([FieldPanel("score"), FieldPanel("respondents")]),
        FieldRowPanel([FieldPanel("invited"), FieldPanel("response_rate")]),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("survey", "unit", "dimension")

    @admin_column(_("unit"))
    def unit_or_benchmark(self, obj):
        return obj.unit.name if obj.unit_id else _("National benchmark")

    @admin_column(_("dimension"))
    def dimension_or_total(self, obj):
        return obj.dimension.name if obj.dimension_id else _("Response rate")

    @admin_column(_("score"))
    def shown_score(self, obj):
        if getattr(obj, "hidden_from_readers", False):
            return _("too few answers")
        return obj.score

    @admin_column(_("respondents"))
    def shown_respondents(self, obj):
        if getattr(obj, "hidden_from_readers", False):
            return _("too few answers")
        return obj.respondents


class OverdueFilter(SimpleListFilter):
    title = _("actions")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("With overdue actions"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.with_overdue_actions()
        return queryset


class FollowUpPlanAdmin(EmployerModelAdmin):
    model = FollowUpPlan
    menu_label = _("Follow-up plans")
    menu_icon = "tasks"
    list_display = ("unit", "survey", "leader", "overdue_actions_column", "next_review")
    list_filter = (OverdueFilter, "survey")
    search_fields = ("unit__name", "leader")
    panels = [
        FieldRowPanel([FieldPanel("survey"), FieldPanel("unit")]),
        MultiFieldPanel(
            [
                FieldPanel("leader"),
                FieldPanel("union_representative"),
                FieldPanel("safety_representative"),
            ],
            heading=_("Who took part"),
        ),
        FieldPanel("summary"),
        InlinePanel("focus_areas", heading=_("Areas to keep and improve"), label=_("Focus area")),
        InlinePanel("actions", heading=_("Actions"), label=_("Action")),
        InlinePanel("reviews", heading=_("Reviews"), label=_("Review")),
    ]

    def get_queryset(self, request):
        today = timezone.localdate()
        return (
            super()
            .get_queryset(request)
            .select_related("survey", "unit")
            .prefetch_related("reviews")
            .annotate(
                overdue_total=Count(
                    "actions",
                    filter=models.Q(actions__due_date__lt=today, actions__status__in=OPEN_STATUSES),
                    distinct=True,
                )
            )
        )

    @admin_column(_("overdue actions"))
    def overdue_actions_column(self, obj):
        return obj.overdue_total

    @admin_column(_("next review"))
    def next_review(self, obj):
        today = timezone.localdate()
        upcoming = [review.date for review in obj.reviews.all() if review.date >= today]
        return min(upcoming) if upcoming else "–"


class UnitMembershipAdmin(EmployerModelAdmin):
    """Which unit each staff member works in: the people a leader and HR expect to have
    read a policy."""

    model = UnitMembership
    menu_label = _("Staff placements")
    menu_icon = "user"
    list_display = ("user", "unit")
    list_filter = (MembershipWithinUnitFilter,)
    search_fields = ("user__username", "user__first_name", "user__last_name", "unit__name")
    list_per_page = 100
    panels = [FieldPanel("user"), FieldPanel("unit")]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "unit")


class EmployerAdminGroup(ModelAdminGroup):
    menu_label = _("Employer strategy")
    menu_icon = "group"
    menu_order = 250
    items = (
        OrganisationUnitAdmin,
        SurveyAdmin,
        SurveyResultAdmin,
        FollowUpPlanAdmin,
        LeaderAgreementAdmin,
        UnitMembershipAdmin,
    )

    def get_submenu_items(self):
        # The content snippets live on Wagtail's SnippetViewSet; list them in this menu
        # too, so editors find everything the package offers in one place.
        from .viewsets import (
            agreement_template_viewset,
            goal_viewset,
            salary_criterion_viewset,
            service_policy_viewset,
            value_set_viewset,
        )

        items = super().get_submenu_items()
        snippets = [
            value_set_viewset,
            service_policy_viewset,
            agreement_template_viewset,
            goal_viewset,
            salary_criterion_viewset,
        ]
        return [
            *items,
            *(
                viewset.get_menu_item(order=len(items) + position)
                for position, viewset in enumerate(snippets, start=1)
            ),
            SelfAssessmentMenuItem(
                _("Self-assessments"),
                reverse("wagtail_employer:self_assessment_index"),
                name="wagtail-employer-self-assessments",
                icon_name="tick",
                order=len(items) + len(snippets) + 1,
            ),
        ]


class SelfAssessmentMenuItem(MenuItem):
    """Shown to users who may record, change, delete or view self-assessments."""

    def is_shown(self, request):
        from .views.self_assessments import permission_policy

        return permission_policy.user_has_any_permission(
            request.user, ["add", "change", "delete", "view"]
        )
