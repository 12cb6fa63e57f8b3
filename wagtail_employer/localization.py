"""Translation lookups done in bulk, so blocks cost a fixed number of queries."""

from django.conf import settings
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant


def i18n_enabled():
    return getattr(settings, "WAGTAIL_I18N_ENABLED", False)


def active_language_code():
    """The language code of the locale ``Locale.get_active()`` picks, without its query:
    each block type of a page asks, and the answer is the same for the whole request."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def localize_in_bulk(model, objects, queryset=None):
    """Replace each object with its translation in the active locale, when there is one.

    ``objects`` may contain None (a deleted reference); positions are kept. They must come
    with their ``locale`` (``select_related("locale")``). One query for the translations
    when any object is in another language, plus whatever ``queryset`` prefetches."""
    queryset = queryset if queryset is not None else model.objects.all()
    chosen = [obj for obj in objects if obj is not None]
    if not chosen or not i18n_enabled():
        return objects
    language_code = active_language_code()
    needing_translation = {
        obj.translation_key for obj in chosen if obj.locale.language_code != language_code
    }
    if not needing_translation:
        return objects
    translations = {
        obj.translation_key: obj
        for obj in queryset.filter(
            translation_key__in=needing_translation, locale__language_code=language_code
        )
    }
    return [
        translations.get(obj.translation_key, obj) if obj is not None else None for obj in objects
    ]
