"""Loads the demo intranet's content and users. Safe to run again: it updates in place."""

from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo.goals import load_goal_hierarchy
from home.demo.site import load_home_page
from home.demo.strategy import load_strategy
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
            load_users()
            value_pages = load_value_sets(home)
            strategy_page = load_strategy(home)
            goals_page = load_goal_hierarchy(home)
            workplace_pages = load_workplace(home)
        self.stdout.write(self.style.SUCCESS(f"Organisation units: {units_summary}"))
        for page in value_pages:
            self.stdout.write(f"Values page: {page.url}")
        self.stdout.write(f"Employer strategy: {strategy_page.url}")
        self.stdout.write(f"Goal hierarchy: {goals_page.url}")
        for page in workplace_pages:
            self.stdout.write(f"Workplace and working methods: {page.url}")
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo logins (http://127.0.0.1:8000/admin/):"))
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.role:<32} {login.username:<12} {login.password}")
