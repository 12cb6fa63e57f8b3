"""The employer strategy (arbeidsgiverstrategi, seed 000): vision, the value set it rests
on, focus areas (goal, success factors, measures, indicators), period, adoption, and the
process that produced it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..api import ValueSetField
from ..blocks import EmployerStreamBlock
from ..blocks.methods import ProcessStepBlock
from ..blocks.strategy import IndicatorBlock
from .base import EmployerPageMixin
from .lifecycle import LIFECYCLE_API_FIELDS, PolicyLifecycleMixin
from .values import ValueSet


def _item_list(label):
    return [("item", blocks.CharBlock(label=label, max_length=300))]


class EmployerStrategyPage(PolicyLifecycleMixin, EmployerPageMixin, Page):
    """The employer strategy as one page; its focus areas can be shown on other pages."""

    intro = RichTextField(_("introduction"), blank=True)
    vision = models.TextField(
        _("vision"), blank=True, help_text=_("The municipality's vision, as adopted.")
    )
    value_set = models.ForeignKey(
        ValueSet,
        verbose_name=_("value set"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="strategy_pages",
        help_text=_("The shared values the strategy rests on."),
    )
    period_start = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    adopted_by = models.CharField(
        _("adopted by"), max_length=200, blank=True, help_text=_("E.g. Kommunestyret.")
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adoption_reference = models.CharField(_("case or reference"), max_length=100, blank=True)
    process = StreamField(
        [("step", ProcessStepBlock())],
        blank=True,
        use_json_field=True,
        verbose_name=_("process"),
        help_text=_("How the strategy was made: each step with its date and who took part."),
    )
    body = StreamField(
        EmployerStreamBlock(), blank=True, use_json_field=True, verbose_name=_("more content")
    )

    template = "wagtail_employer/pages/employer_strategy_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("vision"),
        FieldPanel("value_set"),
        InlinePanel("focus_areas", label=_("Focus area"), heading=_("Focus areas")),
        FieldPanel("body"),
    ]
    adoption_panels = [
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")], heading=_("Period")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("adopted_by"), FieldPanel("adopted_on")]),
                FieldPanel("adoption_reference"),
            ],
            heading=_("Adoption"),
        ),
        FieldPanel("process"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(adoption_panels, heading=_("Adoption and process")),
            ObjectList(PolicyLifecycleMixin.lifecycle_panels, heading=_("Policy")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("vision"),
        index.RelatedFields(
            "focus_areas",
            [
                index.SearchField("title"),
                index.SearchField("goal"),
                index.SearchField("success_factors"),
                index.SearchField("measures"),
                index.SearchField("indicators"),
            ],
        ),
        index.SearchField("body"),
    ]

    api_fields = [
        APIField("intro"),
        APIField("vision"),
        APIField("value_set", serializer=ValueSetField(source="localized_value_set")),
        APIField("period_start"),
        APIField("period_end"),
        APIField("adopted_by"),
        APIField("adopted_on"),
        APIField("adoption_reference"),
        APIField("focus_areas"),
        APIField("process"),
        APIField("body"),
        *[APIField(name) for name in LIFECYCLE_API_FIELDS],
    ]

    class Meta:
        verbose_name = _("employer strategy page")
        verbose_name_plural = _("employer strategy pages")

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})

    @cached_property
    def localized_value_set(self):
        """The value set in this page's language when a translation exists."""
        value_set = self.value_set
        if value_set is None or value_set.locale_id == self.locale_id:
            return value_set
        return value_set.get_translation_or_none(self.locale) or value_set

    def sorted_process(self):
        return sorted((block.value for block in self.process), key=lambda step: step["date"])


class StrategyFocusArea(Orderable):
    """One focus area (fokusområde / satsingsområde) of an employer strategy."""

    page = ParentalKey(EmployerStrategyPage, on_delete=models.CASCADE, related_name="focus_areas")
    title = models.CharField(_("title"), max_length=200)
    goal = models.TextField(_("goal"), help_text=_("What the municipality wants to achieve."))
    success_factors = StreamField(
        _item_list(_("Success factor")),
        blank=True,
        use_json_field=True,
        verbose_name=_("success factors"),
    )
    measures = StreamField(
        _item_list(_("Measure")), blank=True, use_json_field=True, verbose_name=_("measures")
    )
    indicators = StreamField(
        [("indicator", IndicatorBlock())],
        blank=True,
        use_json_field=True,
        verbose_name=_("indicators"),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("goal"),
        FieldPanel("success_factors"),
        FieldPanel("measures"),
        FieldPanel("indicators"),
    ]

    api_fields = [
        APIField("title"),
        APIField("goal"),
        APIField("success_factors"),
        APIField("measures"),
        APIField("indicators"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self):
        return f"{self.page.title}: {self.title}" if self.page_id else self.title

    @property
    def success_factor_texts(self):
        return [block.value for block in self.success_factors]

    @property
    def measure_texts(self):
        return [block.value for block in self.measures]
