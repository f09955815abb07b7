"""Words for the demo site. Written for this project; the facts follow ../shared/DESIGN.md."""

MODEL_SLUG = "five-takeaways-from-the-first-ogp-local-assembly-meeting"
DIALOGUE_SLUG = "four-steps-to-build-dialogue-between-government-and-civil-society"
REPORT_TITLE = "IRM Report on Local Action Plans 2021-2022"
IMAGE_CREDIT = "Illustration: Open Government Local"

AUTHORS = [
    {
        "slug": "amara-okafor",
        "name": "Amara Okafor",
        "role": "Local Programme Lead",
        "organisation": "Open Government Local",
        "bio": "Amara works with city and county reformers on their first open government "
        "action plans, and writes about what makes participation stick.",
        "colour": ("#1f6f78", "#f2c14e"),
    },
    {
        "slug": "tomas-lindqvist",
        "name": "Tomás Lindqvist",
        "role": "Research and Learning Officer",
        "organisation": "Open Government Local",
        "bio": "Tomás studies how local commitments are designed and delivered, "
        "and turns the findings into practical guides.",
        "colour": ("#5b3a8c", "#9bd3ae"),
    },
    {
        "slug": "nadia-haddad",
        "name": "Nadia Haddad",
        "role": "Civic Technology Adviser",
        "organisation": "Open Government Local",
        "bio": "Nadia helps municipalities publish open data that residents can actually use.",
        "colour": ("#a23b2a", "#f7e3c3"),
    },
    {
        "slug": "joseph-mwangi",
        "name": "Joseph Mwangi",
        "role": "Regional Coordinator, Africa",
        "organisation": "Open Government Local",
        "bio": "Joseph supports county governments across East Africa and reports on their reforms.",
        "colour": ("#2d5a27", "#e9d8a6"),
    },
]

TOPICS = [
    (
        "Local government",
        "local-government",
        "How cities, counties and regions open up to residents.",
    ),
    ("Civic participation", "civic-participation", "Residents shaping decisions that affect them."),
    ("Transparency", "transparency", "Open data, open budgets and open contracting."),
    ("Climate action", "climate-action", "Local governments co-creating green policies."),
    ("Youth and inclusion", "youth-and-inclusion", "Making sure every voice is heard."),
    ("Accountability", "accountability", "Independent reporting on whether promises are kept."),
]


def p(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def h(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


MODEL_ARTICLE = {
    "slug": MODEL_SLUG,
    "title": "Five Takeaways from the First OGP Local Assembly Meeting",
    "summary": "More than 90 mayors, governors and civil-society leaders met for the first time "
    "as a network. Here is what we learned from them.",
    "label": "blog",
    "authors": ["amara-okafor", "tomas-lindqvist"],
    "topics": ["local-government", "civic-participation", "youth-and-inclusion"],
    "days_ago": 12,
    "updated_hours": 26,  # a correction the next day
    "caption": "Many voices in one room: the assembly brought mayors, governors and "
    "civil-society leaders together for the first time.",
    "colour": ("#0b4f6c", "#f4a259"),
    "alt": "Abstract illustration of overlapping circles in deep blue and orange, "
    "suggesting many voices meeting in one place.",
    "body": [
        p(
            "At this year's global summit, the local members of the Open Government Partnership "
            "met as one assembly for the first time. More than 90 mayors, governors and leaders of "
            "civil-society groups shared a room, compared notes and argued, politely, about what "
            "works. We left with pages of notes. These are the five lessons we keep coming back to."
        ),
        h("1. Listening has to be easy for the people furthest away"),
        p(
            "Nandi County in Kenya showed how far a simple idea can go. Its toll-free call centre "
            "lets residents in rural villages report on water points, clinics and roads without "
            "travelling to the county offices or paying for the call. Feedback that used to take "
            "weeks to reach officials now arrives the same day."
        ),
        h("2. Plans are stronger when they are written with people, not for them"),
        p(
            "The Mexican state of Quintana Roo co-created its strategic plan with young people, "
            "women's groups and indigenous communities. More than 11,000 people took part through "
            "workshops, online forms and meetings in their own languages. Officials told us the "
            "plan changed in substance, not just in tone."
        ),
        h("3. Climate policy is a natural place to open government"),
        p(
            "Khmelnytskyi in Ukraine is co-creating a Green City Action Plan with residents and "
            "local organisations. Decisions about heating, transport and green spaces touch every "
            "household, which makes them a good test of whether participation is real. Even in "
            "wartime the city has kept the process going."
        ),
        h("4. Peers are the best source of courage"),
        p(
            "Again and again, members said the most useful thing about the assembly was meeting "
            "someone who had already tried the reform they were nervous about. A mayor who has "
            "published contracts can tell another mayor what the first month is really like."
        ),
        h("5. Commitments need independent follow-up"),
        p(
            "Promises are cheap; delivery is not. Members asked for more independent reporting on "
            "their action plans, so that residents can see what was done and what slipped. Our "
            'latest <a linktype="document" id="{report_id}">report on local action plans</a> is '
            "a start, and we will keep publishing what we find."
        ),
        p(
            "The assembly will meet again next year. Until then, tell us in the comments which of "
            "these lessons matches your own experience, and which does not."
        ),
    ],
}

DIALOGUE_ARTICLE = {
    "slug": DIALOGUE_SLUG,
    "title": "Four Steps to Build Dialogue Between Government and Civil Society",
    "summary": "A practical sequence for officials and activists who want to move from "
    "one-off consultations to a lasting conversation.",
    "label": "blog",
    "authors": ["tomas-lindqvist"],
    "topics": ["civic-participation", "local-government"],
    "days_ago": 40,
    "colour": ("#264653", "#e9c46a"),
    "alt": "Abstract illustration of two interlocking shapes in dark teal and yellow.",
    "body": [
        p(
            "Most local governments consult residents at some point. Far fewer keep talking once "
            "the consultation closes. These four steps come from members who made the leap."
        ),
        h("Agree the rules together"),
        p(
            "Decide with civil society how meetings run, who chairs them and how minutes are shared."
        ),
        h("Publish what you hear"),
        p("Summaries of every session, posted within a week, show that input is read."),
        h("Close the loop"),
        p("For each suggestion, say what happened to it and why, even when the answer is no."),
        h("Make it permanent"),
        p("A standing forum with a budget outlives any single mayor or project."),
    ],
}

# Fourteen more articles so that lists paginate and topics and authors have archives.
MORE_ARTICLES = [
    (
        "Open Budgets Start with a Single Spreadsheet",
        "news",
        ["nadia-haddad"],
        ["transparency"],
        "Publishing last year's spending in a readable format is the cheapest first step.",
    ),
    (
        "What a County Call Centre Taught Us About Feedback",
        "story",
        ["joseph-mwangi"],
        ["local-government", "civic-participation"],
        "Staff who answer residents' calls became the county's best source of service data.",
    ),
    (
        "Youth Councils That Actually Decide Something",
        "story",
        ["amara-okafor"],
        ["youth-and-inclusion", "civic-participation"],
        "Three cities gave young people a real budget line, and the results surprised them.",
    ),
    (
        "Green Action Plans: Lessons from Five Cities",
        "report",
        ["tomas-lindqvist", "nadia-haddad"],
        ["climate-action", "local-government"],
        "Co-created climate plans were more ambitious and easier to deliver, our review found.",
    ),
    (
        "Contracts in the Open: A Beginner's Guide",
        "blog",
        ["nadia-haddad"],
        ["transparency"],
        "How a mid-sized city published every public contract without a new IT system.",
    ),
    (
        "Why Independent Reporting Matters for Local Reform",
        "blog",
        ["tomas-lindqvist"],
        ["accountability"],
        "Residents trust progress reports more when someone outside the council writes them.",
    ),
    (
        "Participatory Budgeting After the First Year",
        "news",
        ["joseph-mwangi", "amara-okafor"],
        ["civic-participation"],
        "Turnout fell in year two in many places. Here is what the cities that held on did.",
    ),
    (
        "Indigenous Languages in Public Consultations",
        "story",
        ["amara-okafor"],
        ["youth-and-inclusion"],
        "Holding meetings in local languages widened who took part and what they proposed.",
    ),
    (
        "Open Data Portals Nobody Visits",
        "blog",
        ["nadia-haddad"],
        ["transparency"],
        "Portals gather dust when they answer questions nobody asked. Start from residents' needs.",
    ),
    (
        "Mayors Compare Notes on Anti-Corruption Commitments",
        "news",
        ["joseph-mwangi"],
        ["accountability", "local-government"],
        "Beneficial ownership and asset declarations dominated a lively peer session.",
    ),
    (
        "A Checklist for Inclusive Town Halls",
        "blog",
        ["amara-okafor", "nadia-haddad"],
        ["youth-and-inclusion", "civic-participation"],
        "Timing, childcare, transport and language: the details that decide who shows up.",
    ),
    (
        "Tracking Climate Promises in Public",
        "report",
        ["tomas-lindqvist"],
        ["climate-action"],
        "A simple public tracker kept three cities honest about their emissions targets.",
    ),
    (
        "How Counties Publish Service Delivery Data",
        "news",
        ["joseph-mwangi"],
        ["transparency", "local-government"],
        "Clinic waiting times and water outages, mapped and updated weekly.",
    ),
    (
        "Ten Years of Local Open Government",
        "story",
        ["tomas-lindqvist", "amara-okafor", "joseph-mwangi"],
        ["local-government", "accountability"],
        "From a pilot with a handful of cities to a network on every continent.",
    ),
]

PALETTE = [
    ("#3d5a80", "#ee6c4d"),
    ("#2a9d8f", "#264653"),
    ("#6d597a", "#e56b6f"),
    ("#355070", "#eaac8b"),
    ("#1d3557", "#a8dadc"),
    ("#606c38", "#dda15e"),
    ("#283618", "#fefae0"),
    ("#003049", "#fcbf49"),
    ("#432818", "#ffe6a7"),
    ("#14213d", "#fca311"),
    ("#4a4e69", "#c9ada7"),
    ("#22577a", "#80ed99"),
    ("#3a0ca3", "#f72585"),
    ("#004b23", "#ccff33"),
]


def more_article_slug(title):
    """The slug of one of MORE_ARTICLES, made from its title."""
    return title.lower().replace(":", "").replace("'", "").replace(",", "").replace(" ", "-")


def with_report_links(body, report):
    """`body` with its links to the report pointing at the stored document."""
    return [
        {**block, "value": block["value"].replace("{report_id}", str(report.pk))}
        if block["type"] == "paragraph"
        else block
        for block in body
    ]


def more_article_body(title, summary):
    return [
        p(summary),
        h("What happened"),
        p(
            "Members of the network described their approach in a peer session and shared the "
            "documents they used. We summarise the main points here so that others can adapt them."
        ),
        h("What others can take from it"),
        p(
            "Start small, publish early, and ask residents what they need before building anything. "
            "Every example in this piece began with a single team and a modest budget."
        ),
    ]


def privacy_body(retention_days: int) -> list:
    return [
        h("What we collect when you comment"),
        p(
            "To publish a comment we need your name, your email address and the comment "
            "itself. A website address is optional. We also record the internet (IP) address "
            "your comment came from and the time you sent it."
        ),
        h("What is public"),
        p(
            "Your name, your website if you gave one, your comment and its date appear on the "
            "article once a moderator approves the comment, and in that article's comment feed. "
            "Your email address and IP address are never shown on the site or in any feed."
        ),
        h("Why we keep it, and for how long"),
        p(
            "Moderators see your email address and IP address so they can spot spam and abuse, "
            "and we use your email address to tell you about replies or new comments if you "
            f"asked us to. IP addresses are deleted {retention_days} days after the comment was "
            "sent. Comments, names and email addresses stay with the published comment until "
            "you ask us to remove them."
        ),
        h("Following a discussion"),
        p(
            "If you follow an article's comments, we keep your email address with that article "
            "until you stop. Nothing is sent until you confirm the address from the first email, "
            "and every email has a link that stops them in one click."
        ),
        h("Your rights"),
        p(
            "You can ask to see, correct or delete what we hold about you. Write to the address "
            "on our Contact page and say which comments or articles it concerns."
        ),
    ]


ABOUT_BODY = [
    p(
        "Open Government Local reports on cities, counties and regions that open their "
        "decisions to residents: participatory budgets, open contracts, co-created plans and "
        "the people who make them work."
    ),
    p(
        "Our writers work with local reformers across Africa, the Americas, Asia and Europe. "
        "We publish stories, news and independent reports, and we welcome comments from "
        "readers; a moderator reads each one before it appears."
    ),
]

CONTACT_BODY = [
    p(
        "For questions about an article, corrections or your personal data, write to "
        '<a href="mailto:newsroom@example.org">newsroom@example.org</a>. We answer within five '
        "working days."
    ),
    p(
        "Press and partnership enquiries: "
        '<a href="mailto:partners@example.org">partners@example.org</a>.'
    ),
]

STANDARD_PAGES = [
    {
        "slug": "privacy",
        "title": "Privacy notice",
        "introduction": "What we store when you comment or follow a discussion, who sees it, "
        "and how long we keep it.",
    },
    {
        "slug": "about",
        "title": "About us",
        "introduction": "Who we are and what we cover.",
        "body": ABOUT_BODY,
    },
    {
        "slug": "contact",
        "title": "Contact",
        "introduction": "How to reach the newsroom.",
        "body": CONTACT_BODY,
    },
]
