"""System checks for the layout the agreements' privacy relies on."""

from django.core import checks
from django.db import DatabaseError

from .page_permissions import HAS_POLICY_REGISTRY


@checks.register(checks.Tags.security)
def check_agreement_page_permissions(app_configs=None, databases=None, **kwargs):
    """Wagtail 7 only (no policy registry): group page permissions above an agreement index
    let a group see every agreement's title in Wagtail's reports, history and usage
    listings, which the package cannot narrow there. Wagtail 8 asks the package's policy.

    It reads the database, so, as Django asks of such checks, it runs when a database is
    named: on ``migrate`` and ``manage.py check --database default``."""
    if HAS_POLICY_REGISTRY or not databases:
        return []
    from wagtail.models import GroupPagePermission, Page

    from .models import LeaderAgreementIndexPage
    from .settings import employer_settings

    try:
        indexes = list(LeaderAgreementIndexPage.objects.only("path"))
        if not indexes:
            return []
        ancestors = Page.objects.none()
        for index in indexes:
            ancestors |= Page.objects.ancestor_of(index, inclusive=True)
        groups = sorted(
            set(
                GroupPagePermission.objects.filter(page__in=ancestors)
                .exclude(group__name=employer_settings.HR_GROUP_NAME)
                .values_list("group__name", flat=True)
            )
        )
    except DatabaseError:
        # Before the first migrate there are no tables to ask.
        return []
    if not groups:
        return []
    return [
        checks.Warning(
            "Groups other than HR hold page permissions on a leader agreements index or "
            f"above it: {', '.join(groups)}.",
            hint=(
                "On Wagtail 7 those groups' members see other leaders' agreement titles in "
                "Wagtail's reports, page search and history. Give page permissions above "
                "agreements to the HR group only (leaders manage their own agreements "
                "without them), or upgrade to Wagtail 8, where the package's permission "
                "policy hides them."
            ),
            id="wagtail_employer.W010",
        )
    ]
