"""SQL query budgets shared by the tests that pin them."""

# An article page as a signed-in reader gets it, drawn live (only the drawn comment list is
# kept, under a digest of the comments it shows, which their query gives anyway; the article
# and related blocks are no longer kept, as purges are per page). Wagtail's routing: the site (with its root page), the active locale, the home's
# specific row, then the index and the article (page and specific rows each), and its
# privacy check on the ancestors (alias and restriction rows).
# The article: its related picks, topics, the related cards in one query with their authors,
# images and renditions (this article's own read along), its translations, the comment rules
# and the approved comments.
ARTICLE_QUERIES = 18
# Read once per process and cache after the site-wide generation moves (everything purged):
# the sites' roots in every language, the private sections, the site identity and its
# links, and the navigation settings.
SITE_LOOKUPS = 6
# The worst case, the first view after everything was purged.
ARTICLE_BUDGET = ARTICLE_QUERIES + SITE_LOOKUPS
