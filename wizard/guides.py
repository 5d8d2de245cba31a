"""Titles of the site's guidance pages, so results can link to the sections they rest on.

Each title is the page's own title (its front matter in ``docs/<locale>/``) in every language;
the tests compare the two, so the wizard's links and the pages cannot drift apart.
"""

from __future__ import annotations

from .i18n import N_

GUIDE_PAGES: dict[str, str] = {
    "customer-support.md": N_("Providing support to your customers"),
    "technical-support.md": N_("Technical support in your customers' tenants (GDAP)"),
    "report-a-problem.md": N_("Report a problem on behalf of a customer"),
    "severity.md": N_("Severity and response times"),
    "faq.md": N_("Frequently asked questions"),
}
