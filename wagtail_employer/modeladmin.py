"""Every use of wagtail-modeladmin lives here (data-management listings), so a
later move to Wagtail's own ModelViewSet touches this module only."""

from django.contrib.admin import SimpleListFilter
from django.db import models, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.models import ReferenceIndex
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup
from wagtail_modeladmin.views import DeleteView, IndexView

from .forms.surveys import SurveyForm
from .imports import get_importer
from .models import FollowUpPlan, OrganisationUnit, Survey, SurveyResult, UnitKind
from .models.follow_up import OPEN_STATUSES


class WithinUnitFilter(SimpleListFilter):
    """Limits the listing to one municipality or sector and everything under it."""

    title = _("within")
    parameter_name = "within"

    def lookups(self, request, model_admin):
        branches = OrganisationUnit.objects.filter(
            kind__in=[UnitKind.MUNICIPALITY, UnitKind.SECTOR]
        ).in_tree_order()
        return [(unit.code, unit.indented_name) for unit in branches]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        branch = OrganisationUnit.objects.filter(code=self.value()).first()
        if branch is None:
            return queryset.none()
        return queryset.filter(tree_path__startswith=branch.tree_path)


class ReferenceAwareDeleteView(DeleteView):
    """Refuses to delete an object that content still refers to, naming what refers
    to it: database relations (PROTECT) and StreamField or rich-text references
    found by Wagtail's reference index."""

    def referencing_objects(self):
        references = ReferenceIndex.get_references_to(self.instance).group_by_source_object()
        return [source for source, _refs in references]

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


class OrganisationUnitAdmin(ModelAdmin):
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


class SurveyAdmin(ModelAdmin):
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


class SurveyResultAdmin(ModelAdmin):
    model = SurveyResult
    menu_label = _("Survey results")
    menu_icon = "table"
    list_display = ("survey", "unit_or_benchmark", "dimension_or_total", "score", "respondents")
    list_filter = ("survey",)
    search_fields = ("unit__name", "unit__code", "dimension__name")
    list_per_page = 100
    index_view_class = SurveyIndexView
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


class OverdueFilter(SimpleListFilter):
    title = _("actions")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("With overdue actions"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.with_overdue_actions()
        return queryset


class FollowUpPlanAdmin(ModelAdmin):
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


class EmployerAdminGroup(ModelAdminGroup):
    menu_label = _("Employer strategy")
    menu_icon = "group"
    menu_order = 250
    items = (OrganisationUnitAdmin, SurveyAdmin, SurveyResultAdmin, FollowUpPlanAdmin)

    def get_submenu_items(self):
        # The content snippets live on Wagtail's SnippetViewSet; list them in this menu
        # too, so editors find everything the package offers in one place.
        from .viewsets import value_set_viewset

        items = super().get_submenu_items()
        return [*items, value_set_viewset.get_menu_item(order=len(items) + 1)]
