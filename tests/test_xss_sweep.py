"""XSS sweep: well-known payloads through every text the package shows, and nothing of
them may come out executable.

For each payload, ``security_world.build_world`` writes it into every text field,
rich-text field and block of a whole municipality (units, people's names, value sets,
the service policy, surveys, follow-up plans, self-assessments, goals, salary criteria,
agreement templates and agreements, the strategy, workplace and values pages with one of
every block, the lifecycle's change log), and the import files carry it in cells,
headers and file names so that it comes back in previews and error messages. Then every
surface that shows them is fetched (``SURFACES``: the pages and the agreement's print
view, the API, the admin's page editors and previews, snippet and modeladmin listings
and forms, usage and delete views, reports, self-assessments, choosers, the agreement
actions, import previews and upload errors, an admin message, the exports) and parsed.

A surface passes when the parsed HTML has no script element that runs the payload, no
event-handler attribute (``on…``) carrying it, no ``javascript:``/``vbscript:``/
``data:text/html`` address in ``href``, ``src``, ``action``, ``formaction`` and the like,
no ``srcdoc``; and when the payload's markup never appears unescaped in the raw text of
the response (which also catches what a browser would parse differently from Python's
parser, such as the ``<math><mtext><table><mglyph><style>`` mutation). JSON responses
(API, chooser modals) are checked string by string as HTML fragments. Exports must be
attachments that no browser renders as HTML (their formula escaping is
tests/test_export_formulae.py).

Run with ``-s`` to print the count of payloads × surfaces and the surfaces each payload
reached (shown as text somewhere in the response).
"""

import csv
import html
import io
import json
import re
import time
import zipfile
from collections import Counter

import pytest
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Page

from wagtail_employer.models import PendingImport

from .conftest import use_admin_language
from .security_world import build_world

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings(
        f"ignore::{MarkupResemblesLocatorWarning.__module__}.MarkupResemblesLocatorWarning"
    ),
]

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    '<a href="jAvAsCrIpT:alert(1)">x</a>',
    '<iframe srcdoc="<script>alert(1)</script>">',
    "{{7*7}}{% debug %}",
    "</textarea><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    '" onmouseover="alert(1)" x="',
    "' onmouseover='alert(1)' x='",
    " onmouseover=alert(1) ",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "]]><script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]

URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "background",
    "poster",
    "srcset",
    "content",
}
DANGEROUS_SCHEMES = re.compile(r"^(javascript|vbscript|data:text/html)", re.IGNORECASE)
NON_SCRIPT_TYPES = ("application/json", "application/ld+json", "text/template")


def normalised_url(value):
    """As a browser reads an address: entities decoded, control characters and spaces
    dropped (``jav\\tascript:`` runs)."""
    return re.sub(r"[\x00-\x20\x7f-\xa0]+", "", html.unescape(value))


def html_problems(markup, payload):
    """What in ``markup`` the payload made executable; empty when nothing."""
    problems = []
    soup = BeautifulSoup(markup, "html.parser")
    for script in soup.find_all("script"):
        kind = (script.get("type") or "").lower()
        if kind in NON_SCRIPT_TYPES:
            continue
        if "alert(" in (script.string or ""):
            problems.append(f"script: {str(script)[:120]}")
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on") and "alert(" in text:
                problems.append(f"{name} on <{element.name}>: {text[:80]}")
            if name.lower() in URL_ATTRIBUTES and DANGEROUS_SCHEMES.match(normalised_url(text)):
                problems.append(f"{name} on <{element.name}>: {text[:80]}")
            if name.lower() == "srcdoc":
                problems.append(f"srcdoc on <{element.name}>: {text[:80]}")
    return problems


def raw_problems(text, payload):
    """The payload's markup, unescaped, in the raw response."""
    if "<" in payload and payload in text:
        return [f"unescaped payload in the raw response at {text.index(payload)}"]
    return []


def json_strings(data, key=""):
    """(key, string) of every string in ``data``; list items carry their list's key."""
    if isinstance(data, dict):
        for name, value in data.items():
            yield from json_strings(value, str(name))
    elif isinstance(data, list):
        for value in data:
            yield from json_strings(value, key)
    elif isinstance(data, str):
        yield key, data


def is_address_key(key):
    return bool(re.search(r"(^|_)(url|href|link|src)($|_)", key.lower()))


def response_text(response):
    content = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    if content.startswith(b"PK\x03\x04"):  # an XLSX export: its XML parts
        with zipfile.ZipFile(io.BytesIO(content)) as workbook:
            content = b"".join(workbook.read(name) for name in workbook.namelist())
    return content.decode("utf-8", "replace")


def reached(text, payload):
    """Whether the payload (its start: labels may be shortened) is in the response as a
    reader or the browser would get it, escaped or not."""
    needle = payload.strip()[:18]
    decoded = html.unescape(text)
    if needle in decoded or needle.replace('"', '""') in decoded:  # CSV doubles quotes
        return True
    # JSON and json_script escape <, >, & and quotes.
    escaped = json.dumps(needle)[1:-1]
    escaped_lt = escaped.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return escaped in decoded or escaped_lt.lower() in decoded.lower()


def check(response, payload):
    """(problems, reached) for one response."""
    content_type = response.get("Content-Type", "")
    text = response_text(response)
    if response.get("Content-Disposition", "").startswith("attachment"):
        problems = [] if "html" not in content_type else ["an export served as HTML"]
        return problems, reached(text, payload)
    if "json" in content_type:
        problems = []
        for key, string in json_strings(json.loads(text)):
            # Plain text in JSON is the consumer's to escape; HTML (rich text, chooser
            # modals) is markup besides the payload's own, and addresses are addresses.
            if "<" in string.replace(payload, ""):
                problems += html_problems(string, payload)
            if is_address_key(key) and DANGEROUS_SCHEMES.match(normalised_url(string)):
                problems.append(f"a JSON address ({key}): {string[:80]}")
        return problems, reached(text, payload)
    return html_problems(text, payload) + raw_problems(text, payload), reached(text, payload)


# The surfaces. Each takes (client, world) and returns [(label, response)].


def page_surfaces(client, world):
    pages = world["pages"]
    found = [(f"page: {name}", client.get(page.url)) for name, page in pages.items()]
    agreement = pages["agreement"]
    found.append(("page: agreement print view", client.get(agreement.url + "print/")))
    unit_code = world["units"]["unit"].code
    found.append(
        ("page: survey results for a unit", client.get(f"{pages['survey'].url}?unit={unit_code}"))
    )
    return found


def api_surfaces(client, world):
    found = []
    for name, page in world["pages"].items():
        found.append((f"API: {name}", client.get(f"/api/v2/pages/{page.pk}/")))
    return found


def page_editor_surfaces(client, world):
    found = []
    for name, page in world["pages"].items():
        found.append(
            (
                f"admin: page editor, {name}",
                client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])),
            )
        )
    for name in ("values", "agreement", "survey"):
        page = world["pages"][name]
        found.append(
            (
                f"admin: preview, {name}",
                client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk])),
            )
        )
    parent = world["pages"]["agreement_index"].get_parent()
    found.append(
        ("admin: page explorer", client.get(reverse("wagtailadmin_explore", args=[parent.pk])))
    )
    return found


SNIPPETS = {
    "valueset": "value_set",
    "servicepolicy": "policy",
    "agreementtemplate": "template",
    "goal": "goal",
    "salarycriterion": "criterion",
}


def snippet_surfaces(client, world):
    found = []
    for model, key in SNIPPETS.items():
        namespace = f"wagtailsnippets_wagtail_employer_{model}"
        pk = world[key].pk
        found.append((f"admin: {model} listing", client.get(reverse(f"{namespace}:list"))))
        found.append((f"admin: {model} edit", client.get(reverse(f"{namespace}:edit", args=[pk]))))
        found.append(
            (f"admin: {model} usage", client.get(reverse(f"{namespace}:usage", args=[pk])))
        )
        found.append(
            (f"admin: {model} delete", client.get(reverse(f"{namespace}:delete", args=[pk])))
        )
        found.append(
            (f"admin: {model} history", client.get(reverse(f"{namespace}:history", args=[pk])))
        )
    return found


MODELADMINS = {
    "organisationunit": lambda world: world["units"]["unit"].pk,
    "survey": lambda world: world["survey"].pk,
    "surveyresult": None,
    "followupplan": lambda world: world["plan"].pk,
    "leaderagreementpage": None,
    "unitmembership": None,
}


def modeladmin_surveys(client, world):
    found = []
    for model, pk in MODELADMINS.items():
        prefix = f"wagtail_employer_{model}_modeladmin"
        found.append((f"admin: {model} listing", client.get(reverse(f"{prefix}_index"))))
        if pk is not None:
            found.append(
                (f"admin: {model} edit", client.get(reverse(f"{prefix}_edit", args=[pk(world)])))
            )
            found.append(
                (
                    f"admin: {model} delete",
                    client.get(reverse(f"{prefix}_delete", args=[pk(world)])),
                )
            )
    unit = world["units"]["unit"]
    found.append(
        ("admin: unit usage", client.get(reverse("wagtail_employer:unit_usage", args=[unit.pk])))
    )
    return found


def report_surfaces(client, world):
    return [
        ("admin: read confirmations", client.get(reverse("wagtail_employer:read_confirmations"))),
        ("admin: policies due for review", client.get(reverse("wagtail_employer:policy_reviews"))),
        ("admin: self-assessments", client.get(reverse("wagtail_employer:self_assessment_index"))),
        (
            "admin: self-assessment form",
            client.get(
                reverse("wagtail_employer:self_assessment_edit", args=[world["assessment"].pk])
            ),
        ),
        (
            "admin: new self-assessment",
            client.get(reverse("wagtail_employer:self_assessment_add", args=[world["policy"].pk])),
        ),
    ]


CHOOSERS = [
    "wagtail_employer_unit_chooser",
    "wagtail_employer_value_chooser",
    "wagtail_employer_focus_area_chooser",
    "wagtail_employer_commitment_chooser",
    "wagtail_employer_survey_chooser",
    "wagtail_employer_follow_up_chooser",
    "wagtail_employer_survey_dimension_chooser",
    "wagtail_employer_strategy_focus_area_chooser",
    *[f"wagtailsnippetchoosers_wagtail_employer_{model}" for model in SNIPPETS],
]


def chooser_surfaces(client, world):
    return [(f"admin: chooser {name}", client.get(reverse(f"{name}:choose"))) for name in CHOOSERS]


def agreement_surfaces(client, world):
    agreement = world["pages"]["agreement"]
    template = world["template"]
    return [
        (
            "admin: new agreement form",
            client.get(reverse("wagtail_employer:agreement_create") + f"?template={template.pk}"),
        ),
        (
            "admin: sign agreement",
            client.get(reverse("wagtail_employer:agreement_sign", args=[agreement.pk])),
        ),
        (
            "admin: next year's agreement",
            client.get(reverse("wagtail_employer:agreement_next_year", args=[agreement.pk])),
        ),
    ]


def csv_file(rows):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def upload(client, kind, file_name, content, survey=None):
    data = {"file": SimpleUploadedFile(file_name, content)}
    if survey is not None:
        data["survey"] = survey.pk
    response = client.post(reverse("wagtail_employer:import_upload", args=[kind]), data)
    if response.status_code == 302:
        return client.get(response.url)
    return response


def import_surfaces(client, world):
    payload = world["text"]
    survey = world["survey"]
    # Django keeps the last path component of a file name; the test client's multipart
    # encoding also cuts it at ";".
    safe_name = re.sub(r"[/\\;]", "", payload) or "x"
    units = csv_file(
        [
            ("code", "name", "parent code", "kind", payload),
            ("NY1", payload, "HO", "unit", payload),
            ("NY2", payload, payload, payload, ""),
        ]
    )
    results = csv_file(
        [
            ("Enhet", "Dimensjon", "Snitt", "Antall svar"),
            ("HO-SYK", payload, "4,5", "12"),
            (f"Ukjent {payload}", "Mestringstro", "4", "12"),
            ("HO-SYK", "Mestringstro", payload, payload),
        ]
    )
    found = [
        ("import: unit preview with errors", upload(client, "units", "units.csv", units)),
        (
            "import: unit preview",
            upload(
                client,
                "units",
                "units.csv",
                csv_file([("code", "name", "parent code", "kind"), ("NY3", payload, "HO", "unit")]),
            ),
        ),
        (
            "import: survey preview with errors",
            upload(client, "survey_results", "results.csv", results, survey),
        ),
        (
            "import: upload form, no known layout",
            upload(
                client, "survey_results", "x.csv", csv_file([(payload, "x"), ("a", "b")]), survey
            ),
        ),
        (
            "import: upload form, file name",
            upload(client, "units", f"{safe_name}.csv", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
        ),
    ]
    return found


def message_surfaces(client, world):
    """An admin message naming an object: a value set in use is not deleted."""
    value_set = world["value_set"]
    url = reverse("wagtailsnippets_wagtail_employer_valueset:delete", args=[value_set.pk])
    return [("admin: message after a refused delete", client.post(url, follow=True))]


def export_surfaces(client, world):
    found = []
    for fmt in ("csv", "xlsx"):
        found += [
            (
                f"export: units {fmt}",
                client.get(reverse("wagtail_employer:export_units", args=[fmt])),
            ),
            (
                f"export: survey results {fmt}",
                client.get(
                    reverse(
                        "wagtail_employer:export_survey_results", args=[world["survey"].pk, fmt]
                    )
                ),
            ),
            (
                f"export: agreements {fmt}",
                client.get(reverse("wagtail_employer:export_agreements", args=[fmt])),
            ),
            (
                f"export: read confirmations {fmt}",
                client.get(reverse("wagtail_employer:read_confirmations") + f"?export={fmt}"),
            ),
            (
                f"export: policies due for review {fmt}",
                client.get(reverse("wagtail_employer:policy_reviews") + f"?export={fmt}"),
            ),
        ]
    return found


SURFACES = [
    page_surfaces,
    api_surfaces,
    page_editor_surfaces,
    snippet_surfaces,
    modeladmin_surveys,
    report_surfaces,
    chooser_surfaces,
    agreement_surfaces,
    import_surfaces,
    message_surfaces,
    export_surfaces,
]

# Filled as the payloads run, for the summary at the end of the module.
TALLY = {"checked": Counter(), "reached": Counter(), "surfaces": set()}


@pytest.fixture
def superuser_client(client, admin_user):
    use_admin_language(admin_user, "en")
    client.force_login(admin_user)
    return client


# The first payloads run in every test run; the rest (about half a minute each) run once,
# in make test's SQLite run: whether a stored text comes out escaped does not depend on the
# database the text was stored in.
QUICK = 4


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(
            payload,
            id=f"payload{number}",
            marks=[pytest.mark.slow, pytest.mark.once] * (number >= QUICK),
        )
        for number, payload in enumerate(PAYLOADS)
    ],
)
def test_no_payload_comes_out_executable(superuser_client, home_page, payload):
    started = time.perf_counter()
    world = build_world(payload, home_page)
    print(f"\nworld built in {time.perf_counter() - started:.1f} s")
    problems, unreached = [], []
    for surface in SURFACES:
        started = time.perf_counter()
        responses = surface(superuser_client, world)
        print(f"{surface.__name__}: {len(responses)} in {time.perf_counter() - started:.1f} s")
        for label, response in responses:
            assert response.status_code == 200, f"{label}: {response.status_code}"
            found, was_reached = check(response, payload)
            problems += [f"{label}: {problem}" for problem in found]
            TALLY["checked"][payload] += 1
            TALLY["reached"][payload] += was_reached
            if not was_reached:
                unreached.append(label)
            TALLY["surfaces"].add(label)
    assert PendingImport.objects.exists()  # the previews above were real
    assert Page.objects.filter(title=payload).exists()
    print(
        f"\n{payload!r}: {TALLY['checked'][payload]} surfaces checked, "
        f"reached {TALLY['reached'][payload]}; not shown on: {', '.join(unreached) or '-'}"
    )
    assert not problems, "\n".join(problems)


# Where each payload runs when a template forgets to escape it.
UNESCAPED_CONTEXTS = {
    "javascript:alert(1)": '<a href="{}">link</a>',
    '" onmouseover="alert(1)" x="': '<input value="{}">',
    "' onmouseover='alert(1)' x='": "<input value='{}'>",
    " onmouseover=alert(1) ": "<input value=x{}>",
    "</script><script>alert(1)</script>": '<script>var name = "{}";</script>',
    "</textarea><script>alert(1)</script>": "<textarea>{}</textarea>",
}
HARMLESS_UNESCAPED = {"{{7*7}}{% debug %}", "&lt;script&gt;alert(1)&lt;/script&gt;"}


@pytest.mark.parametrize("payload", sorted(set(PAYLOADS) - HARMLESS_UNESCAPED))
def test_the_check_catches_each_payload_left_unescaped(payload):
    """So that a clean sweep means something: each payload, put into a page unescaped
    in the context it attacks, is caught."""
    markup = UNESCAPED_CONTEXTS.get(payload, "<p>{}</p>").format(payload)
    page = f"<html><body>{markup}</body></html>"
    assert html_problems(page, payload) or raw_problems(page, payload)
    # Escaped as Django escapes, in text and in a quoted attribute, nothing is caught.
    escaped = html.escape(payload)
    page = f'<html><body><p>{escaped}</p><input value="{escaped}"></body></html>'
    assert not html_problems(page, payload) + raw_problems(page, payload)


def test_zz_summary():
    """Prints payloads × surfaces (run the module with -s)."""
    if not TALLY["checked"]:
        pytest.skip("the sweep did not run in this session")
    surfaces = len(TALLY["surfaces"])
    total = sum(TALLY["checked"].values())
    print(
        f"\nXSS sweep: {len(TALLY['checked'])} payloads × {surfaces} surfaces = {total} "
        f"responses checked; {sum(TALLY['reached'].values())} of them showed the payload"
    )
