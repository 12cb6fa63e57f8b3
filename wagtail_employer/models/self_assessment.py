"""Unit self-assessment against the service policy: a leader scores, for a unit and a
date, each commitment on the policy's scale, with a comment and an improvement action.

The seed describes units visiting and assessing each other on paper (internrevisjon);
this records the result so a policy page can show where each unit stands."""

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from .org import OrganisationUnit
from .service_policy import Commitment, ServicePolicy


class SelfAssessmentQuerySet(models.QuerySet):
    def latest_per_unit(self, policy):
        """The newest assessment of each unit for ``policy``, in tree order, with their
        scores: three queries whatever the number of units."""
        assessments = (
            self.filter(policy=policy)
            .select_related("unit")
            .prefetch_related("scores")
            .order_by("unit__tree_path", "-assessed_on", "-pk")
        )
        latest = {}
        for assessment in assessments:
            latest.setdefault(assessment.unit_id, assessment)
        return list(latest.values())


class SelfAssessment(ClusterableModel):
    """One unit's assessment of itself against one policy on one date.

    A ClusterableModel so that Wagtail's reference index records the unit, the policy
    and the commitments it refers to: their usage views list it, and they cannot be
    deleted from under it."""

    policy = models.ForeignKey(
        ServicePolicy,
        verbose_name=_("service policy"),
        on_delete=models.PROTECT,
        related_name="self_assessments",
    )
    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="service_self_assessments",
    )
    assessed_on = models.DateField(_("assessed on"))
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SelfAssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["-assessed_on", "unit__tree_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "unit", "assessed_on"],
                name="wagtail_employer_one_self_assessment_per_unit_and_day",
            )
        ]

    def __str__(self):
        return _("%(unit)s, %(date)s") % {
            "unit": self.unit,
            "date": date_format(self.assessed_on, "SHORT_DATE_FORMAT"),
        }

    def scores_by_commitment(self):
        return {score.commitment_id: score for score in self.scores.all()}


class CommitmentScore(models.Model):
    """The score a unit gave itself on one commitment, and what it will do about it."""

    assessment = ParentalKey(SelfAssessment, on_delete=models.CASCADE, related_name="scores")
    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.PROTECT,
        related_name="scores",
    )
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    action = models.CharField(_("improvement action"), max_length=300, blank=True)
    action_responsible = models.CharField(_("who"), max_length=200, blank=True)
    action_due = models.DateField(_("by when"), null=True, blank=True)

    class Meta:
        verbose_name = _("commitment score")
        verbose_name_plural = _("commitment scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "commitment"],
                name="wagtail_employer_one_score_per_commitment",
            )
        ]

    def __str__(self):
        return f"{self.commitment_id}: {self.score}"

    @property
    def has_action(self):
        return bool(self.action)
