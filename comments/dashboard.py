"""The admin dashboard for people who edit no pages (moderators).

Wagtail's dashboard opens with "Search all pages…" and the site's page counts, which only
lead someone without page rights to "no permission". The page search sits in the middle of
Wagtail's home template with no hook to remove it, so people without page rights get the
same dashboard view with a template of our own: the welcome, their account, and the panels
(the comments awaiting moderation among them). Everyone else gets Wagtail's unchanged.
"""

from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.views.home import HomeView


class DashboardView(HomeView):
    def get_template_names(self):
        if user_has_any_page_permission(self.request.user):
            return [self.template_name]
        return ["comments_admin/home.html"]
