"""Interface strings of the site and the browser wizard that MkDocs does not translate.

They are gettext messages like the wizard's own, so one set of catalogs serves the CLI, the
browser and the site; the macros hand them to the page at build time.
"""

from __future__ import annotations

from .i18n import N_, Translator

UI_MESSAGES: dict[str, str] = {
    "loading": N_("Getting the wizard ready. You can answer the first question already."),
    "ready": N_("The wizard is ready."),
    "routing": N_("Working out the answer…"),
    "answers_so_far": N_("Your answers"),
    "change": N_("Change"),
    "change_answer": N_("Change your answer to: %(question)s"),
    "start_again": N_("Start again"),
    "back": N_("Back"),
    "next": N_("Continue"),
    "result": N_("Your answer"),
    "contact": N_("Whom to contact"),
    "channel": N_("Where"),
    "open_portal": N_("Open"),
    "steps": N_("Steps"),
    # TRANSLATORS: above the links to Microsoft Learn pages that explain the steps in detail.
    "howto": N_("Microsoft's step-by-step instructions"),
    "severity": N_("Severity"),
    "first_response": N_("First response"),
    "within": N_("within %(duration)s"),
    "not_applicable": N_("Not applicable"),
    "caveats": N_("Keep in mind"),
    "why": N_("Why this answer"),
    "sources": N_("Sources"),
    "read_guidance": N_("Read the guidance"),
    "source_dated": N_("%(title)s, dated %(date)s"),
    # The same message as wizard.sources.OTHER_VERSION_DATE: a source's date, then the language
    # of the version it belongs to.
    "version_date": N_("%(date)s (%(language)s version)"),
    "copy": N_("Copy request details"),
    "copied": N_("Request details copied to the clipboard."),
    "copy_failed": N_("Copying failed; select the text below and copy it by hand."),
    "print": N_("Print"),
    "question_of": N_("Question %(num)d"),
    "choose_one": N_("Choose one answer."),
    "bad_url": N_("Part of the link could not be used, so the wizard resumes at the last valid "
                  "question."),
    "fallback_title": N_("The interactive wizard is not available"),
    "fallback_nojs": N_("Your browser is not running JavaScript, so the interactive wizard cannot "
                        "start. The decision table below gives the same answers."),
    "fallback_failed": N_("The interactive wizard could not start in this browser (it needs "
                          "WebAssembly). The decision table below gives the same answers."),
    "fallback_wasm_owner": N_("If you run this site: its Content-Security-Policy must allow "
                              "WebAssembly, with 'wasm-unsafe-eval' in script-src."),
    "fallback_worker": N_("The interactive wizard could not start: the browser refused its script "
                          "(assets/wizard/worker.js). The decision table below gives the same "
                          "answers. If you run this site: publish that file and have the server "
                          "send .js files as text/javascript."),
    "fallback_timeout": N_("The interactive wizard could not start: its Python engine stopped "
                           "arriving (nothing for %(seconds)s seconds). The decision table below "
                           "gives the same answers. Reload the page to try again. If you run this "
                           "site: check that the folder assets/pyodide/ is published and reachable."),
    "fallback_load": N_("The interactive wizard could not start: the files of its Python engine "
                        "could not be loaded. The decision table below gives the same answers. "
                        "Reload the page to try again. If you run this site: check that the folder "
                        "assets/pyodide/ is published in full."),
    # TRANSLATORS: shown while a link that needs the wizard's Python engine waits for it to
    # download; %(size)s is a number of megabytes, formatted for the reader's language.
    "routing_download": N_("Loading what this link needs (%(size)s MB received so far)…"),
    "fallback_table": N_("Decision table"),
    "banner_missing": N_("This page has not been translated yet; it is shown in English."),
    "banner_outdated": N_("The English version of this page has changed since this translation "
                          "was last updated."),
    "banner_read_english": N_("Read the English page"),
    "not_found_title": N_("Page not found"),
    # TRANSLATORS: the browser tab title: the page's title, a dash, the site's name. Russian puts
    # a non-breaking space before the dash.
    "page_title": N_("%(page)s – %(site)s"),
    "not_found_text": N_("The page you asked for does not exist. It may have moved."),
    "not_found_home": N_("Go to the home page"),
    "not_found_wizard": N_("Ask the wizard whom to contact"),
    "severity_provider": N_("Severity of your provider's request"),
    "severity_partner": N_("Severity if your partner escalates it to Microsoft"),
    "first_response_partner": N_("Microsoft's first-response target for your partner"),
    "copy_message": N_("Copy the message"),
    "mail_message": N_("Open in your mail program"),
    "message_subject": N_("Subject: %(subject)s"),
    "first_response_provider": N_("Microsoft's first-response target for your provider"),
    "currency": N_("How current this is"),
    "checked": N_("Checked against Microsoft's current documentation in %(date)s."),
    "changed_since": N_("Changed since %(date)s: the source said: %(was)s"),
    # TRANSLATORS: a changed-fact note, then the addresses of the Microsoft pages that state the
    # fact now. Follow your language's punctuation (Chinese: no space after 。, full-width ：).
    "changed_now": N_("%(note)s Stated now on: %(pages)s"),
    # TRANSLATORS: a heading of the terminal output ("Sources:"), the lines follow below it.
    # Chinese writes the full-width colon (：).
    "heading": N_("%(heading)s:"),
    # TRANSLATORS: a statement of the result given as its source stated it (%(was)s, a full
    # sentence, quoted with your language's quotation marks), then why no current page
    # re-confirms it (%(why)s, a full sentence).
    "not_reconfirmed": N_("The source of %(date)s stated: “%(was)s” %(why)s"),
    # TRANSLATORS: the site's own reading, or a statement that already names its source
    # (%(was)s), then why no current page re-confirms it (%(why)s). Chinese: no space.
    "not_reconfirmed_own": N_("%(was)s %(why)s"),
    "no_longer": N_("No longer documented (source of %(date)s): %(was)s"),
    # TRANSLATORS: a withdrawn route with its own reason (%(why)s, a full sentence), then what the
    # source said. Chinese: no space after the reason's full stop.
    "retired": N_("%(why)s The source of %(date)s said: %(was)s"),
    "open_source": N_("Open the page on Microsoft Learn"),
    "first_step": N_("First step"),
    "severity_you": N_("Severity of your request"),
    "first_response_you": N_("Microsoft's first-response target for your request"),
    "share": N_("Share this answer"),
    "link_copied": N_("The link to this answer is copied to the clipboard."),
    "share_failed": N_("Copy the address in the address bar to share this answer."),
    "all_sources": N_("All the sources and their dates"),
    # TRANSLATORS: the language switcher's name: "Language", then the page's language's name.
    "language_current": N_("Language: %(language)s"),
    "palette_dark": N_("Switch to the dark color scheme"),
    "palette_light": N_("Switch to the light color scheme"),
}


def ui_strings(t: Translator) -> dict[str, str]:
    """All interface strings for one locale; placeholders are left for the renderer to fill."""
    return {key: t(message) for key, message in UI_MESSAGES.items()}

#: Labels of the tables and notes the site's macros render from the wizard's data.
SITE_MESSAGES: dict[str, str] = {
    "cite": N_("Source: %(title)s, dated %(date)s"),
    "cite_checked": N_("Source: %(title)s, dated %(date)s; last checked against Microsoft's "
                       "current documentation in %(checked)s."),
    # TRANSLATORS: several sources of one section in one line; %(sources)s is a list of
    # "<title>, dated <date>" items.
    "cites_checked": N_("Sources: %(sources)s; last checked against Microsoft's current "
                        "documentation in %(checked)s."),
    "col_status": N_("Status"),
    "col_fact": N_("Statement"),
    "col_source_said": N_("The source said"),
    "col_now": N_("Microsoft documents now"),
    "col_checked": N_("Checked"),
    "col_learn": N_("Page on Microsoft Learn"),
    "col_takes": N_("What this site takes from it"),
    "status_current": N_("Current"),
    "status_changed": N_("Changed"),
    "status_not-reconfirmed": N_("Not re-confirmed"),
    "status_withdrawn": N_("No longer documented"),
    "retired_page": N_("No longer published under this name; its topics are now on these pages."),
    "scope_title": N_("Which Partner Center this covers"),
    # TRANSLATORS: a link from the note on which Partner Center the guidance covers to the
    # paragraph on the support of Microsoft 365 operated by 21Vianet in China.
    "scope_vianet": N_("How Microsoft 365 operated by 21Vianet is supported"),
    "scope_text": N_("This guidance covers Partner Center in Microsoft's global cloud. Partner Center "
                     "operated by 21Vianet in China is a separate instance with its own support "
                     "process, and this guidance does not cover it."),
    "withdrawn_note": N_("No longer documented by Microsoft. The source of %(date)s said: %(was)s"),
    "changed_note": N_("Changed since %(date)s. The source said: %(was)s"),
    # TRANSLATORS: a changed-fact note on a page, then links to the Microsoft pages that state the
    # fact now. Chinese: no space after the full stop (。).
    "note_with_pages": N_("%(note)s %(pages)s"),
    # TRANSLATORS: the date of the source, in brackets after what it said (a table cell).
    # Chinese writes full-width brackets: （%(date)s）.
    "source_date": N_("(%(date)s)"),
    # TRANSLATORS: a support vehicle in the What has changed table: its name and how a partner
    # gets it. Chinese writes the full-width colon (：).
    "vehicle_item": N_("%(name)s: %(basis)s"),
    # TRANSLATORS: %(fact)s is the statement the note is about, with its own final full stop.
    "unconfirmed_note": N_("Given as the source stated it in %(date)s, and not re-confirmed by any "
                           "current Microsoft page (last checked %(checked)s): %(fact)s"),
    "col_severity": N_("Severity"),
    "col_impact": N_("Business impact"),
    "col_meaning": N_("What it means"),
    "col_first_response": N_("First response target"),
    "col_vehicle": N_("Support vehicle"),
    "col_basis": N_("Availability"),
    "col_kind": N_("Issue type"),
    "col_rule": N_("When"),
    "col_outcome": N_("Outcome"),
    "col_contact": N_("Contact"),
    "col_channel": N_("Channel"),
    "col_source_page": N_("Source page"),
    "col_source_file": N_("File"),
    "col_language": N_("Language of the copy"),
    "col_date": N_("Date"),
    "severity_from_impact": N_("A, B or C, from the business impact"),
    "response_from_severity": N_("By severity; otherwise %(duration)s"),
    "none": N_("None"),
    #: After the severities of a rule whose other answers get none (a customer's marketplace question).
    "otherwise_none": N_("None for some answers"),
    "any": N_("any"),
    "or": N_(" or "),
    "flow_text": N_("Text version of the diagram"),
    "permalink": N_("Link to this section"),
    # TRANSLATORS: the collapsed block at the end of a page section that holds its sources, their
    # dates and the notes on statements that changed or were not re-confirmed.
    "provenance": N_("Sources of this section and when they were checked"),
    "fallback_hint": N_("Find the row that matches your situation; the severity table gives the "
                        "first-response targets."),
}


def site_strings(t: Translator) -> dict[str, str]:
    return {key: t(message) for key, message in SITE_MESSAGES.items()}
