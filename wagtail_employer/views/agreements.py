"""Admin views of leader agreements: create one from a template, sign it, start next
year's from it, and export the HR overview."""

import datetime

import tablib
from django import forms
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..blocks.agreement_parts import next_period_body, template_changes
from ..forms.agreements import (
    CreateAgreementForm,
    EndAgreementForm,
    HandOverAgreementForm,
    SignAgreementForm,
    period_errors,
)
from ..imports.formulae import escape_dataset
from ..models import (
    AgreementEnding,
    AgreementStatus,
    AgreementTemplate,
    Coverage,
    LeaderAgreementPage,
    OrganisationUnit,
    UnitKind,
)
from ..models.agreements import period_label
from ..models.org import PATH_SEGMENT_WIDTH
from ..privacy import can_manage_agreement, can_sign_agreement, is_hr, managed_agreements_for
from ..roles import units_led_by
from .exports import EXPORT_FORMATS
from .refusal import refuse

# The HR overview (a wagtail-modeladmin listing).
LEADER_AGREEMENT_OVERVIEW_URL_NAME = "wagtail_employer_leaderagreementpage_modeladmin_index"


def unique_slug(parent, title):
    base = slugify(title)[:200] or "agreement"
    siblings = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in siblings:
        slug, number = f"{base}-{number}", number + 1
    return slug


def add_agreement(parent, agreement, user):
    """Adds ``agreement`` under ``parent`` and publishes it as a first revision, so the
    leader and the superior can read it at once (it is private to them)."""
    agreement.locale = parent.locale
    agreement.title = agreement.generated_title()
    agreement.slug = unique_slug(parent, agreement.title)
    agreement.owner = user
    parent.add_child(instance=agreement)
    agreement.save_revision(user=user, log_action=True).publish(user=user)
    return agreement


def continue_agreement(form, source, leader, period, template, body, user):
    """A draft agreement for ``leader`` and ``source``'s unit over ``period`` (start, end),
    on ``template`` (or, when it is gone, ``body`` as it stands), with the parts the parties
    own carried over from ``body``: next year's, or a new leader's. None, with the errors
    on ``form``, when the period clashes with another agreement."""
    start, end = period
    errors = period_errors(leader, source.unit, start, end)
    for message in errors.values():
        form.add_error(None, message)
    if errors:
        return None
    agreement = LeaderAgreementPage(
        leader=leader,
        unit=source.unit,
        period_start=start,
        period_end=end,
        access_level=source.access_level,
        status=AgreementStatus.DRAFT,
        agreement_template=template,
        body=next_period_body(
            template.body if template is not None else body,
            body,
            (source.period_start, source.period_end),
            period,
        ),
    )
    with transaction.atomic():
        add_agreement(source.get_parent(), agreement, user)
    return agreement


class AgreementAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "doc-full-inverse"

    def refuse(self):
        return refuse(self.request)


class MyAgreementsView(AgreementAdminMixin, TemplateView):
    """The agreements the user manages, a leader's way in: their own and those of the
    leaders reporting to them (HR: every agreement), each with what the user may do."""

    template_name = "wagtail_employer/admin/my_agreements.html"
    page_title = gettext_lazy("My leader agreements")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        agreements = (
            managed_agreements_for(user)
            .select_related("unit", "leader", "locale")
            .order_by("-period_start", "unit__tree_path")
        )
        rows = []
        for agreement in agreements:
            permissions = agreement.permissions_for_user(user)
            rows.append(
                {
                    "agreement": agreement,
                    "can_edit": permissions.can_edit(),
                    "can_sign": agreement.status
                    not in (AgreementStatus.SIGNED, AgreementStatus.ARCHIVED)
                    and can_sign_agreement(user, agreement),
                }
            )
        context["rows"] = rows
        context["can_create"] = is_hr(user) or units_led_by(user).exists()
        return context


class CreateAgreementView(AgreementAdminMixin, FormView):
    """Copies a template's sections into a new agreement, then opens it for filling in."""

    form_class = CreateAgreementForm
    template_name = "wagtail_employer/admin/agreement_create.html"
    page_title = gettext_lazy("New leader agreement")

    def dispatch(self, request, *args, **kwargs):
        # Only HR and leaders make agreements (a leader for themselves and for the
        # leaders reporting to them); the form lists every unit and every active user,
        # which nobody else needs to see.
        user = request.user
        if not (
            user.has_perm("wagtailadmin.access_admin")
            and (is_hr(user) or units_led_by(user).exists())
        ):
            return self.refuse()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        template_id = self.request.GET.get("template")
        if template_id and template_id.isdigit():
            initial["agreement_template"] = template_id
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        agreement = LeaderAgreementPage(
            leader=data["leader"],
            unit=data["unit"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            access_level=data["access_level"],
            status=AgreementStatus.DRAFT,
        )
        agreement.copy_from_template(data["agreement_template"])
        with transaction.atomic():
            add_agreement(data["parent_page"], agreement, self.request.user)
        messages.success(
            self.request,
            _("“%(title)s” was created from the template. Fill it in below.")
            % {"title": agreement.title},
        )
        return redirect("wagtailadmin_pages:edit", agreement.pk)


class AgreementActionView(AgreementAdminMixin, FormView):
    """An action on one agreement, by someone who may manage it."""

    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(LeaderAgreementPage, pk=kwargs["page_id"])
        # The latest revision: what the editors last saved, published or not.
        self.agreement = page.get_latest_revision_as_object()
        self.live_agreement = page
        if not self.has_permission(request.user):
            return self.refuse()
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self, user):
        return can_manage_agreement(user, self.live_agreement)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["agreement"] = self.agreement
        context["edit_url"] = reverse("wagtailadmin_pages:edit", args=[self.agreement.pk])
        return context


class SignAgreementView(AgreementActionView):
    form_class = SignAgreementForm
    template_name = "wagtail_employer/admin/agreement_sign.html"
    page_title = gettext_lazy("Sign leader agreement")

    def has_permission(self, user):
        # Publishing the signed text needs Wagtail's publish permission as well.
        return can_sign_agreement(user, self.live_agreement) and (
            self.live_agreement.permissions_for_user(user).can_publish()
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["agreement"] = self.agreement
        return kwargs

    def form_valid(self, form):
        agreement = self.agreement
        agreement.status = AgreementStatus.SIGNED
        agreement.signed_by = self.request.user
        agreement.signed_at = timezone.now()
        with transaction.atomic():
            revision = agreement.save_revision(user=self.request.user, log_action=True)
            # Checked above, on the agreement as it was: once signed, only HR may publish.
            revision.publish(user=self.request.user, skip_permission_checks=True)
        messages.success(self.request, _("“%(title)s” is signed.") % {"title": agreement.title})
        return redirect(agreement.url or reverse("wagtailadmin_pages:edit", args=[agreement.pk]))


def next_period(start, end):
    """The same period one year later (29 February becomes 28 February)."""

    def shift(day):
        try:
            return day.replace(year=day.year + 1)
        except ValueError:
            return day.replace(year=day.year + 1, day=28)

    return shift(start), shift(end)


class NextYearAgreementView(AgreementActionView):
    """Starts next period's agreement from this one: same leader, unit and access level,
    the sections of the template version in use for the new period (headings following
    the period), the parties' own parts carried over from this agreement, status draft."""

    form_class = forms.Form
    template_name = "wagtail_employer/admin/agreement_next_year.html"
    page_title = gettext_lazy("Start next year's agreement")

    def has_permission(self, user):
        parent = self.live_agreement.get_parent()
        return (
            can_manage_agreement(user, self.live_agreement)
            and parent.permissions_for_user(user).can_add_subpage()
        )

    @cached_property
    def next_period(self):
        return next_period(self.agreement.period_start, self.agreement.period_end)

    @cached_property
    def template_in_use(self):
        """The template version in use when the new period starts, or None."""
        return (
            AgreementTemplate.objects.in_use_on(self.next_period[0]).order_by("-valid_from").first()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next_start"], context["next_end"] = self.next_period
        context["template_in_use"] = self.template_in_use
        context["previous_template"] = self.agreement.agreement_template
        context["no_template_message"] = no_template_in_use_message(self.next_period[0])
        if self.template_in_use is not None:
            previous = self.agreement.agreement_template
            context["template_changes"] = (
                template_changes(previous.body, self.template_in_use.body)
                if previous is not None and previous.pk != self.template_in_use.pk
                else []
            )
        return context

    def form_valid(self, form):
        source = self.agreement
        start, end = self.next_period
        template = self.template_in_use
        if template is None:
            form.add_error(None, no_template_in_use_message(start))
            return self.form_invalid(form)
        agreement = continue_agreement(
            form, source, source.leader, (start, end), template, source.body, self.request.user
        )
        if agreement is None:
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("“%(title)s” was started from %(template)s and last year's agreement.")
            % {"title": agreement.title, "template": template},
        )
        return redirect("wagtailadmin_pages:edit", agreement.pk)


def no_template_in_use_message(day):
    return _(
        "No version of the agreement template is in use on %(date)s. HR must put a version "
        "in use for the new period first."
    ) % {"date": date_format(day, "SHORT_DATE_FORMAT")}


class HRAgreementActionView(AgreementActionView):
    """An action on an agreement that only HR takes."""

    def has_permission(self, user):
        return is_hr(user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overview_url"] = reverse(LEADER_AGREEMENT_OVERVIEW_URL_NAME)
        return context


class EndAgreementView(HRAgreementActionView):
    """Ends an agreement early, with a note: its leader left the unit or changed jobs.
    From the day after, the unit counts as without an agreement until its new leader has
    one."""

    form_class = EndAgreementForm
    template_name = "wagtail_employer/admin/agreement_end.html"
    page_title = gettext_lazy("End the agreement early")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["agreement"] = self.live_agreement
        return kwargs

    def form_valid(self, form):
        agreement = self.live_agreement
        if AgreementEnding.objects.filter(agreement=agreement).exists():
            form.add_error(None, _("This agreement has already been ended."))
            return self.form_invalid(form)
        AgreementEnding.objects.create(
            agreement=agreement,
            ended_on=form.cleaned_data["ended_on"],
            note=form.cleaned_data["note"],
            ended_by=self.request.user,
        )
        messages.success(
            self.request,
            _("“%(title)s” ends on %(date)s.")
            % {
                "title": agreement.title,
                "date": date_format(form.cleaned_data["ended_on"], "SHORT_DATE_FORMAT"),
            },
        )
        return redirect(LEADER_AGREEMENT_OVERVIEW_URL_NAME)


class HandOverAgreementView(HRAgreementActionView):
    """Starts an agreement for the unit's new leader, for the rest of the period, on the
    same template, with the local goals and the other parts the parties own carried
    over from the agreement of the leader before."""

    form_class = HandOverAgreementForm
    template_name = "wagtail_employer/admin/agreement_hand_over.html"
    page_title = gettext_lazy("Start an agreement for the new leader")

    @cached_property
    def new_leader(self):
        leader = self.live_agreement.unit.leader
        return leader if leader is not None and leader != self.live_agreement.leader else None

    def get_initial(self):
        agreement = self.live_agreement
        ending = getattr(agreement, "ending", None) if hasattr(agreement, "ending") else None
        start = ending.ended_on + datetime.timedelta(days=1) if ending else agreement.period_start
        return {"period_start": min(start, agreement.period_end)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["new_leader"] = self.new_leader
        return context

    def form_valid(self, form):
        source = self.live_agreement
        start, end = form.cleaned_data["period_start"], source.period_end
        if self.new_leader is None:
            form.add_error(
                None,
                _("%(unit)s has no new leader registered.") % {"unit": source.unit.name},
            )
            return self.form_invalid(form)
        if not source.period_start <= start <= end:
            form.add_error(
                "period_start",
                _("The start must be within the agreement's period, %(period)s.")
                % {"period": source.period_label},
            )
            return self.form_invalid(form)
        agreement = continue_agreement(
            form,
            source,
            self.new_leader,
            (start, end),
            source.agreement_template,
            source.get_latest_revision_as_object().body,
            self.request.user,
        )
        if agreement is None:
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("“%(title)s” was started with the local goals of %(leader)s's agreement.")
            % {"title": agreement.title, "leader": source.leader_name},
        )
        return redirect("wagtailadmin_pages:edit", agreement.pk)


def export_agreements(request, file_format):
    """The HR overview as CSV or XLSX, with the overview's filters applied: one row per
    agreement, then one per unit with no agreement for the period; headers and labels
    in the reader's language, dates as dates."""
    from ..modeladmin import filtered_agreements, overview_coverage

    if file_format not in EXPORT_FORMATS:
        raise Http404
    if not is_hr(request.user):
        return refuse(request)
    agreements = filtered_agreements(request).select_related("unit__leader", "ending")
    period, rows = overview_coverage(request.GET)
    missing = (
        [row.unit for row in rows if row.coverage == Coverage.NONE]
        if period is not None and not request.GET.get("status")
        else []
    )
    dataset = overview_dataset(agreements, period, missing)
    body = "\ufeff" + dataset.export("csv") if file_format == "csv" else dataset.export("xlsx")
    response = HttpResponse(body, content_type=EXPORT_FORMATS[file_format])
    stamp = datetime.date.today().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="leader-agreements-{stamp}.{file_format}"'
    )
    return response


def overview_dataset(agreements, period, units_without_agreement):
    def yes_no(value):
        return _("Yes") if value else _("No")

    def local(moment):
        # Spreadsheets hold no time zones: the time as the municipality reads it.
        return timezone.localtime(moment).replace(tzinfo=None) if moment else None

    sectors = {
        sector.tree_path: sector.name
        for sector in OrganisationUnit.objects.filter(kind=UnitKind.SECTOR)
    }

    def sector_of(unit):
        return sectors.get(unit.tree_path[: 2 * PATH_SEGMENT_WIDTH], "")

    dataset = tablib.Dataset(
        headers=[
            _("Period"),
            _("Period start"),
            _("Period end"),
            _("Unit code"),
            _("Unit"),
            _("Sector"),
            _("Leader"),
            _("Leads the unit now"),
            _("Status"),
            _("Signed at"),
            _("Signed by"),
            _("Ended on"),
            _("Who may read it"),
        ]
    )
    for agreement in agreements:
        ending = agreement.ending if hasattr(agreement, "ending") else None
        dataset.append(
            [
                agreement.period_label,
                agreement.period_start,
                agreement.period_end,
                agreement.unit.code,
                agreement.unit.name,
                agreement.sector_name,
                agreement.leader_name,
                yes_no(agreement.unit.leader_id == agreement.leader_id),
                agreement.get_status_display(),
                local(agreement.signed_at),
                agreement.signed_by_name,
                ending.ended_on if ending else None,
                agreement.get_access_level_display(),
            ]
        )
    for unit in units_without_agreement:
        leader = unit.leader
        dataset.append(
            [
                period_label(*period),
                period[0],
                period[1],
                unit.code,
                unit.name,
                sector_of(unit),
                (leader.get_full_name() or leader.get_username()) if leader else "",
                yes_no(leader is not None),
                Coverage.NONE.label,
                None,
                "",
                None,
                "",
            ]
        )
    dataset = escape_dataset(dataset)
    dataset.title = _("Leader agreements")
    return dataset
