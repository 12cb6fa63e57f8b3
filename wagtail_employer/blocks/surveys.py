"""Survey blocks: one unit's results (all dimensions, or one with its trend) and a
unit's follow-up plan, on any page. Every chosen survey and plan of a page is fetched at
once, so many blocks cost the same queries as one."""

import uuid

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .basic import HeadingLevelBlock
from .org import OrganisationUnitChooserBlock


class SurveyChooserBlock(blocks.ChooserBlock):
    """Chooses an employee survey; loads the results of every chosen survey at once."""

    @cached_property
    def target_model(self):
        from ..models import Survey

        return Survey

    @cached_property
    def widget(self):
        from ..viewsets import survey_chooser_viewset

        return survey_chooser_viewset.widget_class()

    def get_form_state(self, value):
        return self.widget.get_value_data(value)

    def bulk_to_python(self, values):
        from ..survey_results import load_results

        ids = [value for value in values if value is not None]
        loader = load_results(ids)
        # The loader's surveys come with their dimensions; share them and the loader.
        surveys = {pk: loader.surveys[pk] for pk in ids if pk in loader.surveys}
        for survey in surveys.values():
            survey.results_loader = loader
        return [surveys.get(value) for value in values]

    class Meta:
        icon = "table"
        label = _("Survey")


class SurveyDimensionChooserBlock(blocks.ChooserBlock):
    """Chooses one dimension of a survey, e.g. “Mestringsorientert ledelse” in 10-FAKTOR;
    every chosen dimension of a stream is fetched, with its survey, at once."""

    @cached_property
    def target_model(self):
        from ..models import SurveyDimension

        return SurveyDimension

    @cached_property
    def widget(self):
        from ..viewsets import survey_dimension_chooser_viewset

        return survey_dimension_chooser_viewset.widget_class()

    def get_form_state(self, value):
        return self.widget.get_value_data(value)

    def bulk_to_python(self, values):
        ids = [value for value in values if value is not None]
        dimensions = self.target_model.objects.select_related("survey").in_bulk(ids)
        return [dimensions.get(value) for value in values]

    class Meta:
        icon = "table"
        label = _("Survey dimension")


class FollowUpPlanChooserBlock(blocks.ChooserBlock):
    """Chooses a follow-up plan; fetches every chosen plan with its parts at once."""

    @cached_property
    def target_model(self):
        from ..models import FollowUpPlan

        return FollowUpPlan

    @cached_property
    def widget(self):
        from ..viewsets import follow_up_chooser_viewset

        return follow_up_chooser_viewset.widget_class()

    def get_form_state(self, value):
        return self.widget.get_value_data(value)

    def bulk_to_python(self, values):
        plans = (
            self.target_model.objects.select_related("survey", "unit")
            .prefetch_related("focus_areas__dimension", "actions__dimension", "reviews")
            .in_bulk([value for value in values if value is not None])
        )
        return [plans.get(value) for value in values]

    class Meta:
        icon = "tasks"
        label = _("Follow-up plan")


class SurveyResultBlock(blocks.StructBlock):
    """One unit's results in a survey: every dimension, or one dimension with its trend."""

    survey = SurveyChooserBlock(label=_("Survey"))
    unit = OrganisationUnitChooserBlock(label=_("Unit"))
    dimension = blocks.CharBlock(
        label=_("Dimension"),
        required=False,
        max_length=200,
        help_text=_(
            "Name one dimension of the survey to show it with its trend; leave empty to "
            "show every dimension."
        ),
    )
    heading_level = HeadingLevelBlock(default="h2")

    class Meta:
        icon = "table"
        label = _("Survey results")
        template = "wagtail_employer/blocks/survey_result.html"
        description = _(
            "A unit's employee-survey results beside its parent, the municipality and the "
            "national benchmark, as a chart and a table."
        )

    def bulk_to_python(self, values):
        """The blocks' surveys share one results loader (SurveyChooserBlock): tell it every
        unit the blocks show, so their scores come in one query."""
        values = super().bulk_to_python(values)
        for value in values:
            survey, unit = value.get("survey"), value.get("unit")
            loader = getattr(survey, "results_loader", None)
            if loader is not None and unit is not None:
                loader.want_units([unit.pk])
        return values

    def clean(self, value):
        value = super().clean(value)
        survey, name = value.get("survey"), value.get("dimension")
        if survey is not None and name:
            names = [dimension.name for dimension in survey.dimensions.all()]
            if name.casefold() not in {n.casefold() for n in names}:
                raise StructBlockValidationError(
                    block_errors={
                        "dimension": ValidationError(
                            _("“%(name)s” is not a dimension of %(survey)s. Use one of: %(names)s.")
                            % {"name": name, "survey": survey, "names": ", ".join(names)}
                        )
                    }
                )
        return value

    def get_context(self, value, parent_context=None):
        from ..charts import trend_chart, unit_chart

        context = super().get_context(value, parent_context)
        survey, unit = value.get("survey"), value.get("unit")
        report = None
        if survey is not None and unit is not None:
            loader = getattr(survey, "results_loader", None)
            if loader is None:
                from ..survey_results import load_results

                loader = load_results([survey.pk])
            report = loader.unit_report(survey.pk, unit)
        context["report"] = report
        context["chart_id"] = f"we-chart-{uuid.uuid4().hex[:8]}"
        if report is not None:
            row = report.row_for(value["dimension"]) if value.get("dimension") else None
            context["row"] = row
            if row is not None:
                context["chart"] = trend_chart(report, row)
            elif report.rows:
                context["chart"] = unit_chart(report)
        return context


class FollowUpPlanBlock(blocks.StructBlock):
    """A unit's follow-up plan: the areas to keep and improve, actions and reviews."""

    plan = FollowUpPlanChooserBlock(label=_("Follow-up plan"))
    heading_level = HeadingLevelBlock(default="h2")

    class Meta:
        icon = "tasks"
        label = _("Follow-up plan")
        template = "wagtail_employer/blocks/follow_up_plan.html"
        description = _("What a unit keeps and improves after a survey, and who does what.")
