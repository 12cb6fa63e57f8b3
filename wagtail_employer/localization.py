"""Translation lookups done in bulk, so blocks cost a fixed number of queries."""

from django.conf import settings
from wagtail.models import Locale


def i18n_enabled():
    return getattr(settings, "WAGTAIL_I18N_ENABLED", False)


def localize_in_bulk(model, objects, queryset=None):
    """Replace each object with its translation in the active locale, when there is one.

    ``objects`` may contain None (a deleted reference); positions are kept. One query
    for the translations, plus whatever ``queryset`` prefetches."""
    queryset = queryset if queryset is not None else model.objects.all()
    chosen = [obj for obj in objects if obj is not None]
    if not chosen or not i18n_enabled():
        return objects
    active_locale = Locale.get_active()
    needing_translation = {
        obj.translation_key for obj in chosen if obj.locale_id != active_locale.pk
    }
    if not needing_translation:
        return objects
    translations = {
        obj.translation_key: obj
        for obj in queryset.filter(translation_key__in=needing_translation, locale=active_locale)
    }
    return [
        translations.get(obj.translation_key, obj) if obj is not None else None for obj in objects
    ]
