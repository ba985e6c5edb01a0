"""Closed word lists the entity rules rely on: titles, roles, pronouns, kinship, months.

Kept as plain data so that a rule reads as a sentence ("a title word before a name is not part
of the name") and the lists can grow without touching the rules.
"""

from __future__ import annotations

# spaCy labels that name things the entity layer clusters. The rest (DATE, MONEY, ...) are kept
# as mentions for other stages but never become entities.
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
)

MONTHS = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december",
    }
)  # fmt: skip

# Words that stand before a name as a title; never part of the name itself.
TITLES = frozenset(
    {
        "president", "prime", "minister", "professor", "prof", "dr", "mr", "mrs", "ms", "sir",
        "general", "gen", "colonel", "col", "captain", "lieutenant", "commander", "admiral",
        "king", "queen", "prince", "princess", "sheikh", "emir", "sultan", "judge", "justice",
        "senator", "sen", "governor", "gov", "mayor", "ambassador", "chancellor", "secretary",
        "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "director",
        "chief", "deputy", "interim", "former", "acting", "vice", "pope", "imam", "rabbi",
        "father", "brother", "sister", "saint", "st", "lord", "lady", "rep", "representative",
        "foreign", "defence", "defense", "finance", "interior", "economy", "health", "mr.",
        "mrs.", "ms.", "dr.", "prof.", "gen.", "col.", "sen.", "gov.", "rep.", "lt.", "capt.",
        "officer", "inspector", "sergeant", "superintendent", "ceo", "founder", "editor",
        "reporter", "analyst", "economist", "activist", "lawyer", "attorney", "coach",
        "prosecutor", "historian", "columnist", "writer", "blogger", "journalist",
        "correspondent", "commentator", "novelist", "poet", "businessman", "businesswoman",
        "researcher", "negotiator", "envoy", "commissioner",
    }
)  # fmt: skip

# Head nouns of role descriptions that can stand for a person named elsewhere.
PERSON_ROLES = frozenset(
    {
        "president", "minister", "premier", "leader", "chief", "commander", "general",
        "chairman", "chairwoman", "chair", "spokesman", "spokeswoman", "spokesperson",
        "governor", "mayor", "ambassador", "chancellor", "secretary", "director", "founder",
        "king", "queen", "prince", "emir", "sultan", "sheikh", "envoy", "negotiator", "ceo",
        "executive", "head", "senator", "lawmaker", "judge", "prosecutor", "official",
        "professor", "scholar", "economist", "analyst", "journalist", "reporter", "editor",
        "activist", "candidate", "incumbent", "challenger", "monarch", "ruler", "strongman",
        "cleric", "archbishop", "bishop", "coach", "captain", "mediator", "commissioner",
        "owner", "billionaire", "tycoon", "inventor", "researcher", "scientist", "author",
        "writer", "novelist", "poet", "singer", "actor", "actress", "director-general",
        "secretary-general", "warlord", "colonel", "admiral", "superintendent", "inspector",
    }
)  # fmt: skip

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PERSON_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS

MALE_WORDS = frozenset(
    {"mr", "mr.", "son", "father", "brother", "king", "prince", "sir", "husband", "uncle",
     "nephew", "spokesman", "chairman", "sheikh", "emir", "sultan", "lord", "grandson"}
)  # fmt: skip
FEMALE_WORDS = frozenset(
    {"mrs", "mrs.", "ms", "ms.", "daughter", "mother", "sister", "queen", "princess", "lady",
     "wife", "aunt", "niece", "spokeswoman", "chairwoman", "granddaughter", "madam"}
)  # fmt: skip

# "his son Bashar": a kinship noun makes the following name a different person from the
# possessor, which is what keeps namesakes such as father and son apart.
KINSHIP = frozenset(
    {
        "son", "daughter", "father", "mother", "brother", "sister", "wife", "husband",
        "uncle", "aunt", "nephew", "niece", "cousin", "grandson", "granddaughter",
        "grandfather", "grandmother", "widow", "widower", "stepson", "stepdaughter",
    }
)  # fmt: skip

# Lower-case particles inside names: "Hayat Tahrir al-Sham", "Ludwig van Beethoven".
NAME_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "bint", "abu", "van", "von", "der", "de", "del", "della", "di",
     "da", "du", "la", "le", "ul", "ud", "and", "of", "for", "the", "&", "in", "on", "at"}
)  # fmt: skip

# Suffixes that an organisation's short name can drop: "Al-Ikhbariya TV" is "Al-Ikhbariya".
ORG_SUFFIXES = frozenset(
    {"tv", "channel", "network", "inc", "inc.", "corp", "corp.", "corporation", "ltd",
     "ltd.", "llc", "plc", "co", "co.", "group", "holdings", "company", "agency", "sa", "ag",
     "gmbh", "news", "radio", "television", "newspaper", "daily", "times"}
)  # fmt: skip

# Words that mark a multi-word name as an organisation rather than a person.
ORG_WORDS = frozenset(
    {"university", "institute", "council", "ministry", "party", "army", "force", "forces",
     "front", "movement", "brigade", "brigades", "bank", "company", "corporation", "group",
     "agency", "office", "committee", "commission", "union", "league", "association",
     "organization", "organisation", "foundation", "fund", "court", "parliament", "assembly",
     "tv", "news", "post", "times", "herald", "tribune", "journal", "radio", "network",
     "channel", "press", "media", "inc", "ltd", "corp", "airlines", "airways", "authority",
     "service", "services", "police", "guard", "navy", "department", "bureau", "center",
     "centre", "school", "college", "hospital", "church", "mission", "alliance", "coalition",
     "federation", "confederation", "cooperative", "consortium", "board", "senate", "congress",
     "cabinet", "government", "administration", "observatory", "watch", "international",
     "ports", "port", "mining", "energy", "petroleum", "oil", "gas", "telecom", "motors",
     "industries", "systems", "partners", "capital", "securities", "exchange"}
)  # fmt: skip

# Alias cues: "X, formerly known as Y", "X, also known as Y".
ALIAS_CUES = (
    "formerly known as",
    "also known as",
    "better known as",
    "known as",
    "also called",
    "nicknamed",
    "aka",
    "a.k.a.",
    "née",
)

# Last words that make a multi-word name a war, treaty or meeting rather than a person.
EVENT_WORDS = frozenset(
    {"war", "accord", "accords", "agreement", "treaty", "pact", "protocol", "summit",
     "conference", "uprising", "revolution", "massacre", "offensive", "games", "olympics",
     "cup", "championship", "crisis", "referendum", "election", "elections", "intifada"}
)  # fmt: skip

# Nouns that, as a name's last word or right after it, make it a place: "Vaziani airbase".
PLACE_WORDS = frozenset(
    {"airbase", "airfield", "airport", "base", "harbour", "harbor", "dam", "bridge", "canal",
     "strait", "straits", "river", "lake", "mountains", "mountain", "valley", "desert", "island",
     "islands", "peninsula", "province", "region", "district", "governorate", "crossing",
     "border", "square", "stadium", "palace", "prison", "camp", "refinery", "terminal",
     "heights", "coast", "gulf", "sea", "ocean", "bay"}
)  # fmt: skip
