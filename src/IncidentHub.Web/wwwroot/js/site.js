// IncidentHub's own script: local times, the browser's UTC offset for typed times, and live
// refresh of the parts of a page that others change. Pages work without it.
(() => {
  "use strict";

  const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

  // Times arrive in UTC (kept in the tooltip); show them in the viewer's time zone.
  function localizeTimes(root) {
    for (const time of root.querySelectorAll("time[datetime]")) {
      const value = new Date(time.dateTime);
      if (!Number.isNaN(value.getTime())) {
        time.textContent = dateTime.format(value);
      }
    }
    for (const input of root.querySelectorAll("input[type=datetime-local][data-utc]")) {
      if (!input.value && input.dataset.utc) {
        const value = new Date(input.dataset.utc);
        const local = new Date(value.getTime() - value.getTimezoneOffset() * 60000);
        input.value = local.toISOString().slice(0, 16);
      }
    }
    for (const offset of root.querySelectorAll("input[data-timezone-offset]")) {
      offset.value = String(new Date().getTimezoneOffset());
    }
  }

  // A form someone has typed into is theirs: live refresh leaves it alone, so its version stays
  // the one they started from and a stale submit is refused instead of overwriting.
  document.addEventListener("input", (event) => {
    const form = event.target instanceof Element ? event.target.closest("form") : null;
    if (form && form.method.toLowerCase() === "post") {
      form.dataset.dirty = "true";
    }
  });

  function isBusy(element) {
    const active = document.activeElement;
    return element.querySelector("form[data-dirty]") !== null
      || (active && active !== document.body && element.contains(active) && active.matches("input, select, textarea"));
  }

  async function refresh(source) {
    const response = await fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (!response.ok) {
      return;
    }
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    for (const region of document.querySelectorAll("[data-live]")) {
      const replacement = fresh.querySelector(`[data-live="${region.dataset.live}"]`);
      if (replacement && !isBusy(region)) {
        const imported = document.importNode(replacement, true);
        localizeTimes(imported);
        region.replaceWith(imported);
      }
    }
    // Forms outside the live parts still need the current version, unless someone is typing in them.
    for (const input of document.querySelectorAll("form:not([data-dirty]) input[type=hidden][name$='.Version'], form:not([data-dirty]) input[type=hidden][name$='.Seen']")) {
      const match = fresh.querySelector(`form[action="${input.form.getAttribute("action")}"] input[name="${input.name}"]`);
      if (match) {
        input.value = match.value;
      }
    }
    const freshSource = fresh.querySelector("[data-live-source]");
    if (freshSource && freshSource.dataset.revision) {
      source.dataset.revision = freshSource.dataset.revision;
    }
    measureStickyHeader();
    document.body.dataset.refreshed = String(Date.now());
  }

  function listen(source) {
    if (!("EventSource" in window)) {
      return;
    }
    let timer = null;
    const events = new EventSource(source.dataset.liveSource);
    events.addEventListener("changed", (event) => {
      const change = JSON.parse(event.data);
      const shown = Number(source.dataset.revision || "0");
      if (source.dataset.revision && change && change.revision <= shown) {
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(() => refresh(source), 150);
    });
    events.addEventListener("ready", () => { document.body.dataset.live = "connected"; });
  }

  // A move back, a reopening or a dismissal needs a reason: say so before the round trip.
  document.addEventListener("change", (event) => {
    if (event.target instanceof HTMLSelectElement && event.target.id === "phase-target") {
      const needsReason = event.target.selectedOptions[0]?.dataset.needsReason === "true";
      const reason = document.getElementById("phase-reason");
      if (reason) {
        reason.required = needsReason;
      }
    }
  });

  // The incident header sticks to the top and its height varies with the title and the screen;
  // anchor targets (#phase after a move) keep that much room above them (scroll-margin in site.css).
  function measureStickyHeader() {
    const header = document.querySelector(".incident-header");
    if (header) {
      document.documentElement.style.setProperty("--sticky-header", `${header.offsetHeight}px`);
    }
  }

  // The list's filters fold behind one control on a phone, so that the first incident shows on the
  // first screen; they stay open when some are set, and on wider screens they are always open.
  const narrow = window.matchMedia("(max-width: 40rem)");
  function foldFilters() {
    for (const fold of document.querySelectorAll("details[data-fold-narrow]")) {
      fold.open = !(narrow.matches && fold.dataset.foldNarrow === "true");
    }
  }

  // "External update due in 7 min": counted down here, so that the header turns to overdue without a reload.
  function duration(milliseconds) {
    const minutes = Math.floor(milliseconds / 60000);
    if (minutes >= 60) {
      return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
    }
    return minutes >= 1 ? `${minutes} min` : `${Math.floor(milliseconds / 1000)} s`;
  }
  function countDown() {
    for (const badge of document.querySelectorAll("[data-due]")) {
      const left = new Date(badge.dataset.due).getTime() - Date.now();
      const countdown = badge.querySelector(".countdown");
      if (countdown && !Number.isNaN(left)) {
        countdown.textContent = left < 0 ? `overdue by ${duration(-left)}` : `due in ${duration(left)}`;
        badge.classList.toggle("overdue", left < 0);
      }
    }
  }

  for (const button of document.querySelectorAll("[data-print]")) {
    button.addEventListener("click", () => window.print());
  }
  localizeTimes(document);
  countDown();
  window.setInterval(countDown, 15000);
  foldFilters();
  narrow.addEventListener("change", foldFilters);
  measureStickyHeader();
  window.addEventListener("resize", measureStickyHeader);
  if (window.location.hash.length > 1) {
    // The browser may have scrolled to the fragment before the measure above: scroll again with it.
    document.getElementById(decodeURIComponent(window.location.hash.slice(1)))?.scrollIntoView();
  }
  const source = document.querySelector("[data-live-source]");
  if (source) {
    listen(source);
  }
})();
