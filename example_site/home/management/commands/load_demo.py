"""Loads the demo intranet's content and users. Safe to run again: it updates in place."""

from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo.site import load_home_page
from home.demo.surveys import load_surveys
from home.demo.units import load_units
from home.demo.users import DEMO_LOGINS, load_users


class Command(BaseCommand):
    help = "Load (or refresh) the demo intranet's content and print the demo logins."

    def handle(self, *args, **options):
        with transaction.atomic():
            home = load_home_page()
            units_summary = load_units()
            survey_summaries = load_surveys(home)
            load_users()
        self.stdout.write(self.style.SUCCESS(f"Organisation units: {units_summary}"))
        for summary in survey_summaries:
            self.stdout.write(self.style.SUCCESS(f"Survey results, {summary}"))
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo logins (http://127.0.0.1:8000/admin/):"))
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.role:<32} {login.username:<12} {login.password}")
