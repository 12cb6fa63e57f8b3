from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "media-test"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Pages are purged from a frontend cache when what they show changes
# (tests/test_frontend_cache.py configures a recording backend).
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]  # noqa: F405

# The N+1 guard (django-zeal): a relation or ``.get()`` fetched once per object, the same
# way, twice in one request (or test) fails the test with NPlusOneError. The middleware
# gives every request its own count; tests/conftest.py counts the code outside requests.
#
# It raises on Wagtail 7 as well as 8: the one lookup Wagtail 7 alone makes one by one
# (Page.save() fetching the stored page) is let through in tests/conftest.py.
INSTALLED_APPS = [*INSTALLED_APPS, "zeal"]  # noqa: F405
MIDDLEWARE = [*MIDDLEWARE, "zeal.middleware.zeal_middleware"]  # noqa: F405
ZEAL_RAISE = True
# zeal names an N+1 after the first frame outside site-packages; in a request that runs only
# Wagtail's code that is the test's own line, so any two lookups of the same kind anywhere in
# Wagtail add up. Allowed here: only what Wagtail does on its own, never the package's code.
ZEAL_ALLOWLIST = [
    # Wagtail looks pages up one by one: routing fetches one page per URL segment
    # (Page.route), the admin menu and page permissions fetch the explorer's start page,
    # and the API's parent field fetches each page's parent.
    {"model": "wagtailcore.Page", "field": "get()"},
    # Saving a page revision serialises its comments, once for the page and once for the
    # revision (Page.save_revision, modelcluster's serializable_data).
    {"model": "wagtailcore.Page", "field": "wagtail_admin_comments"},
    # A service policy's focus areas are an inline panel with inline panels inside
    # (commitments, exemplar units): modelcluster builds, checks and saves one formset per
    # focus area. Blocks and pages fetch them with prefetch_related (query-count tests).
    {"model": "wagtail_employer.FocusArea", "field": "commitments"},
    {"model": "wagtail_employer.FocusArea", "field": "exemplar_units"},
    # Django caches content types in the process: after the first lookup of a model,
    # get_for_model() costs nothing. Tests start with the cache empty, so lookups of
    # several models by one line (Wagtail's permission tables) look like an N+1.
    {"model": "contenttypes.ContentType", "field": "get()"},
    # Wagtail's group edit view builds one collection-permission formset per kind of
    # collection object (images, documents), each reading the group's permissions.
    {"model": "auth.Group", "field": "collection_permissions"},
]

# Background tasks (the large imports' progress) run at once, in the request or command
# that enqueues them; production uses a queue and a worker (README: Background imports).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
