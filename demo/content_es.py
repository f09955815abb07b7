"""Spanish words for the demo site: the facts of demo/content.py, told anew in Spanish.

Each translation is keyed by its English original (a slug, or the title of one of
MORE_ARTICLES), so load_demo can find the page or snippet to translate. Articles left
out of MORE_ARTICLES here stay English-only, which keeps the site's fallbacks in view.
"""

from .content import DIALOGUE_SLUG, MODEL_SLUG, h, p

LOCALE = "es"
IMAGE_CREDIT = "Ilustración: Open Government Local"

HOME = {
    "title": "Gobierno Abierto Local",
    "slug": "inicio",
    "introduction": "Historias, noticias e informes de gobiernos locales que se abren a "
    "la ciudadanía.",
}

NEWS_INDEX = {
    "title": "Noticias",
    "slug": "noticias",
    "introduction": "Todas las historias, de la más reciente a la más antigua.",
}

# English slug -> the translated fields. Names and organisation stay as they are.
AUTHORS = {
    "amara-okafor": {
        "role": "Responsable del programa local",
        "bio": "Amara acompaña a reformistas de ciudades y condados en sus primeros planes "
        "de acción de gobierno abierto, y escribe sobre lo que hace que la participación dure.",
    },
    "tomas-lindqvist": {
        "role": "Responsable de investigación y aprendizaje",
        "bio": "Tomás estudia cómo se diseñan y se cumplen los compromisos locales, y convierte "
        "lo que descubre en guías prácticas.",
    },
    "nadia-haddad": {
        "role": "Asesora de tecnología cívica",
        "bio": "Nadia ayuda a los municipios a publicar datos abiertos que los vecinos puedan "
        "usar de verdad.",
    },
    "joseph-mwangi": {
        "role": "Coordinador regional para África",
        "bio": "Joseph acompaña a los gobiernos de condado de África Oriental y cuenta cómo "
        "avanzan sus reformas.",
    },
}

# English slug -> (name, slug, description)
TOPICS = {
    "local-government": (
        "Gobierno local",
        "gobierno-local",
        "Cómo se abren las ciudades, los condados y las regiones a quienes viven en ellos.",
    ),
    "civic-participation": (
        "Participación ciudadana",
        "participacion-ciudadana",
        "Vecinos que dan forma a las decisiones que les afectan.",
    ),
    "transparency": (
        "Transparencia",
        "transparencia",
        "Datos abiertos, presupuestos abiertos y contratación abierta.",
    ),
    "climate-action": (
        "Acción climática",
        "accion-climatica",
        "Gobiernos locales que elaboran sus políticas verdes junto con la ciudadanía.",
    ),
    "youth-and-inclusion": (
        "Juventud e inclusión",
        "juventud-e-inclusion",
        "Para que se escuchen todas las voces.",
    ),
    "accountability": (
        "Rendición de cuentas",
        "rendicion-de-cuentas",
        "Informes independientes sobre si se cumplen las promesas.",
    ),
}

# The model article's related link to the report, in the reader's language.
REPORT_LINK = {
    "title": "Informe del MRI sobre los planes de acción locales 2021-2022",
    "label": "Informe",
    "summary": "Conclusiones independientes sobre cómo los miembros locales diseñaron y "
    "cumplieron sus compromisos.",
}

MODEL_ARTICLE = {
    "source": MODEL_SLUG,
    "slug": "cinco-lecciones-de-la-primera-reunion-de-la-asamblea-local-de-ogp",
    "title": "Cinco lecciones de la primera reunión de la Asamblea Local de OGP",
    "summary": "Más de 90 alcaldes, gobernadores y líderes de la sociedad civil se reunieron "
    "por primera vez como red. Esto es lo que aprendimos de ellos.",
    "caption": "Muchas voces en una misma sala: la asamblea reunió por primera vez a alcaldes, "
    "gobernadores y líderes de la sociedad civil.",
    "alt": "Ilustración abstracta de círculos superpuestos en azul oscuro y naranja, que evoca "
    "muchas voces que se encuentran en un mismo lugar.",
    "body": [
        p(
            "En la cumbre mundial de este año, los miembros locales de la Alianza para el "
            "Gobierno Abierto (OGP, por sus siglas en inglés) se reunieron por primera vez como "
            "una sola asamblea. Más de 90 alcaldes, gobernadores y responsables de organizaciones "
            "de la sociedad civil compartieron sala, compararon experiencias y discutieron, con "
            "cortesía, sobre lo que funciona. Volvimos con páginas y páginas de apuntes. Estas son "
            "las cinco lecciones a las que seguimos dando vueltas."
        ),
        h("1. Hacerse oír tiene que ser fácil para quien vive más lejos"),
        p(
            "El condado de Nandi, en Kenia, demostró hasta dónde puede llegar una idea sencilla. "
            "Su centro de llamadas gratuito permite a los habitantes de las aldeas rurales avisar "
            "del estado de los puntos de agua, los centros de salud y las carreteras sin "
            "desplazarse a las oficinas del condado ni pagar la llamada. Las quejas y sugerencias "
            "que antes tardaban semanas en llegar a los funcionarios ahora llegan el mismo día."
        ),
        h("2. Un plan es más sólido cuando se escribe con la gente, no para ella"),
        p(
            "El estado mexicano de Quintana Roo elaboró su plan estratégico junto con jóvenes, "
            "grupos de mujeres y comunidades indígenas. Más de 11.000 personas participaron en "
            "talleres, formularios en línea y reuniones celebradas en sus propias lenguas. Los "
            "funcionarios nos contaron que el plan cambió en el fondo, no solo en el tono."
        ),
        h("3. La política climática es terreno natural para abrir el gobierno"),
        p(
            "Jmelnitski, en Ucrania, está construyendo un Plan de Acción Ciudad Verde con sus "
            "vecinos y las organizaciones locales. Las decisiones sobre calefacción, transporte y "
            "zonas verdes afectan a todos los hogares, y por eso son una buena prueba de si la "
            "participación es real. Ni siquiera la guerra ha detenido el proceso."
        ),
        h("4. Los colegas son la mejor fuente de valor"),
        p(
            "Una y otra vez, los miembros dijeron que lo más útil de la asamblea fue conocer a "
            "alguien que ya había intentado la reforma que a ellos les daba miedo. Un alcalde que "
            "ya publica sus contratos puede contarle a otro cómo es de verdad el primer mes."
        ),
        h("5. Los compromisos necesitan un seguimiento independiente"),
        p(
            "Prometer es fácil; cumplir, no tanto. Los miembros pidieron más informes "
            "independientes sobre sus planes de acción, para que la ciudadanía pueda ver qué se "
            "hizo y qué se quedó por el camino. Nuestro último "
            '<a linktype="document" id="{report_id}">informe sobre los planes de acción '
            "locales</a> es un primer paso, y seguiremos publicando lo que encontremos."
        ),
        p(
            "La asamblea volverá a reunirse el año que viene. Mientras tanto, cuéntanos en los "
            "comentarios cuál de estas lecciones se parece a tu propia experiencia y cuál no."
        ),
    ],
}

DIALOGUE_ARTICLE = {
    "source": DIALOGUE_SLUG,
    "slug": "cuatro-pasos-para-construir-el-dialogo-entre-gobierno-y-sociedad-civil",
    "title": "Cuatro pasos para construir el diálogo entre gobierno y sociedad civil",
    "summary": "Una secuencia práctica para funcionarios y activistas que quieren pasar de las "
    "consultas puntuales a una conversación que dure.",
    "alt": "Ilustración abstracta de dos formas entrelazadas en verde azulado oscuro y amarillo.",
    "body": [
        p(
            "Casi todos los gobiernos locales consultan a sus vecinos en algún momento. Muchos "
            "menos siguen hablando con ellos cuando la consulta se cierra. Estos cuatro pasos "
            "vienen de miembros que dieron el salto."
        ),
        h("Acordar juntos las reglas"),
        p(
            "Decidid con la sociedad civil cómo se desarrollan las reuniones, quién las preside y "
            "cómo se comparten las actas."
        ),
        h("Publicar lo que se escucha"),
        p(
            "Un resumen de cada sesión, publicado antes de que pase una semana, demuestra que las "
            "aportaciones se leen."
        ),
        h("Cerrar el círculo"),
        p(
            "Para cada propuesta, explicad qué fue de ella y por qué, también cuando la "
            "respuesta es que no."
        ),
        h("Hacerlo permanente"),
        p("Un foro estable y con presupuesto propio sobrevive a cualquier alcalde o proyecto."),
    ],
}

# English title -> (title, slug, summary). The other ten stay English-only.
MORE_ARTICLES = {
    "Open Budgets Start with a Single Spreadsheet": (
        "Los presupuestos abiertos empiezan con una sola hoja de cálculo",
        "los-presupuestos-abiertos-empiezan-con-una-hoja-de-calculo",
        "Publicar el gasto del año pasado en un formato legible es el primer paso más barato.",
    ),
    "What a County Call Centre Taught Us About Feedback": (
        "Lo que nos enseñó un centro de llamadas de condado sobre escuchar a los vecinos",
        "lo-que-nos-enseno-un-centro-de-llamadas-de-condado",
        "Quienes atienden las llamadas de los vecinos se convirtieron en la mejor fuente de "
        "datos del condado sobre sus servicios.",
    ),
    "Youth Councils That Actually Decide Something": (
        "Consejos de juventud que de verdad deciden algo",
        "consejos-de-juventud-que-de-verdad-deciden-algo",
        "Tres ciudades dieron a los jóvenes una partida real del presupuesto, y los resultados "
        "las sorprendieron.",
    ),
    "Indigenous Languages in Public Consultations": (
        "Las lenguas indígenas en las consultas públicas",
        "las-lenguas-indigenas-en-las-consultas-publicas",
        "Celebrar las reuniones en las lenguas del lugar cambió quién participaba y qué proponía.",
    ),
}


def more_article_body(title, summary):
    return [
        p(summary),
        h("Qué pasó"),
        p(
            "Varios miembros de la red explicaron su enfoque en una sesión entre colegas y "
            "compartieron los documentos que usaron. Aquí resumimos lo esencial para que otros "
            "puedan adaptarlo."
        ),
        h("Qué pueden aprovechar otros"),
        p(
            "Empezar con poco, publicar pronto y preguntar a los vecinos qué necesitan antes de "
            "construir nada. Todos los ejemplos de este artículo nacieron de un solo equipo con "
            "un presupuesto modesto."
        ),
    ]


def privacy_body(retention_days: int) -> list:
    return [
        h("Qué recogemos cuando comentas"),
        p(
            "Para publicar un comentario necesitamos tu nombre, tu dirección de correo "
            "electrónico y el propio comentario. Indicar un sitio web es opcional. También "
            "registramos la dirección de internet (IP) desde la que llegó el comentario y la "
            "hora a la que lo enviaste."
        ),
        h("Qué es público"),
        p(
            "Tu nombre, tu sitio web si lo indicaste, tu comentario y su fecha aparecen en el "
            "artículo cuando un moderador aprueba el comentario, y también en el canal de "
            "comentarios de ese artículo. Tu correo y tu dirección IP no se muestran nunca, ni "
            "en el sitio ni en ningún canal."
        ),
        h("Para qué lo guardamos y durante cuánto tiempo"),
        p(
            "Los moderadores ven tu correo y tu dirección IP para poder detectar spam y abusos, "
            "y usamos tu correo para avisarte de respuestas o comentarios nuevos si nos lo "
            f"pediste. Las direcciones IP se borran {retention_days} días después de enviado el "
            "comentario. Los comentarios, los nombres y los correos se conservan con el "
            "comentario publicado hasta que nos pidas que los retiremos."
        ),
        h("Seguir una conversación"),
        p(
            "Si sigues los comentarios de un artículo, guardamos tu correo con ese artículo hasta "
            "que dejes de seguirlo. No enviamos nada hasta que confirmes la dirección desde el "
            "primer mensaje, y cada mensaje trae un enlace para darte de baja con un solo clic."
        ),
        h("Tus derechos"),
        p(
            "Puedes pedirnos ver, corregir o borrar lo que guardamos sobre ti. Escribe a la "
            "dirección que figura en nuestra página de contacto e indica a qué comentarios o "
            "artículos te refieres."
        ),
    ]


ABOUT_BODY = [
    p(
        "Gobierno Abierto Local (Open Government Local) cuenta la historia de ciudades, "
        "condados y regiones que abren sus decisiones a la ciudadanía: presupuestos "
        "participativos, contratos abiertos, planes elaborados en común y las personas que los "
        "sacan adelante."
    ),
    p(
        "Nuestro equipo trabaja con reformistas locales de África, América, Asia y Europa. "
        "Publicamos historias, noticias e informes independientes, y los comentarios de los "
        "lectores son bienvenidos; un moderador lee cada uno antes de que aparezca."
    ),
]

CONTACT_BODY = [
    p(
        "Si tienes preguntas sobre un artículo, quieres señalar un error o se trata de tus datos "
        'personales, escribe a <a href="mailto:newsroom@example.org">newsroom@example.org</a>. '
        "Respondemos en un plazo de cinco días hábiles."
    ),
    p('Prensa y colaboraciones: <a href="mailto:partners@example.org">partners@example.org</a>.'),
]

# English slug -> the translated page. The privacy notice's body is privacy_body().
STANDARD_PAGES = {
    "privacy": {
        "slug": "privacidad",
        "title": "Aviso de privacidad",
        "introduction": "Qué guardamos cuando comentas o sigues una conversación, quién lo ve "
        "y cuánto tiempo lo conservamos.",
    },
    "about": {
        "slug": "quienes-somos",
        "title": "Quiénes somos",
        "introduction": "Quiénes somos y de qué escribimos.",
        "body": ABOUT_BODY,
    },
    "contact": {
        "slug": "contacto",
        "title": "Contacto",
        "introduction": "Cómo escribir a la redacción.",
        "body": CONTACT_BODY,
    },
}

# Comments on the Spanish model article, shaped like demo.comments.DEMO_COMMENTS:
# (ref, parent ref, status, name, email, website, days after publication, text)
COMMENTS = [
    (
        "demo-es-1",
        None,
        "approved",
        "Lucía Fernández",
        "lucia@example.org",
        "",
        1,
        "Lo del centro de llamadas de Nandi me parece clave. En mi municipio la mitad de los "
        "vecinos mayores no usa internet, y el teléfono sigue siendo la forma más sencilla de "
        "hacerse oír.",
    ),
    (
        "demo-es-2",
        "demo-es-1",
        "approved",
        "Diego Ramírez",
        "diego@example.org",
        "https://example.org/diego",
        2,
        "Nosotros probamos algo parecido con una línea de mensajería. Funcionó, pero hizo "
        "falta una persona dedicada solo a contestar; si no, los mensajes se acumulaban.",
    ),
    (
        "demo-es-3",
        None,
        "approved",
        "Carmen Ortega",
        "carmen@example.org",
        "",
        3,
        "La cuarta lección es la que más me convence: nada anima tanto como hablar con alguien "
        "que ya se equivocó antes que tú.\n\n¿Vais a publicar las presentaciones de la asamblea?",
    ),
    (
        "demo-es-4",
        None,
        "awaiting",
        "Andrés Molina",
        "andres@example.org",
        "",
        4,
        "¿Existe una versión en español del informe sobre los planes de acción locales?",
    ),
]
