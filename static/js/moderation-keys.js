// Keyboard moderation in the comment queue, as in WordPress: j/k move, a approves, s marks
// as spam, r opens the reply form, h shows the shortcuts. Without this module every row's
// buttons and links work as plain forms; with it, a decision is sent in the background and
// the row leaves the queue without a page load.

const KEYS = { a: "approve", s: "spam" };

function rows() {
  return [...document.querySelectorAll("tbody tr")].filter((row) =>
    row.querySelector("[data-moderation-link]"),
  );
}

function current() {
  return document.querySelector("tr[data-moderation-current]");
}

function select(row) {
  const previous = current();
  if (previous) previous.removeAttribute("data-moderation-current");
  if (!row) return;
  row.setAttribute("data-moderation-current", "");
  row.scrollIntoView({ block: "nearest" });
  row.querySelector("[data-moderation-link]").focus({ preventScroll: true });
}

function move(step) {
  const all = rows();
  if (!all.length) return;
  const index = all.indexOf(current());
  const next = index === -1 ? 0 : Math.min(Math.max(index + step, 0), all.length - 1);
  select(all[next]);
}

function announce(text) {
  let region = document.getElementById("moderation-keys-status");
  if (!region) {
    region = document.createElement("p");
    region.id = "moderation-keys-status";
    region.className = "w-sr-only";
    region.setAttribute("role", "status");
    document.querySelector("main")?.prepend(region);
  }
  region.textContent = text;
}

async function decide(row, action) {
  const button = row.querySelector(`[data-moderation-action="${action}"]`);
  if (!button) return;
  const form = button.form;
  const response = await fetch(form.action, {
    method: "POST",
    body: new FormData(form),
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  });
  if (!response.ok) {
    form.submit(); // let the server's own answer (an error page or a login) show
    return;
  }
  const { message } = await response.json();
  const all = rows();
  const next = all[all.indexOf(row) + 1] || all[all.indexOf(row) - 1];
  row.remove();
  select(next);
  announce(message);
}

function reply(row) {
  const form = row.querySelector("[data-moderation-reply]");
  if (!form) return;
  form.hidden = false;
  form.querySelector("textarea").focus();
}

function typing(target) {
  return target.closest("input, textarea, select, [contenteditable=true], dialog[open]");
}

function init() {
  if (!document.querySelector("[data-moderation-link]")) return;
  const help = document.getElementById("moderation-keys-help");
  const helpButton = document.querySelector("[data-moderation-keys-help]");
  if (help && helpButton) {
    helpButton.hidden = false;
    helpButton.addEventListener("click", () => help.showModal());
  }
  document.querySelectorAll("[data-moderation-reply-toggle]").forEach((link) => {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      reply(link.closest("tr"));
    });
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    const key = event.key;
    if (key === "j" || key === "k") {
      move(key === "j" ? 1 : -1);
    } else if (key in KEYS && current()) {
      decide(current(), KEYS[key]);
    } else if (key === "r" && current()) {
      reply(current());
    } else if (key === "h" && help) {
      help.showModal();
    } else {
      return;
    }
    event.preventDefault();
  });
}

init();
