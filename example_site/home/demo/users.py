"""Demo logins, one per role; printed by ``manage.py load_demo`` and shown on the demo's
home page, each with what the role can see."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _


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
        "ansatt",
        "demo-ansatt",
        _("Staff member in Sykehjemmet"),
        _(
            "The policies, survey results and workplace pages, no agreements. Asked to "
            "confirm the service policy again after its significant change."
        ),
        "Arne",
        "Ansatt",
    ),
]


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
