"""The benchmark (``make bench``) renders every block the package offers: a block added to
``EmployerStreamBlock`` without a benchmark sample fails here, and each sample is valid."""

import pytest

from benchmarks.samples import BLOCK_SAMPLES, build_fixtures
from wagtail_employer.blocks import EmployerStreamBlock

pytestmark = pytest.mark.django_db


def test_every_block_has_a_benchmark_sample():
    assert set(EmployerStreamBlock().child_blocks) == set(BLOCK_SAMPLES)


def test_every_sample_is_a_valid_block_value():
    fixtures = build_fixtures()
    stream_block = EmployerStreamBlock()
    for name, sample in BLOCK_SAMPLES.items():
        block = stream_block.child_blocks[name]
        value = block.to_python(sample(fixtures))
        block.clean(value)
        assert block.render(value)
