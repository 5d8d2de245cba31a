"""Plain-text renderings shared by the CLI and the browser ("copy request details")."""

from __future__ import annotations

from typing import Any

from .i18n import N_, Translator


def outcome_text(outcome: dict[str, Any], t: Translator) -> str:
    """The result as the terminal shows it."""
    lines = [outcome["title"], ""]
    lines.append(t(N_("Contact: %(contact)s"), contact=outcome["contact_label"]))
    channel = outcome["channel_label"]
    if outcome["channel_url"]:
        channel = f"{channel} <{outcome['channel_url']}>"
    lines.append(t(N_("Channel: %(channel)s"), channel=channel))
    if outcome["severity_label"]:
        lines.append(outcome["severity_label"])
    if outcome["first_response_text"]:
        lines.append(t(N_("First response: within %(duration)s"),
                       duration=outcome["first_response_text"]))
    lines += ["", t(N_("Steps:"))]
    lines += [f"  {i}. {step}" for i, step in enumerate(outcome["steps"], 1)]
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
        t(N_("%(title)s, section “%(section)s” (%(page)s), dated %(date)s"),
          title=s["title"], page=s["page"], section=s["section_title"], date=s["date_text"])
        for s in outcome["sources"]
    )
    lines += [f"  {line}" for line in cited]
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
    lines.append(t(N_("Answers given:")))
    lines += [f"- {a['question']} {a['answer']}" for a in outcome["answers"]]
    return "\n".join(lines)
