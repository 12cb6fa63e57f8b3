"""Who may read and who may manage a leader agreement.

One place answers both questions, and every surface asks it: the page itself, its
print view and preview, the admin (edit, revisions, explorer, chooser), the Wagtail API,
site search, the sitemap, listing pages and the HR overview with its exports.

- *Read*: public agreements, everyone; staff agreements, every logged-in user; private
  agreements, the leader, the leader's superior (the leader of the unit's parent unit),
  members of the HR group (setting ``HR_GROUP_NAME``) and superusers.
- *Manage* (edit, sign, start next year's): the leader, the superior, HR and superusers,
  whatever the access level. The row decides, not the page tree: group page permissions
  count for HR only (``AgreementPermissionTester``, ``page_permissions.py``).
"""

from django.db.models import Q

from .settings import employer_settings


class AccessLevel:
    PRIVATE = "private"
    STAFF = "staff"
    PUBLIC = "public"


def default_access_level():
    """The access level of a new agreement (setting ``AGREEMENT_DEFAULT_ACCESS``)."""
    return employer_settings.AGREEMENT_DEFAULT_ACCESS


def is_hr(user):
    """Superusers and active members of the HR group; cached on the user object."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_wagtail_employer_is_hr", None)
    if cached is None:
        cached = user.groups.filter(name=employer_settings.HR_GROUP_NAME).exists()
        user._wagtail_employer_is_hr = cached
    return cached


def _agreement_model():
    from .models import LeaderAgreementPage

    return LeaderAgreementPage


def _is_party(user):
    """The leader of the agreement, or the leader of its unit's parent unit."""
    return Q(leader=user) | Q(unit__parent__leader=user)


def visible_agreements_for(user):
    """The leader agreements ``user`` may read (any user, anonymous included)."""
    agreements = _agreement_model().objects.all()
    if is_hr(user):
        return agreements
    public = Q(access_level=AccessLevel.PUBLIC)
    if not (user and user.is_authenticated and user.is_active):
        return agreements.filter(public)
    return agreements.filter(public | Q(access_level=AccessLevel.STAFF) | _is_party(user))


def managed_agreements_for(user):
    """The leader agreements ``user`` may manage in the admin."""
    agreements = _agreement_model().objects.all()
    if is_hr(user):
        return agreements
    if not (user and user.is_authenticated and user.is_active):
        return agreements.none()
    return agreements.filter(_is_party(user))


def _units_reporting_to(user):
    """Ids of the units whose parent unit ``user`` leads (the leaders of those units report
    to ``user``); cached on the user object, so that a listing of many agreements asks once,
    not once per agreement."""
    cached = getattr(user, "_wagtail_employer_units_reporting_to", None)
    if cached is None:
        from .models import OrganisationUnit

        cached = frozenset(
            OrganisationUnit.objects.filter(parent__leader=user).values_list("pk", flat=True)
        )
        user._wagtail_employer_units_reporting_to = cached
    return cached


def is_party(user, agreement):
    if not (user and user.is_authenticated and user.is_active):
        return False
    if agreement.leader_id == user.pk:
        return True
    return agreement.unit_id is not None and agreement.unit_id in _units_reporting_to(user)


def can_read_agreement(user, agreement):
    if agreement.access_level == AccessLevel.PUBLIC or is_hr(user):
        return True
    if not (user and user.is_authenticated and user.is_active):
        return False
    return agreement.access_level == AccessLevel.STAFF or is_party(user, agreement)


def can_manage_agreement(user, agreement):
    return is_hr(user) or is_party(user, agreement)


def may_manage_agreement_for(user, leader, unit):
    """Whether ``user`` may make (or keep) an agreement for ``leader`` and ``unit``: HR
    may for anyone, a leader only for themselves or for the leaders reporting to them."""
    if is_hr(user):
        return True
    if not (user and user.is_authenticated and user.is_active):
        return False
    parent = unit.parent if unit is not None else None
    return (leader is not None and leader.pk == user.pk) or (
        parent is not None and parent.leader_id == user.pk
    )


def can_sign_agreement(user, agreement):
    """The employer's side records the signature: the superior, HR or a superuser."""
    if is_hr(user):
        return True
    return is_party(user, agreement) and agreement.leader_id != user.pk


def hidden_agreement_ids(user, visible=visible_agreements_for):
    return _agreement_model().objects.exclude(pk__in=visible(user).values("pk")).values("pk")


def readable_pages(pages, user):
    """``pages`` (any page queryset) without the leader agreements ``user`` may not read.

    Use it wherever a host project lists or searches pages, before ``.search()``::

        results = readable_pages(Page.objects.live(), request.user).search(query)
    """
    return pages.exclude(pk__in=list(hidden_agreement_ids(user).values_list("pk", flat=True)))


def manageable_pages(pages, user):
    """``pages`` without the leader agreements ``user`` may not manage (admin listings)."""
    hidden = hidden_agreement_ids(user, visible=managed_agreements_for)
    return pages.exclude(pk__in=list(hidden.values_list("pk", flat=True)))
