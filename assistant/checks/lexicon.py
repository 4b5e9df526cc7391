"""Word lists the rules share. Data only: every list is a module-level frozenset or tuple so it is built once.

Lists are lower-case. They aim at the wording leads actually write in feedback, status updates and ADRs; a word is
here because it reads as a judgement of a *person* (labels), or because it is common enough that a capitalised
occurrence is not a name (``COMMON_WORDS``, ``TECH_WORDS``).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Adjectives that judge character rather than describe an action (domain.md T1; feedback guide "Words to avoid").
LABEL_ADJECTIVES = _words(
    """lazy arrogant rude incompetent selfish immature bossy abrasive clueless stubborn whiny dramatic toxic hostile
    condescending entitled unprofessional disrespectful passive-aggressive obnoxious annoying hopeless useless dense
    stupid dumb idiotic sloppy careless negligent disorganised disorganized unreliable uncooperative defensive
    emotional moody aggressive difficult negative cocky apathetic unmotivated inflexible controlling pushy weak
    lazier sloppier ruder incapable unfocused scatterbrained flaky irresponsible untrustworthy dismissive
    argumentative insecure needy clumsy thoughtless inconsiderate ungrateful overbearing"""
)

# Nouns that label a person ("you're a slacker").
LABEL_NOUNS = _words(
    """slacker jerk bully diva cowboy know-it-all liability pushover micromanager troublemaker whiner drama
    primadonna prima idiot loose cannon hothead"""
)

# Multi-word labels, matched as phrases anywhere.
LABEL_PHRASES = (
    "not a team player",
    "bad attitude",
    "attitude problem",
    "no common sense",
    "dead weight",
    "a loose cannon",
    "a lone wolf",
    "prima donna",
    "drama queen",
    "know-it-all",
    "lacks emotional intelligence",
    "no work ethic",
    "poor work ethic",
)

# Label adjectives that also describe things ("difficult migration", "aggressive timeout", "negative balance").
# After a copula they still need a person subject, and before a noun they only count before a person noun.
AMBIGUOUS_LABELS = _words("difficult aggressive negative weak defensive emotional flaky inflexible dense unreliable")

# Nouns that refer to people, so "the new hire is lazy" counts as a person subject.
PERSON_NOUNS = _words(
    """person people engineer engineers developer developers dev devs hire hires intern interns contractor
    contractors teammate teammates colleague colleagues lead leads manager managers reviewer reviewers designer
    designers tester testers analyst folks guy guys team teams junior juniors senior seniors newcomer newcomers
    everyone everybody nobody someone somebody anyone attitude personality character mindset temperament manner
    owner owners boss member members staff pm pms qa architect architects candidate candidates peer peers"""
)

# Words that may precede the subject of a clause without being it ("Yesterday, you …", "Honestly you …").
LEADING_FILLERS = _words(
    """yesterday today tonight also so and but then again honestly frankly clearly obviously basically well ok okay
    look lately recently now still just even really sometimes often once more lastly finally first second plus
    unfortunately sadly apparently seriously literally anyway however though"""
)

PREPOSITIONS = _words(
    """in on at during after before since for with from by over across throughout when while whenever once if as
    until unless because although though despite into onto about"""
)

# Verbs a person does, used to decide that "they" means people ("they always show up late").
HUMAN_VERBS = _words(
    """show shows showed turn turns turned interrupt interrupts interrupted ignore ignores ignored forget forgets
    forgot skip skips skipped miss misses missed argue argues argued complain complains complained talk talks
    talked leave leaves left come comes came arrive arrives arrived reply replies replied answer answers answered
    ask asks asked review reviews reviewed say says said tell tells told blame blames blamed push pushes pushed
    merge merges merged take takes took join joins joined speak speaks spoke listen listens listened respond
    responds responded attend attends attended cancel cancels cancelled canceled check checks checked update
    updates updated write writes wrote test tests tested estimate estimates estimated commit commits committed
    promise promises promised wait waits waited rush rushes rushed dismiss dismisses dismissed ship ships shipped
    make makes made do does did get gets got try tries tried go goes went need needs needed volunteer volunteers"""
)

# Observable behaviour: what a camera would record (SBI "Behavior").
OBSERVABLE_VERBS = _words(
    """interrupted merged skipped missed pushed arrived said reviewed asked wrote posted approved deployed joined
    left spoke presented shared raised replied answered committed closed opened reverted restarted deleted
    rolled paired explained documented demoed fixed shipped tested ran called cancelled canceled declined pinged
    dropped added removed changed moved rewrote ignored talked interrupts interrupting took walked showed told
    responded sent emailed messaged commented flagged escalated reported logged filed published released created
    built drafted ran presented facilitated led mentored onboarded answered picked assigned reassigned
    rescheduled arrived came stayed finished started stopped repeated quoted described promised agreed refused
    rejected dismissed blocked unblocked turned spent set wrote typed pasted shouted laughed cut spoke covered
    hosted organised organized prepared submitted opened landed rebased force-pushed hotfixed handed skipping
    merging pushing missing arriving speaking reviewing asking posting leaving talking joining sharing presenting
    raising answering skips misses merges pushes arrives asks posts leaves reviews shares"""
)

# Verbs that report inner states, guesses or traits rather than observable actions.
NON_OBSERVABLE_VERBS = _words(
    """seemed appeared wanted felt cared liked hated believed assumed intended meant thought knew understood wished
    hoped tried seem appear want feel care like hate believe assume intend mean think know understand"""
)

# Praise words (positive evaluation of work or a person).
PRAISE_WORDS = _words(
    """great good nice awesome excellent brilliant fantastic amazing impressive outstanding superb solid stellar
    wonderful terrific strong love loved appreciate appreciated thanks thank kudos proud helpful valuable"""
)

# Cues that a sentence is criticism or a request for change.
CRITIQUE_CUES = _words(
    """but however although though unfortunately need needs needed should shouldn't must please issue issues problem
    problems concern concerns concerned missing missed didn't wasn't weren't isn't aren't don't doesn't lacked lacks
    late broke broken improve improvement wrong mistake mistakes worried confusing confused instead fewer less
    rushed skipped ignored struggle struggled hard difficult disappointing frustrating hurt hurts failed failing
    bug bugs errors slipped cost costly without off confusion unclear"""
)

NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "thousand": 1000,
    "dozen": 12,
    "twice": 2,
    "thrice": 3,
}

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_ABBREVIATIONS = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
