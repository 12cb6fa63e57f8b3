"""The benchmark (``make bench``) renders every block the package offers: a block added to
``EmployerStreamBlock`` with neither a demo value nor a built sample fails here, and each
sample is a valid value that renders."""

import pytest

from benchmarks.samples import block_samples, load_demo_content
from wagtail_employer.blocks import EmployerStreamBlock

pytestmark = pytest.mark.django_db


def test_every_block_has_a_valid_benchmark_sample():
    load_demo_content()
    stream_block = EmployerStreamBlock()
    samples = block_samples(stream_block.child_blocks)
    assert set(samples) == set(stream_block.child_blocks)
    for name, raw in samples.items():
        block = stream_block.child_blocks[name]
        value = block.to_python(raw)
        block.clean(value)
        assert block.render(value), name


def test_the_reference_blocks_render_and_print_next_to_the_budget(home_page, capsys):
    """Wagtail's own blocks, measured for reading the render target against, render on a
    real page, and the table names each of them and the budget."""
    from benchmarks.reference_blocks import ReferenceStreamBlock, measure_reference_blocks
    from benchmarks.run import print_reference_blocks
    from home.models import ContentPage

    page = home_page.add_child(instance=ContentPage(title="Tom", slug="tom"))
    reference = measure_reference_blocks(page, count=250, repeats=1)
    assert set(reference["blocks"]) == set(ReferenceStreamBlock().child_blocks)
    # What was timed is the page with its blocks, not an empty render.
    stream = ReferenceStreamBlock()
    page.__dict__["body"] = stream.to_python(
        [{"type": "struct_with_template", "value": {"text": "Våre verdier", "level": "h3"}}]
    )
    assert (
        '<h3 class="we-heading">Våre verdier</h3>'
        in page.serve(_request(page)).render().content.decode()
    )
    run = {
        "database": "sqlite",
        "version": "3",
        "render": {
            "floor": {"ms": 5.0},
            "reference": reference,
            "blocks": {"survey_result": {"1": {"ms": 6.0}, "250": {"ms": 130.0}}},
        },
    }
    print_reference_blocks([run])
    table = capsys.readouterr().out
    assert "budget: what the 2x target leaves a block" in table
    assert "20.0" in table  # 5 ms / 250
    assert "survey_result" in table and "500.0" in table  # (130 - 5) ms / 250
    for figures in reference["blocks"].values():
        assert figures["label"] in table


def _request(page):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get(page.url)
    request.user = AnonymousUser()
    return request
