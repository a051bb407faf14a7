"""Noun and pronoun lexicons that tell what kind of source a speaker is."""

from __future__ import annotations

#: Kept in a name ("Dr. Lennart Vosskuhl").
HONORIFICS = frozenset(
    {"dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "prof", "prof.", "rev"} | {"rev.", "sir"}
)

#: Role words written before a name ("Councilmember Dana Ortiz"): the descriptor, not the name.
TITLES = frozenset(
    {"alderman", "ambassador", "analyst", "assemblyman", "assemblywoman", "attorney"}
    | {"author", "bishop", "candidate", "capt", "cardinal", "ceo", "chair", "chairman"}
    | {"chairwoman", "chancellor", "chief", "coach", "col", "commissioner"}
    | {"comptroller", "congressman", "congresswoman", "councillor", "councilman"}
    | {"councilmember", "councilwoman", "dean", "detective", "director", "economist"}
    | {"gen", "general", "gov", "governor", "host", "inspector", "judge", "justice"}
    | {"king", "lawmaker", "leader", "lt", "mayor", "minister", "nominee", "officer"}
    | {"pastor", "pope", "premier", "president", "president-elect", "prince"}
    | {"princess", "principal", "prof", "professor", "queen", "rabbi", "rep"}
    | {"representative", "secretary", "sen", "senator", "sgt", "sheriff", "speaker"}
    | {"spokesman", "spokesperson", "spokeswoman", "strategist", "superintendent"}
    | {"treasurer", "trustee", "vice"}
)

#: Singular nouns that name a person by role.
PERSON_NOUNS = TITLES | frozenset(
    {"activist", "boss", "consultant", "critic", "daughter", "doctor", "expert"}
    | {"farmer", "father", "founder", "friend", "head", "historian", "husband"}
    | {"lawyer", "manager", "mother", "neighbor", "nurse", "organizer", "owner"}
    | {"pollster", "researcher", "resident", "scientist", "son", "student", "supporter"}
    | {"teacher", "victim", "volunteer", "voter", "wife", "witness", "worker"}
)

#: Head nouns of organizations ("the mayor's office").
ORG_NOUNS = frozenset(
    {"administration", "agency", "association", "authority", "bank", "board"}
    | {"bureau", "campaign", "center", "centre", "church", "city", "club", "coalition"}
    | {"commission", "committee", "company", "congress", "corporation", "council"}
    | {"county", "court", "department", "firm", "foundation", "government", "group"}
    | {"hospital", "house", "institute", "magazine", "ministry", "network", "newspaper"}
    | {"office", "organisation", "organization", "outlet", "pac", "paper", "parliament"}
    | {"party", "police", "school", "senate", "service", "state", "station", "team"}
    | {"union", "university", "utility", "military", "army", "navy"}
    # bodies that speak as one ("The trust ... refused", "the watchdog said")
    | {"alliance", "charity", "consortium", "federation", "institution", "laboratory"}
    | {"nonprofit", "regulator", "trust", "tribunal", "watchdog"}
)

#: Head nouns of documents ("figures", "a report").
DOCUMENT_NOUNS = frozenset(
    {"ad", "advertisement", "analysis", "article", "audit", "book", "complaint"}
    | {"data", "document", "email", "estimate", "estimates", "figure", "figures"}
    | {"filing", "indictment", "lawsuit", "letter", "memo", "message", "notice"}
    | {"numbers", "order", "page", "paper", "poll", "post", "record", "records"}
    | {"release", "report", "research", "review", "ruling", "sign", "statement"}
    | {"statistics", "study", "survey", "transcript", "tweet", "video", "website"}
    | {"finding", "findings", "polling", "projection", "projections", "result", "results"}
    # legal and official texts ("a criminal complaint affidavit", "guidance from the clinic")
    | {"affidavit", "bulletin", "communique", "communiqué", "contract", "decree", "dossier"}
    | {"guidance", "guideline", "guidelines", "memorandum", "petition", "warrant"}
)

#: Heads that are never a source: abstractions, events, situations and pictures the
#: writer interprets ("All of these developments show ...", "The pictures suggest ...").
ABSTRACT_NOUNS = frozenset(
    {"absence", "action", "attack", "collapse", "conflict", "consequence", "context"}
    | {"controversy", "crisis", "debacle", "decision", "decline", "defeat", "development"}
    | {"drop", "episode", "event", "evidence", "experience", "fact", "failure", "fall"}
    | {"footage", "growth", "history", "idea", "image", "incident", "increase", "lack"}
    | {"loss", "matter", "meeting", "move", "outcome", "pattern", "photo", "photograph"}
    | {"picture", "pictures", "reality", "rise", "scale", "scandal", "scene", "shift"}
    | {"silence", "situation", "spectacle", "step", "success", "timing", "tragedy"}
    | {"trend", "trip", "turn", "turnout", "victory", "violence", "visit", "war", "way"}
    # examinations: what a test or scan shows is a finding, not a statement
    | {"test", "scan", "ct", "x-ray", "xray", "mri", "biopsy", "exam", "examination"}
    | {"screening", "ultrasound", "finding", "findings"}
    # markets and measurements: "The stock added 2%", "the air quality has plunged"
    | {"stock", "share", "price", "index", "quality", "level", "weather", "temperature"}
    # hearsay and common wisdom: "Rumors suggested", "Common sense says"
    | {"rumor", "rumour", "speculation", "sense", "logic", "wisdom"}
    | {"adage", "saying", "proverb", "maxim", "cliche", "cliché"}
    # the article itself: "An earlier version of this article stated"
    | {"version"}
    # fields of knowledge: "Neuroscience tells us that", "Science says", "Economics teaches"
    | {"science", "neuroscience", "psychology", "biology", "physics", "chemistry"}
    | {"economics", "medicine", "mathematics", "sociology", "genetics", "epidemiology"}
    | {"astronomy", "geology", "philosophy", "theology", "anthropology", "ecology"}
)

#: Unnamed people, singular or plural ("a senior official", "sources").
ANONYMOUS_NOUNS = frozenset(
    {"adviser", "advisor", "aide", "ally", "associate", "confidant", "diplomat"}
    | {"employee", "executive", "insider", "investigator", "lawmaker", "member"}
    | {"officer", "official", "operative", "people", "person", "representative"}
    | {"source", "spokesman", "spokesperson", "spokeswoman", "staffer"}
)

#: Plural people without a name ("Supporters", "critics").
GROUP_NOUNS = frozenset(
    {"activist", "advocate", "analyst", "business", "citizen", "commentator"}
    | {"conservative", "consumer", "critic", "customer", "democrat", "detractor"}
    | {"doctor", "economist", "expert", "fan", "farmer", "historian", "leader"}
    | {"liberal", "local", "neighbor", "observer", "opponent", "owner", "parent"}
    | {"proponent", "protester", "pundit", "republican", "researcher", "resident"}
    | {"scholar", "scientist", "skeptic", "student", "supporter", "taxpayer", "teacher"}
    | {"user", "voter", "worker"}
)

PERSON_PRONOUNS = frozenset({"he", "her", "him", "she"})

PLURAL_PRONOUNS = frozenset({"them", "they"})

THING_PRONOUNS = frozenset({"it"})

SELF_PRONOUNS = frozenset({"i", "me", "us", "we", "you"})

RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})

VAGUE_PRONOUNS = frozenset(
    {"all", "anyone", "both", "everybody", "everyone", "few", "many", "most"}
    | {"nobody", "one", "other", "others", "several", "some", "somebody", "someone"}
)

#: Endings of nouns for people ("organizer", "historian").
PERSON_SUFFIXES = ("er", "or", "ist", "ian", "man", "woman", "person", "ant", "ent", "ee")
