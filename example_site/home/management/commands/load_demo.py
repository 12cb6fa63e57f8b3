"""Loads the demo intranet's content and users. Safe to run again: it updates in place."""

import textwrap

from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo.agreements import load_agreements
from home.demo.blocks import load_block_pages
from home.demo.goals import load_goal_hierarchy
from home.demo.lifecycle import load_policy_lifecycle
from home.demo.service_policy import load_service_policy
from home.demo.site import load_home_page
from home.demo.strategy import load_strategy
from home.demo.surveys import load_surveys
from home.demo.units import load_units
from home.demo.users import DEMO_LOGINS, load_editor_page_permissions, load_users
from home.demo.values import load_value_sets
from home.demo.workplace import load_workplace


def login_table():
    """The demo logins as aligned columns: role, username, password, what the role sees."""
    rows = [("Role", "Username", "Password")] + [
        (str(login.role), login.username, login.password) for login in DEMO_LOGINS
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    lines = []
    for row, login in zip(rows, [None, *DEMO_LOGINS], strict=True):
        cells = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        lines.append(f"  {cells}".rstrip())
        if login is not None:
            lines.append(
                textwrap.fill(
                    str(login.sees), 88, initial_indent=" " * 6, subsequent_indent=" " * 6
                )
            )
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Load (or refresh) the demo intranet's content and print the demo logins."

    def handle(self, *args, **options):
        with transaction.atomic():
            home = load_home_page()
            units_summary = load_units()
            users = load_users()
            load_editor_page_permissions(home, users)
            value_pages = load_value_sets(home)
            policy, page, assessments = load_service_policy()
            agreements_index = load_agreements(home, users)
            survey_summaries = load_surveys(home)
            strategy_page = load_strategy(home)
            goals_page = load_goal_hierarchy(home)
            workplace_pages = load_workplace(home)
            policy_pages = load_policy_lifecycle(users)
            block_pages = load_block_pages(home)
        self.stdout.write(self.style.SUCCESS(f"Organisation units: {units_summary}"))
        for value_page in value_pages:
            self.stdout.write(f"Values page: {value_page.url}")
        for summary in survey_summaries:
            self.stdout.write(self.style.SUCCESS(f"Survey results, {summary}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Service policy: {policy} with {assessments} self-assessments, on {page.url}"
            )
        )
        self.stdout.write(f"Employer strategy: {strategy_page.url}")
        self.stdout.write(f"Goal hierarchy: {goals_page.url}")
        for workplace_page in workplace_pages:
            self.stdout.write(f"Workplace and working methods: {workplace_page.url}")
        for block_page in block_pages:
            self.stdout.write(f"Blocks on a content page: {block_page.url}")
        for policy_page in policy_pages:
            due = " (due for review)" if policy_page.is_due_for_review else ""
            self.stdout.write(
                f"Policy {policy_page.url}: owner {policy_page.content_owner_name}, "
                f"next review {policy_page.next_review_on:%Y-%m-%d}{due}, "
                f"version {policy_page.policy_version}"
            )
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo logins (http://127.0.0.1:8000/admin/):"))
        self.stdout.write(login_table())
        self.stdout.write("")
        self.stdout.write(
            f"Leader agreements: {agreements_index.url} (Liv Leder's is signed, Kåre "
            "Kommunalsjef's and Siri Skoleleder's are drafts; each is private to its leader, "
            "the superior and HR)"
        )
