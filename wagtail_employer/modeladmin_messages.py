"""wagtail-modeladmin's strings that its own catalogues lack in Norwegian.

The package's data listings (organisation units, surveys and results, the agreement
overview) are wagtail-modeladmin views. Its nb catalogue misses these strings and it has
no nn catalogue, so Norwegian editors read "36 out of 36" and "By type" in an otherwise
Norwegian listing. Django merges the catalogues of every installed app, so listing the
strings here puts them in this package's catalogues (``make messages`` finds them); an
app listed before this one in ``INSTALLED_APPS`` still wins for a string both translate.
Nothing imports this module.
"""

from django.utils.translation import gettext_noop

MODELADMIN_MESSAGES = (
    # modeladmin/includes/result_count.html, above every listing
    gettext_noop("%(result_count)s out of %(all_count)s"),
    # modeladmin/includes/filter.html, each filter's heading
    gettext_noop("By %(filter_title)s"),
    # helpers/button.py, the title of the add button
    gettext_noop("Add a new %(object)s"),
    # modeladmin/index.html, an empty listing
    gettext_noop('Why not <a href="%(url)s">add one</a>?'),
    # modeladmin/includes/header_with_history.html, the edit view's header
    gettext_noop("Last updated"),
)
