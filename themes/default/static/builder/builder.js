// The program builder page: a form over handout's own engine (WebAssembly, in
// engine.js) and this site's files (site.js). The engine checks doses and prints
// the PDF exactly as `handout sheet program.yaml` does; this script only keeps the
// form, writes the program file it describes, and hands files to the browser.
// Nothing is sent anywhere and nothing is stored: the page's policy forbids it.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const status = $("builder-status");
  const form = $("builder-form");
  const OK = 0;

  // The page's words, in the site's language, from the form's data-w-* attributes:
  // w("add-named", { title }) is data-w-add-named with {title} filled in.
  function w(name, values) {
    const key = "w" + name.split("-").map((p) => p[0].toUpperCase() + p.slice(1)).join("");
    let text = form.dataset[key] || name;
    for (const [k, v] of Object.entries(values || {})) text = text.split("{" + k + "}").join(String(v));
    return text;
  }
  // A count's words: the "one" form for 1, else the "other" form.
  const wn = (name, n, values) => w(name + (n === 1 ? "-one" : "-other"), { n, ...values });

  // ----- The engine: bytes in, bytes out (see wasm/src/lib.rs). -----
  let engine = null;
  const fromBase64 = (text) => {
    const raw = atob(text);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  };
  const utf8 = new TextEncoder();
  const fromUtf8 = new TextDecoder();

  function call(name, input) {
    const ptr = engine.input_buffer(input.length);
    new Uint8Array(engine.memory.buffer, ptr, input.length).set(input);
    const code = engine[name]();
    const out = new Uint8Array(engine.memory.buffer, engine.output_ptr(), engine.output_len()).slice();
    return { ok: code === OK, bytes: out };
  }
  const callText = (name, text) => call(name, utf8.encode(text));
  const messages = (answer) => JSON.parse(fromUtf8.decode(answer.bytes));

  // The engine comes gzipped; the browser inflates it, without any request.
  async function inflate(bytes) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  async function startEngine() {
    const module = await WebAssembly.compile(await inflate(fromBase64(self.HANDOUT_ENGINE)));
    // The engine needs nothing from the page; anything it imports is unused.
    const imports = {};
    for (const item of WebAssembly.Module.imports(module)) {
      imports[item.module] = imports[item.module] || {};
      imports[item.module][item.name] = () => {
        throw new Error("the engine called " + item.module + "." + item.name);
      };
    }
    const instance = await WebAssembly.instantiate(module, imports);
    engine = instance.exports;
    const opened = call("open_site", fromBase64(self.HANDOUT_SITE));
    if (!opened.ok) throw new Error(messages(opened).join("\n"));
    return JSON.parse(fromUtf8.decode(opened.bytes));
  }

  // ----- The form's state. -----
  let catalog = null;
  let bySlug = new Map();
  let fromCondition = null; // the condition slug a program started from
  let entries = []; // { slug, dose: {field: text}, note }

  const fold = (text) =>
    (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  function libraryDose(slug) {
    return Object.fromEntries(bySlug.get(slug).dose);
  }

  function say(text) {
    status.textContent = text;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  // ----- Finding exercises: the site's own search (search-rank.js). -----
  const SHOWN = 30;
  let shown = SHOWN;
  let search = null; // the site's search over its index, by exercise slug

  function startSearch() {
    if (!self.HANDOUT_SEARCH || !self.HandoutSearch) return;
    const data = self.HANDOUT_SEARCH;
    // An item's address is exercises/<slug>/index.html.
    const exerciseOf = new Map(data.items.map((item) => [item, bySlug.get(item.u.split("/")[1])]));
    const rank = self.HandoutSearch(data);
    search = (query, keep) => rank.find(query, (item) => keep(exerciseOf.get(item)))
      .map((i) => exerciseOf.get(data.items[i]));
  }

  function findExercises(query, keep) {
    const wanted = (e) => e !== undefined && keep(e);
    if (search) return search(query, wanted);
    const words = fold(query).split(/\s+/).filter(Boolean);
    return catalog.exercises.filter((e) => keep(e) &&
      words.every((w) => fold([e.title, e.summary, e.kind, ...e.regions].join(" ")).includes(w)));
  }

  function renderFound() {
    const region = $("region-filter").value;
    const kind = $("kind-filter").value;
    const keep = (e) => (!region || e.regions.includes(region)) && (!kind || e.kind === kind);
    const found = findExercises($("find-exercise").value, keep);
    const list = $("found");
    list.replaceChildren();
    for (const exercise of found.slice(0, shown)) {
      const added = entries.some((e) => e.slug === exercise.slug);
      list.append(
        el("li", {},
          el("span", { class: "found-title", text: exercise.title }),
          el("span", { class: "found-dose", text: exercise.dose_words }),
          el("button", {
            type: "button",
            class: "button secondary",
            "aria-label": w(added ? "add-again-named" : "add-named", { title: exercise.title }),
            text: w(added ? "add-again" : "add"),
            onclick: () => addExercise(exercise.slug),
          })));
    }
    if (found.length > shown) {
      list.append(el("li", {}, el("button", {
        type: "button", class: "button secondary", text: w("show-more"),
        onclick: () => { shown += SHOWN; renderFound(); },
      })));
    }
    $("found-count").textContent = wn("found", found.length);
  }

  // ----- The program. -----
  function addExercise(slug) {
    entries.push({ slug, dose: {}, note: "" });
    renderProgram();
    renderFound();
    say(w("added", { title: bySlug.get(slug).title, n: entries.length }));
  }

  function move(index, by, focusId) {
    const to = index + by;
    if (to < 0 || to >= entries.length) return;
    [entries[index], entries[to]] = [entries[to], entries[index]];
    renderProgram();
    say(w("moved", { title: bySlug.get(entries[to].slug).title, n: to + 1 }));
    const again = $(focusId.replace("-" + index + "-", "-" + to + "-"));
    if (again) again.focus();
  }

  function remove(index) {
    const [gone] = entries.splice(index, 1);
    renderProgram();
    renderFound();
    say(w("removed", { title: bySlug.get(gone.slug).title, n: entries.length }));
    const next = document.querySelector("#program li:nth-child(" + (index + 1) + ") .remove")
      || document.querySelector("#program li:last-child .remove");
    (next || $("step-program")).focus();
  }

  const FIELD_LABELS = {
    hold: w("hold"), reps: w("reps"), sets: w("sets"),
    per_side: w("per-side"), frequency: w("frequency"), rest: w("rest"),
  };

  function checkField(input, error, key) {
    const value = input.value.trim();
    let problem = "";
    if (value) {
      const answer = callText("check_dose", key + "\n" + value);
      if (!answer.ok) problem = messages(answer)[0];
    }
    error.textContent = problem;
    input.setAttribute("aria-invalid", problem ? "true" : "false");
    return !problem;
  }

  function doseField(entry, index, key) {
    const id = "dose-" + index + "-" + key;
    const own = libraryDose(entry.slug)[key] || "";
    const value = entry.dose[key] !== undefined ? entry.dose[key] : own;
    const error = el("span", { class: "field-error", id: id + "-error" });
    let input;
    if (key === "per_side") {
      input = el("select", { id, "aria-describedby": id + "-error" },
        el("option", { value: "", text: own ? w("as-library", { dose: own }) : w("not-said") }),
        el("option", { value: "yes", text: w("yes") }),
        el("option", { value: "no", text: w("no") }));
      input.value = entry.dose[key] !== undefined ? entry.dose[key] : "";
    } else {
      input = el("input", {
        id, type: "text", value, placeholder: own, autocomplete: "off",
        "aria-describedby": id + "-error", class: "dose-input",
      });
    }
    const update = () => {
      const typed = input.value.trim();
      if (typed === "" || typed === own) delete entry.dose[key];
      else entry.dose[key] = typed;
      checkField(input, error, key);
    };
    input.addEventListener("change", update);
    input.addEventListener("input", () => { if (input.getAttribute("aria-invalid") === "true") update(); });
    return el("div", { class: "dose-field" }, el("label", { for: id, text: FIELD_LABELS[key] }), input, error);
  }

  function renderProgram() {
    const list = $("program");
    list.replaceChildren();
    $("program-empty").hidden = entries.length > 0;
    entries.forEach((entry, index) => {
      const exercise = bySlug.get(entry.slug);
      const name = (index + 1) + ". " + exercise.title;
      const noteId = "note-" + index;
      const fields = catalog.dose_fields.map((key) => doseField(entry, index, key));
      const note = el("textarea", { id: noteId, rows: 2 });
      note.value = entry.note || "";
      note.addEventListener("input", () => { entry.note = note.value; });
      const upId = "up-" + index + "-", downId = "down-" + index + "-";
      list.append(el("li", {},
        el("h3", { text: name }),
        el("p", { class: "program-moves" },
          el("button", { type: "button", id: upId, class: "button secondary", "aria-label": w("move-up-named", { title: exercise.title }), text: w("move-up"), disabled: index === 0, onclick: () => move(index, -1, upId) }),
          el("button", { type: "button", id: downId, class: "button secondary", "aria-label": w("move-down-named", { title: exercise.title }), text: w("move-down"), disabled: index === entries.length - 1, onclick: () => move(index, 1, downId) }),
          el("button", { type: "button", class: "button secondary remove", "aria-label": w("remove-named", { title: exercise.title }), text: w("remove"), onclick: () => remove(index) })),
        el("fieldset", { class: "dose-fields" }, el("legend", { text: w("dose-for", { title: exercise.title }) }), ...fields),
        el("div", { class: "dose-note" }, el("label", { for: noteId, text: w("exercise-note") }), note)));
    });
  }

  function useCondition() {
    const slug = $("start-condition").value;
    const condition = catalog.conditions.find((c) => c.slug === slug);
    if (!condition) {
      say(w("choose-condition-first"));
      $("start-condition").focus();
      return;
    }
    fromCondition = slug;
    entries = condition.entries.map((e) => ({ slug: e.slug, dose: Object.fromEntries(e.dose), note: e.note || "" }));
    $("sheet-title").value = condition.title;
    renderProgram();
    renderFound();
    say(w("condition-used", { title: condition.title, n: entries.length }));
  }

  // ----- The program file: the same YAML `handout sheet program.yaml` reads. -----
  const quote = (text) => JSON.stringify(text); // a JSON string is a YAML string

  function programFile() {
    const lines = [];
    const text = (key, id) => {
      const value = $(id).value.trim();
      if (value) lines.push(key + ": " + quote(value));
    };
    text("title", "sheet-title");
    if (fromCondition) {
      lines.push("condition: " + quote(fromCondition));
      lines.push("replace_exercises: true");
    }
    lines.push("exercises:");
    if (!entries.length) lines[lines.length - 1] = "exercises: []";
    for (const entry of entries) {
      lines.push("  - exercise: " + quote(entry.slug));
      const dose = Object.entries(entry.dose);
      if (dose.length) {
        lines.push("    dosage:");
        for (const [key, value] of dose) {
          lines.push("      " + key + ": " + (key === "per_side" ? String(value === "yes") : quote(value)));
        }
      }
      if (entry.note && entry.note.trim()) lines.push("    note: " + quote(entry.note.trim()));
    }
    text("patient", "patient-name");
    text("therapist", "therapist-name");
    text("date", "sheet-date");
    text("note", "patient-note");
    if ($("large-print").checked) lines.push("large_print: true");
    lines.push("paper: " + $("sheet-paper").value);
    lines.push("daily_log: " + $("daily-log").checked);
    lines.push("log_weeks: " + $("log-weeks").value);
    return lines.join("\n") + "\n";
  }

  function fillForm(read) {
    fromCondition = read.condition;
    entries = read.entries.map((e) => ({ slug: e.slug, dose: Object.fromEntries(e.dose), note: e.note || "" }));
    $("sheet-title").value = read.title || "";
    $("patient-name").value = read.patient || "";
    $("therapist-name").value = read.therapist || "";
    $("sheet-date").value = read.date || "";
    $("patient-note").value = read.note || "";
    $("large-print").checked = read.large_print;
    $("sheet-paper").value = read.paper || catalog.paper;
    $("daily-log").checked = read.daily_log === null ? catalog.daily_log : read.daily_log;
    $("log-weeks").value = String(read.log_weeks || catalog.log_weeks);
    renderProgram();
    renderFound();
  }

  // ----- Files for the browser to save. -----
  let madeUrl = null;

  function download(url, name) {
    const link = el("a", { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
  }

  function showProblems(list) {
    const box = $("problems");
    box.replaceChildren();
    if (!list.length) return;
    box.append(el("p", { text: w("not-made") }),
      el("ul", {}, ...list.map((m) => el("li", { text: m }))));
  }

  function fileName() {
    const date = $("sheet-date").value;
    return "home-exercises" + (date ? "-" + date : "") + ".pdf";
  }

  function makePdf() {
    const invalid = document.querySelector('#program [aria-invalid="true"]');
    if (invalid) {
      showProblems([w("dose-mistake")]);
      invalid.focus();
      return;
    }
    if (!entries.length) {
      showProblems([w("add-one")]);
      $("find-exercise").focus();
      return;
    }
    const answer = callText("print_program", programFile());
    if (!answer.ok) {
      showProblems(messages(answer));
      return;
    }
    showProblems([]);
    if (madeUrl) URL.revokeObjectURL(madeUrl);
    madeUrl = URL.createObjectURL(new Blob([answer.bytes], { type: "application/pdf" }));
    const made = $("made");
    made.replaceChildren(
      w("made") + " ",
      el("a", { href: madeUrl, download: fileName(), text: w("save-pdf") }),
      " " + w("or") + " ",
      el("a", { href: madeUrl, target: "_blank", rel: "noopener", text: w("open-pdf") }),
      ".");
    made.hidden = false;
    download(madeUrl, fileName());
    say(w("made-size", { kb: Math.round(answer.bytes.length / 1024) }));
  }

  function saveProgram() {
    const url = URL.createObjectURL(new Blob([programFile()], { type: "text/yaml" }));
    download(url, "program.yaml");
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    say(w("saved"));
  }

  async function openProgram() {
    const file = $("program-file").files[0];
    if (!file) return;
    const answer = callText("read_program", await file.text());
    $("program-file").value = "";
    if (!answer.ok) {
      showProblems(messages(answer));
      return;
    }
    showProblems([]);
    fillForm(JSON.parse(fromUtf8.decode(answer.bytes)));
    say(wn("opened", entries.length, { file: file.name }));
  }

  // ----- Start. -----
  function options(select, values) {
    for (const value of values) select.append(el("option", { value, text: value }));
  }

  startEngine().then((opened) => {
    catalog = opened;
    bySlug = new Map(catalog.exercises.map((e) => [e.slug, e]));
    startSearch();
    const start = $("start-condition");
    for (const c of catalog.conditions) start.append(el("option", { value: c.slug, text: c.title }));
    options($("region-filter"), [...new Set(catalog.exercises.flatMap((e) => e.regions))].sort());
    options($("kind-filter"), [...new Set(catalog.exercises.map((e) => e.kind).filter(Boolean))].sort());
    $("sheet-paper").value = catalog.paper;
    $("daily-log").checked = catalog.daily_log;
    $("log-weeks").value = String(catalog.log_weeks);
    $("use-condition").addEventListener("click", useCondition);
    for (const id of ["find-exercise", "region-filter", "kind-filter"]) {
      $(id).addEventListener("input", () => { shown = SHOWN; renderFound(); });
    }
    $("make-pdf").addEventListener("click", makePdf);
    $("save-program").addEventListener("click", saveProgram);
    $("open-program").addEventListener("click", () => $("program-file").click());
    $("program-file").addEventListener("change", openProgram);
    form.addEventListener("submit", (event) => event.preventDefault());
    renderFound();
    renderProgram();
    form.hidden = false;
    say(wn("ready", catalog.exercises.length));
  }).catch((error) => {
    say(w("failed", { error: error.message }));
  });
})();
