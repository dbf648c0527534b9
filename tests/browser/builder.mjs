// The program builder in Chromium, run by tests/browser.rs:
//   node builder.mjs ADDRESS OUTPUT_DIR CHROMIUM WORK_DIR
// ADDRESS serves OUTPUT_DIR (a built sample site). The PDF and program file the
// builder makes are saved in WORK_DIR (builder.pdf, program.yaml), for the Rust test
// to compare with `handout sheet`. Prints "ok: NAME" per passing check, "FAIL: ..."
// otherwise, and "time: ..." lines with what it measured.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const [address, outputDir, executablePath, workDir] = process.argv.slice(2);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const fileUrl = pathToFileURL(`${outputDir}/builder/index.html`).href;
const httpUrl = new URL("builder/index.html", address).href;

const browser = await chromium.launch({
  executablePath,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});

let failures = 0;
async function check(name, body, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  try {
    await body(page, context, errors);
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
    console.log(`ok: ${name}`);
  } catch (error) {
    failures += 1;
    console.log(`FAIL: ${name}: ${error && error.stack ? error.stack : error}`);
  } finally {
    await context.close();
  }
}
function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function ready(page, url) {
  await page.goto(url);
  await page.waitForFunction(
    () => document.getElementById("builder-status").textContent.startsWith("Ready"),
    null, { timeout: 20000 });
}

// Finds an exercise by typing, then adds it with the keyboard alone.
async function addByKeyboard(page, words, title) {
  await page.focus("#find-exercise");
  await page.fill("#find-exercise", "");
  await page.keyboard.type(words);
  const button = page.locator(`#found button[aria-label="Add: ${title}"]`);
  await button.waitFor();
  await button.focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction((t) =>
    [...document.querySelectorAll("#program h3")].some((h) => h.textContent.endsWith(t)), title);
}

// Fills a field as a person would: type, then leave it (the change event checks it).
async function typeInto(page, selector, text) {
  await page.fill(selector, text);
  await page.locator(selector).press("Tab");
}

async function threeExerciseProgram(page) {
  await addByKeyboard(page, "bridge", "Bridge");
  await addByKeyboard(page, "clam", "Clamshell");
  await addByKeyboard(page, "bird", "Bird dog");
  await typeInto(page, "#dose-1-reps", "15");
  await typeInto(page, "#patient-name", "Margaret O'Neill");
  await typeInto(page, "#therapist-name", "Sam Lee, PT");
  await page.fill("#sheet-date", "2026-11-21");
  await typeInto(page, "#patient-note", "Ice your knee after the exercises.");
}

async function saveDownload(page, button, name) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
  await download.saveAs(`${workDir}/${name}`);
  return download;
}

await check("from file://, a 3-exercise program with a changed dose makes a PDF and a program file", async (page) => {
  await ready(page, fileUrl);
  await threeExerciseProgram(page);
  // A mistake in a dose shows beside the field, in check's words, and stops the PDF.
  await typeInto(page, "#dose-0-reps", "ten");
  const error = await page.textContent("#dose-0-reps-error");
  expect(error === 'reps must be a number or range like "8-10"', `error shown: ${error}`);
  expect(await page.getAttribute("#dose-0-reps", "aria-invalid") === "true", "field not marked invalid");
  await page.click("#make-pdf");
  expect((await page.textContent("#problems")).includes("A dose has a mistake"), "made a PDF with a bad dose");
  await typeInto(page, "#dose-0-reps", "10");
  expect(await page.textContent("#dose-0-reps-error") === "", "error stays after the fix");
  const pdf = await saveDownload(page, "#make-pdf", "builder.pdf");
  expect(pdf.suggestedFilename() === "home-exercises-2026-11-21.pdf", pdf.suggestedFilename());
  expect(!(await page.isHidden("#made")), "no link to the PDF shown");
  await saveDownload(page, "#save-program", "program.yaml");
  const program = readFileSync(`${workDir}/program.yaml`, "utf8");
  expect(program.includes('reps: "15"') && program.includes("Margaret O'Neill"), program);
  // Nothing about the patient is kept by the page.
  const stored = await page.evaluate(() => localStorage.length + sessionStorage.length + document.cookie.length);
  expect(stored === 0, `the page stored ${stored} items`);
});

await check("the builder finds exercises with the site's search: typos, word starts, regions", async (page) => {
  await ready(page, fileUrl);
  const titles = async (text) => {
    await page.fill("#find-exercise", text);
    return page.$$eval("#found .found-title", (spans) => spans.map((s) => s.textContent));
  };
  const typo = await titles("brigde");
  expect(typo[0] === "Bridge", `brigde: ${typo.join(", ")}`);
  const start = await titles("clam");
  expect(start.length === 1 && start[0] === "Clamshell", `clam: ${start.join(", ")}`);
  await page.selectOption("#region-filter", "knee");
  const knee = await titles("");
  expect(knee.length > 0 && knee.length < 28, `knee region: ${knee.length}`);
});

await check("a saved program opens again into the form", async (page) => {
  await ready(page, fileUrl);
  await page.setInputFiles("#program-file", `${workDir}/program.yaml`);
  await page.waitForFunction(() => document.querySelectorAll("#program > li").length === 3);
  const titles = await page.$$eval("#program h3", (hs) => hs.map((h) => h.textContent));
  expect(titles.join("|") === "1. Bridge|2. Clamshell|3. Bird dog", titles.join("|"));
  expect(await page.inputValue("#dose-1-reps") === "15", "changed dose lost");
  expect(await page.inputValue("#patient-name") === "Margaret O'Neill", "patient lost");
  expect(await page.inputValue("#sheet-date") === "2026-11-21", "date lost");
  // Reordered and removed with the keyboard.
  await page.focus('button[aria-label="Move up: Bird dog"]');
  await page.keyboard.press("Enter");
  const moved = await page.$$eval("#program h3", (hs) => hs.map((h) => h.textContent));
  expect(moved[1] === "2. Bird dog", moved.join("|"));
  const focused = await page.evaluate(() => document.activeElement.getAttribute("aria-label"));
  expect(focused === "Move up: Bird dog", `focus went to ${focused}`);
  await page.focus('button[aria-label="Remove: Clamshell"]');
  await page.keyboard.press("Enter");
  expect(await page.locator("#program > li").count() === 2, "not removed");
});

await check("after it loads, the builder makes no network request, and cannot", async (page, context, errors) => {
  const requests = [];
  await ready(page, httpUrl);
  page.on("request", (r) => requests.push(r.url()));
  await threeExerciseProgram(page);
  await saveDownload(page, "#make-pdf", "served.pdf");
  await saveDownload(page, "#save-program", "served.yaml");
  const network = requests.filter((url) => !url.startsWith("blob:") && !url.startsWith("data:"));
  expect(network.length === 0, `requests: ${network.join(", ")}`);
  const blocked = await page.evaluate(() =>
    fetch("../index.html").then(() => "fetched", () => "blocked"));
  expect(blocked === "blocked", "the page's policy lets it connect");
  // The probe's refusal is logged as an error, as it should be.
  const refusals = errors.filter((e) => e.includes("Content Security Policy"));
  expect(refusals.length > 0, "no refusal logged");
  errors.splice(0, errors.length, ...errors.filter((e) => !refusals.includes(e)));
  expect(!page.url().includes("Margaret"), "patient data in the address");
});

await check("axe finds no WCAG 2.2 A/AA problem on the builder, filled in", async (page) => {
  await ready(page, httpUrl);
  await threeExerciseProgram(page);
  await typeInto(page, "#dose-2-hold", "forever");
  // The page's policy refuses added scripts; axe is evaluated in the page instead.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
  }));
  const problems = result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(problems.length === 0, problems.join("; "));
  expect(result.passes.length > 10, `axe passed only ${result.passes.length} rules`);
});

await check("usable at 375 px: no sideways scrolling, every button reachable", async (page) => {
  await ready(page, httpUrl);
  await threeExerciseProgram(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow <= 0, `${overflow} px too wide`);
  const small = await page.$$eval(".builder button", (bs) =>
    bs.filter((b) => b.getBoundingClientRect().height < 24).map((b) => b.textContent));
  expect(small.length === 0, `buttons too small: ${small.join(", ")}`);
}, { width: 375, height: 812 });

await check("a 10-exercise program: time from Make PDF to the file", async (page) => {
  await ready(page, httpUrl);
  const slugs = await page.evaluate(() => {
    const select = document.getElementById("start-condition");
    return [...select.options].map((o) => o.value).filter(Boolean);
  });
  await page.selectOption("#start-condition", slugs.find((s) => s === "lower-back-and-hip-pain") || slugs[0]);
  await page.click("#use-condition");
  while (await page.locator("#program > li").count() < 10) {
    await page.click("#found li:first-child button");
  }
  const times = [];
  for (let i = 0; i < 5; i++) {
    const start = Date.now();
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#make-pdf")]);
    await download.path();
    times.push(Date.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`time: 10-exercise PDF from Make PDF to the file: median ${times[2]} ms (${times.join(", ")})`);
  // From navigation to the engine open and the form shown, on a fresh page.
  const fresh = await page.context().newPage();
  await ready(fresh, httpUrl);
  const readyAt = await fresh.evaluate(() => Math.round(performance.now()));
  console.log(`time: from opening the page to ready to use: ${readyAt} ms`);
});

await browser.close();
process.exit(failures ? 1 : 0);
