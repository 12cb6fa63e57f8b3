"""What a block costs in Wagtail itself, for reading the render target against.

The target allows a 250-block page twice the empty page's time, which leaves each block
``floor / 250`` of render time. This measures, on the same page and template, Wagtail's
own blocks: a ``CharBlock`` rendered by Wagtail's ``render_basic`` (no template, the least
a block can cost), a ``RichTextBlock`` likewise, and a ``StructBlock`` with a one-line
template, which is how Wagtail's documentation has blocks render and how every block of
the package renders (one overridable template each).

They are rendered in this process, the page's template with the page's context, without
the request cycle (middleware, URL routing): a body of another ``StreamBlock`` cannot be
served through the test client. The package's heading is measured the same way, so the
figures compare with each other, and the per-block cost they show is what the page-level
figures show too."""

import gc
import statistics
import time

from django.contrib.auth.models import AnonymousUser
from django.template.loader import get_template
from django.test import RequestFactory
from wagtail import blocks
from wagtail.blocks import StreamValue

from wagtail_employer.blocks.basic import HeadingBlock

COUNT = 250
REPEATS = 21


class ReferenceStreamBlock(blocks.StreamBlock):
    char = blocks.CharBlock()
    rich_text = blocks.RichTextBlock()
    struct_with_template = blocks.StructBlock(
        [("text", blocks.CharBlock()), ("level", blocks.CharBlock())],
        template="wagtail_employer/blocks/heading.html",
    )
    package_heading = HeadingBlock()


SAMPLES = {
    "char": "Våre verdier",
    "rich_text": "<p>Vi holder det vi lover, og vi <b>svarer</b> raskt.</p>",
    "struct_with_template": {"text": "Våre verdier", "level": "h2"},
    "package_heading": {"text": "Våre verdier", "level": "h2"},
}
LABELS = {
    "char": "Wagtail CharBlock, no template",
    "rich_text": "Wagtail RichTextBlock, no template",
    "struct_with_template": "Wagtail StructBlock, one-line template",
    "package_heading": "the package's heading block",
}


def _render_ms(page, template, request, body, repeats):
    page.__dict__["body"] = body  # past StreamField's descriptor, which expects raw data
    context = page.get_context(request)
    template.render(context, request)  # warm up
    durations = []
    for _ in range(repeats):
        gc.collect()
        started = time.perf_counter()
        template.render(page.get_context(request), request)
        durations.append((time.perf_counter() - started) * 1000)
    return statistics.median(durations)


def measure_reference_blocks(page, count=COUNT, repeats=REPEATS):
    """{"empty_ms": …, "count": count, "blocks": {name: {"label", "ms", "us_per_block"}}}
    for ``page``, a published ContentPage whose body this sets in memory only; medians of
    ``repeats`` renders."""
    request = RequestFactory().get(page.url)
    request.user = AnonymousUser()
    template = get_template(page.get_template(request))
    stream_block = ReferenceStreamBlock()
    empty = StreamValue(stream_block, [], is_lazy=True)
    empty_ms = _render_ms(page, template, request, empty, repeats)
    results = {"empty_ms": empty_ms, "count": count, "blocks": {}}
    for name, value in SAMPLES.items():
        raw = [{"type": name, "value": value} for _ in range(count)]
        body = StreamValue(stream_block, raw, is_lazy=True)
        ms = _render_ms(page, template, request, body, repeats)
        results["blocks"][name] = {
            "label": LABELS[name],
            "ms": ms,
            "us_per_block": (ms - empty_ms) / count * 1000,
        }
    return results
