"""Demo logins, one per role; printed by ``manage.py load_demo``."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    first_name: str
    last_name: str
    is_superuser: bool = False
    # (group name, permission codenames) for logins that are not superusers.
    group: tuple = ()


DEMO_LOGINS = [
    DemoLogin("admin", "demo-admin", "Administrator (superuser)", "Ada", "Admin", True),
    DemoLogin(
        "leder",
        "demo-leder",
        "Leader of Sykehjemmet (agreement, self-assessments)",
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
        "Superior: head of Helse og omsorg",
        "Kåre",
        "Kommunalsjef",
    ),
    DemoLogin("hr", "demo-hr", "HR (reads every agreement)", "Hilde", "HR"),
    DemoLogin("ansatt", "demo-ansatt", "Staff member (no agreements)", "Arne", "Ansatt"),
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
