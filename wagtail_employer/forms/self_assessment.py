"""The self-assessment form: a unit, a date, and for every commitment of the policy a
score, a comment and an improvement action (what, who, by when)."""

from django import forms
from django.db import transaction
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

FIELDS_PER_COMMITMENT = ("score", "comment", "action", "action_responsible", "action_due")


class CommitmentRow:
    """One commitment's fields, for the template."""

    def __init__(self, form, commitment):
        self.commitment = commitment
        self.fields = [form[form.field_name(name, commitment)] for name in FIELDS_PER_COMMITMENT]
        self.score, self.comment, self.action, self.action_responsible, self.action_due = (
            self.fields
        )

    @property
    def errors(self):
        return [error for field in self.fields for error in field.errors]


class SelfAssessmentForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=None, label=_("Unit"))
    assessed_on = forms.DateField(label=_("Assessed on"), widget=AdminDateInput)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: what the unit learnt, and how the assessment was done."),
    )

    def __init__(self, *args, policy, instance=None, **kwargs):
        from ..models import OrganisationUnit
        from ..viewsets import unit_chooser_viewset

        self.policy = policy
        self.instance = instance
        scores = instance.scores_by_commitment() if instance else {}
        initial = kwargs.pop("initial", {}) or {}
        if instance:
            initial.update(
                unit=instance.unit_id, assessed_on=instance.assessed_on, summary=instance.summary
            )
            for commitment in self.commitments:
                score = scores.get(commitment.pk)
                if score:
                    for name in FIELDS_PER_COMMITMENT:
                        initial[self.field_name(name, commitment)] = getattr(score, name)
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["unit"].queryset = OrganisationUnit.objects.all()
        self.fields["unit"].widget = unit_chooser_viewset.widget_class()
        scale_choices = [("", gettext("Not assessed"))] + [
            (str(value), self._scale_label(value)) for value in policy.scale
        ]
        for commitment in self.commitments:
            code = commitment.code
            self.fields[self.field_name("score", commitment)] = forms.CharField(
                label=gettext("Score for %(code)s") % {"code": code},
                required=False,
                widget=forms.Select(choices=scale_choices),
            )
            self.fields[self.field_name("comment", commitment)] = forms.CharField(
                label=gettext("Comment on %(code)s") % {"code": code},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[self.field_name("action", commitment)] = forms.CharField(
                label=gettext("Improvement action for %(code)s: what") % {"code": code},
                required=False,
                max_length=300,
            )
            self.fields[self.field_name("action_responsible", commitment)] = forms.CharField(
                label=gettext("Improvement action for %(code)s: who") % {"code": code},
                required=False,
                max_length=200,
            )
            self.fields[self.field_name("action_due", commitment)] = forms.DateField(
                label=gettext("Improvement action for %(code)s: by when") % {"code": code},
                required=False,
                widget=AdminDateInput,
            )

    @staticmethod
    def field_name(name, commitment):
        return f"{name}_{commitment.pk}"

    def _scale_label(self, value):
        policy = self.policy
        if value == policy.scale_min and policy.scale_min_label:
            return f"{value} – {policy.scale_min_label}"
        if value == policy.scale_max and policy.scale_max_label:
            return f"{value} – {policy.scale_max_label}"
        return str(value)

    @cached_property
    def commitments(self):
        from ..models import Commitment

        return list(
            Commitment.objects.filter(focus_area__policy=self.policy)
            .select_related("focus_area")
            .order_by("number")
        )

    def error_summary(self):
        """(field id, message) for every error, each naming what it is about: the
        commitment messages start with its code, the others get their field's label."""
        summary = []
        for field in self:
            for error in field.errors:
                if field.name in self.base_fields:
                    error = f"{field.label}: {error}"
                summary.append((field.id_for_label, error))
        return summary

    def commitment_rows(self):
        return [CommitmentRow(self, commitment) for commitment in self.commitments]

    def clean(self):
        cleaned_data = super().clean()
        low, high = self.policy.scale_min, self.policy.scale_max
        for commitment in self.commitments:
            name = self.field_name("score", commitment)
            raw = (cleaned_data.get(name) or "").strip()
            if not raw:
                cleaned_data[name] = None
            elif not raw.isdigit() or not low <= int(raw) <= high:
                self.add_error(
                    name,
                    gettext(
                        "%(code)s: the score must be a whole number from %(low)d to %(high)d, "
                        "or “Not assessed”; “%(value)s” is not."
                    )
                    % {"code": commitment.code, "low": low, "high": high, "value": raw},
                )
            else:
                cleaned_data[name] = int(raw)
            action = cleaned_data.get(self.field_name("action", commitment))
            who = cleaned_data.get(self.field_name("action_responsible", commitment))
            due = cleaned_data.get(self.field_name("action_due", commitment))
            if (who or due) and not action:
                self.add_error(
                    self.field_name("action", commitment),
                    gettext("%(code)s: say what the improvement action is.")
                    % {"code": commitment.code},
                )
        unit, assessed_on = cleaned_data.get("unit"), cleaned_data.get("assessed_on")
        if unit and assessed_on:
            from ..models import SelfAssessment

            others = SelfAssessment.objects.filter(
                policy=self.policy, unit=unit, assessed_on=assessed_on
            )
            if self.instance:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error(
                    "assessed_on",
                    gettext(
                        "%(unit)s already has a self-assessment against this policy on this "
                        "date; edit that one instead."
                    )
                    % {"unit": unit},
                )
        return cleaned_data

    @transaction.atomic
    def save(self, user):
        from ..models import CommitmentScore, SelfAssessment

        assessment = self.instance or SelfAssessment(policy=self.policy, recorded_by=user)
        assessment.unit = self.cleaned_data["unit"]
        assessment.assessed_on = self.cleaned_data["assessed_on"]
        assessment.summary = self.cleaned_data["summary"]
        scores = assessment.scores_by_commitment() if assessment.pk else {}
        rows = []
        for commitment in self.commitments:
            values = {
                name: self.cleaned_data.get(self.field_name(name, commitment))
                for name in FIELDS_PER_COMMITMENT
            }
            values = {name: ("" if value is None else value) for name, value in values.items()}
            values["score"] = values["score"] if values["score"] != "" else None
            values["action_due"] = values["action_due"] or None
            if values["score"] is None and not any(
                values[name] for name in FIELDS_PER_COMMITMENT[1:]
            ):
                continue
            row = scores.get(commitment.pk) or CommitmentScore(commitment=commitment)
            for name, value in values.items():
                setattr(row, name, value)
            rows.append(row)
        assessment.scores = rows
        assessment.save()
        return assessment
