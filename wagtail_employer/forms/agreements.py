"""Leader agreement forms: the page form, creating one from a template, signing.

The models import this module (``base_form_class``), so models are imported lazily."""

from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminDateInput


def period_errors(leader, unit, start, end, exclude_pk=None):
    """Errors by field name for an agreement period: the end before the start, or a
    period that overlaps another agreement of the same leader and unit."""
    from ..models import LeaderAgreementPage

    if start and end and end < start:
        return {"period_end": _("The period cannot end before it starts.")}
    if not (leader and unit and start and end):
        return {}
    overlapping = (
        LeaderAgreementPage.objects.filter(
            leader=leader, unit=unit, period_start__lte=end, period_end__gte=start
        )
        .exclude(pk=exclude_pk)
        .order_by("period_start")
        .first()
    )
    if overlapping is None:
        return {}
    return {
        "period_start": _(
            "%(leader)s already has an agreement for %(unit)s for %(period)s, which overlaps "
            "this period."
        )
        % {
            "leader": overlapping.leader_name,
            "unit": unit.name,
            "period": overlapping.period_label,
        }
    }


def person_name(user):
    return user.get_full_name() or user.get_username()


def leader_choices(current_leader_id=None):
    """The people an agreement can be for: those who lead a unit (and the agreement's
    own leader, who may have left the unit since), by name."""
    from ..models import OrganisationUnit

    leaders = OrganisationUnit.objects.filter(leader__isnull=False).values("leader_id")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(models.Q(pk__in=leaders) | models.Q(pk=current_leader_id))
        .order_by("first_name", "last_name", "username")
    )


def not_yours_message():
    return _("You can only make agreements for yourself or for the leaders who report to you.")


def hr_owned_message(part):
    return _("You cannot change %(part)s: HR sets it. Suggest the change to HR in a comment.") % {
        "part": part
    }


def missing_sections_message(headings):
    return _(
        "These sections must be filled in before the agreement can be signed: %(sections)s."
    ) % {"sections": ", ".join(f"“{heading}”" for heading in headings)}


class LeaderAgreementPageForm(WagtailAdminPageForm):
    """Checks the period, refuses status changes that would bypass signing, and copies the
    chosen template's sections into a new agreement whose sections are left empty."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The status as stored, before this form changes it.
        self.original_status = self.instance.status if self.instance.pk else None
        if "leader" in self.fields:
            self.fields["leader"].queryset = leader_choices(self.instance.leader_id)
            self.fields["leader"].label_from_instance = person_name

    def clean(self):
        from ..blocks.agreements import empty_required_sections
        from ..models import AgreementStatus
        from ..privacy import is_hr, may_manage_agreement_for

        cleaned_data = super().clean()
        # Named before the checks below, which drop the fields they find fault with.
        hr_parts_changed = (
            self.changes_to_hr_parts(cleaned_data)
            if self.instance.pk and not is_hr(self.for_user)
            else []
        )
        errors = period_errors(
            cleaned_data.get("leader"),
            cleaned_data.get("unit"),
            cleaned_data.get("period_start"),
            cleaned_data.get("period_end"),
            exclude_pk=self.instance.pk,
        )
        for field, message in errors.items():
            self.add_error(field, message)
        leader, unit = cleaned_data.get("leader"), cleaned_data.get("unit")
        if leader and unit and not may_manage_agreement_for(self.for_user, leader, unit):
            self.add_error("leader", not_yours_message())

        status = cleaned_data.get("status")
        was_signed = self.original_status in (AgreementStatus.SIGNED, AgreementStatus.ARCHIVED)
        if status == AgreementStatus.SIGNED and not was_signed:
            self.add_error(
                "status",
                _(
                    "Use “Sign agreement” to sign it: that checks the required sections and "
                    "records who signed and when."
                ),
            )
        elif was_signed and status in (AgreementStatus.DRAFT, AgreementStatus.AGREED):
            self.add_error("status", _("A signed agreement can only be archived."))
        elif (
            status == AgreementStatus.ARCHIVED
            and self.original_status != AgreementStatus.ARCHIVED
            and not is_hr(self.for_user)
        ):
            # Archiving locks the agreement, so it is HR's decision.
            self.add_error("status", _("Only HR can archive an agreement."))
        elif was_signed and cleaned_data.get("body") is not None:
            missing = empty_required_sections(cleaned_data["body"])
            if missing:
                # On the form as a whole: the sections' own editors show block errors only.
                self.add_error(None, missing_sections_message(missing))
        for field, message in hr_parts_changed:
            self.add_error(field, message)
        self.follow_unit_leader_and_period(cleaned_data)
        return cleaned_data

    def follow_unit_leader_and_period(self, cleaned_data):
        """The title is made from the period, unit and leader, so it follows a change."""
        names = ("leader", "unit", "period_start", "period_end")
        if all(cleaned_data.get(name) for name in names):
            for name in names:
                setattr(self.instance, name, cleaned_data[name])
            if not self.instance.locale_id and self.parent_page is not None:
                self.instance.locale = self.parent_page.locale
            # The title is shown read-only, so it is set on the page, not taken from the form.
            self.instance.title = cleaned_data["title"] = self.instance.generated_title()

    def changes_to_hr_parts(self, cleaned_data):
        """(field, message) for each part HR owns that this form changes. The leader and
        the superior fill in their own parts; whatever the editor let them change, a
        change to a part HR owns is refused, naming the part."""
        from ..blocks.agreement_parts import HR_OWNED_FIELDS, hr_owned_changes

        refused = [
            (name, hr_owned_message(self.instance._meta.get_field(name).verbose_name))
            for name in HR_OWNED_FIELDS
            if name in cleaned_data and cleaned_data[name] != getattr(self.instance, name)
        ]
        if cleaned_data.get("body") is not None:
            refused += [
                (None, hr_owned_message(part))
                for part in hr_owned_changes(self.instance.body, cleaned_data["body"])
            ]
        return refused

    def save(self, commit=True):
        page = super().save(commit=False)
        if page.pk is None and page.agreement_template_id and not len(page.body):
            page.copy_from_template(page.agreement_template)
        if commit:
            page.save()
        return page


class CreateAgreementForm(forms.Form):
    """Start an agreement from a template: its sections are copied in to be filled in."""

    agreement_template = forms.ModelChoiceField(
        queryset=None, label=gettext_lazy("Template"), empty_label=None
    )
    unit = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Unit"))
    leader = forms.ModelChoiceField(
        queryset=None,
        label=gettext_lazy("Leader"),
        required=False,
        help_text=gettext_lazy("Leave empty for the unit's leader."),
    )
    period_start = forms.DateField(
        label=gettext_lazy("Period start"),
        widget=AdminDateInput,
        help_text=gettext_lazy("E.g. 1 January of the year the agreement is for."),
    )
    period_end = forms.DateField(label=gettext_lazy("Period end"), widget=AdminDateInput)
    access_level = forms.ChoiceField(label=gettext_lazy("Who may read it"), choices=())
    parent_page = forms.ModelChoiceField(
        queryset=None, label=gettext_lazy("Publish under"), empty_label=None
    )

    def __init__(self, *args, user, **kwargs):
        from ..models import (
            AccessLevel,
            AgreementTemplate,
            AgreementTemplateStatus,
            LeaderAgreementIndexPage,
            OrganisationUnit,
        )
        from ..privacy import default_access_level

        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["agreement_template"].queryset = AgreementTemplate.objects.filter(
            status=AgreementTemplateStatus.ACTIVE
        )
        self.fields["unit"].queryset = OrganisationUnit.objects.in_tree_order().select_related(
            "leader"
        )
        self.fields["unit"].label_from_instance = lambda unit: unit.indented_name
        self.fields["leader"].queryset = leader_choices()
        self.fields["leader"].label_from_instance = person_name
        self.fields["access_level"].choices = AccessLevel.choices
        self.fields["access_level"].initial = default_access_level()
        allowed = [
            index_page.pk
            for index_page in LeaderAgreementIndexPage.objects.all()
            if index_page.permissions_for_user(user).can_add_subpage()
        ]
        self.fields["parent_page"].queryset = LeaderAgreementIndexPage.objects.filter(
            pk__in=allowed
        )
        # No default period: an agreement is for the period its parties agree on, which is
        # as often next year as this one.

    def clean(self):
        from ..privacy import may_manage_agreement_for

        cleaned_data = super().clean()
        unit = cleaned_data.get("unit")
        if unit is not None and cleaned_data.get("leader") is None:
            if unit.leader is None:
                self.add_error(
                    "leader",
                    _("%(unit)s has no leader: choose the leader.") % {"unit": unit.name},
                )
            else:
                cleaned_data["leader"] = unit.leader
        leader = cleaned_data.get("leader")
        if leader and unit and not may_manage_agreement_for(self.user, leader, unit):
            self.add_error("leader", not_yours_message())
        for field, message in period_errors(
            cleaned_data.get("leader"),
            unit,
            cleaned_data.get("period_start"),
            cleaned_data.get("period_end"),
        ).items():
            self.add_error(field, message)
        return cleaned_data


class SignAgreementForm(forms.Form):
    """Records that the leader and the superior have signed, once every required section
    is filled in."""

    confirm = forms.BooleanField(
        label=gettext_lazy("The leader and the superior have agreed on and signed this text."),
        required=True,
    )

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = agreement

    def clean(self):
        from ..models import AgreementStatus

        cleaned_data = super().clean()
        if self.agreement.status in (AgreementStatus.SIGNED, AgreementStatus.ARCHIVED):
            raise forms.ValidationError(_("This agreement is already signed."))
        missing = self.agreement.empty_required_sections()
        if missing:
            raise forms.ValidationError(missing_sections_message(missing))
        return cleaned_data


class EndAgreementForm(forms.Form):
    """HR ends an agreement before its period ends: the leader left or changed jobs."""

    ended_on = forms.DateField(
        label=gettext_lazy("Last day of the agreement"), widget=AdminDateInput
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Why it ended, e.g. “Liv Leder moved to Hjemmetjenesten.”"),
    )

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = agreement

    def clean_ended_on(self):
        ended_on = self.cleaned_data["ended_on"]
        agreement = self.agreement
        if not agreement.period_start <= ended_on <= agreement.period_end:
            raise forms.ValidationError(
                _("The last day must be within the agreement's period, %(period)s.")
                % {"period": agreement.period_label}
            )
        return ended_on


class HandOverAgreementForm(forms.Form):
    """HR starts an agreement for the unit's new leader, for the rest of the period."""

    period_start = forms.DateField(label=gettext_lazy("Period start"), widget=AdminDateInput)
