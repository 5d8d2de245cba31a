// What the reader's path needs from the page beyond the theme and the wizard's own script:
//
// * The language switcher keeps the reader's place: the section anchor (the headings carry the
//   same ids in every language) and, on the wizard page, the answers in the query string (the
//   keys are the same in every language).
// * Search runs for text that arrives without key events: Material's search reads the box on
//   "keyup" only, so a paste from the context menu, text dropped in, a value set by an input
//   method (IME) after composition, or dictation left the panel on "start typing". Each such
//   "input" is passed on as a "keyup"; while an IME composes, it waits for "compositionend".
// * On the wizard page, the tab's title follows the step (the question or the result), the
//   result's Share button shares or copies the link, and printing opens the collapsed parts.
//
// Hand-written: these are a few lines of glue on the theme's and the wizard's markup; no
// library does them. The wizard's script (assets/wizard/wizard.js) is left to render.
(function () {
  "use strict";

  /* ---- the language switcher keeps the answers and the section ------------------------ */

  function carried(link) {
    var base = link.getAttribute("data-base-href");
    if (base === null) {
      base = link.getAttribute("href");
      link.setAttribute("data-base-href", base);
    }
    var url = new URL(base, location.href);
    if (document.getElementById("csp-wizard")) url.search = location.search;
    url.hash = location.hash;
    return url.href;
  }

  function updateSwitcher() {
    document.querySelectorAll(".md-select__link[hreflang]").forEach(function (link) {
      link.href = carried(link);
    });
  }

  // The wizard changes the query string with history.pushState (no event), so the links are
  // brought up to date whenever the reader is about to use them, and on every URL change the
  // browser reports.
  ["pointerdown", "focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (event.target.closest && event.target.closest(".md-select")) updateSwitcher();
    }, true);
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".md-select__link[hreflang]");
    if (link) link.href = carried(link);
  }, true);
  window.addEventListener("hashchange", updateSwitcher);
  window.addEventListener("popstate", updateSwitcher);

  /* ---- search for pasted, dropped and composed text ----------------------------------- */

  function searchInput(event) {
    var box = event.target;
    if (!box.matches || !box.matches(".md-search__input")) return;
    if (event.type === "input" && (event.isComposing || box.getAttribute("data-composing"))) return;
    if (event.type === "compositionstart") {
      box.setAttribute("data-composing", "true");
      return;
    }
    if (event.type === "compositionend") box.removeAttribute("data-composing");
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }
  ["input", "compositionstart", "compositionend"].forEach(function (type) {
    document.addEventListener(type, searchInput, true);
  });

  /* ---- the wizard: title, share, print ------------------------------------------------ */

  var baseTitle = document.title;

  function followStep(root) {
    var format = root.getAttribute("data-title-format") || "%(page)s – %(site)s";
    var heading = root.querySelector(
      ".csp-wizard__live:not([hidden]) .csp-wizard__main:not([hidden]) :is(.csp-wizard__question-title, .csp-wizard__result-title)");
    var step = heading ? heading.textContent.replace(/\s+/g, " ").trim() : "";
    var title = step ? format.replace("%(page)s", step).replace("%(site)s", baseTitle) : baseTitle;
    if (document.title !== title) document.title = title;
  }

  function say(root, text) {
    var status = root.querySelector(".csp-wizard__status");
    if (!status) return;
    status.textContent = "";
    // A fresh text node in the next frame, so that screen readers announce it again.
    requestAnimationFrame(function () { status.textContent = text; });
  }

  function share(root, button) {
    var url = location.href;
    var title = document.title;
    if (navigator.share) {
      navigator.share({ title: title, url: url }).catch(function () { /* the reader closed it */ });
      return;
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(function () {
        say(root, button.getAttribute("data-done"));
      }, function () {
        say(root, button.getAttribute("data-failed"));
      });
    } else say(root, button.getAttribute("data-failed"));
  }

  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".csp-wizard__result details:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });

  function mount() {
    var root = document.getElementById("csp-wizard");
    if (!root || root.hasAttribute("data-reader")) return;
    root.setAttribute("data-reader", "");
    followStep(root);
    new MutationObserver(function () { followStep(root); })
      .observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ["hidden"] });
    root.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action='share']");
      if (button) share(root, button);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mount);
})();
