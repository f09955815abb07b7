"""SQL query budgets shared by the tests that pin them."""

# An article page, drawn with every fragment cold: the article, its authors, topics,
# related block and comments, plus Wagtail's own routing (the page, then its specific row)
# and privacy check (two queries), which we no longer override, and the site identity and
# the header and footer links, read once after a change. Three more since the site has
# languages: Wagtail finds the active locale and its sites' roots in every language (read
# once after a change), and the page's translations give its hreflang links and switcher.
ARTICLE_BUDGET = 24
