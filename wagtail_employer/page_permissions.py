"""Wagtail's page permissions, with leader agreements decided row by row.

Wagtail grants page permissions per subtree: whoever may edit the home page may explore,
search and list every page below it, leader agreements included, in the explorer, the
admin API, the admin page search, the reports, the usage listings and the history logs.
An agreement is not a subtree's business but its parties': so, on Wagtail 8, the package
registers this policy for every page type (``register_permission_policy``), and all those
surfaces ask it. For everyone but HR and superusers it

- leaves out the agreements the user may not manage, whatever permissions the user holds
  on the pages above them; and
- lets in the agreements the user manages (the leader's own, the ones of the leaders who
  report to the user), with the index pages above them, even without any group page
  permission: parties act by row, not by group (``AgreementPermissionTester``).

HR keeps Wagtail's behaviour: its group page permissions decide.

Wagtail 7 has no policy registry; there the package's explorer, chooser and bulk-action
hooks narrow what they can, and the system check ``wagtail_employer.W010`` warns about the
layout the rest relies on (no group but HR holding page permissions above agreements).
"""

from django.apps import apps
from wagtail import VERSION as WAGTAIL_VERSION
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import privacy

# What a party may do to an agreement without a group permission; Wagtail's own names.
PARTY_ACTIONS = frozenset({"change", "publish", "lock", "unlock"})

HAS_POLICY_REGISTRY = WAGTAIL_VERSION >= (8,)

_MANAGED_CACHE = "_wagtail_employer_managed_agreement_paths"


def _agreement_model():
    return apps.get_model("wagtail_employer", "LeaderAgreementPage")


def managed_agreement_paths(user):
    """{pk: tree path} of the agreements ``user`` manages as a party; cached on the user
    object (a request's user), since one admin page asks the policy many times."""
    cached = getattr(user, _MANAGED_CACHE, None)
    if cached is None:
        cached = dict(privacy.managed_agreements_for(user).order_by().values_list("pk", "path"))
        setattr(user, _MANAGED_CACHE, cached)
    return cached


def without_unmanaged_agreements(pages, user):
    """``pages`` less the agreements ``user`` may not manage (one subquery, no rows read)."""
    if privacy.is_hr(user):
        return pages
    hidden = privacy.hidden_agreement_ids(user, visible=privacy.managed_agreements_for)
    return pages.exclude(pk__in=hidden)


class AgreementAwarePagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permission policy, with leader agreements decided by their row."""

    def _party(self, user):
        return not privacy.is_hr(user) and bool(managed_agreement_paths(user))

    def _managed_pages(self, user):
        return self.model._default_manager.filter(pk__in=list(managed_agreement_paths(user)))

    def _agreement_parents(self, user):
        step = self.model.steplen
        paths = {path[:-step] for path in managed_agreement_paths(user).values()}
        return self.model.base_page_model.objects.filter(path__in=paths)

    def user_has_any_permission(self, user, actions):
        if super().user_has_any_permission(user, actions):
            return True
        return bool(PARTY_ACTIONS & set(actions)) and self._party(user)

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        if privacy.is_hr(user):
            return pages
        pages = without_unmanaged_agreements(pages, user)
        if PARTY_ACTIONS & set(actions) and self._party(user):
            pages = pages | self._managed_pages(user)
        return pages

    def instances_with_direct_explore_permission(self, user):
        pages = super().instances_with_direct_explore_permission(user)
        if not self._party(user):
            return pages
        # The index pages holding the user's agreements: the explorer starts there.
        return [*pages, *self._agreement_parents(user)]

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        if privacy.is_hr(user):
            return pages
        pages = without_unmanaged_agreements(pages, user)
        if not self._party(user):
            return pages
        root = self.explorable_root_instance(user)
        # The agreements and the pages from the explorable root down to them.
        pages = pages | self._managed_pages(user)
        for parent in self._agreement_parents(user):
            pages = pages | self.model._default_manager.ancestor_of(parent, inclusive=True).filter(
                path__startswith=root.path
            )
        return pages


def page_policy():
    """The page permission policy Wagtail's admin asks (Wagtail 7: its module's own)."""
    from wagtail.models import Page

    if HAS_POLICY_REGISTRY:
        from wagtail.permissions import policy_registry

        return policy_registry.get_by_type(Page)
    from wagtail.permission_policies.pages import PagePermissionPolicy as Policy

    return Policy()


def explorable_pages(user):
    """The pages ``user`` may see in the admin's page surfaces (bulk actions ask it)."""
    return without_unmanaged_agreements(page_policy().explorable_instances(user), user)


def register_page_policy():
    """Makes Wagtail 8's admin ask the agreement-aware policy for every page type."""
    if not HAS_POLICY_REGISTRY:
        return
    from wagtail.models import Page
    from wagtail.permissions import policy_registry, register_permission_policy

    if isinstance(policy_registry.get_by_type(Page), AgreementAwarePagePermissionPolicy):
        return
    register_permission_policy(Page, AgreementAwarePagePermissionPolicy(Page))
