// nl preview: switches editions, lists findings, and follows the server's events.
"use strict";

const draft = document.body.dataset.draft;
const base = `/d/${draft}/`;
const frames = {
  web: [document.getElementById("web")],
  email: [document.getElementById("email-600"), document.getElementById("email-375")],
};
let shown = { rendered: -1, print: null };
let marked = null;

// The paragraph's words, as the server computes them from the draft (editions.words).
function words(text) {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

function show(view) {
  for (const tab of document.querySelectorAll("[role=tab]")) {
    tab.setAttribute("aria-selected", String(tab.dataset.view === view));
  }
  for (const panel of document.querySelectorAll(".view")) {
    panel.hidden = panel.id !== `view-${view}`;
  }
}

// Load an edition into a frame again, where the reader was.
function reload(frame, name) {
  const win = frame.contentWindow;
  const x = win && frame.src ? win.scrollX : 0;
  const y = win && frame.src ? win.scrollY : 0;
  frame.addEventListener(
    "load",
    () => {
      addMarkStyle(frame);
      frame.contentWindow.scrollTo(x, y);
      frame.dataset.rendered = String(shown.rendered);
    },
    { once: true },
  );
  frame.src = `${base}${name}?v=${shown.rendered}`;
}

function addMarkStyle(frame) {
  const doc = frame.contentDocument;
  if (!doc || !doc.head) return;
  const style = doc.createElement("style");
  style.textContent =
    ".nl-preview-mark { outline: 3px solid #d08a00; outline-offset: 4px; background: #fff3d6; }";
  doc.head.appendChild(style);
}

async function loadText() {
  const answer = await fetch(`${base}text?v=${shown.rendered}`, { cache: "no-store" });
  if (answer.ok) document.getElementById("text").textContent = await answer.text();
}

function paragraphs(doc, anchor) {
  const blocks = doc.querySelectorAll("p, li, h1, h2, h3, h4, h5, h6, pre, figcaption, td, th, dt, dd");
  const same = [...blocks].filter((el) => words(el.textContent) === anchor);
  const found = same.length ? same : [...blocks].filter((el) => words(el.textContent).startsWith(anchor));
  // a list item holding a matching paragraph counts once
  return found.filter((el) => !found.some((other) => other !== el && el.contains(other)));
}

function choose(finding, item) {
  for (const li of document.querySelectorAll("#findings li")) li.classList.remove("chosen");
  item.classList.add("chosen");
  if (!finding.anchor) return;
  show("web");
  const frame = frames.web[0];
  if (frame.dataset.rendered !== String(shown.rendered)) {
    // the new render is still loading: mark the paragraph in it, not in the old one
    frame.addEventListener("load", () => choose(finding, item), { once: true });
    return;
  }
  const doc = frame.contentDocument;
  if (!doc) return;
  if (marked) marked.classList.remove("nl-preview-mark");
  const found = paragraphs(doc, finding.anchor);
  const target = found[Math.min(finding.occurrence, found.length - 1)];
  if (!target) return;
  target.classList.add("nl-preview-mark");
  target.scrollIntoView({ block: "center" });
  marked = target;
}

function listFindings(state) {
  const list = document.getElementById("findings");
  list.replaceChildren();
  for (const finding of state.findings) {
    const item = document.createElement("li");
    item.className = finding.severity;
    item.tabIndex = 0;
    item.dataset.rule = finding.rule;
    const rule = document.createElement("span");
    rule.className = "rule";
    rule.textContent = finding.rule;
    const where = document.createElement("span");
    where.className = "where";
    where.textContent = `${finding.severity} ${finding.where}`;
    const message = document.createElement("span");
    message.className = "message";
    message.textContent = finding.message;
    item.append(rule, where, message);
    item.addEventListener("click", () => choose(finding, item));
    item.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") choose(finding, item);
    });
    list.append(item);
  }
  const count = state.findings.length;
  const stale = state.errors.length ? ", of the last good render" : "";
  document.getElementById("finding-count").textContent = `(${count}${stale})`;
  const warnings = document.getElementById("warnings");
  warnings.replaceChildren();
  for (const text of [...state.warnings, ...state.print.warnings]) {
    const li = document.createElement("li");
    li.textContent = text;
    warnings.append(li);
  }
}

function showPrint(state) {
  const status = document.getElementById("print-status");
  const pages = document.getElementById("pages");
  const count = document.getElementById("page-count");
  const print = state.print;
  if (!print.ready) {
    status.textContent = "Rendering the print edition…";
    count.textContent = "";
    return;
  }
  if (print.errors.length) {
    status.textContent = print.errors.join("\n");
    count.textContent = "";
    pages.replaceChildren();
    return;
  }
  const key = `${state.rendered}:${print.pages}`;
  count.textContent = `(${print.pages})`;
  status.textContent = `${print.pages} page${print.pages === 1 ? "" : "s"}`;
  if (shown.print === key) return;
  shown.print = key;
  const images = [];
  for (let n = 1; n <= print.pages; n++) {
    const img = document.createElement("img");
    img.src = `${base}print/${n}.png?v=${state.rendered}`;
    img.alt = `Page ${n}`;
    images.push(img);
  }
  pages.replaceChildren(...images);
}

async function refresh() {
  const answer = await fetch(`${base}state`, { cache: "no-store" });
  if (!answer.ok) return;
  const state = await answer.json();
  document.getElementById("title").textContent = state.title;
  document.title = `${state.title} · nl preview`;
  const error = document.getElementById("error");
  error.hidden = state.errors.length === 0;
  error.textContent = state.errors.join("\n");
  document.getElementById("status").textContent = state.errors.length
    ? "showing the last good render"
    : "up to date";
  if (state.rendered !== shown.rendered && state.rendered > 0) {
    shown.rendered = state.rendered;
    marked = null;
    reload(frames.web[0], "web");
    for (const frame of frames.email) reload(frame, "email");
    loadText();
  }
  document.body.dataset.version = String(state.version);
  listFindings(state);
  showPrint(state);
}

for (const tab of document.querySelectorAll("[role=tab]")) {
  tab.addEventListener("click", () => show(tab.dataset.view));
}

const events = new EventSource("/events");
for (const kind of ["update", "print"]) {
  events.addEventListener(kind, (event) => {
    if (String(JSON.parse(event.data).draft) === draft) refresh();
  });
}
events.addEventListener("open", refresh);
refresh();
