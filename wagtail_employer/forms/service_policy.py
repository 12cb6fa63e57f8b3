"""The service policy form: rules that span the policy and its rows (scale, validity,
links, and commitments that assessments have already scored)."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from .values import kept_forms


def _deleted(form):
    return bool(form.cleaned_data.get("DELETE")) if hasattr(form, "cleaned_data") else False


class ServicePolicyForm(WagtailAdminModelForm):
    def clean(self):
        cleaned_data = super().clean()
        self._check_scale(cleaned_data)
        valid_from, valid_to = cleaned_data.get("valid_from"), cleaned_data.get("valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            self.add_error("valid_to", _("“Valid to” cannot be before “valid from”."))
        previous = cleaned_data.get("previous_version")
        if previous is not None and self.instance.pk and previous.pk == self.instance.pk:
            self.add_error("previous_version", _("A policy cannot be its own previous version."))
        usages = self.formsets.get("usages")
        if usages is not None and usages.is_valid():
            for form in kept_forms(usages):
                if form.cleaned_data.get("link_page") and form.cleaned_data.get("link_url"):
                    form.add_error("link_url", _("Link to a page or give a web address, not both."))
        self._check_scored_commitments_are_kept()
        return cleaned_data

    def _check_scale(self, cleaned_data):
        low, high = cleaned_data.get("scale_min"), cleaned_data.get("scale_max")
        if low is None or high is None:
            return
        if low >= high:
            self.add_error("scale_max", _("The highest score must be above the lowest."))
            return
        if not self.instance.pk:
            return
        from ..models import CommitmentScore

        outside = (
            CommitmentScore.objects.filter(assessment__policy=self.instance)
            .exclude(score__isnull=True)
            .exclude(score__gte=low, score__lte=high)
        )
        if outside.exists():
            self.add_error(
                "scale_max",
                _(
                    "Recorded self-assessments have scores outside %(low)d–%(high)d. "
                    "Start a new version of the policy to change its scale."
                )
                % {"low": low, "high": high},
            )

    def _check_scored_commitments_are_kept(self):
        """A commitment that a unit has scored cannot be removed: its scores would go."""
        if not self.instance.pk:
            return
        from ..models import CommitmentScore

        scored = set(
            CommitmentScore.objects.filter(assessment__policy=self.instance).values_list(
                "commitment_id", flat=True
            )
        )
        if not scored:
            return
        areas = self.formsets.get("focus_areas")
        if areas is None:
            return
        message = _(
            "Commitment %(number)d has scores in recorded self-assessments and cannot be "
            "removed. Start a new version of the policy instead."
        )
        areas.errors  # noqa: B018  (cleans the rows, so DELETE can be read)
        for area_form in areas.forms:
            commitments = area_form.formsets.get("commitments")
            if commitments is None:
                continue
            commitments.errors  # noqa: B018
            area_deleted = _deleted(area_form)
            for form in commitments.forms:
                instance = form.instance
                if instance.pk in scored and (area_deleted or _deleted(form)):
                    error = message % {"number": instance.number}
                    form.add_error(None, error)
                    if area_deleted:
                        area_form.add_error(None, error)
                    self.add_error(None, error)
