"""The policy lifecycle on the demo's policy pages: a content owner and contact, a
next-review date, a short "what changed" log, and staff's read confirmations, so that the
HR and leader reports (Reports → Read confirmations, Policies due for review) have
something to show.

Demo staff are placed in units (staff placements); a few of them have confirmed, some an
older version of the service policy, which has since changed significantly."""

import datetime

from django.utils import timezone

from wagtail_employer.models import (
    EmployerStrategyPage,
    OrganisationUnit,
    ReadConfirmation,
    ServicePolicyPage,
    UnitMembership,
    ValuesPage,
)

# Demo login → the unit they work in. Arne Ansatt works in a team under Liv Leder's
# Sykehjemmet, so Liv's report lists him; Kåre Kommunalsjef's lists them both.
STAFF_PLACEMENTS = {
    "admin": "RAD",
    "hr": "RAD-HR",
    "kommunalsjef": "HO",
    "leder": "HO-SYK",
    "ansatt": "HO-SYK-A",
}

HR_CONTACT = "HR og organisasjonsutvikling, hr@eksempel-kommune.invalid"


def change(changed_on, summary, significant=False):
    return ("change", {"changed_on": changed_on, "summary": summary, "significant": significant})


# slug → (content owner's username, contact, months until the next review or a fixed date,
#         change log (newest first), {username: (version confirmed, confirmed at)})
POLICIES = {
    (ValuesPage, "verdiene-vare"): (
        "hr",
        HR_CONTACT,
        12,
        [
            change(
                datetime.date(2011, 1, 10),
                "Verdiene og verdiverkstedet de kom fra er lagt ut på intranettet.",
            ),
        ],
        {"hr": (1, (2011, 1, 10)), "ansatt": (1, (2011, 2, 3))},
    ),
    (ValuesPage, "var-vardegrund"): (
        "hr",
        "HR-avdelningen, hr@exempel-kommun.invalid",
        12,
        [
            change(
                datetime.date(2013, 3, 4),
                "Värdegrunden finns nu på intranätet, med beteenden för varje värdering.",
            ),
        ],
        {"hr": (1, (2013, 3, 4))},
    ),
    # The 2012 draft was never reviewed again: “Policies due for review” lists it.
    (ServicePolicyPage, "servicepolitikk"): (
        "kommunalsjef",
        HR_CONTACT,
        datetime.date(2013, 6, 1),
        [
            change(
                datetime.date(2012, 6, 1),
                "Kjennetegn 10 har fått tillegget «Vi holder det vi lover» etter høringen "
                "blant lederne.",
                significant=True,
            ),
            change(
                datetime.date(2012, 5, 10),
                "Utkastet er sendt på høring til lederne, med frist 25. mai.",
            ),
        ],
        # Arne confirmed the first version; the significant change asks him again.
        {
            "ansatt": (1, (2012, 5, 14)),
            "hr": (2, (2012, 6, 1)),
            "kommunalsjef": (2, (2012, 6, 4)),
        },
    ),
    (EmployerStrategyPage, "arbeidsgiverstrategi"): (
        "hr",
        HR_CONTACT,
        6,
        [
            change(
                datetime.date(2011, 9, 1),
                "Strategien er lagt ut på intranettet, med hvert fokusområde som eget avsnitt.",
            ),
        ],
        {"hr": (1, (2011, 9, 1)), "kommunalsjef": (1, (2011, 9, 5)), "ansatt": (1, (2011, 9, 12))},
    ),
}


def load_policy_lifecycle(users):
    """Staff placements, and each policy page's lifecycle and read confirmations. A page's
    owner, review date and change log are set once: later runs keep an editor's changes,
    and review dates counted from the first run."""
    for username, code in STAFF_PLACEMENTS.items():
        UnitMembership.objects.update_or_create(
            user=users[username], defaults={"unit": OrganisationUnit.objects.get(code=code)}
        )
    pages = []
    for (page_class, slug), (owner, contact, review, changes, confirmed) in POLICIES.items():
        page = page_class.objects.get(slug=slug)
        if page.content_owner_id is None and not page.change_log:
            page.content_owner = users[owner]
            page.contact = contact
            page.next_review_on = (
                review if isinstance(review, datetime.date) else _months_from_today(review)
            )
            page.asks_for_read_confirmation = True
            page.change_log = changes
            page.save_revision().publish()
        for username, (version, (year, month, day)) in confirmed.items():
            ReadConfirmation.objects.get_or_create(
                page_id=page.pk,
                user=users[username],
                version=version,
                defaults={
                    "confirmed_at": datetime.datetime(year, month, day, 9, 0, tzinfo=datetime.UTC)
                },
            )
        pages.append(page)
    return pages


def _months_from_today(months):
    today = timezone.localdate()
    year, month = divmod(today.month - 1 + months, 12)
    return today.replace(year=today.year + year, month=month + 1, day=1)
