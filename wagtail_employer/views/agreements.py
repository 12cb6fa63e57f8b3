"""Admin views of leader agreements: create one from a template, sign it, start next
year's from it, and export the HR overview."""

import datetime

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
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..blocks.agreement_parts import next_period_body, template_changes
from ..forms.agreements import CreateAgreementForm, SignAgreementForm, period_errors
from ..imports.formulae import escape_dataset
from ..imports.resources import LeaderAgreementResource
from ..models import AgreementStatus, AgreementTemplate, LeaderAgreementPage
from ..privacy import can_manage_agreement, can_sign_agreement, is_hr
from ..roles import units_led_by
from .exports import EXPORT_FORMATS
from .refusal import refuse


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


class AgreementAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "doc-full-inverse"

    def refuse(self):
        return refuse(self.request)


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
        errors = period_errors(source.leader, source.unit, start, end)
        if errors:
            for message in errors.values():
                form.add_error(None, message)
            return self.form_invalid(form)
        agreement = LeaderAgreementPage(
            leader=source.leader,
            unit=source.unit,
            period_start=start,
            period_end=end,
            access_level=source.access_level,
            status=AgreementStatus.DRAFT,
            agreement_template=template,
            body=next_period_body(
                template.body, source.body, (source.period_start, source.period_end), (start, end)
            ),
        )
        with transaction.atomic():
            add_agreement(self.live_agreement.get_parent(), agreement, self.request.user)
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


def export_agreements(request, file_format):
    """The HR overview as CSV or XLSX, with the overview's filters applied."""
    from ..modeladmin import filtered_agreements

    if file_format not in EXPORT_FORMATS:
        raise Http404
    if not is_hr(request.user):
        return refuse(request)
    agreements = filtered_agreements(request)
    dataset = escape_dataset(LeaderAgreementResource().export(queryset=agreements))
    body = "\ufeff" + dataset.export("csv") if file_format == "csv" else dataset.export("xlsx")
    response = HttpResponse(body, content_type=EXPORT_FORMATS[file_format])
    stamp = datetime.date.today().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="leader-agreements-{stamp}.{file_format}"'
    )
    return response
