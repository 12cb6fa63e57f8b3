"""Who a user is to the package: HR (a group named in settings, or a superuser) and the
leader of the units they lead."""

from .models import OrganisationUnit
from .settings import employer_settings


def is_hr(user):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=employer_settings.HR_GROUP_NAME).exists()


def units_led_by(user):
    if not user.is_authenticated:
        return OrganisationUnit.objects.none()
    return OrganisationUnit.objects.filter(leader=user)
