"""Vocabulary for telling names from ordinary words, and technical jargon from business language.

``is_common_word`` decides whether a capitalised token is just a sentence-initial word ("Tests", "During") rather
than a name. It combines a short list of function and workplace words with the Dale–Chall list of ~3,000 easy words
that textstat ships as a data file. The file is located without importing textstat, whose import costs ~0.5 s.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

from assistant.checks.lexicon import MONTHS, WEEKDAYS


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FUNCTION_WORDS = _words(
    """a an the this that these those it its i i'm i've i'd i'll me my mine we we're we've we'd we'll us our ours
    you you're you've you'd you'll your yours he he's him his she she's her hers they they're they've them their
    theirs there here what which who whom whose when where why how if whether then than so and but or nor not no yes
    is are was were be been being am do does did done have has had having can could will would shall should may
    might must also just only even still again very really too quite rather please thanks thank hi hello dear
    next last first second third each every all any some many much more most few less least other another such
    both either neither none nothing everything something anything everyone someone anyone nobody overall
    after before during since until while because although though however therefore instead meanwhile otherwise
    today tomorrow yesterday tonight now soon later lately recently once twice ok okay great good nice well"""
)

# SBI and document headings, plus words that open list items in status updates and ADRs.
HEADING_WORDS = _words(
    """situation behavior behaviour impact request requested change next keep doing expected tl;dr tldr summary
    status context decision consequences options considered outcome owner ask asks mitigation risk risks date
    positive negative good bad pros cons notes wins lowlights thanks highlights workstream workstreams note"""
)

# Workplace and engineering words that are not in the Dale–Chall list but are never names.
TECH_WORDS = _words(
    """deploy deploys deployed deployment deployments release releases released standup standups pipeline
    pipelines staging prod production build builds ci cd tests test testing migration migrations rollout rollouts
    rollback rollbacks incident incidents postmortem retro retros sprint sprints backlog ticket tickets pr prs
    review reviews reviewer merge merged commit commits branch branches repo repos service services api apis
    database databases schema schemas query queries cache caches cluster clusters queue queues topic topics
    dashboard dashboards alert alerts alerting on-call oncall pager runbook runbooks config configs feature
    features flag flags refactor refactoring backend frontend infra infrastructure latency throughput outage
    outages hotfix hotfixes demo demos roadmap estimate estimates estimation planning refinement kickoff
    onboarding offboarding design architecture adr adrs rfc rfcs spec specs doc docs documentation wiki
    channel thread threads slack jira confluence github gitlab jenkins kafka postgres postgresql mysql redis
    terraform kubernetes docker helm grafana datadog sentry aws gcp azure linux python go java typescript
    javascript rust node react sql nosql dynamodb mongodb s3 lambda chromadb llm llama openai jenkinsfile
    monday's merging pushing reviewing shipping writing running pairing skipping interrupting seller sellers
    merchant merchants customer customers user users buyer buyers vendor vendors partner partners stakeholder
    stakeholders afterwards meanwhile beforehand otherwise instead likewise"""
)

# Verbs and nouns that open the list items of advice ("Ensure the owner knows", "Action: ...") but are missing
# from the easy-word list. Measured: before this list, 14 of the 19 false "names" in the chat eval were these.
# Words that are also common first names (mark, grant, chase, bill, sue, pat, rob, drew, frank) are left out.
ADVICE_WORDS = _words(
    """accept acknowledge action actions adapt address adjust agree align allocate allow analyse analyze
    anticipate apply appreciate approach arrange ask assess assign assume attend audit avoid balance begin
    block book brainstorm calibrate capture celebrate challenge clarify coach collaborate collect commit
    communicate compare complete confirm connect consider consult continue contract contribute coordinate
    create current define delegate deliver demonstrate describe determine develop discuss document draft
    emphasise emphasize enable encourage engage ensure escalate establish estimate evaluate examine expect
    explain explore express facilitate focus follow foster frame gather highlight identify implement improve
    include inform initiate invite involve iterate limit list listen maintain manage measure mention mentor
    monitor motivate negotiate notice observe offer organise organize outline own pair plan practise practice
    prepare present prevent prioritise prioritize proceed project propose protect provide reach recognise
    recognize recommend record reduce reflect reinforce remind remove repeat reply request resolve respond
    revisit schedule scope seek select separate share simplify specify state suggest summarise summarize
    support tailor track train transfer update use validate verify timeline timelines regularly clearly directly
    quickly openly privately"""
)

TECH_PROPER_NOUNS = _words(
    """jenkins kafka postgres postgresql mysql redis terraform kubernetes k8s docker helm grafana datadog sentry
    aws gcp azure github gitlab jira confluence slack zoom teams linux python java typescript javascript rust
    node react sql dynamodb mongodb lambda openai chromadb llama pagerduty opsgenie circleci argo airflow
    spark snowflake bigquery elasticsearch nginx envoy istio vault consul prometheus splunk okta figma notion"""
)

# Acronyms business readers know; anything else all-caps is treated as jargon for exec/product audiences.
BUSINESS_ACRONYMS = _words(
    """api apis ceo cto cfo coo cpo vp svp evp pm pms em ems hr qa ui ux kpi kpis okr okrs roi eta etas eod eow
    mvp ga faq faqs q1 q2 q3 q4 h1 h2 fy us uk eu usd eur gbp utc gmt gdpr sla slas tl;dr tldr fyi asap tbd
    ok id ids pdf csv url ios ai ml b2b b2c saas arr mrr nps csat rag red amber green ask asks note io it ip
    am pm yoy mom ytd qoq cx"""
)

# Engineering jargon that means little to executives or product managers unless explained.
JARGON_TERMS = (
    "idempotent",
    "idempotency",
    "sharding",
    "shard",
    "shards",
    "race condition",
    "deadlock",
    "deadlocks",
    "mutex",
    "thread pool",
    "connection pool",
    "connection pooler",
    "replication lag",
    "consumer lag",
    "backpressure",
    "circuit breaker",
    "canary",
    "kubernetes",
    "k8s",
    "pod",
    "pods",
    "helm chart",
    "terraform",
    "kafka",
    "schema migration",
    "blue-green",
    "monorepo",
    "grpc",
    "protobuf",
    "orm",
    "n+1",
    "cache invalidation",
    "ttl",
    "cron",
    "dead letter queue",
    "garbage collection",
    "gc pauses",
    "heap",
    "oomkilled",
    "sigterm",
    "p50",
    "p95",
    "p99",
    "p999",
    "vacuum",
    "rebase",
    "rebased",
    "cherry-pick",
    "feature branch",
    "outbox",
    "debounce",
    "serializable",
    "eventual consistency",
    "eventually consistent",
    "load balancer",
    "dns",
    "tls",
    "regex",
    "sidecar",
    "autoscaler",
    "hpa",
    "flaky tests",
)


@functools.cache
def easy_words() -> frozenset[str]:
    """The Dale–Chall easy-word list shipped with textstat, or an empty set if it is not installed."""
    spec = importlib.util.find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    for location in spec.submodule_search_locations:
        path = Path(location) / "resources" / "en" / "easy_words.txt"
        if path.is_file():
            return frozenset(w.strip().lower() for w in path.read_text(encoding="utf-8").splitlines() if w.strip())
    return frozenset()


_SUFFIXES = ("ing", "ed", "es", "s", "ly", "'s", "’s", "ers", "er", "ors", "or")
# Endings that English names almost never have but ordinary nouns, verbs and adverbs do.
_NON_NAME_ENDINGS = ("ing", "tion", "sion", "ment", "ness", "ity", "ship", "able", "ible", "ally", "ful", "less")


def is_common_word(word: str) -> bool:
    """True when a (possibly capitalised) token is an ordinary English or workplace word, not a name."""
    low = word.lower().strip("'’")
    if not low:
        return True
    vocab = FUNCTION_WORDS | HEADING_WORDS | TECH_WORDS | ADVICE_WORDS
    if low in vocab or low in easy_words() or low in WEEKDAYS or low in MONTHS:
        return True
    for suffix in _SUFFIXES:
        stem = low.removesuffix(suffix)
        if stem != low and (stem in vocab or stem in easy_words() or stem + "e" in easy_words()):
            return True
    return low.endswith(_NON_NAME_ENDINGS) and len(low) > 6
