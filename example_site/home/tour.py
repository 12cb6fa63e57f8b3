"""The demo's tour on its home page: every live page of every language, with its page
type, and the demo logins with what each role can see. ``DEMO_HOME_PAGE_TOUR`` turns it
on (the demo's settings do); an intranet built from this example turns it off."""

from django.conf import settings
from wagtail.models import Locale, Page

from wagtail_employer.models import LeaderAgreementPage
from wagtail_employer.privacy import visible_agreements_for


def is_enabled():
    return getattr(settings, "DEMO_HOME_PAGE_TOUR", False)


def pages_by_language(user):
    """[(language code, language name, [(page, page type name), ...]), ...] in the order of
    ``WAGTAIL_CONTENT_LANGUAGES``; leader agreements only where ``user`` may read them."""
    pages = list(Page.objects.live().filter(depth__gte=2).not_type(LeaderAgreementPage).specific())
    pages += list(visible_agreements_for(user).live())
    # By id: .specific() fetches each page type anew, without any select_related.
    language_codes = dict(Locale.objects.values_list("pk", "language_code"))
    pages.sort(key=lambda page: page.path)
    languages = []
    for code, name in settings.WAGTAIL_CONTENT_LANGUAGES:
        listed = [
            (page, page.specific_class._meta.verbose_name)
            for page in pages
            if language_codes[page.locale_id] == code
        ]
        if listed:
            languages.append((code, name, listed))
    return languages


def demo_logins():
    from home.demo.users import DEMO_LOGINS

    return DEMO_LOGINS
