"""The service policy page: one policy, how it is used, and optionally where each unit
stands by its latest self-assessment."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..api import ServicePolicyField
from ..blocks import EmployerStreamBlock
from .base import EmployerPageMixin
from .lifecycle import LIFECYCLE_API_FIELDS, PolicyLifecycleMixin, policy_edit_handler
from .self_assessment import SelfAssessment
from .service_policy import ServicePolicy, policies_with_parts


class ServicePolicyPage(PolicyLifecycleMixin, EmployerPageMixin, Page):
    """Presents one service policy to staff."""

    intro = RichTextField(_("introduction"), blank=True)
    policy = models.ForeignKey(
        ServicePolicy,
        verbose_name=_("service policy"),
        on_delete=models.PROTECT,
        related_name="pages",
    )
    show_exemplar_units = models.BooleanField(
        _("show the units each focus area was drawn from"), default=True
    )
    show_usages = models.BooleanField(_("show how we use it"), default=True)
    show_self_assessments = models.BooleanField(
        _("show the units' self-assessments"),
        default=False,
        help_text=_(
            "Shows everyone who can read this page a table of each unit's latest "
            "self-assessment against the policy."
        ),
    )
    body = StreamField(
        EmployerStreamBlock(), blank=True, use_json_field=True, verbose_name=_("more content")
    )

    template = "wagtail_employer/pages/service_policy_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("policy"),
        FieldPanel("show_exemplar_units"),
        FieldPanel("show_usages"),
        FieldPanel("show_self_assessments"),
        FieldPanel("body"),
    ]
    edit_handler = policy_edit_handler(content_panels)

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.RelatedFields(
            "policy",
            [
                index.SearchField("title"),
                index.SearchField("slogan"),
                index.RelatedFields(
                    "focus_areas",
                    [
                        index.SearchField("title"),
                        index.RelatedFields("commitments", [index.SearchField("text")]),
                    ],
                ),
            ],
        ),
    ]

    api_fields = [
        APIField("intro"),
        APIField("policy", serializer=ServicePolicyField(source="localized_policy")),
        APIField("body"),
        *[APIField(name) for name in LIFECYCLE_API_FIELDS],
    ]

    class Meta:
        verbose_name = _("service policy page")
        verbose_name_plural = _("service policy pages")

    @cached_property
    def localized_policy(self):
        """The policy in this page's language when a translation exists, with its focus
        areas, commitments, exemplar units and uses fetched at once."""
        policy = self.policy
        if policy.locale_id != self.locale_id:
            policy = policy.get_translation_or_none(self.locale) or policy
        return policies_with_parts().get(pk=policy.pk)

    def get_self_assessment_overview(self):
        if not self.show_self_assessments:
            return None
        return SelfAssessmentOverview(self.localized_policy)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["policy"] = self.localized_policy
        context["assessment_overview"] = self.get_self_assessment_overview()
        return context


class SelfAssessmentOverview:
    """Units × commitments: each unit's latest scores, and the mean per commitment."""

    def __init__(self, policy):
        self.policy = policy
        self.commitments = policy.all_commitments()
        self.rows = []
        for assessment in SelfAssessment.objects.latest_per_unit(policy):
            scores = assessment.scores_by_commitment()
            self.rows.append(
                (assessment, [scores.get(commitment.pk) for commitment in self.commitments])
            )

    def __bool__(self):
        return bool(self.rows)

    @property
    def means(self):
        means = []
        for column, _commitment in enumerate(self.commitments):
            values = [
                cells[column].score
                for _assessment, cells in self.rows
                if cells[column] is not None and cells[column].score is not None
            ]
            means.append(sum(values) / len(values) if values else None)
        return means

    @property
    def actions(self):
        """Improvement actions in the latest assessments: [(assessment, [(commitment,
        score)])], units without actions left out."""
        result = []
        for assessment, cells in self.rows:
            with_actions = [
                (commitment, cell)
                for commitment, cell in zip(self.commitments, cells, strict=True)
                if cell is not None and cell.action
            ]
            if with_actions:
                result.append((assessment, with_actions))
        return result
