"""The published help pages every fact comes from.

Dates are the month each page version was published in the form the project received it
(its hand-off date); ``ms_date`` is the page's own ``ms.date`` where it has one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .i18n import N_

#: Site locale -> the language tag of a source version written in it (the versions are named
#: by the language of Microsoft's localized repository they were published in).
VERSION_LANGUAGE: dict[str, str] = {"en": "en", "pt-BR": "pt-BR", "ru": "ru", "zh": "zh-CN"}
#: A source date that belongs to a version in another language than the reader's: the date, then
#: that version's language (a message for translation).
OTHER_VERSION_DATE = N_("%(date)s (%(language)s version)")
#: The languages of the source versions, as :data:`OTHER_VERSION_DATE` names them.
VERSION_LANGUAGE_NAMES: dict[str, str] = {
    "pt-BR": N_("Brazilian Portuguese"),
    "ru": N_("Russian"),
    "zh-CN": N_("Simplified Chinese"),
}


@dataclass(frozen=True)
class SourceVersion:
    file: str
    language: str
    date: str
    ms_date: str | None


@dataclass(frozen=True)
class SourcePage:
    id: str
    #: The page's file name in the Partner Center documentation.
    page: str
    title: str
    #: Sections (anchor ids of the original page) that facts cite.
    sections: tuple[str, ...]
    versions: tuple[SourceVersion, ...]
    #: The page today on Microsoft Learn (:data:`wizard.learn.LEARN_PAGES` id).
    learn: str = ""
    #: What the site takes from this page (a message for translation).
    takes: str = ""
    #: True when Microsoft no longer publishes the page; ``learn`` is then where its support-plan
    #: and escalation topics are now, and ``topics`` where each of its other topics is.
    retired: bool = False
    #: For a retired page: (the site's guide anchor a fact explains it at, Learn page id) for each
    #: topic that Microsoft now documents on a page other than ``learn``. The id may end in
    #: ``#<section>``, the section's anchor on the English page (other languages' pages name
    #: their sections in their own words, so their links go to the page).
    topics: tuple[tuple[str, str], ...] = ()

    def learn_id(self, guide: str = "") -> str:
        """The Learn page for the topic a fact explains at ``guide`` (default: ``learn``)."""
        return dict(self.topics).get(guide, self.learn).partition("#")[0]

    def learn_ids(self) -> tuple[str, ...]:
        """Every Learn page this source's topics are on now, ``learn`` first."""
        return tuple(dict.fromkeys((self.learn, *(page.partition("#")[0] for _, page in self.topics))))

    def topic_page(self, guide: str) -> str | None:
        """The Learn page id of a topic documented elsewhere than ``learn``, if ``guide`` is one."""
        page = dict(self.topics).get(guide)
        return page.partition("#")[0] if page else None

    def learn_url(self, locale: str = "en", guide: str = "") -> str:
        from .learn import learn_page

        url = learn_page(self.learn_id(guide)).url(locale)
        section = dict(self.topics).get(guide, "").partition("#")[2]
        return f"{url}#{section}" if section and locale == "en" else url

    @property
    def date(self) -> str:
        """The newest version's date, whatever its language."""
        return max(v.date for v in self.versions)

    def version_for(self, locale: str = "en") -> SourceVersion:
        """The version a reader of ``locale`` is shown the date of: the one in the reader's own
        language where there is one, otherwise the newest."""
        own = [v for v in self.versions if v.language == VERSION_LANGUAGE.get(locale)]
        return max(own or self.versions, key=lambda v: v.date)

    def date_in(self, locale: str = "en") -> str:
        """The date of :meth:`version_for`: a fact drawn from this page is dated with it."""
        return self.version_for(locale).date

    def other_language(self, locale: str = "en") -> str | None:
        """The language of the dated version when the versions differ in date and the dated one
        is not in the reader's language (so the date must say which version it belongs to)."""
        if len({v.date for v in self.versions}) < 2:
            return None
        version = self.version_for(locale)
        return None if version.language == VERSION_LANGUAGE.get(locale) else version.language


SOURCES: dict[str, SourcePage] = {
    page.id: page
    for page in (
        SourcePage(
            id="provide-technical-support",
            page="provide-technical-support.md",
            title=N_("Provide technical support"),
            sections=(
                "provide-technical-support",
                "microsoft-partner-support-guidance",
                "providing-billing-subscription-management-and-technical-support",
            ),
            versions=(
                SourceVersion("000_1c1138f7cb65071b.txt", "pt-BR", "2018-10", None),
                SourceVersion("002_c85929981c1be8b3.txt", "ru", "2018-10", "2018-10-29"),
                SourceVersion("003_5273f619e29d0846.txt", "zh-CN", "2019-12", "2019-03-15"),
            ),
            # The escalation page keeps only the support plans and escalation (vulnerability
            # reporting aside); service health has its own page, and delegated admin privileges
            # are described by the GDAP pages as the legacy access GDAP replaces.
            learn="escalating-to-microsoft",
            retired=True,
            topics=(
                ("technical-support.md#service-health", "check-service-health"),
                ("technical-support.md#delegated-admin", "gdap-introduction"),
                # What partners see and the admin tasks are a section of the Report a problem page.
                ("technical-support.md#what-you-can-see",
                 "report-problems#perform-administrative-tasks-for-your-customers"),
                ("technical-support.md#admin-tasks",
                 "report-problems#perform-administrative-tasks-for-your-customers"),
            ),
            takes=N_("Delegated admin privileges and what partners do with them, the support plans "
                     "partners can buy, service health, escalation to Microsoft."),
        ),
        SourcePage(
            id="customer-support",
            page="customer-support.md",
            title=N_("Providing support to your customers"),
            sections=(
                "microsoft-partner-support-guidance",
                "providing-billing-subscription-management-and-technical-support",
            ),
            versions=(SourceVersion("001_b81f3b300fdb62b0.txt", "pt-BR", "2020-04", "2020-04-27"),),
            learn="customer-support",
            takes=N_("The partner's duties to customers, who supports whom (direct-bill partners, "
                     "indirect resellers and providers), that customers cannot open tickets "
                     "themselves, and the support vehicles."),
        ),
        SourcePage(
            id="report-problems",
            page="report-problems-on-behalf-of-a-customer.md",
            title=N_("Report a problem on behalf of a customer"),
            sections=(
                "report-a-service-problem-on-behalf-of-a-customer---including-when-and-how-to-do-so",
                "submit-a-service-request-for-a-customer",
                "microsoft-azure",
                "office-365-microsoft-dynamics-crm-online-enterprise-mobility-suite",
                "support-for-commercial-marketplace-products",
                "what-is-included-as-part-of-the-support-entitlement",
                "how-quickly-will-i-get-an-initial-response",
                "can-i-submit-a-service-request-by-phone",
                "what-happens-if-i-sign-into-the-azure-portal-and-bypass-partner-center",
                "what-happens-if-i-sign-into-the-office-365-admin-center-portal-and-bypass-partner-center",
                "how-do-i-get-additional-dynamics-365-support",
            ),
            versions=(SourceVersion("004_1b2b0224e94db991.txt", "pt-BR", "2021-03", "2021-02-26"),),
            learn="report-problems",
            takes=N_("When and how to file a service request for a customer for each product, "
                     "marketplace products, your own tenant, severities and first-response targets."),
        ),
    )
}


@dataclass(frozen=True)
class SourceRef:
    """Where a fact comes from (a section of a source page) and where the site explains it."""

    source: str
    section: str
    #: The guidance page and anchor on this site, e.g. ``report-a-problem.md#azure``.
    guide: str

    def __post_init__(self) -> None:
        page = SOURCES.get(self.source)
        if page is None:
            raise ValueError(f"unknown source {self.source!r}")
        if self.section not in page.sections:
            raise ValueError(f"{self.source} has no section {self.section!r}")

    @property
    def date(self) -> str:
        return SOURCES[self.source].date

    def date_in(self, locale: str = "en") -> str:
        """The date of the source version a reader of ``locale`` is shown."""
        return SOURCES[self.source].date_in(locale)

    def learn_url(self, locale: str = "en") -> str:
        """The Learn page where this section's topic is documented now."""
        return SOURCES[self.source].learn_url(locale, self.guide)


def dated(source: SourcePage, locale: str, date_text: str, t: Callable[..., str]) -> str:
    """``date_text`` (the formatted :meth:`SourcePage.date_in`), followed by the language of the
    version it belongs to when that is not the reader's (:meth:`SourcePage.other_language`)."""
    language = source.other_language(locale)
    if language is None:
        return date_text
    # The date goes in after translation: it may be markup (a <time> element) that the
    # language's typography must not touch.
    text = t(OTHER_VERSION_DATE, date="\0", language=t(VERSION_LANGUAGE_NAMES[language]))
    return text.replace("\0", date_text)
