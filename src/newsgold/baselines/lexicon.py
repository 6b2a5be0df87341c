"""The general English word lists the rule baseline uses, in one place so they can be audited.

Nothing here comes from the corpus: calendar words, number qualifiers, reporting verbs, hedges,
negations, titles, organisation and place cue words, suffixes of nationality adjectives, common
function words, currencies and units of measurement.
"""

from __future__ import annotations

MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
}  # fmt: skip
MONTH_ABBREVIATIONS = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
    "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5,
    "Sunday": 6,
}  # fmt: skip
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

# Qualifiers of an amount, shared by figures and durations (guidelines §3 and §4).
QUALIFIERS = {
    "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN",
    "upwards of": "MORE_THAN", "in excess of": "MORE_THAN",
    "less than": "LESS_THAN", "fewer than": "LESS_THAN", "under": "LESS_THAN",
    "just under": "LESS_THAN", "nearly": "LESS_THAN", "almost": "LESS_THAN",
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "an estimated": "APPROX", "close to": "APPROX",
    "at least": "EQUAL_OR_MORE", "no fewer than": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
}  # fmt: skip

# Prepositions that introduce a bare year ("in 2024") and stay outside the date span.
YEAR_PREPOSITIONS = {
    "in", "since", "until", "till", "by", "from", "of", "during", "before", "after", "through",
    "throughout", "to", "between", "and", "early", "late", "mid", "around",
}  # fmt: skip

# Words that make a sentence speak of the future, for the year of "March" or the day of "Friday".
FUTURE_MARKERS = (
    r"will|shall|'ll|’ll|going to|plans? to|planned|scheduled|due to|set to|expected to|"
    r"upcoming|next"
)

REPORTING_VERBS = {
    "said", "says", "say", "told", "tells", "tell", "claimed", "claims", "claim", "reported",
    "reports", "stated", "states", "announced", "announces", "added", "adds", "noted", "notes",
    "explained", "explains", "warned", "warns", "insisted", "insists", "argued", "argues",
    "confirmed", "confirms", "denied", "denies", "acknowledged", "acknowledges", "admitted",
    "admits", "alleged", "alleges", "asserted", "asserts", "declared", "declares", "wrote",
    "writes", "estimated", "estimates", "predicted", "predicts", "suggested", "suggests",
}  # fmt: skip
# Verbs that take the addressee as object before the content ("told reporters that ...").
ADDRESSEE_VERBS = {"told", "tells", "tell", "warned", "warns"}
# Words that may stand between a source and its cue ("has also said").
AUXILIARIES = {
    "has", "have", "had", "was", "were", "is", "are", "will", "would", "also", "previously",
    "earlier", "later", "officially", "publicly", "again", "repeatedly", "reportedly",
    "recently", "already", "further", "then", "once", "now", "separately", "first",
}  # fmt: skip
HEDGES = {
    "may", "might", "could", "appear", "appears", "appeared", "apparently", "believe",
    "believed", "believes", "reportedly", "expected", "likely", "unlikely", "possibly",
    "probably", "allegedly", "seem", "seems", "seemed", "perhaps", "suspected",
}  # fmt: skip
# Belief verbs that, after a pronoun, restate the same source ("said it believed X": content X).
BELIEF_VERBS = {"believed", "believes", "believe", "thinks", "thought", "assessed", "suspected"}
NEGATIONS = {
    "not", "never", "neither", "nor", "no", "none", "nobody", "nothing", "cannot", "without",
}  # fmt: skip

# Titles and roles that precede a person's name and stay outside the span.
PERSON_TITLES = {
    "President", "Vice", "Prime", "Minister", "Chancellor", "King", "Queen", "Prince",
    "Princess", "Pope", "Mr", "Mrs", "Ms", "Miss", "Dr", "Sen", "Senator", "Rep",
    "Representative", "Governor", "Gov", "Mayor", "General", "Gen", "Lt", "Lieutenant",
    "Colonel", "Col", "Major", "Maj", "Captain", "Capt", "Sergeant", "Sgt", "Admiral", "Adm",
    "Commander", "Secretary", "Ambassador", "Judge", "Justice", "Spokesman", "Spokeswoman",
    "Spokesperson", "Chairman", "Chairwoman", "Chair", "Sir", "Dame", "Lord", "Lady",
    "Sheikh", "Bishop", "Archbishop", "Patriarch", "Rabbi", "Imam", "Professor", "Prof",
    "Deputy", "Chief", "Director", "Leader", "Speaker", "Premier", "Emperor", "Sultan",
}  # fmt: skip
# Words of a title that are not themselves the last title word ("Foreign Minister X").
TITLE_QUALIFIERS = {
    "Foreign", "Defence", "Defense", "Interior", "Finance", "Economy", "Health", "Justice",
    "Education", "Energy", "Trade", "Former", "Acting", "Interim", "Deputy", "First", "Vice",
    "Prime", "Chief", "Executive", "Supreme", "Senior", "State",
}  # fmt: skip
# Common nouns that, inside a capitalised name, make it an organisation.
ORG_WORDS = {
    "Agency", "Service", "Services", "Ministry", "Council", "Staff", "Committee", "Commission",
    "Office", "Department", "Bank", "Party", "Army", "Navy", "Forces", "Force", "Corps",
    "Guard", "Court", "Parliament", "Assembly", "Union", "Organization", "Organisation",
    "Association", "Institute", "Centre", "Center", "University", "College", "School",
    "Company", "Corporation", "Corp", "Inc", "Ltd", "Group", "Foundation", "Fund", "Alliance",
    "Coalition", "Movement", "Police", "Times", "News", "Post", "Press", "Bureau", "Authority",
    "Board", "Directorate", "Command", "Cabinet", "Senate", "Congress", "Network", "Airlines",
    "Brigade", "Battalion", "Division", "Regiment", "Watch", "Club", "Society",
    "Federation", "Trust", "Industries", "Holdings", "Media", "Television", "Radio", "Journal",
    "Herald", "Gazette", "Tribune", "Telegraph",
}  # fmt: skip
# Last words of a capitalised name that make it a state or region.
GPE_WORDS = {"Republic", "Kingdom", "Emirates", "States", "Oblast", "Province", "Territory"}
# Lowercase words right after a name that make it a place ("the X region").
GPE_FOLLOWERS = {
    "region", "province", "oblast", "city", "town", "village", "county", "district",
    "republic", "state", "capital", "municipality", "governorate", "prefecture", "krai",
}  # fmt: skip
LOC_FOLLOWERS = {"river", "sea", "mountains", "peninsula", "valley", "desert", "lake", "bay"}
# Prepositions after which a lone capitalised word is most often a place.
PLACE_PREPOSITIONS = {
    "in", "from", "to", "near", "across", "into", "at", "outside", "inside", "toward",
    "towards", "throughout", "via", "around", "visited", "visit",
}  # fmt: skip
# Country abbreviations written in capitals (everything else in capitals is an organisation).
COUNTRY_ABBREVIATIONS = {"US", "U.S.", "UK", "U.K.", "USA", "UAE", "DRC", "PRC", "ROK", "DPRK"}
COMPASS_WORDS = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western"}
# Endings of nationality and group adjectives ("-ian", "-ese", "-ish", ...), by suffix only.
DEMONYM_SUFFIXES = ("ian", "ean", "ican", "man", "ese", "ish", "ani", "eli", "aqi", "udi", "ali")
# Capitalised words that are ordinary English words at a sentence start or in a title.
COMMON_CAPITALISED = {
    "A", "An", "The", "In", "On", "At", "For", "From", "By", "With", "Without", "To", "Of",
    "As", "If", "But", "And", "Or", "So", "Not", "No", "Yes", "What", "Who", "Why", "How",
    "Where", "Which", "When", "While", "After", "Before", "Since", "During", "Under", "Over",
    "Despite", "Although", "Though", "Because", "However", "Meanwhile", "Also", "Still", "Yet",
    "Now", "Then", "Earlier", "Later", "According", "Both", "Neither", "Either", "Each",
    "Every", "All", "Some", "Many", "Most", "Several", "Other", "Another", "Such", "Those",
    "These", "This", "That", "There", "Here", "It", "Its", "He", "His", "She", "Her", "They",
    "Their", "Them", "We", "Our", "Us", "I", "My", "You", "Your", "One", "Two", "Three",
    "Instead", "Until", "Among", "Between", "Against", "About", "Around", "Into", "Through",
    "Further", "Furthermore", "Moreover", "Thus", "Therefore", "Overall", "Indeed", "Even",
    "Only", "Just", "Last", "Next", "First", "Second", "Third", "More", "Less", "Few",
    "Read", "Related", "Source", "Photo", "Image", "Video", "Reported", "Reports", "Report",
}  # fmt: skip
# Connectors allowed inside a capitalised name ("Bank of England", "Centre for X").
NAME_CONNECTORS = {"of", "for", "on", "de", "du", "la", "von", "van", "der", "del", "al", "bin"}
FUNCTION_WORDS = {
    "a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "for", "with", "from", "by",
    "as", "than", "that", "which", "who", "whom", "whose", "this", "these", "those", "it",
    "its", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "will",
    "would", "can", "could", "may", "might", "must", "shall", "should", "do", "does", "did",
    "not", "no", "so", "but", "if", "per", "each", "every", "more", "less", "most", "least",
    "some", "any", "all", "other", "another", "such", "into", "onto", "over", "under", "about",
    "after", "before", "since", "until", "while", "when", "where", "there", "here", "they",
    "them", "their", "he", "she", "his", "her", "we", "our", "you", "your", "i", "me", "my",
    "again", "also", "only", "just", "even", "still", "yet", "already", "out", "up", "down",
    "off", "away", "back", "later", "earlier", "ago", "times", "percent", "cent", "between",
    "against", "across", "among", "through", "during", "without", "within", "near", "like",
    "including", "say", "said", "says", "told", "left", "apiece", "respectively",
    "altogether", "total",
}  # fmt: skip
# Words ending a clause before an attribution: the source noun phrase never crosses them.
CLAUSE_WORDS = {
    "that", "which", "who", "whom", "whose", "when", "while", "because", "as", "after",
    "before", "since", "if", "although", "though", "where", "but", "so", "than", "whether",
    "what", "how", "why", "until", "unless", "once", "said", "says", "told", "claimed",
}  # fmt: skip
# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = {
    "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Lt", "Col", "Sgt", "Capt", "Maj", "Adm", "Sen",
    "Rep", "Gov", "Prof", "Jr", "Sr", "No", "vs", "etc", "approx", "Jan", "Feb", "Mar", "Apr",
    "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Inc", "Corp", "Ltd", "Co",
}  # fmt: skip

CURRENCY_SYMBOLS = {
    "US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH",
    "₹": "INR", "₩": "KRW", "₺": "TRY", "C$": "CAD", "A$": "AUD",
}  # fmt: skip
CURRENCY_CODES = {
    "USD", "EUR", "GBP", "JPY", "CNY", "RUB", "UAH", "INR", "KRW", "CHF", "CAD", "AUD", "TRY",
    "BRL", "ZAR", "SEK", "NOK", "PLN",
}  # fmt: skip
CURRENCY_WORDS = {
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
    "pound": "GBP", "rubles": "RUB", "roubles": "RUB", "ruble": "RUB", "rouble": "RUB",
    "yen": "JPY", "yuan": "CNY", "hryvnias": "UAH", "hryvnia": "UAH", "rupees": "INR",
    "francs": "CHF", "lira": "TRY",
}  # fmt: skip
MEASURES = {
    "km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres",
    "meters", "metre", "meter", "cm", "mm", "kg", "kilograms", "kilogram", "grams", "gram",
    "tonnes", "tons", "tonne", "ton", "litres", "liters", "litre", "liter", "barrels",
    "barrel", "gallons", "gallon", "hectares", "hectare", "acres", "acre", "mph", "km/h",
    "degrees", "°C", "°F", "MW", "GW", "kW", "kWh", "MWh", "GWh", "TWh", "feet", "foot", "ft",
    "inches", "inch", "sq km", "square kilometres", "square kilometers", "square miles",
    "cubic metres", "cubic meters", "bcm",
}  # fmt: skip
PERCENT_WORDS = ("percentage points", "percentage point", "per cent", "percent", "%")
# Time units: amounts of them are durations (dates layer), never figures.
TIME_UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M",
    "year": "Y", "decade": "DE", "century": "CE", "centuries": "CE",
}  # fmt: skip
# Vague amounts that stand for an unspecified number in a duration ("several years" -> PXY).
VAGUE_AMOUNTS = {"a few", "several", "a couple of", "couple of", "some", "many"}
# Determiners after which an ordinal word is a rank ("the third").
ORDINAL_DETERMINERS = {"the", "its", "his", "her", "their", "a", "this", "our", "my", "your"}
