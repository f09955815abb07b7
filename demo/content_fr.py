"""French words for the demo site: the facts of demo/content.py, told anew in French.

Shaped like demo/content_es.py: each translation is keyed by its English original, and
articles left out of MORE_ARTICLES stay English-only. French spacing before ? ! ; : is a
narrow no-break space, written out as \\u202f so it cannot be mistaken for a plain one.
"""

from .content import DIALOGUE_SLUG, MODEL_SLUG, h, p

LOCALE = "fr"
IMAGE_CREDIT = "Illustration\u202f: Open Government Local"

HOME = {
    "title": "Gouvernement ouvert local",
    "slug": "accueil",
    "introduction": "Récits, actualités et rapports de collectivités qui s'ouvrent à "
    "leurs habitants.",
}

NEWS_INDEX = {
    "title": "Actualités",
    "slug": "actualites",
    "introduction": "Tous les articles, du plus récent au plus ancien.",
}

# English slug -> the translated fields. Names and organisation stay as they are.
AUTHORS = {
    "amara-okafor": {
        "role": "Responsable du programme local",
        "bio": "Amara accompagne des réformateurs de villes et de comtés dans leurs premiers "
        "plans d'action pour un gouvernement ouvert, et écrit sur ce qui fait durer la "
        "participation.",
    },
    "tomas-lindqvist": {
        "role": "Chargé de recherche et d'apprentissage",
        "bio": "Tomás étudie la manière dont les engagements locaux sont conçus puis tenus, et "
        "en tire des guides pratiques.",
    },
    "nadia-haddad": {
        "role": "Conseillère en technologies civiques",
        "bio": "Nadia aide les municipalités à publier des données ouvertes dont les habitants "
        "peuvent vraiment se servir.",
    },
    "joseph-mwangi": {
        "role": "Coordinateur régional pour l'Afrique",
        "bio": "Joseph accompagne les gouvernements de comté d'Afrique de l'Est et rend compte "
        "de leurs réformes.",
    },
}

# English slug -> (name, slug, description)
TOPICS = {
    "local-government": (
        "Gouvernement local",
        "gouvernement-local",
        "Comment villes, comtés et régions s'ouvrent à leurs habitants.",
    ),
    "civic-participation": (
        "Participation citoyenne",
        "participation-citoyenne",
        "Des habitants qui pèsent sur les décisions qui les concernent.",
    ),
    "transparency": (
        "Transparence",
        "transparence",
        "Données ouvertes, budgets ouverts et commande publique ouverte.",
    ),
    "climate-action": (
        "Action climatique",
        "action-climatique",
        "Des collectivités qui co-construisent leurs politiques vertes.",
    ),
    "youth-and-inclusion": (
        "Jeunesse et inclusion",
        "jeunesse-et-inclusion",
        "Pour que chaque voix soit entendue.",
    ),
    "accountability": (
        "Redevabilité",
        "redevabilite",
        "Un regard indépendant sur les promesses tenues, ou non.",
    ),
}

# The model article's related link to the report, in the reader's language.
REPORT_LINK = {
    "title": "Rapport du MEI sur les plans d'action locaux 2021-2022",
    "label": "Rapport",
    "summary": "Des constats indépendants sur la façon dont les membres locaux ont conçu et "
    "tenu leurs engagements.",
}

MODEL_ARTICLE = {
    "source": MODEL_SLUG,
    "slug": "cinq-lecons-de-la-premiere-reunion-de-lassemblee-locale-du-pgo",
    "title": "Cinq leçons de la première réunion de l'Assemblée locale du PGO",
    "summary": "Plus de 90 maires, gouverneurs et responsables de la société civile se sont "
    "retrouvés pour la première fois en réseau. Voici ce qu'ils nous ont appris.",
    "caption": "Beaucoup de voix dans une même salle\u202f: l'assemblée a réuni pour la première "
    "fois maires, gouverneurs et responsables de la société civile.",
    "alt": "Illustration abstraite de cercles qui se chevauchent, bleu profond et orange, "
    "évoquant de nombreuses voix réunies en un même lieu.",
    "body": [
        p(
            "Lors du sommet mondial de cette année, les membres locaux du Partenariat pour un "
            "gouvernement ouvert (PGO) se sont réunis pour la première fois en une seule "
            "assemblée. Plus de 90 maires, gouverneurs et dirigeants d'organisations de la "
            "société civile ont partagé une salle, comparé leurs expériences et débattu, "
            "courtoisement, de ce qui marche. Nous sommes repartis avec des pages entières de "
            "notes. Voici les cinq leçons auxquelles nous revenons sans cesse."
        ),
        h("1. Se faire entendre doit être simple pour ceux qui vivent le plus loin"),
        p(
            "Le comté de Nandi, au Kenya, a montré jusqu'où peut mener une idée simple. Son "
            "centre d'appels gratuit permet aux habitants des villages ruraux de signaler l'état "
            "des points d'eau, des dispensaires et des routes sans se déplacer jusqu'aux bureaux "
            "du comté ni payer la communication. Les remontées qui mettaient des semaines à "
            "parvenir aux agents arrivent désormais le jour même."
        ),
        h("2. Un plan est plus solide quand il s'écrit avec les gens, et non pour eux"),
        p(
            "L'État mexicain de Quintana Roo a élaboré son plan stratégique avec des jeunes, des "
            "associations de femmes et des communautés autochtones. Plus de 11\u202f000 personnes "
            "y ont pris part, lors d'ateliers, au moyen de formulaires en ligne et dans des "
            "réunions tenues dans leurs propres langues. D'après les responsables, le plan a "
            "changé sur le fond, pas seulement dans le ton."
        ),
        h("3. Le climat se prête naturellement à l'ouverture"),
        p(
            "À Khmelnytskyï, en Ukraine, la ville co-construit un plan d'action «\u202fVille "
            "verte\u202f» avec ses habitants et les associations locales. Les choix de chauffage, "
            "de transports et d'espaces verts touchent chaque foyer, ce qui en fait un bon test "
            "de la réalité de la participation. Même en temps de guerre, la démarche se poursuit."
        ),
        h("4. Les pairs sont la meilleure source de courage"),
        p(
            "Les membres l'ont répété\u202f: le plus utile, dans cette assemblée, a été de "
            "rencontrer quelqu'un qui avait déjà tenté la réforme qui les inquiétait. Un maire "
            "qui publie ses marchés publics peut raconter à un autre ce qu'est vraiment le "
            "premier mois."
        ),
        h("5. Les engagements ont besoin d'un suivi indépendant"),
        p(
            "Promettre ne coûte rien\u202f; tenir parole, si. Les membres ont demandé davantage de "
            "rapports indépendants sur leurs plans d'action, pour que les habitants voient ce qui "
            "a été fait et ce qui a pris du retard. Notre dernier "
            '<a linktype="document" id="{report_id}">rapport sur les plans d\'action '
            "locaux</a> est un début, et nous continuerons de publier ce que nous observons."
        ),
        p(
            "L'assemblée se réunira de nouveau l'an prochain. D'ici là, dites-nous en commentaire "
            "laquelle de ces leçons rejoint votre propre expérience, et laquelle la contredit."
        ),
    ],
}

DIALOGUE_ARTICLE = {
    "source": DIALOGUE_SLUG,
    "slug": "quatre-etapes-pour-un-dialogue-entre-pouvoirs-publics-et-societe-civile",
    "title": "Quatre étapes pour bâtir le dialogue entre pouvoirs publics et société civile",
    "summary": "Une démarche concrète pour les agents, les élus et les militants qui veulent "
    "passer de consultations ponctuelles à une conversation durable.",
    "alt": "Illustration abstraite de deux formes imbriquées, bleu-vert foncé et jaune.",
    "body": [
        p(
            "La plupart des collectivités consultent leurs habitants à un moment ou à un autre. "
            "Bien moins nombreuses sont celles qui poursuivent le dialogue une fois la "
            "consultation close. Ces quatre étapes viennent de membres qui ont franchi le pas."
        ),
        h("Fixer les règles ensemble"),
        p(
            "Décidez avec la société civile du déroulement des réunions, de qui les préside et de "
            "la façon dont les comptes rendus circulent."
        ),
        h("Publier ce que l'on entend"),
        p(
            "Un résumé de chaque séance, mis en ligne dans la semaine, montre que les "
            "contributions sont lues."
        ),
        h("Boucler la boucle"),
        p(
            "Pour chaque proposition, dites ce qu'elle est devenue et pourquoi, même quand la "
            "réponse est non."
        ),
        h("Inscrire la démarche dans la durée"),
        p("Un forum permanent, doté d'un budget, survit à n'importe quel maire ou projet."),
    ],
}

# English title -> (title, slug, summary). The other ten stay English-only.
MORE_ARTICLES = {
    "Open Budgets Start with a Single Spreadsheet": (
        "Un budget ouvert commence par un simple tableur",
        "un-budget-ouvert-commence-par-un-simple-tableur",
        "Publier les dépenses de l'an dernier sous une forme lisible est le premier pas le "
        "moins coûteux.",
    ),
    "What a County Call Centre Taught Us About Feedback": (
        "Ce qu'un centre d'appels de comté nous a appris sur l'écoute des habitants",
        "ce-quun-centre-dappels-de-comte-nous-a-appris",
        "Les agents qui répondent aux appels des habitants sont devenus la meilleure source "
        "d'information du comté sur ses services.",
    ),
    "Youth Councils That Actually Decide Something": (
        "Des conseils de jeunes qui décident vraiment",
        "des-conseils-de-jeunes-qui-decident-vraiment",
        "Trois villes ont confié aux jeunes une véritable ligne budgétaire, et les résultats "
        "les ont surprises.",
    ),
    "Indigenous Languages in Public Consultations": (
        "Les langues autochtones dans les consultations publiques",
        "les-langues-autochtones-dans-les-consultations-publiques",
        "Tenir les réunions dans les langues locales a élargi le cercle des participants et la "
        "portée de leurs propositions.",
    ),
}


def more_article_body(title, summary):
    return [
        p(summary),
        h("Ce qui s'est passé"),
        p(
            "Des membres du réseau ont présenté leur démarche lors d'une séance entre pairs et "
            "partagé les documents dont ils se sont servis. Nous en résumons ici l'essentiel "
            "pour que d'autres puissent s'en inspirer."
        ),
        h("Ce que d'autres peuvent en retenir"),
        p(
            "Commencer petit, publier tôt et demander aux habitants ce dont ils ont besoin avant "
            "de construire quoi que ce soit. Chaque exemple de cet article est parti d'une seule "
            "équipe et d'un budget modeste."
        ),
    ]


def privacy_body(retention_days: int) -> list:
    return [
        h("Ce que nous recueillons quand vous commentez"),
        p(
            "Pour publier un commentaire, il nous faut votre nom, votre adresse e-mail et le "
            "commentaire lui-même. L'adresse d'un site web est facultative. Nous enregistrons "
            "aussi l'adresse internet (IP) d'où vient votre commentaire et l'heure de son envoi."
        ),
        h("Ce qui est public"),
        p(
            "Votre nom, votre site web si vous l'avez indiqué, votre commentaire et sa date "
            "apparaissent sous l'article dès qu'un modérateur a approuvé le commentaire, ainsi "
            "que dans le flux des commentaires de cet article. Votre adresse e-mail et votre "
            "adresse IP ne sont jamais affichées, ni sur le site ni dans un flux."
        ),
        h("Pourquoi nous les conservons, et combien de temps"),
        p(
            "Les modérateurs voient votre adresse e-mail et votre adresse IP pour repérer le spam "
            "et les abus, et nous utilisons votre adresse e-mail pour vous prévenir des réponses "
            "ou des nouveaux commentaires si vous l'avez demandé. Les adresses IP sont effacées "
            f"{retention_days} jours après l'envoi du commentaire. Les commentaires, les noms et "
            "les adresses e-mail restent attachés au commentaire publié jusqu'à ce que vous nous "
            "demandiez de les retirer."
        ),
        h("Suivre une discussion"),
        p(
            "Si vous suivez les commentaires d'un article, nous gardons votre adresse e-mail avec "
            "cet article jusqu'à ce que vous arrêtiez. Rien n'est envoyé avant que vous ayez "
            "confirmé l'adresse depuis le premier message, et chaque message contient un lien "
            "qui y met fin en un clic."
        ),
        h("Vos droits"),
        p(
            "Vous pouvez demander à consulter, corriger ou supprimer ce que nous détenons sur "
            "vous. Écrivez à l'adresse indiquée sur notre page Contact en précisant les "
            "commentaires ou les articles concernés."
        ),
    ]


ABOUT_BODY = [
    p(
        "Gouvernement ouvert local (Open Government Local) raconte les villes, les comtés et "
        "les régions qui ouvrent leurs décisions à leurs habitants\u202f: budgets participatifs, "
        "marchés publics ouverts, plans co-construits, et les personnes qui les font vivre."
    ),
    p(
        "Nos auteurs travaillent avec des réformateurs locaux en Afrique, dans les Amériques, en "
        "Asie et en Europe. Nous publions des récits, des actualités et des rapports "
        "indépendants, et les commentaires des lecteurs sont les bienvenus\u202f; un modérateur "
        "lit chacun d'eux avant sa parution."
    ),
]

CONTACT_BODY = [
    p(
        "Pour une question sur un article, une correction ou vos données personnelles, écrivez à "
        '<a href="mailto:newsroom@example.org">newsroom@example.org</a>. Nous répondons sous '
        "cinq jours ouvrés."
    ),
    p(
        "Presse et partenariats\u202f: "
        '<a href="mailto:partners@example.org">partners@example.org</a>.'
    ),
]

# English slug -> the translated page. The privacy notice's body is privacy_body().
STANDARD_PAGES = {
    "privacy": {
        "slug": "confidentialite",
        "title": "Politique de confidentialité",
        "introduction": "Ce que nous conservons quand vous commentez ou suivez une discussion, "
        "qui le voit et combien de temps nous le gardons.",
    },
    "about": {
        "slug": "a-propos",
        "title": "À propos",
        "introduction": "Qui nous sommes et ce dont nous parlons.",
        "body": ABOUT_BODY,
    },
    "contact": {
        "slug": "contact",
        "title": "Contact",
        "introduction": "Comment joindre la rédaction.",
        "body": CONTACT_BODY,
    },
}

# Comments on the French model article, shaped like demo.comments.DEMO_COMMENTS:
# (ref, parent ref, status, name, email, website, days after publication, text)
COMMENTS = [
    (
        "demo-fr-1",
        None,
        "approved",
        "Claire Dubois",
        "claire@example.org",
        "",
        1,
        "La leçon de Quintana Roo me parle\u202f: chez nous, le plan n'a vraiment bougé qu'à "
        "partir du moment où les ateliers ont eu lieu dans les quartiers, et plus à la mairie.",
    ),
    (
        "demo-fr-2",
        "demo-fr-1",
        "approved",
        "Moussa Diallo",
        "moussa@example.org",
        "https://example.org/moussa",
        2,
        "Même constat de notre côté. Le plus difficile a été de garder le rythme une fois "
        "passée la première vague d'enthousiasme.",
    ),
    (
        "demo-fr-3",
        None,
        "approved",
        "Émilie Laurent",
        "emilie@example.org",
        "",
        3,
        "Merci pour ce compte rendu. Le suivi indépendant est souvent le parent pauvre des "
        "plans d'action\u202f; ravie de le voir en bonne place.",
    ),
    (
        "demo-fr-4",
        None,
        "awaiting",
        "Julien Moreau",
        "julien@example.org",
        "",
        4,
        "Savez-vous si la prochaine assemblée sera ouverte aux associations de quartier\u202f?",
    ),
]
