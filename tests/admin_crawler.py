"""A bounded crawl of Wagtail's admin as one user, with Django's test client.

From ``/admin/`` it follows every same-origin admin address it finds in a response: links,
every attribute whose value is an admin address (Wagtail's components keep their URLs in
``data-…`` attributes), redirects, GET forms submitted with their default values (and,
for a search box, with each search term given), and POST forms' actions fetched with GET
(their confirmation pages). It reads each response as text: HTML and JSON as they are
(JSON unescaped), CSV decoded, XLSX cell by cell across all sheets. It stops after
``max_urls`` addresses, visits at most ``variants_per_path`` query strings per path and
at most ``per_pattern`` paths of one shape (ids replaced: ``/admin/pages/N/edit/``), so
that sorting, filtering and paging links and a large page tree cannot make it run for
minutes: it covers every screen, not every object. Addresses given as ``always`` are
visited whatever the bounds.
"""

import html
import io
import json
import re
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from bs4 import BeautifulSoup
from openpyxl import load_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Addresses whose GET would change something or end the session.
SKIPPED = re.compile(r"/logout/|/jsi18n/|/sprite|/static/|/media/|\.(?:js|css|svg|png|ico)$")


def kind_of(response):
    content_type = response.get("Content-Type", "")
    if "json" in content_type:
        return "JSON"
    if "csv" in content_type:
        return "CSV"
    if XLSX in content_type:
        return "XLSX"
    if "html" in content_type:
        return "HTML"
    return "other"


def body_of(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def text_of(body, kind):
    """What a person could read in a response's body."""
    if kind == "XLSX":
        workbook = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    raw = body.decode("utf-8-sig", "replace")
    if kind == "JSON":
        try:
            return json.dumps(json.loads(raw), ensure_ascii=False)
        except ValueError:
            return raw
    return html.unescape(raw)


def canonical(url):
    """The address without its fragment and ``next`` (where to return to), the query
    sorted."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = urlencode(sorted((key, value) for key, value in pairs if key != "next"))
    return parts.path + (f"?{query}" if query else "")


def form_urls(form, base, search_terms):
    """The addresses a form leads to, fetched with GET."""
    action = urljoin(base, form.get("action") or base)
    if (form.get("method") or "get").lower() != "get":
        return [action]
    fields = []
    search_fields = []
    for element in form.find_all(["input", "select", "textarea"]):
        name = element.get("name")
        if not name or element.has_attr("disabled"):
            continue
        if element.name == "select":
            option = element.find("option", selected=True) or element.find("option")
            if option is not None:
                fields.append((name, option.get("value", option.get_text())))
        elif element.get("type") in ("checkbox", "radio"):
            if element.has_attr("checked"):
                fields.append((name, element.get("value", "on")))
        elif element.get("type") not in ("submit", "button", "image", "file"):
            fields.append((name, element.get("value", element.get_text())))
            if name == "q" or element.get("type") == "search":
                search_fields.append(name)
    urls = [f"{action.split('?')[0]}?{urlencode(fields)}"]
    for name in search_fields:
        for term in search_terms:
            filled = [(key, term if key == name else value) for key, value in fields]
            urls.append(f"{action.split('?')[0]}?{urlencode(filled)}")
    return urls


@dataclass
class Crawl:
    client: object
    check: object  # check(url, kind, text) -> list of problems
    search_terms: list = field(default_factory=list)
    max_urls: int = 200
    variants_per_path: int = 3
    per_pattern: int = 2
    visited: list = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)
    problems: list = field(default_factory=list)
    texts: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)

    def run(self, start_urls, always=()):
        """Crawls from ``start_urls``; ``always`` are visited whatever the bounds."""
        queue = deque()
        seen = set()
        per_path = Counter()
        per_pattern = Counter()

        def add(url, forced=False):
            url = canonical(url)
            if url in seen or not url.startswith("/admin/") or SKIPPED.search(url):
                return
            path = url.split("?")[0]
            pattern = re.sub(r"/\d+/", "/N/", re.sub(r"/add/[\w-]+/[\w-]+/", "/add/M/", path))
            if not forced:
                if "?" in url and per_path[path] >= self.variants_per_path:
                    return
                if path not in per_path and per_pattern[pattern] >= self.per_pattern:
                    return
            seen.add(url)
            if path not in per_path:
                per_pattern[pattern] += 1
            per_path[path] += 1
            queue.append((url, forced))

        for url in always:
            add(url, forced=True)
        for url in start_urls:
            add(url, forced=True)
        while queue:
            url, forced = queue.popleft()
            if not forced and len(self.visited) >= self.max_urls:
                continue
            for found in self.visit(url):
                add(found)
        return self

    def visit(self, url):
        self.visited.append(url)
        started = time.monotonic()
        try:
            response = self.client.get(url)
        except Exception as error:  # a crash is a finding, not the end of the crawl
            self.problems.append(f"{url}: raised {type(error).__name__}: {error}")
            return []
        self.seconds[url] = time.monotonic() - started
        if response.status_code >= 500:
            self.problems.append(f"{url}: status {response.status_code}")
        if response.status_code in (301, 302, 303, 307, 308):
            return [urljoin(url, response["Location"])]
        kind = kind_of(response)
        self.kinds[kind] += 1
        body = body_of(response)
        if kind == "other" or not body:
            return []
        text = text_of(body, kind)
        self.texts[url] = text
        self.problems.extend(self.check(url, kind, text))
        if kind != "HTML":
            return self.urls_in_json(text) if kind == "JSON" else []
        return self.urls_in_html(url, body)

    def urls_in_json(self, text):
        return re.findall(r'"(/admin/[^"\s]*)"', text)

    def urls_in_html(self, url, content):
        soup = BeautifulSoup(content, "html.parser")
        found = []
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                if name == "action" or not isinstance(value, str):
                    continue
                value = value.strip()
                if value.startswith("/admin/") or (
                    name == "href" and value and not value.startswith(("#", "http", "mailto"))
                ):
                    found.append(urljoin(url, value))
        for form in soup.find_all("form"):
            found.extend(form_urls(form, url, self.search_terms))
        return found
