"""The customer's path in real Chromium: clicked to the result in each language, the message
shown, copied to the clipboard, printed, and offered as a mail link with no address."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser_helpers import cli_route, close_context, expect_step, walk
from wizard.i18n import LOCALES, Translator
from wizard.ui import ui_strings

pytestmark = pytest.mark.browser

PATH = {"role": "customer", "product": "microsoft-365", "topic": "break-fix", "impact": "moderate"}


@pytest.mark.parametrize("lang", list(LOCALES))
def test_a_customer_gets_a_message_to_copy_print_and_mail(browser: Any, site_server: Any, lang: str) -> None:
    ctx = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = ctx.new_page()
        page.goto(site_server.url(lang))
        walk(page, PATH, lang)
        expected = cli_route(PATH, lang)["message"]
        result = page.locator(".csp-wizard__result")
        assert result.get_attribute("data-severity") == "B"
        text = page.locator(".csp-wizard__message-text").inner_text()
        assert expected["subject"] in text
        assert expected["body"].splitlines()[2] in text
        assert page.locator('a[data-action="mail"]').get_attribute("href") == expected["mailto"]
        page.locator('button[data-action="copy"]').click()
        page.wait_for_function("t => document.querySelector('.csp-wizard__status').textContent === t",
                               arg=ui_strings(Translator(lang))["copied"])
        assert page.evaluate("navigator.clipboard.readText()") == f"{expected['subject']}\n\n{expected['body']}"
        page.emulate_media(media="print")
        assert page.locator(".csp-wizard__message-text").is_visible(), "the message prints with the result"
        assert not page.locator(".csp-wizard__actions").first.is_visible()
    finally:
        close_context(ctx)


def test_an_old_customer_link_resumes_at_the_product_question(browser: Any, site_server: Any) -> None:
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(site_server.url("en", query="?role=customer"))
        expect_step(page, {"role": "customer"}, "en")
        assert page.locator(".csp-wizard__alert").inner_text().strip() == ""
    finally:
        close_context(ctx)
