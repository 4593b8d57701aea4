"""The words synthetic data is made of: place names, group names, questions, sentences.

Invented, French and English, close enough to real stories that search, facets and pages
meet realistic text (accents, lengths, common words) without copying anyone's writing.
"""

PLACE_STEMS = (
    "Saint-Martin", "Bel-Air", "Port-Louis", "Montagne", "Rivière", "Les Pins", "Kaweni",
    "Guet Ndar", "Plateau", "Bourg", "Val-Fleuri", "Sainte-Anne", "Mer Bleue", "Haut-Pont",
    "Brookfield", "Riverside", "Kingsbay", "Greenhill", "Oakmoor", "Lakeview", "Ashford",
    "Mamoudzou", "Tsingoni", "Dzaoudzi", "Ziguinchor", "Podor", "Matam", "Kédougou",
    "Cayenne", "Kourou", "Le Morne", "Sainte-Rose", "Baie-Mahault", "Trois-Îlets",
)  # fmt: skip
PLACE_SUFFIXES = (
    "", "-sur-Mer", "-les-Bains", " Nord", " Sud", "-la-Forêt", " Est", " Ouest", "-le-Haut",
)  # fmt: skip
# (country, centre latitude, centre longitude, spread in degrees)
COUNTRIES = (
    ("FR", 46.5, 2.5, 4.0), ("YT", -12.8, 45.15, 0.15), ("SN", 14.5, -14.5, 2.5),
    ("IE", 53.2, -8.0, 1.5), ("GP", 16.2, -61.5, 0.3), ("RE", -21.1, 55.5, 0.3),
    ("MQ", 14.6, -61.0, 0.2), ("GF", 4.5, -53.0, 1.0), ("MA", 32.0, -6.5, 2.5),
    ("BE", 50.6, 4.6, 0.8), ("CA", 46.8, -71.2, 3.0), ("MG", -19.0, 47.0, 3.0),
    ("HT", 18.9, -72.5, 0.7), ("ES", 40.2, -3.7, 3.0), ("DE", 51.0, 10.0, 3.0),
)  # fmt: skip
LANGUAGES_BY_COUNTRY = {
    "FR": "fr", "YT": "fr,swb", "SN": "fr,wo", "IE": "en", "GP": "fr", "RE": "fr",
    "MQ": "fr", "GF": "fr", "MA": "fr,ar", "BE": "fr", "CA": "fr,en", "MG": "fr,mg",
    "HT": "fr,ht", "ES": "es", "DE": "de",
}  # fmt: skip
GROUP_KINDS = (("class", "Classe de {}e"), ("club", "Club jeunes"), ("association", "Association"))
FIRST_NAMES = (
    "Léa", "Yanis", "Inès", "Tom", "Aïcha", "Noah", "Chloé", "Moussa", "Zoé", "Ibrahim",
    "Manon", "Lucas", "Fatou", "Hugo", "Emma", "Nassim", "Sarah", "Aaron", "Maëlys", "Omar",
    "Siobhan", "Liam", "Aoife", "Conor", "Mariama", "Ousmane", "Anjara", "Rivo", "Nadia", "Jules",
)  # fmt: skip
EDUCATOR_NAMES = (
    "Sophie Martin", "Ali Mohamed", "Awa Diop", "Ciara Byrne", "Marc Leroy", "Hélène Petit",
    "Karim Benali", "Nadia Said", "Pierre Durand", "Mary Walsh", "Fanja Rakoto", "Jean Pierre",
)  # fmt: skip
EXCHANGE_TITLES = (
    "{a} ↔ {b} : vivre ensemble", "{a} et {b}, deux rives", "From {a} to {b}",
    "{a} — {b} : nos quartiers", "Regards croisés {a} / {b}", "{a} meets {b}",
    "{a} et {b} : l'eau, la mer et nous", "{a} & {b}: what we eat",
)  # fmt: skip
QUESTIONS = (
    "Qu'est-ce que vivre ensemble veut dire là où tu vis ?",
    "Quel endroit de ton quartier aimerais-tu nous montrer ?",
    "Que mange-t-on chez vous pour une fête ?",
    "What does your way to school look like?",
    "Which sound tells you that you are home?",
    "Qui sont les anciens de ton quartier et que racontent-ils ?",
    "What would you change in your town if you could?",
    "Comment l'eau fait-elle partie de votre vie ?",
)
TITLES = (
    "Le marché du dimanche", "Notre terrain de foot", "La barge du matin", "Chez ma grand-mère",
    "Le bruit de la pluie", "Les pêcheurs de l'aube", "Notre école sous les manguiers",
    "La fête du quartier", "Our bus to school", "The river after the storm", "Music on Fridays",
    "Un mariage au village", "Le lagon à marée basse", "Le club de danse", "The old harbour",
    "Nos jardins partagés", "La boulangerie d'en bas", "What the elders told us",
    "Le tram de huit heures", "La route de la plage", "Ramadan in our street", "Le carnaval",
)  # fmt: skip
TITLE_ENDINGS = ("", " (suite)", " — vu par nous", " : ce qui a changé", ", en images", " today")
SENTENCES = (
    "Le matin, on prend la barge pour traverser le lagon et aller au collège.",
    "Chez nous, tout le monde se retrouve au marché le dimanche, même les voisins fâchés.",
    "Ma grand-mère raconte que la rivière montait jusqu'à l'église quand elle était petite.",
    "Nous avons interrogé le boulanger : il se lève à trois heures pour que le quartier mange.",
    "Le terrain de foot est en terre rouge, et après la pluie on glisse beaucoup.",
    "Pendant la fête, les familles partagent les plats : riz, poisson, gâteaux au coco.",
    "On a découvert que vous aussi, vous attendez le bus sous la pluie. Ça nous a fait rire.",
    "Vivre ensemble, pour nous, c'est se saluer dans l'escalier et s'aider pour les devoirs.",
    "Les pêcheurs partent avant l'aube ; au retour, les enfants courent sur la plage.",
    "Nous avons enregistré le bruit de la cour de récréation pour que vous l'entendiez.",
    "Every morning the bus stops at the corner shop, and the driver knows all our names.",
    "The river floods almost every winter, so the older houses are built on stones.",
    "We asked our neighbours what they would change: most of them said more trees.",
    "On Fridays there is music in the square, and people of every age come to dance.",
    "Our school garden grows potatoes, beans and a lot of weeds, but we are proud of it.",
    "We were surprised that your school has no uniform: here everybody wears green.",
    "L'association prête des vélos aux jeunes du quartier pendant les vacances d'été.",
    "Au collège, on parle quatre langues dans la même classe, et on s'apprend des mots.",
    "Le vieux port a changé : les entrepôts sont devenus une médiathèque et un skatepark.",
    "Quand il fait très chaud, on se retrouve à l'ombre du grand baobab près du stade.",
)
COMMENTS = (
    "Merci pour votre histoire, on a appris plein de choses !",
    "Chez nous aussi il y a un marché le dimanche.",
    "Est-ce que l'eau du lagon est chaude toute l'année ?",
    "We loved the photos of your street.",
    "C'est quoi le plat préféré de votre classe ?",
    "Same here: our bus is always late too!",
)
ALT_TEXTS = (
    "Une rue du quartier au coucher du soleil, des maisons colorées.",
    "Le terrain de foot en terre rouge, vide, après la pluie.",
    "A market stall with fruit and vegetables in baskets.",
    "La plage à marée basse, des pirogues posées sur le sable.",
)
