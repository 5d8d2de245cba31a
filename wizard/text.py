"""Plain-text renderings shared by the CLI and the browser ("copy request details")."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .i18n import N_, Translator, format_date
from .l10n import format_list
from .ui import UI_MESSAGES, ui_strings

#: The contact and the channel as the result names them (also the "What has changed" tables).
CONTACT_LINE = N_("Contact: %(contact)s")
CHANNEL_LINE = N_("Channel: %(channel)s")

#: ``targets_for`` -> the severity line and the first-response line of the text output.
TARGET_LINES: dict[str, tuple[str, str]] = {
    # The reader's own request: the severity label as it stands (nothing to translate).
    "you": ("%(severity)s", N_("First response: within %(duration)s")),
    "provider": (N_("Severity of your provider's request: %(severity)s"),
                 N_("Microsoft's first-response target for your provider: within %(duration)s")),
    "partner": (N_("If your partner escalates it to Microsoft: %(severity)s"),
                N_("Microsoft's first-response target for your partner's request, not a promise to "
                   "you: within %(duration)s")),
}


def outcome_text(outcome: dict[str, Any], t: Translator) -> str:
    """The result as the terminal shows it."""
    lines = [outcome["title"], ""]
    lines.append(t(CONTACT_LINE, contact=outcome["contact_label"]))
    channel = outcome["channel_label"]
    if outcome["channel_url"]:
        channel = f"{channel} <{outcome['channel_url']}>"
    lines.append(t(CHANNEL_LINE, channel=channel))
    # Whose request to Microsoft the targets belong to decides how they are labeled.
    severity_line, response_line = TARGET_LINES[outcome.get("targets_for") or "you"]
    if outcome["severity_label"]:
        lines.append(t(severity_line, severity=outcome["severity_label"]))
    elif outcome.get("severity_note_text"):
        lines.append(t(N_("Severity: %(note)s"), note=outcome["severity_note_text"]))
    if outcome["first_response_text"]:
        lines.append(t(response_line, duration=outcome["first_response_text"]))
    lines += ["", t(N_("Steps:"))]
    lines += [f"  {i}. {step}" for i, step in enumerate(outcome["steps"], 1)]
    if outcome.get("howto"):
        lines += ["", t(UI_MESSAGES["heading"], heading=ui_strings(t)["howto"])]
        lines += [f"  - {h['title']}: {h['url']}" for h in outcome["howto"]]
    if outcome["caveats"]:
        lines += ["", t(N_("Keep in mind:"))]
        lines += [f"  - {c}" for c in outcome["caveats"]]
    lines += ["", t(N_("Why this answer:"))]
    lines += [f"  {w}" for w in outcome["why"]]
    lines += ["", t(N_("Sources:"))]
    cited = dict.fromkeys(
        # TRANSLATORS: %(section)s is a section heading of the source page, %(date)s a month and
        # year as the language writes it ("April 2020", "abril de 2020", "апрель 2020 г."): in
        # Russian, keep it in the nominative (no "от" before it).
        t(N_("%(title)s, section “%(section)s”, dated %(date)s: %(url)s"),
          title=s["title"], url=s["url"], section=s["section_title"], date=s["date_text"])
        for s in outcome["sources"]
    )
    lines += [f"  {line}" for line in cited]
    lines += ["", currency_text(outcome, t)]
    if outcome.get("message"):
        message = outcome["message"]
        lines += ["", t(UI_MESSAGES["heading"], heading=message["heading"]), "", message["subject"], "",
                  message["body"]]
    return "\n".join(lines)


def currency_notes(currency: dict[str, Any]) -> Iterator[tuple[str, str | None, str, dict[str, Any]]]:
    """The notes of a result's freshness, for the text and the HTML renderers alike:
    ``(kind, fact id, interface string key, values)`` with ISO dates, the source's wording and
    the current pages (each renderer formats dates and links its own way)."""
    # Facts that replaced the same statement of the source share one note: the statement is
    # said once, with every page that states what replaced it.
    merged: dict[tuple[str, str], tuple[str, list[dict[str, Any]]]] = {}
    for changed in currency["changed"]:
        fact, pages = merged.setdefault((changed["source_date"], changed["was"]), (changed["fact"], []))
        pages += [p for p in changed["pages"] if p not in pages]
    for (date, was), (fact, pages) in merged.items():
        yield "changed", fact, "changed_since", {"date": date, "was": was, "pages": pages}
    for old in currency["replaces"]:
        if old.get("why"):  # retired for a reason of its own (DAP: Learn still describes it)
            yield "withdrawn", old["fact"], "retired", {"date": old["source_date"], "was": old["was"],
                                                        "why": old["why"]}
        else:
            yield "withdrawn", old["fact"], "no_longer", {"date": old["source_date"], "was": old["was"]}
    for item in currency["not_reconfirmed"]:
        key = "not_reconfirmed" if item["quoted"] else "not_reconfirmed_own"
        yield "not-reconfirmed", item["fact"], key, {"date": item["source_date"],
                                                     "was": item["text"], "why": item["why"]}


def currency_text(outcome: dict[str, Any], t: Translator) -> str:
    """The result's freshness: check date, changed facts, facts stated as of the source."""
    c = outcome["currency"]
    s = ui_strings(t)
    lines = [t(UI_MESSAGES["heading"], heading=s["currency"]),
             "  " + t(UI_MESSAGES["checked"], date=format_date(c["checked"], t.locale))]
    for _kind, _fact, key, values in currency_notes(c):
        words = {k: v for k, v in values.items() if k in ("was", "why")}
        note = t(UI_MESSAGES[key], date=format_date(values["date"], t.locale), **words)
        if values.get("pages"):
            note = t(UI_MESSAGES["changed_now"], note=note,
                     pages=format_list([p["url"] for p in values["pages"]], t.locale))
        lines.append("  - " + note)  # t() has set the locale's typography (wizard.typography.polish)
    return "\n".join(lines)


def request_summary(outcome: dict[str, Any], t: Translator) -> str:
    """A summary a partner can paste into a service-request form."""
    answers = {a["id"]: a for a in outcome["answers"]}
    lines = [t(N_("Support request details"))]
    if "product" in answers:
        lines.append(t(N_("Product: %(product)s"), product=answers["product"]["answer"]))
    if outcome["severity_label"]:
        lines.append(outcome["severity_label"])
    if "impact" in answers:
        lines.append(t(N_("Business impact: %(impact)s"), impact=answers["impact"]["answer"]))
    if outcome["first_response_text"]:
        lines.append(t(N_("First response: within %(duration)s"),
                       duration=outcome["first_response_text"]))
    lines.append(t(N_("Route: %(title)s"), title=outcome["title"]))
    if answers.get("scope", {}).get("value") == "customer-subscription":
        # The form asks who is affected; the wizard cannot know it, so the reader fills it in.
        lines.append(t(N_("Customer (organization name, domain and tenant ID): %(blank)s"),
                       blank=t(N_("please complete"))))
    lines.append(t(N_("Answers given:")))
    lines += [f"- {a['question']} {a['answer']}" for a in outcome["answers"]]
    return "\n".join(lines)


def copy_text(outcome: dict[str, Any], t: Translator) -> str:
    """What the result's copy button copies: the customer's message for the partner, or the
    request details a partner pastes into a service-request form."""
    message = outcome.get("message")
    if message:
        return f"{message['subject']}\n\n{message['body']}"
    return request_summary(outcome, t)
