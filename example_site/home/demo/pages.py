"""Idempotent page helpers for the demo: pages are found by slug under their parent and
updated in place, so running ``load_demo`` again publishes nothing new."""

from wagtail.blocks import StreamValue
from wagtail.models import Page


def publish_child_page(parent, page_class, *, slug, **fields):
    """The published child of ``parent`` with ``slug``, created or brought up to date."""
    page = page_class.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = page_class(slug=slug, locale=parent.locale, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page
    changed = [name for name, value in fields.items() if _differs(page, name, value)]
    if changed or page.has_unpublished_changes or not page.live:
        for name in changed:
            setattr(page, name, fields[name])
        page.save_revision().publish()
    return page


def translated_home_page(home, locale, **fields):
    """The home page's published translation into ``locale`` (served under /<language>/),
    with ``fields`` translated."""
    translation = home.get_translation_or_none(locale)
    if translation is None:
        translation = home.copy_for_translation(locale)
    translation = Page.objects.get(pk=translation.pk).specific
    changed = [name for name, value in fields.items() if getattr(translation, name) != value]
    for name in changed:
        setattr(translation, name, fields[name])
    if changed or not translation.live or translation.has_unpublished_changes:
        translation.save_revision().publish()
    return translation


def _differs(page, name, value):
    """Whether ``value`` would change the field; StreamFields are compared by content, not
    by the block ids a save generates."""
    current = getattr(page, name)
    if not isinstance(current, StreamValue):
        return current != value
    probe = type(page)()
    setattr(probe, name, value)
    return _stream_content(current) != _stream_content(getattr(probe, name))


def _stream_content(stream):
    return [(child.block_type, child.block.get_api_representation(child.value)) for child in stream]
