"""Wagtail's page bulk actions, limited to the pages the user may see in the admin.

Wagtail's confirmation pages (``/admin/bulk/wagtailcore/page/<action>/?id=...``) fetch any
page by id and list the ones the user may not act on by title, to anyone with admin
access: a leader agreement's title names its unit and its leader. These replacements fetch
only the pages the user may explore (``page_permissions.explorable_pages``), so a page the
user may not see is neither named nor acted on; with none left, the answer is 404.
"""

from django.shortcuts import get_list_or_404
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction

from ..page_permissions import explorable_pages


class ExplorablePagesOnly:
    # Wagtail declares it a classmethod, but only ever calls it on the view itself; the
    # view knows who asks.
    def get_queryset(self, model, object_ids):
        explorable = explorable_pages(self.request.user).values("pk")
        return get_list_or_404(model.objects.filter(pk__in=object_ids).filter(pk__in=explorable))


class ExplorableDeleteBulkAction(ExplorablePagesOnly, DeleteBulkAction):
    pass


class ExplorableMoveBulkAction(ExplorablePagesOnly, MoveBulkAction):
    pass


class ExplorablePublishBulkAction(ExplorablePagesOnly, PublishBulkAction):
    pass


class ExplorableUnpublishBulkAction(ExplorablePagesOnly, UnpublishBulkAction):
    pass


PAGE_BULK_ACTIONS = [
    ExplorableDeleteBulkAction,
    ExplorableMoveBulkAction,
    ExplorablePublishBulkAction,
    ExplorableUnpublishBulkAction,
]
