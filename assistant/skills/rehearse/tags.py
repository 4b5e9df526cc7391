"""What a lead's line does to the conversation, read by deterministic rules: an open question, an acknowledgement, a
dated fact, a label, blame, brushing a point aside, a fix before listening, a next step.

Rules, not the model: the tags drive the counterpart's trust, the hidden concern and the debrief, so they must be
explainable ("down: 'you always' is an absolute") and the same every run. The tone catalogue (``run_checks``) already
finds labels, absolutes, blame and sarcasm in the lead's notes; the rest are phrase rules for spoken turns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.checks import observable_actions, run_checks, time_or_place_anchors
from assistant.skills.rehearse.models import Direction, TurnTag

# How each tag moves trust: damage outweighs warmth (one label undoes two good questions).
WEIGHTS: dict[TurnTag, int] = {
    "open_question": 1,
    "acknowledgement": 1,
    "label": -2,
    "blame": -2,
    "interruption": -1,
    "premature_solution": -1,
}

_LABEL_RULES = frozenset({"tone.label", "tone.absolute", "tone.fixed_mindset"})
_BLAME_RULES = frozenset({"tone.blame", "tone.sarcasm", "tone.intent"})


def rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(parts), re.IGNORECASE)


_OPEN_START = rx(
    r"^(?:(?:so|and|ok(?:ay)?|right|hm+|um+|well|honestly|look|also|but|then)[,.\s]+)*"
    r"(?:what(?!\s+if\b)|whats|hows|how(?!\s+about\b)|why|which|tell me|talk me through|walk me through|"
    r"when (?:did|do|does|was|were|would|is) (?:you|it|that|this|things)|who (?:else )?(?:did|could|would|do)|"
    r"(?:may|can|could) i ask (?:what|how|why|where|when|who|which)|"
    r"help me understand|can you (?:tell|walk|talk|help) me|"
    r"could you (?:tell|walk|talk|say|help)|would you (?:tell|walk|say)|say more|go on|in what way|where do you)\b"
)
# Accusations asked as questions: both not open and blame, so one list keeps the two in step.
_ACCUSING = (r"\bwhose (?:choice|fault|idea|call|decision) was\b", r"\bwhat made you think\b")
# Questions that accuse or answer themselves: "what were you thinking?", "how hard can it be?", "why didn't you…?"
_NOT_OPEN = rx(
    r"\bwhat (?:were|was) you thinking\b",
    r"\bhow hard (?:can|could|is)\b",
    r"\bwhy (?:would|didn't|did|don't|do|can't|couldn't|won't|wouldn't|haven't|isn't|aren't|is it so hard)\s+"
    r"(?:you|it|this|that)\b",
    r"\bwhy (?:are|were) you (?:so|always|being|even)\b",
    r"\bhow (?:many times|could you|dare|come you|is that (?:ok|acceptable|fair))\b",
    r"\bwhat(?:'s| is) (?:wrong with you|your problem|the excuse|with the attitude)\b",
    r"\b(?:don't|dont|doesn't|isn't|wouldn't|shouldn't|can't) you (?:think|agree|see|understand)\b",
    r"\bwhat (?:part of|did you expect|do you expect me to)\b",
    r"\bhow (?:do|did) you (?:not|expect)\b",
    r"\bwhy (?:does|did|would) (?:that|it|this) (?:matter|even matter)\b",
    *_ACCUSING,
    # The lead's own plan in a question's clothes: "so what I'd suggest is…", "what you need to do is…".
    r"\bwhat (?:i'?d|i would|i'm|i am|we'?ll|we will|we should|you should|you need|you'?ll|i want|i need|"
    r"i think you)\b",
    # Accusations asked as curiosity: "help me understand why you thought it was ok to…", "what made you think…".
    r"\b(?:thought|think|thinking) (?:it|that|this) (?:was|is|would be) "
    r"(?:ok|okay|fine|acceptable|alright|a good idea)\b",
    r"\b(?:wasn't|was not|isn't|is not) a big deal to\b",
    r"\bwhen (?:were|was) you (?:going|planning|thinking of|about) to\b",
)
_ACK = rx(
    r"\bi (?:hear|heard) (?:you|that|what)\b",
    r"\b(?:that|it|this) (?:sounds|must (?:be|have been)|seems) (?:really |pretty |so |very )?"
    r"(?:hard|tough|rough|frustrating|stressful|difficult|exhausting|awful|unfair|painful|like a lot|overwhelming|"
    r"upsetting)\b",
    r"\bsounds (?:like|really|frustrating|hard|rough|stressful|tough)\b",
    r"\bi (?:can )?(?:see|understand|get) (?:why|how|that|where you|what you)\b",
    r"\bi get it\b",
    r"\b(?:that|it) makes (?:total |a lot of )?sense\b",
    r"\b(?:that's|thats|that is) (?:fair|a fair point|a good point|really helpful|a lot|on me)\b",
    r"\bfair (?:point|enough)\b",
    r"\byou(?:'re| are) right\b",
    r"\bthanks?(?: you)? (?:for|so much for) (?:telling|saying|sharing|being|raising|explaining|flagging|bringing|"
    r"opening|that|letting|walking|talking)\b",
    r"\bi (?:really )?appreciate\b",
    r"\bi(?:'m| am) (?:really |so )?sorry\b",
    r"\bsorry (?:that|it|to hear|you)\b",
    r"\bi didn't (?:know|realise|realize)\b",
    r"\bno wonder\b",
    r"\bi should(?: have|'ve|ve)\b",
    r"\bthanks? (?:you )?for (?:hearing|listening|your patience|being straight)\b",
    r"\b(?:that|it|this) (?:actually |really )?helps\b",
    r"\b(?:that's|thats|that is) true\b",
    r"\bgood point\b",
    r"\bi (?:really )?like that\b",
    r"\bis a lot\b",
    r"\bi can (?:tell|see) (?:that(?:'s| is)|you(?:'re| are)|it(?:'s| is))\b",
    r"\b(?:it's|it is) (?:fine|ok|okay|normal|fair) to (?:be|feel)\b",
    r"\b(?:that's|that is|that was) (?:useful|helpful|good to know|really useful),? thanks\b",
    # Owning a slip mid-sentence: "sorry, that's a label and not fair", "sorry, that was dismissive".
    r"\bsorry,? (?:that(?:'s| is| was)|not (?:always|never|fair))\b",
    r"\b(?:that's|that is|that was) (?:not fair|unfair|dismissive|a label)\b",
    r"\bthat(?:'s| is) (?:completely |totally )?(?:understandable|valid)\b",
    # Said in chat shorthand or plainly: "totally get it", "thx for flagging", "that's rough", "that sucks".
    r"\b(?:totally|completely|fully|i) (?:get|understand) (?:it|that|why|where)\b",
    r"\b(?:thx|ty|cheers) (?:for|4)\b",
    r"\b(?:that's|thats|that is|that was|that sounds|sounds|oof,?) (?:really |so |pretty |super |genuinely )?"
    r"(?:rough|tough|hard going|rubbish|crap|a pain|heavy|grim|brutal|annoying|exhausting)\b",
    r"\b(?:that|it) (?:really )?sucks\b",
    r"\bno worries\b",
    r"\bi know you(?:'re| are| have been|'ve been) "
    r"(?:slammed|swamped|stretched|busy|under|dealing|juggling|carrying)\b",
    r"\b(?:it|that|this|your work) (?:did|does|really did) matter\b",
    r"\bin your shoes\b",
    r"\b(?:that|it) came out (?:wrong|badly|sharper|harsher|harder|meaner|more)\b",
    # Owning the lead's part: "sorry, I said that as if…", "it was my planning that…", "I can see this is hard to hear".
    r"\bsorry,? i (?:said|put|framed|made|was|got|jumped|cut|talked|spoke)\b",
    r"\b(?:it|that) was my (?:planning|mistake|fault|miss|call|doing|bad|job)\b",
    r"\bi can (?:tell|see|hear) (?:this|that|it|you)\b",
    r"\bhard to hear\b",
    r"\b(?:that's|that is|which is|this is|it's|it is|some of (?:this|that|it) is) "
    r"(?:partly |also |really |all )?on me\b",
    r"\b(?:wasn't|was not|isn't|is not) on you\b",
    r"\bi(?:'m| am) (?:really |genuinely )?grateful\b",
    r"\bi (?:do not|don't|dont) doubt\b",
    r"\bforgive me\b",
    r"\bi (?:cut|talked|spoke) (?:across|over|in on) you\b|\bi cut you off\b",
    r"\bplease (?:finish|go on|carry on|continue)\b",
    r"\b(?:it |that )?sounds as (?:though|if)\b",
    r"\bi (?:understand|recognise|recognize) (?:that |the |your |it |this |you(?:'re| are| were|'ve| have) )",
    # Reflecting back what was heard: "so what I'm hearing is…", "have I got that right?".
    r"\bwhat i(?:'m| am) hearing\b",
    r"\bso you(?:'re| are) saying\b",
    r"\bhave i got (?:that|this|it) right\b",
    r"\bif i(?:'ve| have) (?:got|understood) (?:that|this|you|it) right\b",
    r"\bi(?:'m| am) (?:trying to )?fix(?:ing)? it before\b",
)
_BLAME = rx(
    r"\blet (?:us|everyone|the team|me|them|the whole team) down\b",
    r"\bbecause of you\b",
    r"\byour fault\b",
    r"\b(?:this|that|it)(?:'s| is) (?:all )?on you\b",
    r"\bthanks to you\b",
    r"\byou (?:made|make) (?:us|me|everyone|the team) (?:look|miss|wait|late)\b",
    r"\byou (?:caused|created|ruined|wrecked|blew)\b",
    r"\byou(?:'re| are) the (?:reason|problem|bottleneck)\b",
    r"\bi(?:'m| am) not saying it(?:'s| is) your fault,? but\b",
    r"\bdropped the ball\b",
    *_ACCUSING,
    r"\bwhy (?:would|did|didn't|do|don't|haven't|wouldn't) you\b",
    r"\byou haven'?t exactly\b",
    r"\byou(?:'re| are) just not\b",
    r"\blet'?s be real\b",
    r"\byou(?:'ve| have) put me in\b",
    # Sarcasm said aloud: "great, another surprise", "thanks a lot", "nice job breaking prod".
    r"^\W*(?:great|wonderful|fantastic|perfect|brilliant|awesome|lovely|super)\W+(?:another|just|so|thanks|more)\b",
    r"\bthanks a (?:lot|bunch)\b",
    r"\b(?:nice|great|good) (?:job|work|going) (?:breaking|missing|with that|there)\b",
    # Blame in hindsight: "if you'd just said something, none of this would've blown up".
    r"\bif you(?:'d| had) (?:just |only )?\w+\b[^.?!]*\b(?:none of this|wouldn't|would not|would've|would never|"
    r"never would)\b",
    r"\byou(?:'re| are) (?:only|just) (?:now )?(?:telling|mentioning|raising|saying)\b",
    r"\bcool\W+cool\b",
    r"\b(?:thought|think) (?:it|that) (?:was|is) (?:ok|okay|fine|acceptable|alright) to\b",
    r"\b(?:wasn't|was not) a big deal to\b",
    r"\b(?:the team|everyone|people|we all|the whole team) (?:feels?|felt|is|are|were|was) (?:let down|disappointed) "
    r"(?:by|in) you\b",
    # Sarcasm and threats said aloud: "what could possibly go wrong", "totally routine.", "I'll forward you this".
    r"\bwhat could (?:possibly )?go wrong\b",
    r"^\W*(?:totally|very|super|completely) (?:routine|normal|reasonable|doable|realistic)\W*$",
    r"^\W*(?:oh,? )?(?:wonderful|brilliant|fantastic|lovely|amazing|marvell?ous)\W",
    r"\btold you so\b",
    r"\bforward you this\b",
    r"\btake your pick\b",
    r"\bi'?m sure (?:\w+ )?ha(?:s|ve) a (?:very )?good reason\b",
    r"\bgoing (?:in|into|on) your (?:review|file|record|appraisal)\b",
)
_INTERRUPT = rx(
    r"\blet me stop you\b",
    r"\bstop (?:right )?there\b",
    r"\b(?:that's|thats|that is|it's|its|it is) (?:not|beside) the point\b",
    r"\bi don'?t (?:want|need) (?:to hear )?(?:excuses|a lecture|the (?:whole )?(?:history|story|backstory)|"
    r"your (?:excuses|reasons|explanation|life story)|to get into)\b",
    r"\bno excuses\b",
    r"\bspare me\b",
    r"^\W*(?:anyway|anyways|regardless|whatever|moving on)\b",
    r"\b(?:but )?anyway,",
    r"^\W*(?:yes|yeah|yep|ok|okay|sure|right|fine|i know|i get (?:it|that)|i hear you|i understand)\W{0,3}\s*but\b",
    r"\blet'?s not (?:get into|go (?:there|down)|make this|drag|dwell|rehash|relitigate)\b",
    r"\b(?:doesn't|does not|dont|don't) matter\b",
    r"\bnot relevant\b",
    r"\bi(?:'m| am) not here to (?:discuss|debate|argue|hear)\b",
    r"\bcan we (?:just )?(?:move on|get to the point|skip)\b",
    r"\bhold on\b",
    r"\bthat's (?:not what|not why) (?:we're|we are|i)\b",
    r"\benough about\b",
    r"\bmoving on\b",
    r"\b(?:is|isn't|isnt|is not|really) (?:really )?(?:not )?the point\b",
    r"\bend of (?:discussion|story)\b",
    r"\bwhy (?:does|would) (?:that|it|this) (?:even )?matter\b",
    r"\b(?:that's|thats|that is|it's|it is|isn't|is not) (?:not )?(?:helping|relevant|irrelevant)\b",
    r"\byou(?:'re| are) not fine\b",
    r"\bwhatever (?:\w+ )?(?:said|says|thinks)\b",
    r"\bthat's an? \w+ problem\b",
    r"\byou know that\b",
    # Reassurance that closes the topic: "these things happen", "you'll see", "you'll be fine".
    r"\b(?:these things|this stuff|stuff like this|it) happens?(?: all the time| to everyone)\b",
    r"\bthese things happen\b",
    r"\byou'?ll (?:see|be fine|be ok|be okay|get over it)\b",
    r"\bdon'?t (?:worry|stress) (?:about it|so much|too much)\b",
    r"\b(?:look on|on) the bright side\b",
    r"\bcould be worse\b",
    r"\bi know exactly (?:what|how) you\b",
    r"\bi(?:'m| am) sure it was (?:just|only)\b",
    r"\bonwards\b",
    # "I hear you on the staging stuff, but…": heard, then set aside.
    r"\bi (?:hear|get|understand|see) (?:you|that|it|your point)\b[^.?!]{0,60}\bbut\b",
    r"\bnobody asked (?:for )?(?:you|your)\b",
    r"\bdon'?t you dare\b",
    r"\b(?:we're|we are) done here\b",
)
_DIRECTIVE = rx(
    r"\byou(?: two| both| guys| all)? (?:need|have|'ll need|will need|'ll have|will have|got) to\b",
    r"\byou(?:'re| are) going to (?:wait|hold|stop|start|take|be)\b",
    r"\bi(?:'m| am) going to (?:take you|move you|put you|assign|pull you)\b",
    r"\bno arguments\b",
    r"\bwe ship\b",
    r"\byou must\b",
    r"\byou(?:'re| are) going to (?:start|stop|need|have)\b",
    r"\bi (?:want|need|expect) you to\b",
    r"\bhere'?s (?:what(?! i (?:saw|see|noticed|know|heard|have|think|understand|mean))|the plan|how)\b",
    r"\bwhat(?:'s| is) going to happen\b",
    r"\bfrom now on\b",
    r"\bgoing forward,? (?:you|i want|i need)\b",
    r"(?:^|[.!,]\s*)just (?:ask|do|start|stop|tell|make|send|ship|finish|speak|raise|let)\b",
    r"\bi(?:'ve| have) (?:decided|put you|set up a plan|assigned|moved you|booked you|signed you)\b",
    r"\bthe plan is\b",
    r"\bi(?:'ll| will) be (?:assigning|moving|pairing|putting)\b",
    r"\byou should (?:start|stop|just|have|really|be|ask|try|do|make)\b",
    r"\bthe (?:fix|solution|answer) is\b",
    # Advice and decrees in other clothes: "what I'd suggest is", "rule of thumb:", "have you tried…?", "it has been
    # decided", "I've already told Lena", "I signed you up for…", "what if you just…?".
    r"\bwhat i'?d (?:suggest|recommend|do)\b",
    r"\bi'?d (?:suggest|recommend|advise)\b",
    r"\bmy (?:advice|suggestion|recommendation|tip)\b",
    r"\brule of thumb\b",
    r"\bhave you (?:tried|thought about|considered)\b",
    r"\bwhat if you\b",
    r"\bit has been (?:decided|agreed|noted)\b",
    r"\b(?:will|is going to) be put in place\b",
    r"\beffective (?:immediately|today|tomorrow|monday|tuesday|wednesday|thursday|friday|now)\b",
    r"\bi(?:'ve| have)? already (?:told|decided|moved|agreed|booked|asked|set|signed|cancelled|assigned)\b",
    r"\bi (?:signed|booked|enrolled|put) you (?:up|in|on|down)\b",
    r"\bjust so you know\b",
    r"\bi must insist\b",
    r"\bwe (?:just )?(?:need|have) to (?:tighten|fix|sort|get|be|do|stop|start|make)\b",
    r"(?:^|[.!,]\s*)(?:and |so )?maybe (?:just )?(?:try|commit|do|take|start|stop|be|write|block|ask|say|grow)\b",
    r"\bi(?:'ll| will) (?:put|set|block|book|add|move|schedule)\b[^.?!]*\byour (?:calendar|diary|schedule|time)\b",
    r"\bi(?:'ll| will) set it up (?:myself|for you)\b",
    r"\bhas to stop\b",
    r"\byou (?:keep|stay) (?:quiet|out of)\b",
    r"\bfrom (?:tomorrow|today|now|monday|next week|next sprint)(?: on)?,? you (?:will|'ll|must|need|are going)\b",
    r"(?:^|[.!:;]\s+|\band\s+)(?:ping|pair with|block out|timebox|escalate|loop in|grab|use)\s+\w+",
)
_NEXT = rx(
    r"\blet'?s (?:agree|check in|meet|catch up|revisit|review|follow up|try|pick (?:this|it) up|sync|set|book|"
    r"put|write|plan|look at (?:it|this) again|talk again)\b",
    r"\bcheck[- ]in\b",
    r"\bfollow[- ]?up\b",
    r"\b(?:by|before|until|next|end of) (?:mon|tues|wednes|thurs|fri)day\b",
    r"\bnext (?:week|sprint|1:1|one-on-one|time we meet)\b",
    r"\b(?:by|before) (?:the )?end of (?:the )?(?:week|day|sprint|month)\b",
    r"\b(?:could|can|would) you (?:draft|write|send|share|put together|try|take|own|bring|pick)\b",
    r"\bhow about (?:we|i|you)\b",
    r"\bshall we\b",
    r"\bwhat if we\b",
    r"\bi(?:'ll| will) (?:send|set up|book|write|share|talk to|raise|follow|put|check|ask|make sure|get back)\b",
    r"\bin two weeks\b",
    r"\b(?:talk|meet|catch up|check in|sync|look at (?:this|it)) again\b",
    r"\bi(?:'ll| will) sort\b",
)
_PURPOSE = rx(
    r"\bi(?:'d| would)? (?:wanted|want|like|'d like|would like|needed|need) to (?:talk|chat|discuss|go over|check in|"
    r"catch up|raise|bring up|touch base|give you|share|talk through|have a word|understand)\b",
    r"\b(?:wanted|want|needed) to (?:talk|chat|check in|catch up)(?: about| through| with you| on| re)?\b",
    r"\b(?:wanted|want) to (?:chat|talk) re\b",
    r"^\W*(?:\w+[.,:]\s+)?(?:some )?feedback (?:on|about)\b",
    r"\bi (?:would|'d) like to (?:walk|take) you through\b",
    r"\bthe reason (?:i|for this|we're|we are)\b",
    r"\b(?:i|we) (?:need|needed) to talk about\b",
    r"\bi asked (?:for|you for) (?:this|some time|a few minutes)\b",
    r"\bthis is about\b",
    r"\bi'?d like (?:us )?to (?:talk|discuss|go over|go through|walk through|talk through|look at)\b",
    r"\bwhat i wanted to (?:cover|talk|raise)\b",
    r"\b(?:want|wanted|like) to (?:give you|share) (?:some )?feedback\b",
)
# Judgements said aloud that the written-notes catalogue does not list: "unprofessional", "you tend to steamroll",
# "not E4 material". Words that also describe situations ("difficult", "defensive") count only said of "you".
_SPOKEN_LABEL = rx(
    r"\b(?:unprofessional|rude|disloyal|paranoid|arrogant|lazy|sloppy|toxic|immature|selfish|incompetent|useless|"
    r"entitled|childish|ungrateful|clueless|steamroll\w*|old-school|attitude|no brain|a brain)\b",
    r"\bnot (?:\w+ )?material\b",
    r"\b(?:keep|kept|keeps) (?:missing|dropping|forgetting|ignoring|interrupting|cutting|blowing|slipping)\b",
    r"\byou (?:do )?tend to\b",
    r"\bfull stop\b",
    r"\byou(?:'re| are| were| can be| seem| sound| get| come across as| being)(?: \w+){0,2}? "
    r"(?:difficult|defensive|negative|dramatic|aggressive|stubborn|abrasive|prickly|short with|unreliable|careless|"
    r"flaky|a problem|the problem|not a team player)\b",
    r"\bdo you get (?:that|it)\b",
    # More judgements of the person, and ones reported from others: "people find you intimidating".
    r"\b(?:control freak|lone wolf|prima donna|know-it-all|a nightmare|intimidating|impossible to (?:\w+ )?with|"
    r"hard to work with|high[- ]maintenance)\b",
    r"\b(?:people|a few people|some people|everyone|the team|others) (?:have told me|(?:find|finds|think|thinks|say|"
    r"says|feel|feels) (?:that )?you(?:'re| are)?)\b",
    r"\byou(?:'re| are)? (?:always|never|constantly)\b",
)
_ANCHOR = rx(
    r"\b(?:this|last) (?:week|sprint|month|monday|tuesday|wednesday|thursday|friday)\b",
    r"\b(?:yesterday|this morning|tonight)\b",
    r"\b(?:two|three|four|five|six|\d+|few|last few) (?:nights|times|days|mornings|standups|reviews)\b",
    r"\bafter midnight\b",
    r"\bat (?:like |around )?\d{1,2}(?::\d\d)? ?(?:am|pm)\b",
)
_RETRACT = rx(
    r"\bthat(?:'s| is| was) (?:a label|unfair|not fair)\b",
    r"\bscratch that\b",
    r"\bstrike that\b",
    r"\bi take (?:that|it) back\b",
    r"\b(?:that|it) came out wrong\b",
    r"\bnot (?:the right|a fair) word\b",
)
_ASKS_UNMARKED = rx(
    r"^(?:(?:so|and|ok(?:ay)?|right|hm+|um+|well|honestly|look|also|but|then)[,.\s]+)*"
    r"(?:tell me|talk me through|walk me through|help me understand|say more|go on|in what way|"
    r"(?:what|how)(?:'s|s| is| are| was| were| did| do| does| has| have| would| could| can| about you)|"
    r"why (?:did|do|is|are|was|were|would)|where (?:do|did|are|is)|which|when (?:did|do|was|were))\b"
)
SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True)
class Reading:
    """A lead line's tags, the reason for each, and the trust direction they add up to."""

    tags: tuple[TurnTag, ...]
    why: dict[TurnTag, str]
    delta: int

    @property
    def direction(self) -> Direction:
        return "up" if self.delta > 0 else "down" if self.delta < 0 else "flat"


def _open_question(sentences: list[str]) -> str | None:
    for sentence in sentences:
        text = sentence.strip()
        if _NOT_OPEN.search(text):
            continue
        asks = text.endswith("?") or re.search(r"\b(?:go on|say more|tell me more)\b", text, re.IGNORECASE)
        # Without a question mark, "whats been going on" asks and "What fixed it for me was…" tells.
        if _OPEN_START.search(text) and (asks or (len(text.split()) >= 3 and _ASKS_UNMARKED.search(text))):
            return text
        # A question after a lead-in: "…, so what got in the way?", "I'd like your take: what makes it good?"
        segments = re.split(r"[,;:—–-]\s+|\band\s+|\bso\s+", text)[1:]
        if text.endswith("?") and any(_OPEN_START.search(seg.strip()) for seg in segments):
            return text
    return None


def _fact(sentences: list[str], judged: bool) -> str | None:
    if judged:
        return None
    for sentence in sentences:
        anchored = (
            time_or_place_anchors(sentence)
            or _ANCHOR.search(sentence)
            or re.search(
                r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*|"
                r"\b(?:twice|three times|\d+ times)\b|\bsprint \d+",
                sentence,
                re.IGNORECASE,
            )
        )
        planned = re.search(r"\b(?:i'll|i will|we'll|we will|let's|i'm going to)\b", sentence, re.IGNORECASE)
        # The fact may be about the person or about the work ("the alert was committed for the 30 Oct sprint and
        # merged 6 Nov"): a dated, observable action either way.
        if anchored and not planned and observable_actions(sentence):
            return sentence.strip()
    return None


def read_turn(text: str, *, first: bool = False, asked_before: bool = False) -> Reading:
    """Tag one lead line. ``first``: it opens the conversation; ``asked_before``: the lead has already asked an open
    question (a plan after listening is a next step, before it a premature fix)."""
    sentences = [s for s in SENTENCE.split(text) if s.strip()]
    why: dict[TurnTag, str] = {}
    findings = run_checks(text, "note")
    labels = [f for f in findings if f.rule in _LABEL_RULES]
    blames = [f for f in findings if f.rule in _BLAME_RULES]
    spoken = _SPOKEN_LABEL.search(text)
    if labels:
        why["label"] = f"{labels[0].rule}: '{labels[0].span.text}'" if labels[0].span else labels[0].rule
    elif spoken:
        why["label"] = f"'{spoken.group(0)}' judges the person"
    # A label the lead takes back in the same breath ("arrogant. No, scratch that, that's a label") is owned, not
    # meant: it counts as the acknowledgement below, not as a label.
    label_at = labels[0].span.start if labels and labels[0].span else spoken.start() if spoken else None
    if label_at is not None and (back := _RETRACT.search(text, label_at)) is not None:
        del why["label"]
        labels, spoken = [], None
        why["acknowledgement"] = f"'{back.group(0)}' takes the label back"
    if any(f.rule == "tone.shouting" for f in findings) and re.search(r"\byou|\bYOU", text):
        blames.append(next(f for f in findings if f.rule == "tone.shouting"))
    blame = _BLAME.search(text)
    if blames or blame:
        said = blame.group(0) if blame else (blames[0].span.text if blames[0].span else blames[0].rule)
        why["blame"] = f"'{said}'"
    if (match := _INTERRUPT.search(text)) is not None:
        why["interruption"] = f"'{match.group(0).strip()}' brushes their point aside"
    question = _open_question(sentences)
    if question is not None:
        why["open_question"] = question
    if "acknowledgement" not in why and (match := _ACK.search(text)) is not None:
        why["acknowledgement"] = f"'{match.group(0)}'"
    if (fact := _fact(sentences, judged=bool(labels or spoken or blames or blame))) is not None:
        why["sbi_fact"] = fact
    if (match := _PURPOSE.search(text)) is not None:
        why["purpose"] = f"'{match.group(0)}'"
    directive = _DIRECTIVE.search(text)
    agreed = asked_before and not first and _NEXT.search(text) is not None
    if directive and not agreed:
        why["premature_solution"] = f"'{directive.group(0)}' tells them the fix instead of asking"
    if not first and (match := _NEXT.search(text)) is not None and "premature_solution" not in why:
        why["next_step"] = f"'{match.group(0)}'"
    order: tuple[TurnTag, ...] = (
        "purpose", "open_question", "acknowledgement", "sbi_fact", "label", "blame", "interruption",
        "premature_solution", "next_step",
    )  # fmt: skip
    tags = tuple(tag for tag in order if tag in why)
    return Reading(tags=tags, why=why, delta=sum(WEIGHTS.get(tag, 0) for tag in tags))
