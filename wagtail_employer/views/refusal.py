"""The admin's answer to someone who may not do what they asked: a 403 with a page in
the admin's look and the user's language. (Raising PermissionDenied in a Wagtail admin
view sends the user to the dashboard without saying why; Django's own 403 page is a
bare, English "403 Forbidden".)"""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def refuse(request, message=None):
    return TemplateResponse(
        request,
        "wagtail_employer/admin/refused.html",
        {
            "page_title": _("You cannot do this"),
            "message": message
            or _(
                "You do not have permission to see this page or do this. Ask HR or your "
                "intranet's administrators if you need it."
            ),
        },
        status=403,
    )
