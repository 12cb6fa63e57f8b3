"""Demo logins, one per role; printed by ``manage.py load_demo``."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    first_name: str
    last_name: str
    is_superuser: bool = False


DEMO_LOGINS = [
    DemoLogin("admin", "demo-admin", "Administrator (superuser)", "Ada", "Admin", True),
    DemoLogin("leder", "demo-leder", "Leader of Sykehjemmet", "Liv", "Leder"),
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
        users[login.username] = user
    return users
