/* The browser wizard: shows what wizard.browser (Python, in Pyodide, in a module Web Worker)
 * returns and keeps the URL in step. It makes no routing decision: the answers live in the
 * query string (keys are the engine's question ids), a question is a form whose fields are the
 * answers so far plus the new one, and every "change", "back" and "start again" link carries
 * the query string Python gave it.
 *
 * States of the widget root (data-wizard-state): "fallback" in the HTML (no JavaScript),
 * "static" as soon as a script runs (the first question, rendered at build time, can be
 * answered), "ready" once Python answers, "fallback" again when WebAssembly is missing, the
 * runtime cannot be loaded or the worker sends no news (progress of its downloads, ready) for
 * the configured timeout: a slow link still gets there, a runtime that hangs (a
 * Content-Security-Policy without 'wasm-unsafe-eval') does not keep the reader waiting.
 *
 * Works with and without Material's navigation.instant: it starts from document$ when the
 * theme provides it. One worker serves the whole visit.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !script.src) return;
  // Every URL is found from this script's own URL, so the site works under any sub-path: the
  // worker sits beside it; the widget's configuration gives the Pyodide runtime's folder and
  // the wizard's (wheel, lock file, snapshot) relative to it. Both are versioned folders.
  // Read it now: script.src follows the document's URL, which instant navigation changes.
  var SCRIPT_URL = script.src;
  var WORKER_URL = new URL("worker.js", SCRIPT_URL).href;

  /* ---- the Python runtime (one per visit) ------------------------------------------- */

  var runtime = {
    state: "idle", worker: null, ms: null, via: null, error: null, timer: null, timeout: 0,
    seq: 0, replies: {}, listeners: [],
  };

  function settle(state, detail) {
    if (runtime.state === "ready" || runtime.state === "failed") return;
    clearTimeout(runtime.timer);
    runtime.state = state;
    if (state === "ready") runtime.ms = detail;
    else {
      runtime.error = detail;
      if (runtime.worker) runtime.worker.terminate();
      runtime.worker = null;
    }
    var listeners = runtime.listeners;
    runtime.listeners = [];
    listeners.forEach(function (listener) { listener(); });
  }

  // Gives up when the worker has not been heard from for `timeout` ms (again from now on).
  function watch(timeout) {
    clearTimeout(runtime.timer);
    if (runtime.state !== "loading") return;
    runtime.timeout = timeout;
    runtime.timer = setTimeout(function () {
      settle("failed", "no news from the worker for " + timeout + " ms");
    }, timeout);
  }

  function whenSettled(listener) {
    if (runtime.state === "ready" || runtime.state === "failed") listener();
    else runtime.listeners.push(listener);
  }

  function startRuntime(config) {
    if (runtime.state !== "idle") return;
    runtime.state = "loading";
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      settle("failed", "WebAssembly or Web Workers are not available");
      return;
    }
    var worker;
    try {
      worker = new Worker(WORKER_URL, { type: "module" });
    } catch (error) {
      settle("failed", String(error));
      return;
    }
    runtime.worker = worker;
    worker.addEventListener("message", function (event) {
      var message = event.data || {};
      if (message.type === "progress") watch(runtime.timeout);
      else if (message.type === "ready") {
        runtime.via = message.via;
        settle("ready", message.ms);
      }
      else if (message.type === "failed") settle("failed", message.message);
      else if (message.type === "cached") {
        // A snapshot given up for a slow link is now in the browser's cache (next visit).
        if (current && current.root.isConnected) current.root.setAttribute("data-snapshot-cached", "");
      }
      else if (message.type === "step") {
        var reply = runtime.replies[message.id];
        delete runtime.replies[message.id];
        if (reply) reply(message.result);
      }
    });
    worker.addEventListener("error", function (event) {
      settle("failed", (event && event.message) || "the wizard's worker could not start");
    });
    var paths = config.runtime || {};
    worker.postMessage({
      type: "start",
      indexURL: new URL(paths.index || "../pyodide/", SCRIPT_URL).href,
      appURL: new URL(paths.app || paths.index || "../pyodide/", SCRIPT_URL).href,
      packageName: config["package"],
      lang: config.lang,
    });
  }

  function ask(widget, query, reply) {
    var id = ++runtime.seq;
    runtime.replies[id] = reply;
    runtime.worker.postMessage({
      type: "step",
      id: id,
      answers: JSON.stringify(Array.from(new URLSearchParams(query))),
      lang: widget.config.lang,
      directoryUrls: widget.config.directoryUrls,
      sections: JSON.stringify(widget.config.sections || {}),
    });
    return id;
  }

  /* ---- one widget on the current page ----------------------------------------------- */

  var current = null;

  function part(widget, name) {
    return widget.root.querySelector(".csp-wizard__" + name);
  }

  function setState(widget, state) {
    var root = widget.root;
    root.setAttribute("data-wizard-state", state);
    part(widget, "live").hidden = state === "fallback";
    part(widget, "fallback").hidden = state !== "fallback";
    root.querySelectorAll("[data-notice]").forEach(function (notice) {
      notice.hidden = state !== "fallback" || notice.getAttribute("data-notice") !== "failed";
    });
  }

  function announce(widget, text) {
    var status = part(widget, "status");
    if (!status) return;
    // Until the first answer is shown, a message keeps the room the one before it took (the
    // loading message is in the HTML), so nothing on the page moves when the runtime becomes
    // ready: no layout shift. The first render after that gives the room back.
    if (!widget.rendered && status.textContent && text) {
      status.style.minHeight = status.getBoundingClientRect().height + "px";
    }
    status.textContent = text || "";
  }

  function fallback(widget) {
    announce(widget, "");
    setState(widget, "fallback");
  }

  function linkQueries(widget) {
    widget.root.querySelectorAll("a[data-query]").forEach(function (link) {
      link.href = location.pathname + link.getAttribute("data-query");
    });
  }

  function render(widget, data, focus) {
    if (!data || data.status === "failed") {
      if (data && data.message) console.error("csp-wizard:", data.message);
      fallback(widget);
      return;
    }
    if (location.search !== data.query) {
      // Keep only the usable answers in the address bar (a tampered or outdated link).
      history.replaceState(history.state, "", location.pathname + data.query + location.hash);
    }
    widget.rendered = true;
    part(widget, "status").style.minHeight = "";
    announce(widget, "");
    var alert = part(widget, "alert");
    alert.innerHTML = "";
    if (data.html.alert) alert.innerHTML = data.html.alert;
    part(widget, "answers-slot").innerHTML = data.html.answers;
    var main = part(widget, "main");
    main.innerHTML = data.html.main;
    main.hidden = false;
    linkQueries(widget);
    var preselect = widget.preselect;
    widget.preselect = null;
    if (data.status === "question" && preselect && preselect.id === data.question.id) {
      var radio = main.querySelector('input[type="radio"][value="' + CSS.escape(preselect.value) + '"]');
      if (radio) radio.checked = true;
    }
    widget.root.removeAttribute("aria-busy");
    if (focus) {
      var target = main.querySelector(data.status === "question" ? ".csp-wizard__prompt" : ".csp-wizard__result-title");
      if (target) {
        // Firefox (153) does not focus the <legend> prompt inserted in this same task until it
        // has been laid out; reading its size lays it out.
        target.getBoundingClientRect();
        target.focus();
      }
    }
  }

  function route(widget, focus) {
    if (runtime.state !== "ready") {
      widget.waiting = widget.waiting || focus;
      if (runtime.state !== "failed") announce(widget, widget.config.ui.routing);
      return;
    }
    widget.root.setAttribute("aria-busy", "true");
    var id = ask(widget, location.search, function (result) {
      if (current !== widget || !widget.root.isConnected || widget.request !== id) return;
      var data;
      try {
        data = JSON.parse(result);
      } catch (error) {
        data = { status: "failed", message: String(error) };
      }
      render(widget, data, focus);
    });
    widget.request = id;
  }

  function navigate(widget, query) {
    history.pushState(null, "", location.pathname + query);
    route(widget, true);
  }

  function submit(widget, form) {
    var chosen = form.querySelector('input[type="radio"]:checked');
    var invalid = form.querySelector(".csp-wizard__invalid");
    var fieldset = form.querySelector("fieldset");
    if (!chosen) {
      invalid.hidden = false;
      fieldset.setAttribute("aria-describedby", invalid.id + " " + fieldset.getAttribute("aria-describedby").replace(invalid.id, "").trim());
      var first = form.querySelector('input[type="radio"]');
      if (first) first.focus();
      return;
    }
    invalid.hidden = true;
    var query = new URLSearchParams(new FormData(form)).toString();
    navigate(widget, query ? "?" + query : "");
  }

  function copySummary(widget, button) {
    var result = button.closest(".csp-wizard__result");
    var box = result.querySelector(".csp-wizard__copy");
    var text = result.querySelector(".csp-wizard__summary");
    function failed() {
      box.hidden = false;
      text.focus();
      text.select();
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      announce(widget, copied ? widget.config.ui.copied : widget.config.ui.copy_failed);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text.value).then(function () {
        announce(widget, "");
        announce(widget, widget.config.ui.copied);
      }, failed);
    } else failed();
  }

  function mount(root) {
    if (current && current.root === root) return;
    var config;
    try {
      config = JSON.parse(root.getAttribute("data-wizard-config"));
    } catch (error) {
      return;
    }
    var widget = { root: root, config: config, preselect: null, waiting: false, request: 0, rendered: false };
    current = widget;
    setState(widget, "static");

    root.addEventListener("submit", function (event) {
      var form = event.target.closest(".csp-wizard__question");
      if (!form) return;
      event.preventDefault();
      submit(widget, form);
    });
    root.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-query]");
      if (link && root.contains(link)) {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        event.stopPropagation(); // not an instant-navigation page load: same page, other answers
        widget.preselect = link.hasAttribute("data-change")
          ? { id: link.getAttribute("data-change"), value: link.getAttribute("data-value") }
          : null;
        navigate(widget, link.getAttribute("data-query"));
        return;
      }
      var action = event.target.closest("button[data-action]");
      if (!action) return;
      if (action.getAttribute("data-action") === "copy") copySummary(widget, action);
      else if (action.getAttribute("data-action") === "print") window.print();
    });

    var answered = new URLSearchParams(location.search).toString() !== "";
    if (answered) {
      // A shared or bookmarked link: the static first question is not the current one.
      part(widget, "main").hidden = true;
      widget.waiting = true;
    }
    linkQueries(widget);

    startRuntime(config);
    if (runtime.state !== "ready" && runtime.state !== "failed") {
      announce(widget, answered ? config.ui.routing : config.ui.loading);
    }
    watch(config.timeout);
    whenSettled(function () {
      if (current !== widget || !root.isConnected) return;
      if (runtime.state === "failed") {
        console.warn("csp-wizard: falling back to the decision table:", runtime.error);
        fallback(widget);
        return;
      }
      root.setAttribute("data-ready-ms", String(runtime.ms));
      root.setAttribute("data-ready-via", runtime.via || "");
      setState(widget, "ready");
      announce(widget, config.ui.ready);
      if (widget.waiting) route(widget, true);
    });
  }

  window.addEventListener("popstate", function () {
    if (current && current.root.isConnected && current.root.getAttribute("data-wizard-state") !== "fallback") {
      current.preselect = null;
      route(current, true);
    }
  });

  function scan() {
    var root = document.getElementById("csp-wizard");
    if (root) mount(root);
    else current = null;
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(scan);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", scan);
  } else {
    scan();
  }
})();
