"""The ADR templates' own words in the other common European languages (German, French, Spanish, Italian,
Portuguese, Dutch): the five statuses, the section names, MADR's "Chosen option" and "Good, because" labels, and
the words for a choice still open. Teams write records in their own language, often inside the English
scaffolding their tool generates (read in a held-out log: Spanish prose under "## Context", German prose with
'Gewählte Option: "…", weil …'). A record that follows its template in its team's language is well-formed.

Only translations of the template's words count: "Aceptado" is Accepted, but "Aprobado" is "Approved", which is no
template status in English either. A translated status counts only in a record written in that language (``languages``),
so the team clearly uses it; a section name or template phrase in another language is evidence enough of its own."""

from __future__ import annotations

import re

# Words that are frequent in each language's prose and rare in English prose (so an English record with a
# Spanish name in it is not Spanish).
_FUNCTION_WORDS_TEXT = {
    "de": "der und nicht ist wir mit für auf eine einen wird werden sich auch dass das den dem von zu im bei nach "
    "oder wenn kein keine",
    "fr": "les des est nous pour une dans pas sur avec sont du au aux le et qui cette leur ou par plus être",
    "es": "el los las que para una con por del se más es y lo al su sus como pero cada está",
    "it": "il gli che di per una con non è sono della nel alla anche dei delle degli questo questa più",
    "pt": "os que para uma com não por da dos das em é são também ao mais como seu sua pelo pela está",
    "nl": "het een niet van wij zijn voor wordt dat ook naar maar worden deze bij uit omdat moeten geen",
}
_FUNCTION_WORDS = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS_TEXT.items()}
_MIN_HITS = 5
_MIN_SHARE = 0.08  # of the record's words: Spanish or German prose is a quarter function words, English ~0


def languages(text: str) -> frozenset[str]:
    """The languages other than English the record's prose is written in."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return frozenset()
    found = set()
    for lang, vocab in _FUNCTION_WORDS.items():
        hits = sum(w in vocab for w in words)
        if hits >= _MIN_HITS and hits / len(words) >= _MIN_SHARE:
            found.add(lang)
    return frozenset(found)


# Each template status in each language, as a word (masculine and feminine forms: "la décision acceptée").
_STATUS_WORDS: dict[str, dict[str, str]] = {
    "Accepted": {"de": "akzeptiert|angenommen", "fr": "acceptée?", "es": "aceptad[oa]", "it": "accettat[oa]",
                 "pt": "aceit[oea]", "nl": "geaccepteerd|aanvaard"},
    "Proposed": {"de": "vorgeschlagen", "fr": "proposée?", "es": "propuest[oa]", "it": "propost[oa]",
                 "pt": "propost[oa]", "nl": "voorgesteld"},
    "Rejected": {"de": "abgelehnt|verworfen", "fr": "rejetée?|refusée?", "es": "rechazad[oa]",
                 "it": "rifiutat[oa]|respint[oa]", "pt": "rejeitad[oa]|recusad[oa]", "nl": "afgewezen|verworpen"},
    "Deprecated": {"de": "veraltet|abgekündigt", "fr": "dépréciée?|obsolète", "es": "obsolet[oa]|deprecad[oa]",
                   "it": "deprecat[oa]|obsolet[oa]", "pt": "obsolet[oa]|descontinuad[oa]|depreciad[oa]",
                   "nl": "verouderd"},
    "Superseded": {"de": "ersetzt|abgelöst", "fr": "remplacée?|supplantée?", "es": "reemplazad[oa]|sustituid[oa]",
                   "it": "sostituit[oa]|superat[oa]", "pt": "substituíd[oa]|substituid[oa]", "nl": "vervangen"},
}  # fmt: skip


def status(word: str, langs: frozenset[str]) -> str | None:
    """The template status a word translates, when the record is written in that word's language."""
    for canonical, by_lang in _STATUS_WORDS.items():
        if any(re.fullmatch(by_lang[lang], word, re.I) for lang in langs if lang in by_lang):
            return canonical
    return None


# Section names, as regex alternatives matched at the start of a heading's words.
SECTIONS: dict[str, str] = {
    "status": r"statut|estado|estatus|stato",
    "context": r"kontext|hintergrund|ausgangslage|problemstellung|contexte|contexto|contesto|achtergrond|"
    r"probleemstelling|problème|problema\b",
    # "Entscheidung" but not "Entscheidungstreiber" (drivers): German compounds have no word boundary.
    "decision": r"entscheidung(?:sergebnis)?\b|décision\b|decisión\b|decisione\b|decisão\b|besluit\b|beslissing\b|"
    r"résultat\s+de\s+la\s+décision|resultado\s+de\s+la\s+decisión|esito\s+della\s+decisione|"
    r"resultado\s+da\s+decisão",
    "consequences": r"konsequenzen|folgen\b|auswirkungen|conséquences|consecuencias|conseguenze|consequências|"
    r"consequenties|gevolgen",
    "options": r"(?:betrachtete\s+|erwogene\s+|untersuchte\s+)?(?:optionen|alternativen)|options?\s+(?:envisag|"
    r"considér|étudi)\w*|(?:opciones|alternativas|opções|opcoes)(?:\s+consideradas)?|opzioni(?:\s+considerate)?|"
    r"alternative\s+considerate|(?:overwogen\s+)?opties|alternatieven",
    "drivers": r"entscheidungs(?:treiber|kriterien)|facteurs\s+de\s+décision|critères|factores\s+de\s+decisión|"
    r"criterios|fattori\s+(?:decisionali|di\s+decisione)|criteri|fatores\s+de\s+decisão|critérios|"
    r"beslis(?:sings)?(?:factoren|criteria)",
    "pros_cons": r"vor-\s*und\s+nachteile|avantages\s+et\s+inconvénients|pros\s+y\s+contras|"
    r"ventajas\s+y\s+desventajas|pro\s+e\s+contro|vantaggi\s+e\s+svantaggi|prós\s+e\s+contras|"
    r"vantagens\s+e\s+desvantagens|voor-\s*en\s+nadelen",
    "confirmation": r"bestätigung|validierung|confirmación|validación|conferma|convalida|confirmação|validação|"
    r"bevestiging|validatie",
}
# MADR's own headings, which tell a MADR record from a Nygard one.
MADR_HEADINGS = (
    r"kontext\s+und\s+problemstellung|contexte\s+et\s+(?:énoncé|définition)\s+du\s+problème|"
    r"contexto\s+y\s+(?:planteamiento|definición)\s+del\s+problema|contesto\s+e\s+(?:definizione|descrizione)\s+del\s+"
    r"problema|contexto\s+e\s+(?:enunciado|definição)\s+do\s+problema|context\s+en\s+probleemstelling|"
    r"(?:betrachtete|erwogene)\s+optionen|options\s+(?:envisagées|considérées)|opciones\s+consideradas|"
    r"opzioni\s+considerate|opções\s+consideradas|overwogen\s+opties|entscheidungsergebnis|"
    r"résultat\s+de\s+la\s+décision|resultado\s+de\s+la\s+decisión|esito\s+della\s+decisione|"
    r"resultado\s+da\s+decisão|" + SECTIONS["drivers"] + "|" + SECTIONS["pros_cons"]
)

# MADR's 'Chosen option: "…", because …' in each language, and the plain ways of saying a choice was made.
CHOSEN = (
    r"\b(?:gewählte|ausgewählte)\s+option\b|\boption\s+(?:choisie|retenue)\b|"
    r"\bopción\s+(?:elegida|escogida|seleccionada)\b|\bopzione\s+scelta\b|\bopção\s+escolhida\b|\bgekozen\s+optie\b|"
    r"\b(?:wir\s+haben|haben\s+wir)\s+uns\s+für\b|\bwir\s+(?:wählen|entscheiden\s+uns\s+für)\b|"
    r"\bnous\s+(?:avons\s+(?:choisi|retenu|opté)|choisissons|retenons)\b|"
    r"\b(?:hemos\s+(?:elegido|escogido|optado)|elegimos|escogimos|optamos\s+por)\b|"
    r"\b(?:abbiamo\s+(?:scelto|optato)|scegliamo)\b|\b(?:escolhemos|optámos|optamos\s+pela?)\b|"
    r"\b(?:we|wij)\s+(?:kiezen|hebben\s+gekozen)\b|\bgekozen\s+voor\b"
)
# An outcome that says the choice is still open, in each language ("Pendiente.", "Noch nicht entschieden").
STILL_OPEN = (
    r"\bpendiente\b|\bpendente\b|\bausstehend\b|\bnoch\s+offen\b|\ben\s+attente\b|\ben\s+suspens\b|"
    r"\bin\s+sospeso\b|\bnog\s+open\b|\b(?:da|por|a)\s+decidir(?:e)?\b|\bà\s+décider\b|"
    r"\bnoch\s+nicht\s+(?:entschieden|gewählt)\b|\bpas\s+encore\s+(?:décidé|choisi|tranché)e?\b|"
    r"\bno\s+(?:se\s+ha|hemos)\s+(?:decidido|elegido)\b|\b(?:todavía|aún)\s+no\s+\w+|"
    r"\bnon\s+(?:abbiamo\s+)?(?:ancora\s+)?(?:deciso|scelto)\b|\bainda\s+não\s+\w+|\bnog\s+niet\s+(?:besloten|gekozen)\b"
)
# MADR's "Good, because" / "Bad, because" bullets and the usual labels for either side.
GOOD = (
    r"gut|vorteile?|positiv|bon(?:ne)?|avantages?|positi(?:f|ve)|buen[oa]|bien|ventajas?|positiv[oa]|buon[oa]|"
    r"vantaggi[oa]?|bom|vantage(?:m|ns)|goed|voordel(?:en)?|positief"
)
BAD = (
    r"schlecht|nachteile?|negativ|risiko|mauvaise?|inconvénients?|négati(?:f|ve)|mal[oa]?|desventajas?|"
    r"negativ[oa]|riesgos?|cattiv[oa]|svantaggi[oa]?|rischi[oa]?|ruim|mau|desvantage(?:m|ns)|riscos?|slecht|"
    r"nade(?:el|len)|negatief"
)
# "Superseded by" in each language (the status word followed by "by").
SUPERSEDED_BY = (
    r"ersetzt\s+durch|abgelöst\s+durch|remplacée?\s+par|(?:reemplazad|sustituid)[oa]\s+por|"
    r"sostituit[oa]\s+da|substitu[ií]d[oa]\s+por|vervangen\s+door"
)
# Metadata keys for the date and the status ("Fecha: 2024-03-04", "Statut : accepté"), read as "Date" and
# "Status". Italian and Portuguese "Data" is also an English word ("Data: 40 million rows"), so it is the date only
# in a record written in one of them.
DATE_KEYS = ("datum", "fecha")
DATE_KEY_IN = {"it": "data", "pt": "data"}
STATUS_KEYS = ("statut", "estado", "estatus", "stato")
