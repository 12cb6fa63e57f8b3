"""One stored (JSON) value per block of ``EmployerStreamBlock``, for the benchmark's pages.

The benchmark loads the demo intranet (``load_demo``) into its throwaway database and takes
each block's value from the demo's own pages where the demo uses that block, and otherwise
builds it from the demo's content (its value set, policy, survey, goals ...).
``tests/test_benchmark_samples.py`` fails when a block has no sample, so the benchmark
covers every block the package offers."""

import io
import os

from django.core.files.images import ImageFile
from django.core.management import call_command
from PIL import Image as PillowImage
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page

from wagtail_employer.models import (
    Commitment,
    FocusArea,
    FollowUpPlan,
    Goal,
    OrganisationUnit,
    ServicePolicy,
    StrategyFocusArea,
    SurveyResult,
    Value,
    ValueSet,
)


def load_demo_content():
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)


def values_used_by_demo_pages():
    """block type -> the first stored value of that type on any demo page."""
    found = {}
    for page in Page.objects.specific():
        for field in page._meta.get_fields():
            if isinstance(field, StreamField):
                for child in getattr(page, field.name).raw_data:
                    found.setdefault(child["type"], child["value"])
    return found


def _image():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (640, 360), (30, 90, 160)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title="Bench", file=ImageFile(io.BytesIO(buffer.getvalue()), name="bench.png")
    )


def built_samples():
    """Samples built from the demo's content, for blocks no demo page uses."""
    survey_result = (
        SurveyResult.objects.filter(unit__isnull=False, dimension__isnull=False)
        .select_related("survey")
        .first()
    )
    goal_unit = Goal.objects.filter(unit__isnull=False).values_list("unit_id", flat=True).first()
    return {
        "heading": lambda: {"text": "Våre verdier", "level": "h2"},
        "paragraph": lambda: "<p>Vi holder det vi lover, og vi <b>svarer</b> raskt.</p>",
        "image": lambda: {
            "image": {"image": _image().pk, "alt_text": "Et blått felt", "decorative": False},
            "caption": "Bildetekst",
        },
        "unit_card": lambda: {
            "unit": OrganisationUnit.objects.filter(leader__isnull=False).first().pk,
            "heading_level": "h3",
            "show_leader": True,
        },
        "value_set": lambda: {
            "value_set": ValueSet.objects.get(acronym="REAL").pk,
            "display": "full",
            "heading_level": "h2",
        },
        "single_value": lambda: {
            "value": Value.objects.filter(value_set__acronym="REAL").first().pk,
            "heading_level": "h3",
            "show_behaviours": True,
        },
        "service_policy": lambda: {
            "policy": ServicePolicy.objects.first().pk,
            "display": "full",
            "heading_level": "h2",
        },
        "focus_area": lambda: {"focus_area": FocusArea.objects.first().pk, "heading_level": "h3"},
        "commitment": lambda: {"commitment": Commitment.objects.first().pk, "heading_level": "h3"},
        "survey_result": lambda: {
            "survey": survey_result.survey_id,
            "unit": survey_result.unit_id,
            "dimension": "",
            "heading_level": "h2",
        },
        "follow_up_plan": lambda: {"plan": FollowUpPlan.objects.first().pk, "heading_level": "h2"},
        "strategy_focus_area": lambda: {
            "focus_area": StrategyFocusArea.objects.first().pk,
            "heading_level": "h2",
        },
        "unit_goals": lambda: {"unit": goal_unit, "heading_level": "h2", "show_how": True},
        "process_timeline": lambda: {
            "heading": "Slik ble strategien til",
            "heading_level": "h2",
            "steps": [
                {
                    "title": title,
                    "date": date,
                    "date_precision": "day",
                    "participants": participants,
                    "description": "",
                }
                for title, date, participants in (
                    ("Verdiverksted", "2010-03-16", "Alle ansatte"),
                    ("Høring", "2010-09-01", "Tillitsvalgte"),
                    ("Vedtak i kommunestyret", "2010-11-22", "Kommunestyret"),
                )
            ],
        },
    }


def block_samples(block_names):
    """block name -> stored value, for each of ``block_names``; a block with neither a demo
    value nor a built sample is left out (the samples test names it)."""
    from_demo = values_used_by_demo_pages()
    built = built_samples()
    samples = {}
    for name in block_names:
        if name in built:
            samples[name] = built[name]()
        elif name in from_demo:
            samples[name] = from_demo[name]
    return samples
