"""Who a user is to the package's reports: HR (``privacy.is_hr``) and the leader of the
units they lead."""

from .models import OrganisationUnit
from .privacy import is_hr

__all__ = ["is_hr", "units_led_by"]


def units_led_by(user):
    if not user.is_authenticated:
        return OrganisationUnit.objects.none()
    return OrganisationUnit.objects.filter(leader=user)
