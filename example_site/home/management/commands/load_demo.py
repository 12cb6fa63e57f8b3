"""Loads the demo intranet's content and users. Safe to run again: it updates in place."""

from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo.agreements import load_agreements
from home.demo.goals import load_goal_hierarchy
from home.demo.service_policy import load_service_policy
from home.demo.site import load_home_page
from home.demo.strategy import load_strategy
from home.demo.surveys import load_surveys
from home.demo.units import load_units
from home.demo.users import DEMO_LOGINS, load_users
from home.demo.values import load_value_sets
from home.demo.workplace import load_workplace


class Command(BaseCommand):
    help = "Load (or refresh) the demo intranet's content and print the demo logins."

    def handle(self, *args, **options):
        with transaction.atomic():
            home = load_home_page()
            units_summary = load_units()
            users = load_users()
            value_pages = load_value_sets(home)
            policy, page, assessments = load_service_policy()
            agreements_index = load_agreements(home, users)
            survey_summaries = load_surveys(home)
            strategy_page = load_strategy(home)
            goals_page = load_goal_hierarchy(home)
            workplace_pages = load_workplace(home)
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
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo logins (http://127.0.0.1:8000/admin/):"))
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.role:<36} {login.username:<14} {login.password}")
        self.stdout.write("")
        self.stdout.write(
            f"Leader agreements: {agreements_index.url} (Liv Leder's is signed, Kåre "
            "Kommunalsjef's a draft; each is private to its leader, the superior and HR)"
        )
