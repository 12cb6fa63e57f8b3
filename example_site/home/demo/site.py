"""The demo intranet's home page, made the root of the default site."""

from wagtail.models import Page, Site

from home.models import HomePage

HOME_INTRO = (
    "<p>Velkommen til intranettet til Eksempel kommune. Her finner du arbeidsgiverstrategien, "
    "verdiene våre, servicepolitikken, resultatene fra medarbeiderundersøkelsen og "
    "lederavtalene.</p>"
)


def load_home_page():
    site = Site.objects.get(is_default_site=True)
    if isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    root = Page.get_first_root_node()
    home = HomePage(title="Eksempel kommune", slug="eksempel-kommune", intro=HOME_INTRO)
    root.add_child(instance=home)
    home.save_revision().publish()
    stock_welcome_page = site.root_page
    site.root_page = home
    site.site_name = "Eksempel kommune"
    site.save()
    if stock_welcome_page.depth == 2 and not stock_welcome_page.get_children().exists():
        stock_welcome_page.delete()
    return home
