"""manage.py set_site_url: give the default Wagtail Site the host and port of BASE_URL."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail.models import Site

from core.links import site_address


class Command(BaseCommand):
    help = (
        "Set the default Wagtail site's host name and port to those of BASE_URL, so that "
        "Wagtail's own links (the admin's, cache purges) name the address readers use."
    )

    def handle(self, *args, **options):
        hostname, port = site_address()
        with transaction.atomic():
            site = Site.objects.select_for_update().filter(is_default_site=True).first()
            if site is None:
                self.stdout.write("There is no default site yet; nothing to change.")
                return
            if (site.hostname, site.port) != (hostname, port):
                site.hostname, site.port = hostname, port
                site.save()  # saved, not updated, so Wagtail forgets the old address
        self.stdout.write(f"The default site is served at {settings.BASE_URL}/")
