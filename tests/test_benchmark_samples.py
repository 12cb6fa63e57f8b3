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
