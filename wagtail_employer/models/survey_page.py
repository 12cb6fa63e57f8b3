"""The survey results page: a reader picks a unit and sees its results beside its
parent's, the municipality's and the national benchmark, with the trend and the unit's
follow-up plan."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..api import SurveyResultsField
from ..blocks import EmployerStreamBlock
from .base import EmployerPageMixin
from .surveys import Survey


def follow_up_plans(pairs):
    """The follow-up plans of ``(survey id, unit id)`` pairs, with their focus areas,
    actions and reviews: four queries however many pairs."""
    from .follow_up import FollowUpPlan

    pairs = {(survey_id, unit_id) for survey_id, unit_id in pairs if survey_id and unit_id}
    if not pairs:
        return {}
    query = models.Q()
    for survey_id, unit_id in pairs:
        query |= models.Q(survey_id=survey_id, unit_id=unit_id)
    plans = FollowUpPlan.objects.filter(query).prefetch_related(
        models.Prefetch("focus_areas__dimension"),
        "actions__dimension",
        "reviews",
    )
    return {(plan.survey_id, plan.unit_id): plan for plan in plans}


class SurveyResultsPage(EmployerPageMixin, Page):
    """One survey's results, unit by unit."""

    intro = RichTextField(_("introduction"), blank=True)
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.PROTECT, related_name="pages"
    )
    unit = models.ForeignKey(
        "wagtail_employer.OrganisationUnit",
        verbose_name=_("unit shown first"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to start with the whole municipality."),
    )
    show_follow_up = models.BooleanField(
        _("show follow-up plans"), default=True, help_text=_("Show the unit's follow-up plan.")
    )
    body = StreamField(
        EmployerStreamBlock(), blank=True, use_json_field=True, verbose_name=_("more content")
    )

    template = "wagtail_employer/pages/survey_results_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("survey"),
        FieldPanel("unit"),
        FieldPanel("show_follow_up"),
        FieldPanel("body"),
    ]

    # Names only: scores are never put in the search index, so no search can reveal a
    # score that the anonymity rule hides.
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.RelatedFields(
            "survey",
            [
                index.SearchField("name"),
                index.RelatedFields("dimensions", [index.SearchField("name")]),
            ],
        ),
    ]

    api_fields = [
        APIField("intro"),
        APIField("survey_results", serializer=SurveyResultsField(source="survey_id")),
        APIField("body"),
    ]

    class Meta:
        verbose_name = _("survey results page")
        verbose_name_plural = _("survey results pages")

    def chosen_unit(self, request, loader):
        units = loader.units
        code = request.GET.get("unit", "") if request is not None else ""
        if code:
            chosen = next((unit for unit in units.values() if unit.code == code), None)
            if chosen is not None:
                return chosen
        if self.unit_id and self.unit_id in units:
            return units[self.unit_id]
        results = loader.for_survey(self.survey_id)
        with_results = results.units_with_results() if results else []
        if with_results:
            return with_results[0]
        roots = sorted(
            (unit for unit in units.values() if unit.parent_id is None),
            key=lambda unit: unit.tree_path,
        )
        return roots[0] if roots else None

    def get_context(self, request, *args, **kwargs):
        from ..charts import unit_chart
        from ..survey_results import load_results

        context = super().get_context(request, *args, **kwargs)
        loader = load_results([self.survey_id])
        unit = self.chosen_unit(request, loader)
        report = loader.unit_report(self.survey_id, unit)
        plan = None
        if report is not None and self.show_follow_up:
            plan = follow_up_plans([(self.survey_id, unit.pk)]).get((self.survey_id, unit.pk))
        context.update(
            survey=loader.surveys.get(self.survey_id),
            report=report,
            chart=unit_chart(report) if report is not None and report.rows else None,
            plan=plan,
            unit_choices=sorted(loader.units.values(), key=lambda unit: unit.tree_path),
        )
        return context
