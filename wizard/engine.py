"""The routing engine: from the answers so far to the next question or the outcome."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .currency import SEVERITY_CLAIM, Check
from .facts import (
    CHANNELS,
    CONTACTS,
    ENGLISH_TARGETS,
    LOCAL_LANGUAGE_HOURS,
    NO_PHONE,
    NON_BREAK_FIX_RESPONSE,
    SEVERITY_BY_IMPACT,
    Fact,
)
from .flow import (
    MICROSOFT_CLOUD,
    QUESTION_BY_ID,
    QUESTIONS,
    RETIRED_QUESTIONS,
    RETIRED_REASONS,
    RULES,
    Question,
    Rule,
    holds,
    is_follow_up,
)
from .guides import GUIDE_PAGES
from .i18n import N_, Translator, format_duration
from .l10n import format_list, format_month_year, mid_sentence
from .learn import learn_page
from .message import customer_message
from .outcomes import CAV_NON_BREAK_FIX, CAVEAT_RULES, OUTCOMES, OutcomeSpec
from .sections import section_title
from .sources import SOURCES, VERSION_LANGUAGE_NAMES, SourceRef, dated
from .text import CHANNEL_LINE, CONTACT_LINE
from .ui import site_strings

#: A severity as the result and the "What has changed" tables name it ("Severity A: Critical impact").
SEVERITY_LINE = N_("Severity %(level)s: %(impact)s")


class InvalidAnswerError(ValueError):
    """An answer the flow cannot take: unknown key, unknown value, or one that does not apply.

    ``reason`` is one of ``unknown-key``, ``unknown-value``, ``not-applicable``, ``incomplete``,
    ``duplicate`` (a link answering one question twice, differently) or ``retired`` (a key of a
    link made before GDAP: :data:`wizard.flow.RETIRED_QUESTIONS`).
    """

    def __init__(self, key: str, value: str | None, reason: str, allowed: tuple[str, ...]) -> None:
        self.key = key
        self.value = value
        self.reason = reason
        self.allowed = allowed
        super().__init__(self.describe(Translator("en")))

    def describe(self, t: Translator, name_key: bool = True) -> str:
        """The problem in the reader's language. ``name_key`` is False for the browser, whose
        reader never typed a key: a retired one is then named by its former question."""
        allowed = format_list(list(self.allowed), t.locale, "or")
        if self.reason == "retired":
            question = t(RETIRED_QUESTIONS[self.key])
            if name_key and self.key in RETIRED_REASONS:
                return t(RETIRED_REASONS[self.key], key=self.key, question=question)
            if name_key:
                return t(N_("'%(key)s' (“%(question)s”) is no longer asked since granular delegated "
                            "admin privileges (GDAP); leave it out."), key=self.key, question=question)
            return t(N_("This link was made with an earlier version of the questions: “%(question)s” "
                        "is no longer asked. The wizard kept the answers that still apply."),
                     question=question)
        if not name_key:
            # The reader of a link never typed its keys or values: name the question as the
            # wizard asks it, and leave the choices to the question shown under the notice.
            question_asked = QUESTION_BY_ID.get(self.key)
            if question_asked is None:
                return t(N_("The link holds a question the wizard does not ask (“%(key)s”)."), key=self.key)
            question = t(question_asked.prompt)
            if self.reason == "unknown-value":
                return t(N_("The link's answer to “%(question)s” is not one of its choices."), question=question)
            if self.reason == "duplicate":
                return t(N_("The link gives two different answers to “%(question)s”; the wizard "
                            "kept the first one."), question=question)
            if self.reason == "incomplete":
                return t(N_("The link's later answers apply once “%(question)s” is answered."),
                         question=question)
            return t(N_("The link answers “%(question)s”, which does not apply to its other answers."),
                     question=question)
        if self.reason == "unknown-key":
            return t(N_("Unknown question '%(key)s'. Known questions: %(allowed)s."),
                     key=self.key, allowed=allowed)
        if self.reason == "unknown-value":
            return t(N_("'%(value)s' is not an answer to '%(key)s'. Allowed: %(allowed)s."),
                     key=self.key, value=self.value, allowed=allowed)
        if self.reason == "duplicate":
            return t(N_("'%(key)s' is answered twice; give each answer once."),
                     key=self.key)
        if self.reason == "incomplete":
            return t(N_("The answers are incomplete: '%(key)s' is still to be answered. "
                        "Allowed: %(allowed)s."), key=self.key, allowed=allowed)
        return t(N_("The question '%(key)s' does not apply to the other answers given."),
                 key=self.key)

    def to_json(self, t: Translator | None = None) -> dict[str, Any]:
        return {
            "key": self.key,
            "value": self.value,
            "reason": self.reason,
            "allowed": list(self.allowed),
            "message": self.describe(t or Translator("en"), name_key=False),
        }


Answers = Mapping[str, str]


def _check_types(answers: object) -> dict[str, str]:
    if not isinstance(answers, Mapping):
        raise InvalidAnswerError("answers", None, "unknown-key", tuple(QUESTION_BY_ID))
    clean: dict[str, str] = {}
    for key, value in answers.items():
        if isinstance(key, str) and key in RETIRED_QUESTIONS:
            raise InvalidAnswerError(key, None, "retired", tuple(QUESTION_BY_ID))
        if not isinstance(key, str) or key not in QUESTION_BY_ID:
            raise InvalidAnswerError(str(key), None, "unknown-key", tuple(QUESTION_BY_ID))
        question = QUESTION_BY_ID[key]
        if not isinstance(value, str) or value not in question.values:
            raise InvalidAnswerError(key, str(value), "unknown-value", question.values)
        clean[key] = value
    return clean


def validate(answers: object) -> dict[str, str]:
    """Return the answers if each is known and applies, else raise InvalidAnswerError."""
    clean = _check_types(answers)
    accepted: dict[str, str] = {}
    for question in QUESTIONS:
        if question.id in clean:
            if not holds(question.ask_when, accepted):
                missing = _first_unanswered(question, accepted)
                if missing is not None:
                    raise InvalidAnswerError(missing.id, None, "incomplete", missing.values)
                raise InvalidAnswerError(question.id, clean[question.id], "not-applicable",
                                         question.values)
            accepted[question.id] = clean[question.id]
    return accepted


def _first_unanswered(question: Question, accepted: dict[str, str]) -> Question | None:
    """When ``question`` could still apply once earlier questions are answered (its condition
    fails only on keys not answered yet), the first of those questions: the answers are then
    incomplete rather than contradictory ("product=azure" without a role)."""
    for alt in question.ask_when:
        if all(key not in accepted or accepted[key] in values for key, values in alt.items()):
            return pending_question(accepted)
    return None


def valid_prefix(answers: Mapping[str, object]) -> tuple[dict[str, str], InvalidAnswerError | None]:
    """Keep the answers up to the first one that is unknown, invalid or does not apply.

    Used to resume a tampered or outdated URL at the last valid question; the error returned
    is the first problem found (``None`` when every answer is usable).
    """
    error: InvalidAnswerError | None = None
    for key in answers:
        if key in RETIRED_QUESTIONS:
            error = InvalidAnswerError(str(key), None, "retired", tuple(QUESTION_BY_ID))
            break
        if key not in QUESTION_BY_ID:
            error = InvalidAnswerError(str(key), None, "unknown-key", tuple(QUESTION_BY_ID))
            break
    accepted: dict[str, str] = {}
    for question in QUESTIONS:
        if question.id not in answers:
            continue
        value = answers[question.id]
        if not isinstance(value, str) or value not in question.values:
            return accepted, error or InvalidAnswerError(
                question.id, str(value), "unknown-value", question.values)
        if not holds(question.ask_when, accepted):
            return accepted, error or InvalidAnswerError(
                question.id, value, "not-applicable", question.values)
        accepted[question.id] = value
    return accepted, error


def pending_question(answers: Answers) -> Question | None:
    """The first question that applies, is not answered yet and is needed for the outcome
    (answers must be valid); a customer's optional questions are :func:`follow_up_question`."""
    for question in QUESTIONS:
        if (question.id not in answers and holds(question.ask_when, answers)
                and not is_follow_up(question, dict(answers))):
            return question
    return None


def follow_up_question(answers: Answers) -> Question | None:
    """The next optional question that fills in the customer's message, once the outcome is
    known (``None`` when there is none left)."""
    if pending_question(answers) is not None:
        return None
    for question in QUESTIONS:
        if (question.id not in answers and holds(question.ask_when, answers)
                and is_follow_up(question, dict(answers))):
            return question
    return None


def matching_rule(answers: Answers) -> Rule:
    rules = [rule for rule in RULES if holds(rule.match, answers)]
    if len(rules) != 1:
        # The exhaustive tests prove this cannot happen for any reachable set of answers.
        raise LookupError(f"{len(rules)} rules match {dict(answers)}")
    return rules[0]


@dataclass(frozen=True)
class Decision:
    """Everything the renderers need, language-neutral; ``to_json`` localizes it."""

    answers: dict[str, str]
    rule: Rule
    spec: OutcomeSpec
    severity: str | None
    first_response: str | None
    caveats: tuple[Fact, ...]

    def to_json(self, t: Translator) -> dict[str, Any]:
        return outcome_json(self, t)


def decide(answers: Answers) -> Decision:
    """The outcome for a complete, valid set of answers."""
    rule = matching_rule(answers)
    spec = OUTCOMES[rule.outcome]
    severity = first_response = None
    if spec.csp_benefit:
        # Billing and a suspected fraud get no target: the sources give one business day only to
        # requests that are not break-fix incidents, and billing now goes to Partner Center support.
        if answers.get("topic") == "break-fix":
            level = SEVERITY_BY_IMPACT[answers["impact"]]
            severity, first_response = level.id, level.first_response
        elif answers.get("topic") == "non-break-fix":
            first_response = NON_BREAK_FIX_RESPONSE
    elif (spec.partner_escalation and answers.get("topic") == "break-fix"
          and "impact" in answers and answers.get("product") in MICROSOFT_CLOUD):
        # What the stated impact corresponds to if the partner escalates to Microsoft.
        level = SEVERITY_BY_IMPACT[answers["impact"]]
        severity, first_response = level.id, level.first_response
    caveats = list(spec.caveats)
    for caveat in CAVEAT_RULES:
        if caveat.csp_benefit_only and not spec.csp_benefit:
            continue
        if caveat.filers_only and spec.filed_by_provider:
            continue
        if holds(caveat.applies, answers) and caveat.fact not in caveats:
            caveats.append(caveat.fact)
    if first_response:
        caveats += [ENGLISH_TARGETS, LOCAL_LANGUAGE_HOURS]
    if spec.csp_benefit and not spec.filed_by_provider:
        # Only the one who files is told how not to file: a reseller's provider files for it.
        caveats.append(NO_PHONE)
    return Decision(dict(answers), rule, spec, severity, first_response, tuple(caveats))


#: The severity line of a result without a CSP severity.
SEVERITY_NOTES: dict[str, str] = {
    "own-plan": N_("Chosen when you file, under the terms of your own support plan"),
    "urgent": N_("Act now: Microsoft asks partners to respond to a fraud alert at once"),
}

#: Above a customer's optional question in the result.
FOLLOW_UP_HEADING = N_("Optional, for your message to the partner:")

#: The label in front of a statement that is the site's own reading, not a source's.
READING = N_("The site's reading: %(text)s")


def fact_text(fact: Fact, t: Translator) -> str:
    """A step, caveat or note in the reader's language, labeled when it is the site's reading."""
    if fact is CAV_NON_BREAK_FIX:
        text = t(fact.text, duration=format_duration(NON_BREAK_FIX_RESPONSE, t))
    elif fact.learn:
        text = t(fact.text, url=fact.address(t.locale))
    else:
        text = t(fact.text)
    if not fact.reading:
        return text
    # In Portuguese the statement reads on after the label's colon, so it starts lower-case
    # unless it opens with a name; English capitalizes after the colon, Russian's label ends
    # with a full stop and Chinese has no case.
    return t(READING, text=mid_sentence(text, t.locale) if t.locale == "pt-BR" else text)


def _source_json(ref: SourceRef, t: Translator) -> dict[str, str | None]:
    page = SOURCES[ref.source]
    guide_page = ref.guide.split("#", 1)[0]
    return {
        "source": ref.source,
        "title": t(page.title),
        "url": ref.learn_url(t.locale),
        "section": ref.section,
        "section_title": section_title(ref.section, t),
        "date": page.date_in(t.locale),
        "date_text": dated(page, t.locale, format_month_year(page.date_in(t.locale), t.locale), t),
        # The language of the dated version when it is not the reader's (see sources.dated).
        "version": t(VERSION_LANGUAGE_NAMES[lang]) if (lang := page.other_language(t.locale)) else None,
        "guide": ref.guide,
        "guide_title": t(GUIDE_PAGES[guide_page]),
    }


def statement(item: Any, t: Translator) -> str:
    """A fact's wording for the tables, as a statement: the step or caveat text, a severity with
    its first-response target, a contact's or channel's claim (its label where it has none), or a
    vehicle with how a partner gets it (punctuated as the language writes it)."""
    if isinstance(item, Fact):
        return fact_text(item, t)
    if hasattr(item, "first_response"):  # a severity, stated with its first-response target
        return t(SEVERITY_CLAIM, letter=item.id, label=mid_sentence(t(item.label), t.locale),
                 duration=format_duration(item.first_response, t))
    if hasattr(item, "basis"):  # a vehicle
        return site_strings(t)["vehicle_item"] % {"name": t(item.label), "basis": t(item.basis)}
    # A contact or channel: the claim the source makes about it where it has one, else its
    # label said as what it is ("Contact: …"), in the words the wizard's result uses.
    if getattr(item, "claim", None):
        return t(item.claim)
    kind = getattr(item, "fact_id", "").partition(":")[0]
    if kind == "contact":
        return t(CONTACT_LINE, contact=t(item.label))
    if kind == "channel":
        return t(CHANNEL_LINE, channel=t(item.label))
    return t(item.label)


def learn_links(pages: tuple[str, ...], t: Translator) -> list[dict[str, str]]:
    """Microsoft Learn pages (:mod:`wizard.learn` ids) as title and address in the reader's language."""
    return [{"title": t(learn_page(p).title), "url": learn_page(p).url(t.locale)} for p in pages]


def decision_facts(decision: Decision) -> list[Any]:
    """Every fact an outcome states: contact, channel, severity, steps and caveats."""
    spec = decision.spec
    facts: list[Any] = [CONTACTS[spec.contact], CHANNELS[spec.channel]]
    if decision.severity:
        facts.append(SEVERITY_BY_IMPACT[decision.answers["impact"]])
    return facts + list(spec.steps) + list(decision.caveats)


def currency_json(decision: Decision, t: Translator) -> dict[str, Any]:
    """How current the outcome's facts are: the oldest check date, the changed facts with what
    the source said, whether some are stated only as of the source's date, and the routes of the
    sources this outcome replaces."""
    facts = decision_facts(decision)
    checks: list[tuple[Any, Check]] = [(f, f.currency) for f in facts]
    changed = []
    for fact, check in checks:
        if check.status == "changed" and check.was:
            changed.append({
                "fact": fact.fact_id,
                "source_date": fact.ref.date_in(t.locale),
                "was": t(check.was),
                "pages": learn_links(check.pages, t),
            })
    # Each statement given only as its source stated it is named, with why it is not
    # re-confirmed (still in the 2023 copy, or gone from it), once even when two facts share it.
    unconfirmed: dict[str, dict[str, Any]] = {}
    for fact, check in checks:
        if check.status == "not-reconfirmed":
            text = statement(fact, t)
            # The site's own reading or advice, and a statement that names its source itself,
            # are not put after "the source stated": only Microsoft's words go there.
            own = bool(getattr(fact, "reading", False) or check.rests_on or check.attributed)
            unconfirmed.setdefault(text, {"fact": fact.fact_id, "source_date": fact.ref.date_in(t.locale),
                                          "text": text, "why": t(check.note) if check.note else "",
                                          "quoted": not own})
    return {
        "checked": min(check.checked for _, check in checks),
        "changed": changed,
        "not_reconfirmed": list(unconfirmed.values()),
        "replaces": [{"fact": f.fact_id, "was": t(f.text), "source_date": f.ref.date_in(t.locale),
                      "why": t(f.currency.note) if f.currency.note else None}
                     for f in decision.spec.replaces],
    }


def answered_json(answers: Answers, t: Translator) -> list[dict[str, str]]:
    """The answers so far, in question order, with their localized wording."""
    out = []
    for question in QUESTIONS:
        if question.id in answers:
            option = next(o for o in question.options if o.value == answers[question.id])
            out.append({"id": question.id, "value": option.value,
                        "question": t(question.prompt), "answer": t(option.label)})
    return out


def outcome_json(decision: Decision, t: Translator) -> dict[str, Any]:
    spec = decision.spec
    channel = CHANNELS[spec.channel]
    answered = answered_json(decision.answers, t)
    targets_for = None
    if decision.first_response:
        targets_for = ("provider" if spec.filed_by_provider else "partner" if spec.partner_escalation
                       else "you")
    refs: list[SourceRef] = [*decision.rule.refs]
    refs += [f.ref for f in spec.steps] + [f.ref for f in decision.caveats]
    seen: set[tuple[str, str, str]] = set()
    sources = []
    for ref in refs:
        key = (ref.source, ref.section, ref.guide)
        if key not in seen:
            seen.add(key)
            sources.append(_source_json(ref, t))
    severity = SEVERITY_BY_IMPACT[decision.answers["impact"]] if decision.severity else None
    follow_up = follow_up_question(decision.answers)
    return {
        "outcome": spec.id,
        "contact": spec.contact,
        "channel": spec.channel,
        "severity": decision.severity,
        "first_response": decision.first_response,
        "title": t(spec.title),
        "contact_label": t(CONTACTS[spec.contact].label),
        "channel_label": t(channel.label),
        "channel_url": channel.address(t.locale),
        "severity_label": (
            t(SEVERITY_LINE, level=severity.id, impact=t(severity.label))
            if severity else None
        ),
        #: ``provider`` when the severity and target are those of the request the indirect
        #: provider files with Microsoft, not a promise made to the reader.
        "targets_for": targets_for,
        "first_response_text": (
            format_duration(decision.first_response, t) if decision.first_response else None
        ),
        #: What stands in the severity line when there is no CSP severity: that the reader's own
        #: support plan sets it when filing, or that a suspected fraud is acted on at once.
        "severity_note_text": (t(SEVERITY_NOTES["own-plan"]) if spec.own_plan
                               else t(SEVERITY_NOTES["urgent"]) if spec.urgent else None),
        #: For a customer: the next optional question that fills in the message for the partner.
        "follow_up": question_json(follow_up, t, follow_up=True) if follow_up else None,
        "follow_up_heading": t(FOLLOW_UP_HEADING) if follow_up else None,
        "steps": [fact_text(f, t) for f in spec.steps],
        "howto": learn_links(spec.howto, t),
        "caveats": [fact_text(f, t) for f in decision.caveats],
        "why": [t(decision.rule.why)],
        "currency": currency_json(decision, t),
        "message": (customer_message(answered, t) if spec.partner_escalation
                    else customer_message(answered, t, to_provider=True) if spec.filed_by_provider
                    else None),
        "sources": sources,
        "answers": answered,
        "lang": t.locale,
    }


def question_json(question: Question, t: Translator, follow_up: bool = False) -> dict[str, Any]:
    """A question with its options, localized; ``follow_up`` for a customer's optional question
    (its help then says what the answer is for in the message to the partner)."""
    help_text = question.follow_up_help if follow_up and question.follow_up_help else question.help
    return {
        "id": question.id,
        "prompt": t(question.prompt),
        "help": t(help_text),
        "options": [
            {"value": o.value, "label": t(o.label), "help": t(o.help) if o.help else None}
            for o in question.options
        ],
        "guide": question.ref.guide,
    }


def next_step(answers: object, lang: str = "en") -> dict[str, Any]:
    """``{"status": "question", ...}`` or ``{"status": "outcome", ...}`` for valid answers.

    Raises InvalidAnswerError for anything else.
    """
    t = Translator(lang)
    accepted = validate(answers)
    question = pending_question(accepted)
    if question is not None:
        return {"status": "question", "question": question_json(question, t),
                "answers": answered_json(accepted, t)}
    return {"status": "outcome", "outcome": decide(accepted).to_json(t)}


def next_question(answers: object, lang: str = "en") -> dict[str, Any]:
    """The engine's contract: the next question for the answers so far, or the outcome."""
    return next_step(answers, lang)


def route(answers: object, lang: str = "en") -> dict[str, Any]:
    """The outcome for a complete set of answers; raises InvalidAnswerError if incomplete."""
    accepted = validate(answers)
    question = pending_question(accepted)
    if question is not None:
        raise InvalidAnswerError(question.id, None, "incomplete", question.values)
    return decide(accepted).to_json(Translator(lang))
