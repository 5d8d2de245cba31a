/* The browser wizard: shows what wizard.browser (Python, in Pyodide, in a module Web Worker)
 * returns and keeps the URL in step. It makes no routing decision: the answers live in the
 * query string (keys are the engine's question ids), a question is a form whose fields are the
 * answers so far plus the new one, and every "change", "back" and "start again" link carries
 * the query string Python gave it.
 *
 * Two sources of the same step data, both wizard.browser.step: the state table, every
 * reachable step rendered by the build (one JSON file per step and locale, named after the
 * query string: macros/hooks/state_table.py), and Python itself in Pyodide for anything else
 * (a tampered or old link). A step is taken from the table only when the file's own query is
 * the address bar's; otherwise, or when there is no such file, Python answers. On a slow link
 * or with Save-Data, Python is loaded only when a step needs it; otherwise it warms up in the
 * background once the first step is shown.
 *
 * States of the widget root (data-wizard-state): "fallback" in the HTML (no JavaScript),
 * "static" as soon as a script runs (steps come from the state table), "ready" once Python
 * answers too, "fallback" again when a step needs Python and it cannot start: WebAssembly is
 * missing or refused, the worker script is refused, the runtime's files fail, or no byte and
 * no news arrives for the configured timeout (a slow link that is still delivering gets
 * there). The notice names that cause (data-cause). data-answered-by says which source gave
 * the step shown ("table" or "python").
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
  // The queries the state table can hold: key=value pairs of ids (macros/hooks/state_table.py,
  // KEY). Anything else is not looked up.
  var STATE_QUERY = /^(\?[\w-]+=[\w-]+(&[\w-]+=[\w-]+)*)?$/;
  // A step that takes longer than this gets a visible message beside the control pressed.
  var PENDING_NOTE_MS = 300;

  /* ---- the Python runtime (one per visit) ------------------------------------------- */

  var runtime = {
    state: "idle", worker: null, ms: null, via: null, error: null, cause: null, timer: null,
    timeout: 0, alive: false, bytes: 0, seq: 0, replies: {}, listeners: [],
  };

  // cause: "wasm" (WebAssembly missing or refused), "worker" (the worker script refused or
  // missing), "timeout" (no news), "load" (the runtime's files failed).
  function settle(state, detail, cause) {
    if (runtime.state === "ready" || runtime.state === "failed") return;
    clearTimeout(runtime.timer);
    runtime.state = state;
    if (state === "ready") runtime.ms = detail;
    else {
      runtime.error = detail;
      runtime.cause = cause || "load";
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
      settle("failed", "no news from the worker for " + timeout + " ms", runtime.alive ? "timeout" : "worker");
    }, timeout);
  }

  function whenSettled(listener) {
    if (runtime.state === "ready" || runtime.state === "failed") listener();
    else runtime.listeners.push(listener);
  }

  function startRuntime(config) {
    if (runtime.state !== "idle") return;
    runtime.state = "loading";
    if (current) current.root.setAttribute("data-python-start", "started");
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      settle("failed", "WebAssembly or Web Workers are not available", "wasm");
      return;
    }
    var worker;
    try {
      worker = new Worker(WORKER_URL, { type: "module" });
    } catch (error) {
      settle("failed", String(error), "worker");
      return;
    }
    runtime.worker = worker;
    watch(config.timeout);
    worker.addEventListener("message", function (event) {
      var message = event.data || {};
      runtime.alive = true;
      if (message.type === "progress") {
        // Python's own start-up sends no news while it runs: allow it longer than a download.
        watch(message.phase === "start" ? 4 * config.timeout : config.timeout);
        if (message.bytes) {
          runtime.bytes = message.bytes;
          if (current && current.waiting) waitingNote(current);
        }
      }
      else if (message.type === "alive") watch(config.timeout);
      else if (message.type === "ready") {
        runtime.via = message.via;
        settle("ready", message.ms);
      }
      else if (message.type === "failed") settle("failed", message.message, message.cause);
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
      // Before the worker's first message: its script was refused (a type other than
      // JavaScript, missing, blocked); afterwards an error inside it.
      settle("failed", (event && event.message) || "the wizard's worker could not start",
        runtime.alive ? "load" : "worker");
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

  /* ---- the state table (every reachable step, rendered at build time) ----------------- */

  var states = { memory: {}, cache: null };

  // The site's own cache (Cache API, secure contexts only), named after the table's folder
  // (a digest of its content): a repeat visit needs no network for a step it has seen or
  // fetched ahead, whatever the host's cache headers. Older tables' caches are dropped.
  // Opening it takes 50 to 300 ms on a first visit, so it is only waited for when this
  // browser has put something in it before (a flag in localStorage says so); otherwise the
  // network answers at once and the cache is filled alongside.
  var STORED_FLAG = "csp-wizard-states";

  function cacheName(config) {
    return "csp-wizard-states-" + String(config.states).split("/").filter(Boolean).pop();
  }

  function storedBefore(config) {
    try {
      return localStorage.getItem(STORED_FLAG) === cacheName(config);
    } catch (error) {
      return false; // storage blocked
    }
  }

  function stateCache(config) {
    if (!states.cache) {
      var name = cacheName(config);
      states.cache = (typeof caches === "object" && caches ? caches.open(name) : Promise.resolve(null))
        .then(function (cache) {
          if (cache) {
            caches.keys().then(function (names) {
              names.forEach(function (old) {
                if (old !== name && old.indexOf("csp-wizard-states-") === 0) caches["delete"](old);
              });
            }).catch(function () {});
          }
          return cache;
        })
        .catch(function () { return null; });
    }
    return states.cache;
  }

  function keepState(config, url, text) {
    stateCache(config).then(function (cache) {
      if (!cache) return;
      return cache.put(url, new Response(text, { headers: { "Content-Type": "application/json" } }))
        .then(function () {
          try {
            localStorage.setItem(STORED_FLAG, cacheName(config));
          } catch (error) { /* storage blocked: the cache is used on no later visit */ }
        });
    }).catch(function () {});
  }

  // The file of a query: "?a=b&c=d" is <states>/<lang>/a=b/c=d.json, no answers index.json.
  function stateURL(config, query) {
    if (!config.states || !STATE_QUERY.test(query)) return null;
    if (config.stateKeys && config.stateKeys.indexOf(query) < 0) return null;
    var file = query ? query.slice(1).split("&").join("/") + ".json" : "index.json";
    return new URL(config.states + config.lang + "/" + file, SCRIPT_URL).href;
  }

  function loadState(config, url) {
    var kept = storedBefore(config)
      ? stateCache(config).then(function (cache) { return cache ? cache.match(url) : null; })
      : Promise.resolve(null);
    return kept.then(function (hit) {
      if (hit) return hit.json();
      return fetch(url).then(function (response) {
        if (!response.ok) return null;
        return response.text().then(function (text) {
          var data = JSON.parse(text); // a host's HTML error page is not kept
          keepState(config, url, text);
          return data;
        });
      });
    }).catch(function () { return null; });
  }

  // The step data the build rendered for `query`, or null: not in the table, or the file is
  // not that query's own step (so Python decides).
  function fromTable(config, query) {
    var url = stateURL(config, query);
    if (!url) return Promise.resolve(null);
    if (!states.memory[url]) {
      states.memory[url] = loadState(config, url);
      states.memory[url].then(function (data) { if (!data) delete states.memory[url]; });
    }
    return states.memory[url].then(function (data) {
      return data && data.query === query && data.lang === config.lang && !data.error ? data : null;
    });
  }

  // What the form would submit for one of its options: the answers so far, then that one.
  function formQuery(form, radio) {
    var params = new URLSearchParams();
    form.querySelectorAll('input[type="hidden"]').forEach(function (input) {
      params.append(input.name, input.value);
    });
    params.append(radio.name, radio.value);
    return "?" + params.toString();
  }

  // The steps one tap away (each option, each "change", "back", "start again") and two taps
  // away, fetched while the reader reads; then, on a fast link, Python warms up.
  function prefetch(widget) {
    var root = widget.root;
    var queries = [];
    var form = root.querySelector(".csp-wizard__question");
    if (form) {
      form.querySelectorAll('input[type="radio"]').forEach(function (radio) {
        queries.push(formQuery(form, radio));
      });
    }
    root.querySelectorAll("a[data-query]").forEach(function (link) {
      queries.push(link.getAttribute("data-query"));
    });
    return Promise.all(queries.map(function (query) { return fromTable(widget.config, query); }))
      .then(function (found) {
        // Then the steps two taps away (each next question's options), so that a reader who
        // answers quickly still finds the next step here while Python downloads alongside.
        var further = [];
        found.forEach(function (data) {
          if (!data || data.status !== "question") return;
          data.question.options.forEach(function (option) {
            var params = new URLSearchParams(data.query);
            params.append(data.question.id, option.value);
            further.push("?" + params.toString());
          });
        });
        return Promise.all(further.map(function (query) { return fromTable(widget.config, query); }));
      });
  }

  // Work the step on screen does not need (fetching ahead, starting Python) waits until the
  // browser has painted it, so that on a slow CPU its setup does not delay the step itself.
  function afterPaint(work) {
    if (typeof requestAnimationFrame === "function") requestAnimationFrame(function () { setTimeout(work, 0); });
    else setTimeout(work, 0);
  }

  // Whether to start Python before a step needs it: not with Save-Data or on a link the
  // browser rates 2g or 3g, and not when the page's own larger files arrived slower than
  // 5 Mbit/s (the best rate of those above 16 KB, time from first to last byte, so the round
  // trip does not count). navigator.connection.downlink is not used: with no samples yet
  // Chromium reports 1.35 Mbit/s whatever the link.
  function fastLink() {
    var connection = navigator.connection;
    if (connection && connection.saveData) return false;
    if (connection && /2g|3g/.test(connection.effectiveType || "")) return false;
    if (!performance.getEntriesByType) return true;
    var best = null;
    performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource"))
      .forEach(function (entry) {
        var ms = entry.responseEnd - entry.responseStart;
        if (entry.transferSize > 16384 && ms > 0) {
          var mbit = (8 * entry.transferSize) / ms / 1000;
          if (best === null || mbit > best) best = mbit;
        }
      });
    return best === null || best >= 5;
  }

  // A reader (or a test on a loaded machine, where the timings above mislead) can ask for
  // Python at once: localStorage "csp-wizard-warm-up" = "always". The page records in
  // data-python-start whether Python was started ("started") or waits for a step that needs
  // it ("deferred"), for whoever looks into a slow start.
  function warmUpAlways() {
    try { return localStorage.getItem("csp-wizard-warm-up") === "always"; } catch (e) { return false; }
  }

  function warmUp(widget) {
    if (runtime.state !== "idle") return;
    if (!warmUpAlways() && !fastLink()) {
      widget.root.setAttribute("data-python-start", "deferred");
      return;
    }
    var start = function () {
      if (current === widget && runtime.state === "idle") startRuntime(widget.config);
    };
    if (typeof requestIdleCallback === "function") requestIdleCallback(start, { timeout: 1000 });
    else setTimeout(start, 100);
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
    // The notice names the cause; WebAssembly when none is known.
    var cause = root.querySelector('[data-cause="' + (runtime.cause || "wasm") + '"]') ? runtime.cause || "wasm" : "wasm";
    root.querySelectorAll("[data-cause]").forEach(function (paragraph) {
      paragraph.hidden = paragraph.getAttribute("data-cause") !== cause;
    });
    if (state === "fallback") root.setAttribute("data-fallback-cause", cause);
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
    widget.pending = false;
    release(widget);
    announce(widget, "");
    setState(widget, "fallback");
  }

  function linkQueries(widget) {
    widget.root.querySelectorAll("a[data-query]").forEach(function (link) {
      link.href = location.pathname + link.getAttribute("data-query");
    });
  }

  function render(widget, data, focus, source) {
    widget.pending = false;
    release(widget);
    if (!data || data.status === "failed") {
      if (data && data.message) console.error("csp-wizard:", data.message);
      fallback(widget);
      return;
    }
    if (location.search !== data.query) {
      // Keep only the usable answers in the address bar (a tampered or outdated link).
      history.replaceState(history.state, "", location.pathname + data.query + location.hash);
    }
    var first = !widget.rendered;
    widget.rendered = true;
    part(widget, "status").style.minHeight = "";
    announce(widget, first && !widget.announced ? widget.config.ui.ready : "");
    widget.announced = true;
    widget.root.setAttribute("data-answered-by", source);
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
    afterPaint(function () {
      if (current === widget) prefetch(widget).then(function () { warmUp(widget); });
    });
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

  function live(widget, id) {
    return current === widget && widget.root.isConnected && widget.request === id;
  }

  // The step of the address bar's query: from the state table, else from Python.
  function route(widget, focus) {
    var query = location.search;
    var id = ++runtime.seq;
    widget.request = id;
    widget.root.setAttribute("aria-busy", "true");
    fromTable(widget.config, query).then(function (data) {
      if (!live(widget, id)) return;
      if (data) render(widget, data, focus, "table");
      else viaPython(widget, query, focus, id);
    });
  }

  function viaPython(widget, query, focus, id) {
    if (runtime.state === "failed") {
      fallback(widget);
      return;
    }
    if (runtime.state !== "ready") {
      widget.waiting = { focus: focus, id: id };
      startRuntime(widget.config); // a step needs Python now, whatever the link
      if (runtime.state !== "failed") waitingNote(widget);
      return;
    }
    widget.waiting = null;
    var ask_id = ask(widget, query, function (result) {
      if (!live(widget, id) || widget.asked !== ask_id) return;
      var data;
      try {
        data = JSON.parse(result);
      } catch (error) {
        data = { status: "failed", message: String(error) };
      }
      render(widget, data, focus, "python");
    });
    widget.asked = ask_id;
  }

  // While a step waits for Python: say so, with the bytes received once they are counted.
  function waitingNote(widget) {
    var ui = widget.config.ui;
    var text = ui.routing;
    if (runtime.bytes && ui.routing_download) {
      var size = new Intl.NumberFormat(widget.config.lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 })
        .format(runtime.bytes / 1e6);
      text = ui.routing_download.replace("%(size)s", size);
    }
    announce(widget, text);
    if (widget.pressed) note(widget, text);
  }

  /* ---- feedback on a tap ------------------------------------------------------------ */

  // The pressed control shows at once that it works; if the step takes longer than
  // PENDING_NOTE_MS, a message appears beside it (where the reader is looking).
  function press(widget, control) {
    release(widget);
    if (!control) return;
    widget.pressed = control;
    control.classList.add("csp-wizard__pressed");
    widget.noteTimer = setTimeout(function () {
      if (widget.pressed === control) note(widget, part(widget, "status").textContent || widget.config.ui.routing);
    }, PENDING_NOTE_MS);
  }

  function note(widget, text) {
    var control = widget.pressed;
    if (!control || !control.isConnected) return;
    if (!widget.note) {
      widget.note = document.createElement("p");
      widget.note.className = "csp-wizard__note";
      widget.note.setAttribute("aria-hidden", "true"); // the status line announces it
    }
    widget.note.textContent = text;
    var after = control.closest(".csp-wizard__actions, .csp-wizard__answer, .csp-wizard__restart-line") || control;
    if (widget.note.previousElementSibling !== after) after.insertAdjacentElement("afterend", widget.note);
  }

  function release(widget) {
    clearTimeout(widget.noteTimer);
    if (widget.pressed) {
      widget.pressed.classList.remove("csp-wizard__pressed");
    }
    widget.pressed = null;
    if (widget.note && widget.note.parentNode) widget.note.parentNode.removeChild(widget.note);
  }

  // A tap while a step is still loading replaces that step's history entry: no extra
  // entries, and Back goes to the step before.
  function navigate(widget, query, control) {
    if (widget.pending && query === location.search) return;
    var url = location.pathname + query;
    if (widget.pending) history.replaceState(null, "", url);
    else history.pushState(null, "", url);
    widget.pending = true;
    press(widget, control);
    route(widget, true);
  }

  function submit(widget, form, control) {
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
    navigate(widget, formQuery(form, chosen), control || form.querySelector('button[type="submit"]'));
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
    if (performance.mark) performance.mark("csp-wizard:mount"); // for make bench
    var widget = {
      root: root, config: config, preselect: null, waiting: null, request: 0, asked: 0, rendered: false,
      announced: false, pending: false, pressed: null, note: null, noteTimer: null,
    };
    current = widget;
    setState(widget, "static");

    root.addEventListener("submit", function (event) {
      var form = event.target.closest(".csp-wizard__question");
      if (!form) return;
      event.preventDefault();
      submit(widget, form, event.submitter);
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
        navigate(widget, link.getAttribute("data-query"), link);
        return;
      }
      var action = event.target.closest("button[data-action]");
      if (!action) return;
      if (action.getAttribute("data-action") === "copy") copySummary(widget, action);
      else if (action.getAttribute("data-action") === "print") window.print();
    });

    var answered = new URLSearchParams(location.search).toString() !== "";
    linkQueries(widget);
    whenSettled(function () {
      if (current !== widget || !root.isConnected) return;
      if (runtime.state === "failed") {
        console.warn("csp-wizard: Python could not start (" + runtime.cause + "):", runtime.error);
        root.setAttribute("data-runtime-failed", runtime.cause || "");
        // Only a step that needs Python falls back; the state table keeps answering the rest.
        if (widget.waiting) fallback(widget);
        return;
      }
      root.setAttribute("data-ready-ms", String(runtime.ms));
      root.setAttribute("data-ready-via", runtime.via || "");
      setState(widget, "ready");
      if (!widget.announced) announce(widget, config.ui.ready);
      widget.announced = true;
      var waiting = widget.waiting;
      widget.waiting = null;
      if (waiting && live(widget, waiting.id)) viaPython(widget, location.search, waiting.focus, waiting.id);
    });
    if (answered) {
      // A shared or bookmarked link: the static first question is not the current one.
      part(widget, "main").hidden = true;
      announce(widget, config.ui.routing);
      route(widget, true);
    } else if (config.states) {
      // The first question is in the page and every step after it is in the table.
      announce(widget, config.ui.ready);
      widget.announced = true;
      prefetch(widget).then(function () { warmUp(widget); });
    } else {
      startRuntime(config);
    }
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

  // The widget is in the page before this script: mount it now rather than when the theme's
  // document$ first fires (after the theme's own start-up, hundreds of ms later on a slow link
  // or CPU), so a deep link's step is asked for at once. document$ then finds it mounted.
  if (document.getElementById("csp-wizard")) scan();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(scan);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", scan);
  } else {
    scan();
  }
})();
