"""Titles of the site's guidance pages, so results can link to the sections they rest on."""

from __future__ import annotations

from .i18n import N_

GUIDE_PAGES: dict[str, str] = {
    "customer-support.md": N_("Providing support to your customers"),
    "technical-support.md": N_("Technical support with delegated admin privileges"),
    "report-a-problem.md": N_("Report a problem on behalf of a customer"),
    "severity.md": N_("Severity and response times"),
    "faq.md": N_("Frequently asked questions"),
}
