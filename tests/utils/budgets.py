"""SQL query budgets shared by the tests that pin them."""

# An article page, drawn with every fragment cold: the article, its authors, topics,
# related block and comments, plus Wagtail's own routing (the page, then its specific row)
# and privacy check (two queries), which we no longer override, and the site identity and
# the header and footer links, read once after a change.
ARTICLE_BUDGET = 21
