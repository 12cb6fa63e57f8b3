"""One stored (JSON) value per block of ``EmployerStreamBlock``, for the benchmark's pages.

``tests/test_benchmark_samples.py`` fails when a block has no sample here, so the benchmark
covers every block the package offers."""

import datetime
import io

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Locale

from wagtail_employer.models import OrganisationUnit, UnitKind, Value, ValueSet, ValueSetStatus


def build_fixtures():
    """The content the samples refer to; returns a dict of objects by name."""
    municipality = OrganisationUnit.objects.create(
        name="Bench kommune", code="B", kind=UnitKind.MUNICIPALITY
    )
    unit = OrganisationUnit.objects.create(
        name="Bench skole", code="B-1", kind=UnitKind.UNIT, parent=municipality
    )
    value_set = ValueSet.objects.create(
        name="Felles verdier",
        acronym="REAL",
        status=ValueSetStatus.ADOPTED,
        adopted_by="Kommunestyret",
        adopted_on=datetime.date(2010, 11, 22),
        locale=Locale.get_default(),
    )
    for position, name in enumerate(["Raushet", "Engasjement", "Anerkjennelse", "Likeverd"]):
        Value.objects.create(
            value_set=value_set,
            name=name,
            sort_order=position,
            meaning=f"<p>{name} betyr noe i praksis.</p>",
            behaviours=[("behaviour", "å ta ansvar"), ("behaviour", "å se hverandre")],
        )
    return {
        "unit": unit,
        "value_set": value_set,
        "value": value_set.values.first(),
        "image": _image(),
    }


def _image():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (640, 360), (30, 90, 160)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title="Bench", file=ImageFile(io.BytesIO(buffer.getvalue()), name="bench.png")
    )


BLOCK_SAMPLES = {
    "heading": lambda f: {"text": "Våre verdier", "level": "h2"},
    "paragraph": lambda f: "<p>Vi holder det vi lover, og vi <b>svarer</b> raskt.</p>",
    "image": lambda f: {
        "image": {"image": f["image"].pk, "alt_text": "Et blått felt", "decorative": False},
        "caption": "Bildetekst",
    },
    "unit_card": lambda f: {"unit": f["unit"].pk, "heading_level": "h3", "show_leader": True},
    "value_set": lambda f: {
        "value_set": f["value_set"].pk,
        "display": "full",
        "heading_level": "h2",
    },
    "single_value": lambda f: {
        "value": f["value"].pk,
        "heading_level": "h3",
        "show_behaviours": True,
    },
}
