"""The intranet's site search. Leader agreements the reader may not read are left out
with ``wagtail_employer.privacy.readable_pages`` (README: Leader agreements)."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from wagtail.models import Page

from wagtail_employer.privacy import readable_pages


def search(request):
    query = request.GET.get("q", "").strip()
    results = Page.objects.none()
    if query:
        results = readable_pages(Page.objects.live(), request.user).search(query)
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    response = TemplateResponse(
        request, "home/search.html", {"search_query": query, "search_results": page}
    )
    # The results depend on who is searching.
    patch_cache_control(response, private=True)
    return response
