"""The policy lifecycle any page type can opt into: a content owner and contact, a
next-review date, a "what changed" log, and staff's confirmation that they have read the
current version.

A version is counted, not typed: each change-log entry the editor marks as significant
starts a new version, and confirmations of older versions no longer count."""

from django.conf import settings
from django.db import models
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, resolve_url
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models

from ..settings import employer_settings


class PolicyChangeBlock(blocks.StructBlock):
    changed_on = blocks.DateBlock(label=_("date"))
    summary = blocks.CharBlock(
        label=_("what changed"), max_length=300, help_text=_("One sentence readers will see.")
    )
    significant = blocks.BooleanBlock(
        label=_("significant: ask staff to confirm again"),
        required=False,
        help_text=_("Staff who confirmed an earlier version are asked to read it again."),
    )

    class Meta:
        icon = "history"
        label = _("Change")


class PolicyLifecycleMixin(RoutablePageMixin, models.Model):
    """Mix into a page type (before ``Page``) and add ``lifecycle_panels`` to its panels."""

    content_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("content owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who answers for this policy and keeps it up to date."),
    )
    contact = models.CharField(
        _("contact"),
        max_length=200,
        blank=True,
        help_text=_("Where staff ask questions, e.g. “HR-avdelingen, hr@kommune.no”."),
    )
    next_review_on = models.DateField(
        _("next review"),
        null=True,
        blank=True,
        help_text=_("HR's listing shows the policy as due for review from this date."),
    )
    asks_for_read_confirmation = models.BooleanField(
        _("ask staff to confirm they have read it"), default=False
    )
    change_log = StreamField(
        [("change", PolicyChangeBlock())],
        verbose_name=_("what changed"),
        blank=True,
        use_json_field=True,
        help_text=_("Newest first. Readers see the latest entries at the top of the page."),
    )

    lifecycle_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("content_owner"), FieldPanel("contact")]),
                FieldPanel("next_review_on"),
                FieldPanel("asks_for_read_confirmation"),
                FieldPanel("change_log"),
            ],
            heading=_("Ownership, review and read confirmation"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def content_owner_name(self):
        owner = self.content_owner
        return (owner.get_full_name() or owner.get_username()) if owner else ""

    @property
    def policy_version(self):
        """1 for the first version, plus one per significant change."""
        return 1 + sum(1 for change in self.change_log if change.value["significant"])

    @property
    def latest_changes(self):
        return [change.value for change in self.change_log][
            : employer_settings.CHANGE_LOG_ENTRIES_SHOWN
        ]

    @property
    def is_due_for_review(self):
        return self.next_review_on is not None and self.next_review_on <= timezone.localdate()

    def latest_read_confirmation(self, user):
        """The user's confirmation of the newest version they confirmed, or None."""
        if not user.is_authenticated:
            return None
        return (
            ReadConfirmation.objects.filter(page_id=self.pk, user=user).order_by("-version").first()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.asks_for_read_confirmation:
            latest = self.latest_read_confirmation(request.user)
            current = latest is not None and latest.version >= self.policy_version
            context["read_confirmation"] = latest if current else None
            context["earlier_read_confirmation"] = None if current else latest
            context["confirm_read_url"] = self.url + self.reverse_subpage("confirm_read")
            context["login_url"] = (
                f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': self.url})}"
            )
        return context

    @path("read/", name="confirm_read")
    def confirm_read(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.is_authenticated:
            return redirect(f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': self.url})}")
        if self.asks_for_read_confirmation:
            ReadConfirmation.objects.get_or_create(
                page_id=self.pk, user=request.user, version=self.policy_version
            )
        return redirect(self.url + "#we-read-confirmation")


def policy_edit_handler(content_panels):
    """The page editor's usual tabs plus a "Policy" tab for the lifecycle fields."""
    return TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(PolicyLifecycleMixin.lifecycle_panels, heading=_("Policy")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )


LIFECYCLE_API_FIELDS = ["content_owner_name", "contact", "next_review_on", "change_log"]


def lifecycle_page_models():
    return [model for model in get_page_models() if issubclass(model, PolicyLifecycleMixin)]


class ReadConfirmation(models.Model):
    """A staff member's "I have read this" for one version of a policy page."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("policy"),
        on_delete=models.CASCADE,
        related_name="read_confirmations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="read_confirmations",
    )
    version = models.PositiveIntegerField(_("version"))
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)

    class Meta:
        verbose_name = _("read confirmation")
        verbose_name_plural = _("read confirmations")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "user", "version"], name="we_one_confirmation_per_version"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.page} (v{self.version})"


class UnitMembership(models.Model):
    """The unit a staff member works in: who HR and leaders expect to have read a policy."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="unit_membership",
    )
    unit = models.ForeignKey(
        "wagtail_employer.OrganisationUnit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )

    class Meta:
        verbose_name = _("staff placement")
        verbose_name_plural = _("staff placements")
        ordering = ["unit__tree_path", "user__last_name", "user__first_name"]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()} ({self.unit})"
