"""Demo logins, one per role; printed by ``manage.py load_demo`` and shown on the demo's
home page, each with what the role can see."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupPagePermission


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    sees: str
    first_name: str
    last_name: str
    is_superuser: bool = False
    # (group name, permission codenames) for logins that are not superusers.
    group: tuple = ()


DEMO_LOGINS = [
    DemoLogin(
        "admin",
        "demo-admin",
        _("Administrator (superuser)"),
        _("Everything in the admin: pages, snippets, imports, reports and every agreement."),
        "Ada",
        "Admin",
        True,
    ),
    DemoLogin(
        "leder",
        "demo-leder",
        _("Leader of Sykehjemmet"),
        _(
            "Her own signed leader agreement, the service policy's self-assessments (she can "
            "add and edit them), and which of Sykehjemmet's staff have read the policies."
        ),
        "Liv",
        "Leder",
        group=(
            "Enhetsledere",
            ("access_admin", "add_selfassessment", "change_selfassessment", "view_selfassessment"),
        ),
    ),
    DemoLogin(
        "kommunalsjef",
        "demo-kommunalsjef",
        _("Head of Helse og omsorg, Liv Leder's superior"),
        _(
            "His own draft agreement and Liv Leder's, which he signed, and the read "
            "confirmations of everyone in Helse og omsorg."
        ),
        "Kåre",
        "Kommunalsjef",
    ),
    DemoLogin(
        "hr",
        "demo-hr",
        _("HR"),
        _(
            "Every leader agreement and the agreement templates, the read confirmations of "
            "every unit, and the policies due for review."
        ),
        "Hilde",
        "HR",
    ),
    DemoLogin(
        "leder2",
        "demo-leder2",
        _("Leader of Myklerud skole"),
        _(
            "Her own leader agreement, not Liv Leder's or Kåre Kommunalsjef's, in the "
            "admin or on the intranet."
        ),
        "Siri",
        "Skoleleder",
        group=("Enhetsledere", ("access_admin",)),
    ),
    DemoLogin(
        "redaktor",
        "demo-redaktor",
        _("Editor of the intranet's pages"),
        _(
            "Adds, edits and publishes the intranet's pages in the admin, but no leader "
            "agreement: they are not in the page tree, the search or the reports for him."
        ),
        "Rolf",
        "Redaktør",
        group=("Redaktører", ("access_admin",)),
    ),
    DemoLogin(
        "ansatt",
        "demo-ansatt",
        _("Staff member in Sykehjemmet"),
        _(
            "The policies, survey results and workplace pages, no agreements. Can log in "
            "to the admin, which shows him no pages. Asked to confirm the service policy "
            "again after its significant change."
        ),
        "Arne",
        "Ansatt",
        group=("Ansatte", ("access_admin",)),
    ),
]

# The editors' page permissions, on the intranet's home page (not the root): the usual
# Wagtail editor's.
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def load_users():
    user_model = get_user_model()
    users = {}
    for login in DEMO_LOGINS:
        user, _created = user_model.objects.get_or_create(username=login.username)
        user.first_name, user.last_name = login.first_name, login.last_name
        user.email = f"{login.username}@eksempel-kommune.invalid"
        user.is_staff = user.is_superuser = login.is_superuser
        user.set_password(login.password)
        user.save()
        if login.group:
            group_name, codenames = login.group
            group = Group.objects.get_or_create(name=group_name)[0]
            group.permissions.add(*Permission.objects.filter(codename__in=codenames))
            user.groups.add(group)
        users[login.username] = user
    return users


def load_editor_page_permissions(home, users):
    """The editors' group page permissions on the home page: the whole intranet, which the
    package's permission policy keeps leader agreements out of."""
    group = users["redaktor"].groups.get(name="Redaktører")
    for codename in EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=home,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
