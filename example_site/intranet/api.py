from wagtail.api.v2.router import WagtailAPIRouter

from wagtail_employer.api_views import EmployerPagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
# Wagtail's pages endpoint, without the leader agreements the requester may not read.
api_router.register_endpoint("pages", EmployerPagesAPIViewSet)
