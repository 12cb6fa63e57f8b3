"""The package's Wagtail API (v2) endpoint: Wagtail's pages endpoint without the leader
agreements the requester may not read. (Kept apart from ``api.py``, which the models
import, because Wagtail's API views need the models loaded.)"""

from wagtail.api.v2.views import PagesAPIViewSet

from .privacy import readable_pages


class EmployerPagesAPIViewSet(PagesAPIViewSet):
    """Register it instead of ``PagesAPIViewSet`` (README: Install)::

    api_router.register_endpoint("pages", EmployerPagesAPIViewSet)
    """

    def get_base_queryset(self):
        return readable_pages(super().get_base_queryset(), self.request.user)
