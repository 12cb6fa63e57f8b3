"""Leader agreements (lederavtaler): the municipality's template, and one agreement per
leader, unit and period copied from it. Who may read an agreement: ``privacy.py``."""

import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Substr
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PagePermissionTester
from wagtail.query import PageQuerySet
from wagtail.search import index

from .. import privacy
from ..blocks.agreement_parts import with_fresh_ids
from ..blocks.agreements import AgreementStreamBlock, empty_required_sections
from ..forms.agreements import LeaderAgreementPageForm
from ..page_permissions import PARTY_ACTIONS
from ..settings import employer_settings
from .base import EmployerPageMixin
from .org import PATH_SEGMENT_WIDTH, OrganisationUnit, UnitKind


class AgreementTemplateStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("In use")
    RETIRED = "retired", _("Retired")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AGREED = "agreed", _("Agreed")
    SIGNED = "signed", _("Signed")
    ARCHIVED = "archived", _("Archived")


class AccessLevel(models.TextChoices):
    PRIVATE = privacy.AccessLevel.PRIVATE, _("Private: the leader, the superior and HR")
    STAFF = privacy.AccessLevel.STAFF, _("All logged-in staff")
    PUBLIC = privacy.AccessLevel.PUBLIC, _("Public")


def copy_stream(stream_value):
    """The raw data of a StreamField, deep-copied with new block ids, so the copy shares
    nothing with the original."""
    return with_fresh_ids(list(stream_value.raw_data))


def period_label(start, end):
    """“2026” for a calendar year, “2026–2027” for whole years, else the two dates."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    return f"{date_format(start, 'SHORT_DATE_FORMAT')}–{date_format(end, 'SHORT_DATE_FORMAT')}"


class AgreementTemplateQuerySet(models.QuerySet):
    def in_use_on(self, day):
        """The versions in use on ``day``: in use, and valid then (at most one, see
        :meth:`AgreementTemplate.clean`)."""
        return self.filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
            status=AgreementTemplateStatus.ACTIVE,
            valid_from__lte=day,
        )

    def overlapping(self, valid_from, valid_to):
        """The versions whose valid period shares a day with ``valid_from``–``valid_to``
        (``valid_to`` None: with no end)."""
        overlapping = self.filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=valid_from)
        )
        if valid_to is not None:
            overlapping = overlapping.filter(valid_from__lte=valid_to)
        return overlapping


def next_version_number(version):
    """“2012.1” → “2012.2”; a version not ending in a number gets “.2”."""
    match = re.search(r"(\d+)$", version)
    if match is None:
        return f"{version}.2"
    return f"{version[: match.start()]}{int(match.group(1)) + 1}"


class AgreementTemplate(index.Indexed, models.Model):
    """The template the chief executive's office maintains; agreements copy its sections.

    Each version is a row of its own, linked to the version it was made from; only one
    version is in use on any day."""

    name = models.CharField(_("name"), max_length=200)
    version = models.CharField(_("version"), max_length=50, help_text=_("E.g. “2012.1”."))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AgreementTemplateStatus.choices,
        default=AgreementTemplateStatus.DRAFT,
    )
    intro = RichTextField(_("introduction"), blank=True)
    body = StreamField(
        AgreementStreamBlock(), blank=True, use_json_field=True, verbose_name=_("sections")
    )
    previous_version = models.ForeignKey(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="next_versions",
    )

    objects = AgreementTemplateQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("version")]),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
        FieldPanel("status"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("version"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("leader agreement template")
        verbose_name_plural = _("leader agreement templates")
        ordering = ["-valid_from", "name"]

    def __str__(self):
        return f"{self.name} ({self.version})"

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(
                {"valid_to": _("The end of the valid period cannot be before its start.")}
            )
        if self.status == AgreementTemplateStatus.ACTIVE and self.valid_from:
            clash = (
                AgreementTemplate.objects.filter(status=AgreementTemplateStatus.ACTIVE)
                .overlapping(self.valid_from, self.valid_to)
                .exclude(pk=self.pk)
                .order_by("valid_from")
                .first()
            )
            if clash is not None:
                raise ValidationError(
                    {
                        "valid_from": _(
                            "%(other)s is in use %(period)s, which overlaps this period. Only "
                            "one version can be in use on any day: end the other version's "
                            "valid period, or retire it, first."
                        )
                        % {"other": clash, "period": clash.valid_period_label}
                    }
                )

    @property
    def valid_period_label(self):
        start = date_format(self.valid_from, "SHORT_DATE_FORMAT")
        if self.valid_to is None:
            return _("from %(start)s, with no end") % {"start": start}
        return _("from %(start)s to %(end)s") % {
            "start": start,
            "end": date_format(self.valid_to, "SHORT_DATE_FORMAT"),
        }

    def start_new_version(self):
        """A draft of the next version: this version's sections (with new ids) and
        introduction, valid from the day after this one ends (or next New Year's Day when
        it has no end), linked to this one."""
        if self.valid_to is not None:
            valid_from = self.valid_to + datetime.timedelta(days=1)
        else:
            valid_from = datetime.date(
                max(self.valid_from.year, datetime.date.today().year) + 1, 1, 1
            )
        return AgreementTemplate.objects.create(
            name=self.name,
            version=next_version_number(self.version),
            valid_from=valid_from,
            status=AgreementTemplateStatus.DRAFT,
            intro=self.intro,
            body=copy_stream(self.body),
            previous_version=self,
        )


class AgreementIndexPermissionTester(PagePermissionTester):
    """The index holding the agreements is HR's: group page permissions held above it give
    nobody else anything here (an editor of the whole intranet cannot add an agreement
    through Wagtail's page editor). A unit's leader may add agreements to it, for
    themselves and the leaders reporting to them (the agreement form checks whom), and
    nothing else."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if user.is_active and not privacy.is_hr(user):
            leads_a_unit = OrganisationUnit.objects.filter(leader=user).exists()
            self.permissions = {"add"} if leads_a_unit else set()


class LeaderAgreementIndexPage(EmployerPageMixin, Page):
    """Holds the leader agreements; lists only those the reader may read."""

    intro = RichTextField(_("introduction"), blank=True)

    template = "wagtail_employer/pages/leader_agreement_index_page.html"
    subpage_types = ["wagtail_employer.LeaderAgreementPage"]

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("leader agreements index")
        verbose_name_plural = _("leader agreements indexes")

    def permissions_for_user(self, user):
        return AgreementIndexPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        agreements = (
            privacy.visible_agreements_for(request.user)
            .child_of(self)
            .live()
            .select_related("unit", "leader")
            .order_by("-period_start", "unit__tree_path")
        )
        periods = {}
        for agreement in agreements:
            periods.setdefault(agreement.period_label, []).append(agreement)
        context["periods"] = list(periods.items())
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # What the listing shows depends on who is reading it.
        patch_cache_control(response, private=True)
        return response


class LeaderAgreementQuerySet(PageQuerySet):
    def with_sector_name(self):
        """Annotates the name of the sector each agreement's unit belongs to, in the same
        query. Sectors sit right under the municipality, so a unit's sector is the unit
        whose path is the first two segments of the unit's path."""
        sectors = OrganisationUnit.objects.filter(
            kind=UnitKind.SECTOR,
            tree_path=Substr(models.OuterRef("unit__tree_path"), 1, 2 * PATH_SEGMENT_WIDTH),
        )
        return self.annotate(sector_annotation=models.Subquery(sectors.values("name")[:1]))


class AgreementPermissionTester(PagePermissionTester):
    """Page permissions decided by the agreement's row: the leader and the superior edit,
    publish, lock and read the history of their agreement without any group page
    permission, and nobody else but HR does, whatever they hold on the pages above it.
    HR keeps Wagtail's group page permissions. Signed or archived agreements are read-only
    except to HR, whose changes are saved as new revisions recording who changed what."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.manages = privacy.can_manage_agreement(user, page)
        self.hr = privacy.is_hr(user)
        if not self.hr and user.is_active:
            # Group page permissions on the pages above give a non-HR user nothing here.
            self.permissions = set(PARTY_ACTIONS) if self.manages else set()
        self.locked_by_signature = page.status in (
            AgreementStatus.SIGNED,
            AgreementStatus.ARCHIVED,
        )

    def can_edit(self):
        if not self.manages or (self.locked_by_signature and not self.hr):
            return False
        return super().can_edit()

    def can_publish(self):
        if not self.manages or (self.locked_by_signature and not self.hr):
            return False
        return super().can_publish()

    def can_submit_for_moderation(self):
        # Agreements take no moderation workflow (LeaderAgreementPage.get_workflow).
        return False

    def can_view_revisions(self):
        return self.manages and super().can_view_revisions()

    def can_lock(self):
        return self.manages and super().can_lock()

    def can_unlock(self):
        return self.manages and super().can_unlock()

    def can_unschedule(self):
        return self.manages and super().can_unschedule()

    def _hr_only(self, allowed):
        return self.hr and allowed

    def can_delete(self, ignore_bulk=False):
        return self._hr_only(super().can_delete(ignore_bulk=ignore_bulk))

    def can_unpublish(self):
        return self._hr_only(super().can_unpublish())

    def can_move(self):
        return self._hr_only(super().can_move())

    def can_set_view_restrictions(self):
        # The agreement's access level decides; Wagtail's privacy setting follows it.
        return False

    def can_copy(self):
        # A copy would be a second agreement for the same leader, unit and period;
        # "Start next year's agreement" is the way to copy one.
        return False


class LeaderAgreementPage(RoutablePageMixin, EmployerPageMixin, Page):
    """One leader's agreement for one unit and period, copied from a template."""

    agreement_template = models.ForeignKey(
        AgreementTemplate,
        verbose_name=_("template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements",
        help_text=_("The template the sections were copied from."),
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leader"),
        on_delete=models.PROTECT,
        related_name="leader_agreements",
    )
    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="leader_agreements",
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(
        _("status"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True, editable=False)
    access_level = models.CharField(
        _("who may read it"),
        max_length=20,
        choices=AccessLevel.choices,
        default=privacy.default_access_level,
    )
    body = StreamField(
        AgreementStreamBlock(), blank=True, use_json_field=True, verbose_name=_("sections")
    )

    template = "wagtail_employer/pages/leader_agreement_page.html"
    print_template = "wagtail_employer/pages/leader_agreement_print.html"
    parent_page_types = ["wagtail_employer.LeaderAgreementIndexPage"]
    subpage_types = []
    show_in_menus_default = False
    base_form_class = LeaderAgreementPageForm

    content_panels = [
        # Made from the period, unit and leader (generated_title), so it follows them.
        FieldPanel("title", read_only=True),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("leader"), FieldPanel("unit")]),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldPanel("status"),
                FieldPanel("access_level"),
                FieldPanel("agreement_template"),
            ],
            heading=_("Agreement"),
        ),
        FieldPanel("body"),
    ]
    promote_panels = [FieldPanel("slug")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("body"),
        index.RelatedFields("unit", [index.SearchField("name")]),
        index.FilterField("status"),
        index.FilterField("access_level"),
    ]

    api_fields = [
        APIField("unit_name"),
        APIField("leader_name"),
        APIField("period_start"),
        APIField("period_end"),
        APIField("status"),
        APIField("signed_at"),
        APIField("body"),
    ]

    class Meta:
        verbose_name = _("leader agreement")
        verbose_name_plural = _("leader agreements")
        constraints = [
            models.UniqueConstraint(
                fields=["leader", "unit", "period_start", "period_end"],
                name="wagtail_employer_one_agreement_per_leader_unit_period",
                violation_error_message=_(
                    "This leader already has an agreement for this unit and period."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="wagtail_employer_agreement_period_in_order",
                violation_error_message=_("The period cannot end before it starts."),
            ),
        ]

    objects = PageManager.from_queryset(LeaderAgreementQuerySet)()

    # Who and what, for templates, the API and the HR overview.

    @property
    def sector_name(self):
        if hasattr(self, "sector_annotation"):
            return self.sector_annotation or ""
        sector = self.unit.get_ancestors(inclusive=True).filter(kind=UnitKind.SECTOR).first()
        return sector.name if sector else ""

    @property
    def period_label(self):
        return period_label(self.period_start, self.period_end)

    @property
    def leader_name(self):
        return self.leader.get_full_name() or self.leader.get_username()

    @property
    def unit_name(self):
        return self.unit.name

    @cached_property
    def superior(self):
        parent = self.unit.parent
        return parent.leader if parent is not None else None

    @property
    def superior_name(self):
        superior = self.superior
        return (superior.get_full_name() or superior.get_username()) if superior else ""

    @property
    def signed_by_name(self):
        if not self.signed_by_id:
            return ""
        return self.signed_by.get_full_name() or self.signed_by.get_username()

    @property
    def is_signed(self):
        return self.status in (AgreementStatus.SIGNED, AgreementStatus.ARCHIVED) and bool(
            self.signed_at
        )

    def generated_title(self):
        """“Lederavtale 2026: Sykehjemmet (Liv Leder)”: the title every agreement has,
        made from its period, unit and leader, in the site's language (the page's locale),
        whoever creates or edits it."""
        language = self.locale.language_code if self.locale_id else settings.LANGUAGE_CODE
        with translation.override(language):
            return _("Leader agreement %(period)s: %(unit)s (%(leader)s)") % {
                "period": self.period_label,
                "unit": self.unit.name,
                "leader": self.leader_name,
            }

    def empty_required_sections(self):
        return empty_required_sections(self.body)

    def copy_from_template(self, agreement_template):
        self.agreement_template = agreement_template
        self.body = copy_stream(agreement_template.body)

    # Privacy on every surface.

    def permissions_for_user(self, user):
        return AgreementPermissionTester(user, self)

    def refuse(self, request):
        """The response for a reader who may not read this agreement."""
        if not request.user.is_authenticated:
            # Where Wagtail sends readers of login-restricted pages.
            login_url = getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", None) or reverse(
                "wagtailcore_login"
            )
            response = redirect_to_login(request.get_full_path(), login_url)
            add_never_cache_headers(response)
            return response
        raise Http404

    def serve(self, request, *args, **kwargs):
        if not privacy.can_read_agreement(request.user, self):
            return self.refuse(request)
        response = super().serve(request, *args, **kwargs)
        if self.access_level != AccessLevel.PUBLIC:
            patch_cache_control(response, private=True, no_store=True)
        return response

    def serve_preview(self, request, mode_name):
        if not privacy.can_read_agreement(request.user, self):
            return self.refuse(request)
        return super().serve_preview(request, mode_name)

    def get_workflow(self):
        # The yearly cycle is the agreement's own process (the parties fill it in, both
        # sign one revision). A generic moderation step from an ancestor would send it to
        # moderators who may not read it and lock the other party out while it waits.
        return None

    def get_sitemap_urls(self, request=None):
        if self.access_level != AccessLevel.PUBLIC:
            return []
        return super().get_sitemap_urls(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["print_url"] = self.url + self.reverse_subpage("print")
        context["amended_after_signing"] = self.amended_after_signing()
        return context

    def amended_after_signing(self):
        """The latest change saved after the signing revision, as {created_at, user_name},
        or None. The signing revision is the first one whose content is signed."""
        if not self.is_signed:
            return None
        signing = (
            self.revisions.filter(content__status=AgreementStatus.SIGNED).order_by("pk").first()
        )
        if signing is None:
            return None
        latest = (
            self.revisions.filter(pk__gt=signing.pk).select_related("user").order_by("-pk").first()
        )
        if latest is None:
            return None
        user = latest.user
        return {
            "created_at": latest.created_at,
            "user_name": (user.get_full_name() or user.get_username()) if user else "",
        }

    @path("print/", name="print")
    def print_view(self, request):
        """A clean A4 document with the signature block, for filing a signed paper copy."""
        return self.render(request, template=self.print_template)

    def save(self, *args, **kwargs):
        # Menus list pages with show_in_menus; a non-public agreement is never one of them.
        if self.access_level != AccessLevel.PUBLIC:
            self.show_in_menus = False
        super().save(*args, **kwargs)


class AgreementEnding(models.Model):
    """An agreement ended before its period ended: the leader left the unit or changed
    jobs. Kept beside the agreement, not in its revisions: it is a fact about the
    agreement, and no later edit of the text may undo it."""

    agreement = models.OneToOneField(
        LeaderAgreementPage,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="ending",
    )
    ended_on = models.DateField(_("ended on"))
    note = models.TextField(_("note"), help_text=_("Why the agreement ended early."))
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("agreement ending")
        verbose_name_plural = _("agreement endings")

    def __str__(self):
        return f"{self.agreement} ({self.ended_on})"


class Coverage(models.TextChoices):
    SIGNED = "signed", _("Signed")
    UNSIGNED = "unsigned", _("Not signed")
    NONE = "none", _("No agreement")


@dataclass
class UnitCoverage:
    """Whether a unit's leader has an agreement for a period, and which agreements of the
    unit's earlier leaders are still running."""

    unit: OrganisationUnit
    coverage: str
    agreement: "LeaderAgreementPage | None" = None
    former_leaders_agreements: list = field(default_factory=list)

    @property
    def coverage_label(self):
        return Coverage(self.coverage).label


def agreement_coverage(start, end, sector=None):
    """For each unit expected to have an agreement (setting ``AGREEMENT_UNIT_KINDS``), in
    tree order: *signed* when its current leader has a signed agreement for the period,
    *unsigned* when she has one not yet signed, *none* otherwise. An agreement that was
    ended before the period's end, or names someone who no longer leads the unit, covers
    nothing; the agreements of earlier leaders are listed, so HR can end them and start
    one for the new leader. Two queries, whatever the number of units."""
    units = OrganisationUnit.objects.filter(kind__in=employer_settings.AGREEMENT_UNIT_KINDS)
    if sector is not None:
        units = units.filter(tree_path__startswith=sector.tree_path)
    units = list(units.select_related("leader").in_tree_order())
    agreements = (
        LeaderAgreementPage.objects.filter(
            unit__in=[unit.pk for unit in units], period_start__lte=end, period_end__gte=start
        )
        .filter(models.Q(ending__isnull=True) | models.Q(ending__ended_on__gte=start))
        .select_related("leader", "ending")
        .order_by("period_start", "pk")
    )
    by_unit = {}
    for agreement in agreements:
        by_unit.setdefault(agreement.unit_id, []).append(agreement)
    rows = []
    for unit in units:
        current = [a for a in by_unit.get(unit.pk, []) if _still_running(a, end)]
        own = [a for a in current if unit.leader_id and a.leader_id == unit.leader_id]
        signed = next((a for a in own if a.is_signed), None)
        row = UnitCoverage(
            unit=unit,
            coverage=Coverage.SIGNED if signed else Coverage.UNSIGNED if own else Coverage.NONE,
            agreement=signed or (own[0] if own else None),
            former_leaders_agreements=[
                a for a in by_unit.get(unit.pk, []) if a.leader_id != unit.leader_id
            ],
        )
        rows.append(row)
    return rows


def _still_running(agreement, end):
    """Not ended before the period's last day (``ending`` is absent when it runs on)."""
    return not hasattr(agreement, "ending") or agreement.ending.ended_on >= end
