"""Follow-up plans (oppfølgingsplan / handlingsplan) after an employee survey.

Each unit picks the dimensions to keep and to improve (10-FAKTOR: one and one;
Nesodden 2012: three and three, see ``Survey.keep_count``/``improve_count``), writes
actions with an owner and a deadline, and reviews them with the union and safety
representatives.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Orderable


class FocusKind(models.TextChoices):
    KEEP = "keep", _("Keep")
    IMPROVE = "improve", _("Improve")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


OPEN_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


class FollowUpPlanQuerySet(models.QuerySet):
    def with_overdue_actions(self, today=None):
        today = today or timezone.localdate()
        return self.filter(
            actions__due_date__lt=today, actions__status__in=OPEN_STATUSES
        ).distinct()


class FollowUpPlanForm(WagtailAdminModelForm):
    """Checks what a row-by-row form cannot: focus dimensions from the plan's survey,
    within the survey's counts, each once; actions tied to a chosen focus area."""

    def clean(self):
        cleaned = super().clean()
        survey = cleaned.get("survey")
        if survey is None:
            return cleaned
        focus_forms = [
            form
            for form in self.formsets["focus_areas"].forms
            if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        seen = set()
        counts = {FocusKind.KEEP: 0, FocusKind.IMPROVE: 0}
        for form in focus_forms:
            dimension = form.cleaned_data.get("dimension")
            if dimension is None:
                continue
            if dimension.survey_id != survey.pk:
                form.add_error("dimension", _("Choose a dimension of the plan's survey."))
            elif dimension.pk in seen:
                form.add_error("dimension", _("Each dimension can be chosen once."))
            seen.add(dimension.pk)
            kind = form.cleaned_data.get("kind")
            counts[kind] = counts.get(kind, 0) + 1
        limits = {FocusKind.KEEP: survey.keep_count, FocusKind.IMPROVE: survey.improve_count}
        for kind, limit in limits.items():
            if counts.get(kind, 0) > limit:
                self.add_error(
                    None,
                    _("“%(survey)s” asks for at most %(count)s areas to %(kind)s.")
                    % {"survey": survey, "count": limit, "kind": FocusKind(kind).label.lower()},
                )
        for form in self.formsets["actions"].forms:
            if not (form.is_valid() and form.cleaned_data) or form.cleaned_data.get("DELETE"):
                continue
            dimension = form.cleaned_data.get("dimension")
            if dimension is not None and dimension.pk not in seen:
                form.add_error("dimension", _("Choose one of the plan's focus areas."))
        return cleaned


class FollowUpPlan(ClusterableModel):
    """One unit's follow-up of one survey."""

    survey = models.ForeignKey(
        "wagtail_employer.Survey",
        verbose_name=_("survey"),
        on_delete=models.CASCADE,
        related_name="follow_up_plans",
    )
    unit = models.ForeignKey(
        "wagtail_employer.OrganisationUnit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="follow_up_plans",
    )
    leader = models.CharField(_("leader"), max_length=200, blank=True)
    union_representative = models.CharField(_("union representative"), max_length=200, blank=True)
    safety_representative = models.CharField(_("safety representative"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    objects = FollowUpPlanQuerySet.as_manager()
    base_form_class = FollowUpPlanForm

    class Meta:
        verbose_name = _("follow-up plan")
        verbose_name_plural = _("follow-up plans")
        ordering = ["-survey__year", "unit__tree_path"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "unit"], name="we_follow_up_unique_unit")
        ]

    def __str__(self):
        return _("%(unit)s: follow-up of %(survey)s") % {"unit": self.unit, "survey": self.survey}

    def overdue_actions(self, today=None):
        today = today or timezone.localdate()
        return [action for action in self.actions.all() if action.is_overdue(today)]

    @property
    def focus_groups(self):
        """(heading, focus areas) for keep, then improve; from the prefetched areas."""
        areas = list(self.focus_areas.all())
        return [
            (_("Areas to keep"), [area for area in areas if area.kind == FocusKind.KEEP]),
            (_("Areas to improve"), [area for area in areas if area.kind == FocusKind.IMPROVE]),
        ]

    @property
    def overdue_count(self):
        return len(self.overdue_actions())


class FollowUpFocus(Orderable):
    """A dimension the unit chose to keep or to improve, with its goal."""

    plan = ParentalKey(FollowUpPlan, on_delete=models.CASCADE, related_name="focus_areas")
    kind = models.CharField(_("keep or improve"), max_length=10, choices=FocusKind.choices)
    dimension = models.ForeignKey(
        "wagtail_employer.SurveyDimension",
        verbose_name=_("dimension"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    goal = models.CharField(_("goal"), max_length=300, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")


class FollowUpAction(Orderable):
    """What will be done, by whom and by when."""

    plan = ParentalKey(FollowUpPlan, on_delete=models.CASCADE, related_name="actions")
    dimension = models.ForeignKey(
        "wagtail_employer.SurveyDimension",
        verbose_name=_("focus area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    what = models.CharField(_("what"), max_length=300)
    who = models.CharField(_("who"), max_length=200)
    due_date = models.DateField(_("by when"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )

    class Meta(Orderable.Meta):
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.status != ActionStatus.DONE and self.due_date < today


class FollowUpReview(Orderable):
    """A review meeting (quarterly for 10-FAKTOR)."""

    plan = ParentalKey(FollowUpPlan, on_delete=models.CASCADE, related_name="reviews")
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["date"]
