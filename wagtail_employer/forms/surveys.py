"""Admin forms for employee surveys: the survey with its presets, and the results upload."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from ..models.surveys import Survey, preset_choices
from ..views.imports import ImportUploadForm


class SurveyForm(WagtailAdminModelForm):
    """A survey; a preset fills in provider, scale, follow-up counts and dimensions."""

    preset = forms.ChoiceField(
        label=_("Start from"),
        required=False,
        help_text=_(
            "Fills in the provider, the scale, the follow-up counts and the dimensions of a "
            "known survey, when the survey has no dimensions yet. Leave empty to enter them "
            "yourself."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "preset" in self.fields:
            self.fields["preset"].choices = [("", _("No preset")), *preset_choices()]

    def clean(self):
        cleaned = super().clean()
        preset = cleaned.get("preset")
        if preset and "dimensions" in self.formsets:
            kept = [
                form
                for form in self.formsets["dimensions"].forms
                if form.has_changed() and not getattr(form, "cleaned_data", {}).get("DELETE")
            ]
            if kept or (self.instance.pk and self.instance.dimensions.exists()):
                self.add_error(
                    "preset",
                    _("The survey already has dimensions; a preset only fills an empty list."),
                )
        return cleaned

    def save(self, commit=True):
        survey = super().save(commit=commit)
        preset = self.cleaned_data.get("preset")
        if commit and preset:
            survey.apply_preset(preset)
        return survey


class SurveyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.year}, {obj.get_provider_display()})"


class SurveyResultsUploadForm(ImportUploadForm):
    survey = SurveyChoiceField(
        label=_("Survey"),
        queryset=Survey.objects.all(),
        help_text=_("The survey whose results the file holds."),
    )
    field_order = ["survey", "file"]
