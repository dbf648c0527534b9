// Browser checks of a built sample site, run by tests/browser.rs:
//   node check.mjs ADDRESS SITE_DIR CHROMIUM
// ADDRESS is where `handout serve` serves SITE_DIR/output. Prints "ok: NAME" for each
// check that passes and "FAIL: NAME: WHY" for each that does not; exits 1 on any failure.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const [address, siteDir, executablePath] = process.argv.slice(2);
const outputDir = `${siteDir}/output`;
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const browser = await chromium.launch({
  executablePath,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});

let failures = 0;
async function check(name, body) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await body(page, context);
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

// The shown search results' titles, once the script has searched what the box holds.
async function resultTitles(page) {
  await page.waitForFunction(() => {
    const find = document.getElementById("find");
    const query = document.getElementById("search-query").value.trim();
    return find.dataset.searched === query && find.dataset.searched !== undefined;
  }, null, { timeout: 10000 });
  await page.waitForTimeout(20);
  return page.$$eval("#search-results li > a", (links) => links.map((a) => a.textContent));
}
async function typeSearch(page, text) {
  await page.fill("#search-query", "");
  await page.type("#search-query", text);
  return resultTitles(page);
}

const PAGES = {
  home: "index.html",
  exercise: "exercises/bridge/index.html",
  condition: "conditions/lower-back-pain/index.html",
  listing: "regions/hip/index.html",
  "not found": "no/such/page.html",
  "Spanish home": "es/index.html",
  "Spanish condition": "es/conditions/back-pain-and-hip-strength/index.html",
};

await check("the Spanish pages search their own index and speak Spanish", async (page) => {
  await page.goto(new URL("es/index.html", address).href);
  expect(await page.getAttribute("html", "lang") === "es", "lang is not es");
  const titles = await typeSearch(page, "patadas");
  expect(titles[0] === "Patadas de cadera de pie en 3 direcciones", `found ${JSON.stringify(titles)}`);
  const count = await page.textContent("#search-count");
  expect(count === "1 ejercicio encontrado", `count said ${JSON.stringify(count)}`);
  const none = await typeSearch(page, "bridge");
  expect(none.length === 0, `the English exercise was found: ${JSON.stringify(none)}`);
  const nothing = await page.textContent("#search-count");
  expect(nothing.startsWith("Ningún ejercicio coincide"), `count said ${JSON.stringify(nothing)}`);
  // The switcher leads to the same page in English.
  await page.goto(new URL("es/conditions/back-pain-and-hip-strength/index.html", address).href);
  await page.click("nav.languages a[hreflang=en]");
  expect(page.url().endsWith("/conditions/back-pain-and-hip-strength/index.html") && !page.url().includes("/es/"),
    `the switcher went to ${page.url()}`);
});

await check("typing \"bridge\" finds the bridge exercise", async (page) => {
  await page.goto(address);
  const titles = await typeSearch(page, "bridge");
  expect(titles[0] === "Bridge", `first result is ${JSON.stringify(titles[0])}`);
  const status = await page.textContent("#search-count");
  expect(/^\d+ exercises? found$/.test(status), `the count says ${JSON.stringify(status)}`);
});

await check("a typo, accents and case are forgiven", async (page) => {
  await page.goto(address);
  for (const query of ["brigde", "BRÍDGE", "Bridg"]) {
    const titles = await typeSearch(page, query);
    expect(titles[0] === "Bridge", `${query}: first result is ${JSON.stringify(titles[0])}`);
  }
  const none = await typeSearch(page, "zzzzqq");
  expect(none.length === 0, `nonsense found ${none.length}`);
  expect((await page.textContent("#search-count")).startsWith("No exercises match"), "no 'no match' message");
});

await check("two keystrokes find knee to chest", async (page) => {
  await page.goto(address);
  const titles = await typeSearch(page, "kn");
  const place = titles.findIndex((t) => /knee to chest/i.test(t));
  expect(place >= 0 && place < 3, `knee to chest is result ${place + 1} of ${JSON.stringify(titles)}`);
});

await check("short words are not matched by typos; whole words and body regions rank first", async (page) => {
  await page.goto(address);
  // "band" once matched 27 of 28 exercises through "and", "hand" and "bend".
  const band = await typeSearch(page, "band");
  expect(band.length >= 1 && band.length <= 3 && band[0] === "Side steps with a band", `band: ${JSON.stringify(band)}`);
  const plie = await typeSearch(page, "plie");
  expect(plie.length === 0, `plie: ${JSON.stringify(plie)}`);
  // The exercises for the knee region come before "Kneeling ..." stretches.
  const knee = await typeSearch(page, "knee");
  const listing = await page.context().newPage();
  await listing.goto(new URL("regions/knee/index.html", address).href);
  const forKnee = await listing.$$eval(".exercise-list li > a", (links) => links.map((a) => a.textContent));
  const top = knee.slice(0, forKnee.length);
  expect(JSON.stringify([...top].sort()) === JSON.stringify([...forKnee].sort()),
    `knee: first ${JSON.stringify(top)}, the knee exercises are ${JSON.stringify(forKnee)}`);
  for (const [query, first] of [["hamstrng", /hamstring/i], ["hámstring", /hamstring/i]]) {
    const titles = await typeSearch(page, query);
    expect(first.test(titles[0] || ""), `${query}: ${JSON.stringify(titles)}`);
  }
});

await check("the index loads only when the search is used, and long result lists come a page at a time", async (page) => {
  const requested = [];
  page.on("request", (request) => requested.push(request.url()));
  await page.goto(address);
  await page.waitForTimeout(200);
  expect(!requested.some((u) => u.endsWith("search-index.js")), "the index loaded before any search");
  const box = await page.$eval("#find", (e) => e.getBoundingClientRect().height);
  expect(box > 50, "the search box has no room reserved");
  // Nearly every exercise matches "e": 20 shown, the rest a button away.
  const all = await typeSearch(page, "e");
  expect(requested.some((u) => u.endsWith("search-index.js")), "the index never loaded");
  expect(all.length === 20, `${all.length} shown at first`);
  const total = Number((await page.textContent("#search-count")).match(/\d+/)[0]);
  expect(total > 20, `${total} found`);
  await page.click("text=/^Show \\d+ more$/");
  const after = await page.$$eval("#search-results li > a", (links) => links.length);
  expect(after === Math.min(total, 40), `${after} shown after "Show more"`);
  const focused = await page.evaluate(() => document.activeElement.textContent);
  expect(focused === (await page.$$eval("#search-results li > a", (l) => l[20].textContent)), `focus on ${focused}`);
});

await check("a region filter narrows the list", async (page) => {
  await page.goto(address);
  const all = await page.$$eval("#exercises li", (items) => items.length);
  await page.click(".filters summary");
  await page.selectOption("#filter-regions", "knee");
  const knee = await resultTitles(page);
  // The listing page for the region says which exercises belong.
  const listing = await page.context().newPage();
  await listing.goto(new URL("regions/knee/index.html", address).href);
  const expected = await listing.$$eval(".exercise-list li > a", (links) => links.map((a) => a.textContent).sort());
  expect(knee.length > 0 && knee.length < all, `${knee.length} of ${all} shown`);
  expect(JSON.stringify([...knee].sort()) === JSON.stringify(expected),
    `filter shows ${JSON.stringify(knee)}, the listing ${JSON.stringify(expected)}`);
  // A query and a filter together; the address keeps both.
  const both = await typeSearch(page, "stretch");
  expect(both.length > 0 && both.length < knee.length + 1 && both.every((t) => expected.includes(t)),
    `stretch + knee gave ${JSON.stringify(both)}`);
  expect(page.url().includes("q=stretch") && page.url().includes("regions=knee"), `address ${page.url()}`);
  // The address alone brings the same search back (as Back, a bookmark or a shared link do).
  const again = await page.context().newPage();
  await again.goto(page.url());
  expect(JSON.stringify(await resultTitles(again)) === JSON.stringify(both), "the address lost the search");
});

await check("search and filters work from the keyboard with a visible focus", async (page) => {
  await page.goto(address);
  let focused = null;
  for (let i = 0; i < 12 && focused !== "search-query"; i++) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  }
  expect(focused === "search-query", "Tab never reached the search box");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  expect(outline !== "none", "the focused search box has no outline");
  await page.keyboard.type("clam");
  expect((await resultTitles(page))[0] === "Clamshell", "typing after Tab found nothing");
  await page.keyboard.press("Tab"); // the filters' summary
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab"); // the first filter
  const select = await page.evaluate(() => document.activeElement.id);
  expect(select === "filter-regions", `Tab went to ${select}`);
});

await check("with scripts off the home page lists every exercise, in full and by letter", async (page, context) => {
  await context.close();
  const off = await browser.newContext({ javaScriptEnabled: false });
  const plain = await off.newPage();
  await plain.goto(address);
  const listed = await plain.$$eval("#exercises .exercise-list li", (items) => items.length);
  const index = readFileSync(`${outputDir}/search-index.js`, "utf8");
  const total = (index.match(/"u":/g) || []).length;
  expect(listed === total && total > 0, `${listed} listed of ${total}`);
  // The letter pages hold every exercise once, each under its title's first letter.
  const letters = await plain.$$eval("#exercises .letters a", (links) => links.map((a) => a.href));
  let byLetter = 0;
  for (const href of letters) {
    await plain.goto(href);
    const titles = await plain.$$eval(".exercise-list li > a", (links) => links.map((a) => a.textContent));
    const letter = await plain.$eval(".letters a[aria-current]", (a) => a.firstChild.textContent.trim());
    expect(titles.length > 0 && titles.every((t) => t[0].toUpperCase() === letter), `${letter}: ${JSON.stringify(titles)}`);
    byLetter += titles.length;
  }
  expect(byLetter === total, `${byLetter} on the letter pages of ${total}`);
  await plain.goto(address);
  expect(!(await plain.isVisible("#find")), "the search box shows without its script");
  await plain.goto(new URL(PAGES.exercise, address).href);
  expect(!(await plain.isVisible("button[data-print]")), "a Print button shows that cannot work");
  await off.close();
});

await check("search works from file://", async (page) => {
  await page.goto(pathToFileURL(`${outputDir}/index.html`).href + "?q=bridge");
  const titles = await resultTitles(page);
  expect(titles[0] === "Bridge", `file:// search gave ${JSON.stringify(titles)}`);
});

await check("every link, page, PDF, picture and script resolves, and nothing is fetched from elsewhere", async (page) => {
  const origin = new URL(address).origin;
  const seen = new Set();
  const queue = [new URL("index.html", address).href, new URL("404.html", address).href];
  const broken = [];
  const external = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol !== "data:" && url.origin !== origin) external.push(`${url.href} from ${page.url()}`);
  });
  let pages = 0, files = 0;
  page.on("response", (response) => {
    if (response.status() >= 400 && !response.url().endsWith("/404.html")) {
      broken.push(`${response.url()} (${response.status()}) on ${page.url()}`);
    }
  });
  // The live-reload stream is cut off by each navigation; that is not a broken link.
  // Nor is an icon request that the next navigation cancels (the icon is checked
  // on its own below).
  page.on("requestfailed", (request) => {
    const cancelled = request.failure()?.errorText === "net::ERR_ABORTED" && request.url().endsWith("favicon.svg");
    if (!request.url().includes("/__handout/") && !cancelled) broken.push(`${request.url()} failed on ${page.url()}`);
  });
  while (queue.length) {
    const url = queue.shift();
    const key = url.split("#")[0];
    if (seen.has(key)) continue;
    seen.add(key);
    if (key.endsWith(".html") || key.endsWith("/")) {
      pages += 1;
      const response = await page.goto(key);
      if (!response || response.status() !== 200) {
        broken.push(`${key} (${response && response.status()})`);
        continue;
      }
      const links = await page.$$eval("a[href], link[href], script[src], img[src]", (elements) =>
        elements.map((e) => e.href || e.src));
      for (const link of links) {
        const target = new URL(link, key);
        if (target.origin === origin && !target.pathname.startsWith("/__handout/")) queue.push(target.href);
      }
    } else {
      files += 1;
      const response = await page.request.get(key);
      if (response.status() !== 200) broken.push(`${key} (${response.status()})`);
    }
  }
  expect(broken.length === 0, `broken: ${broken.join(", ")}`);
  expect(external.length === 0, `fetched from elsewhere: ${external.join(", ")}`);
  expect(pages > 30 && files > 30, `only ${pages} pages and ${files} files reached`);
  console.log(`  (${pages} pages and ${files} other files)`);
});

for (const [kind, path] of Object.entries(PAGES)) {
  await check(`axe finds no WCAG 2.2 A/AA problem on the ${kind} page`, async (page) => {
    await page.goto(new URL(path, address).href);
    if (kind === "home") {
      // With results and open filters showing.
      await typeSearch(page, "stretch");
      await page.click(".filters summary");
    }
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() => axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
    }));
    const problems = result.violations.map((v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    expect(problems.length === 0, problems.join("; "));
    expect(result.passes.length > 10, `axe passed only ${result.passes.length} rules`);
  });
}

for (const width of [375, 320]) {
  await check(`no horizontal scrolling at ${width} px, and text at least 16 px`, async (page) => {
    await page.setViewportSize({ width, height: 800 });
    for (const path of Object.values(PAGES)) {
      await page.goto(new URL(path, address).href);
      if (path === "index.html") await typeSearch(page, "stretch");
      const sizes = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        view: document.documentElement.clientWidth,
        text: parseFloat(getComputedStyle(document.querySelector("main p")).fontSize),
      }));
      expect(sizes.scroll <= sizes.view, `${path}: ${sizes.scroll} px wide in a ${sizes.view} px window`);
      expect(sizes.text >= 16, `${path}: body text is ${sizes.text} px`);
    }
  });
}

await check("Print buttons print; printing a condition page leaves out navigation and keeps the dosage and disclaimer", async (page) => {
  for (const path of [PAGES.condition, PAGES.exercise]) {
    await page.goto(new URL(path, address).href);
    await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed += 1; }; });
    await page.click("button[data-print]");
    expect(await page.evaluate(() => window.printed) === 1, `${path}: the Print button did not print`);
  }
  await page.goto(new URL(PAGES.condition, address).href);
  await page.emulateMedia({ media: "print" });
  expect(!(await page.isVisible(".site-header nav")), "the navigation prints");
  expect(await page.isVisible(".dosage"), "the dosage does not print");
  expect(await page.isVisible(".disclaimer"), "the disclaimer does not print");
  const pdf = await page.pdf({ format: "Letter" });
  expect(pdf.length > 10000, "printing gave an empty document");
});

await check("on a phone, every exercise page shows its picture, dose and PDF button in the first screen", async (page) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const slugs = readFileSync(`${outputDir}/search-index.js`, "utf8").match(/exercises\/[a-z0-9-]+\//g);
  const unique = [...new Set(slugs)];
  expect(unique.length > 20, `only ${unique.length} exercises`);
  for (const folder of unique) {
    await page.goto(new URL(`${folder}index.html`, address).href);
    const bottom = (selector) => page.$eval(selector, (e) => e.getBoundingClientRect().bottom);
    for (const selector of [".picture", ".dosage", "a.button[href$='.pdf']"]) {
      const at = await bottom(selector);
      expect(at <= 812, `${folder}: ${selector} ends at ${Math.round(at)} px`);
    }
    const order = await page.$$eval(".picture, .dosage, .actions, .steps", (els) => els.map((e) => e.className));
    expect(order[0].includes("picture") && order[1].includes("dosage") && order[2].includes("actions"),
      `${folder}: order ${JSON.stringify(order)}`);
  }
});

await check("every page previews with a title, a description and its address, and has an icon", async (page) => {
  const missing = [];
  page.on("response", (response) => {
    const expected = response.url() === new URL(PAGES["not found"], address).href;
    if (response.status() === 404 && !expected) missing.push(response.url());
  });
  for (const [kind, path] of Object.entries(PAGES)) {
    await page.goto(new URL(path, address).href);
    const meta = await page.evaluate(() => {
      const content = (selector) => document.querySelector(selector)?.getAttribute("content") || null;
      return {
        description: content("meta[name=description]"),
        title: content("meta[property='og:title']"),
        ogDescription: content("meta[property='og:description']"),
        ogUrl: content("meta[property='og:url']"),
        canonical: document.querySelector("link[rel=canonical]")?.href || null,
        icon: document.querySelector("link[rel=icon]")?.href || null,
      };
    });
    expect(meta.description && meta.description.length > 20 && !/[*_#\[]/.test(meta.description),
      `${kind}: description ${JSON.stringify(meta.description)}`);
    expect(meta.title && meta.ogDescription === meta.description, `${kind}: ${JSON.stringify(meta)}`);
    const icon = await page.request.get(meta.icon);
    expect(icon.status() === 200, `${kind}: the icon ${meta.icon} is ${icon.status()}`);
    if (kind === "not found") {
      expect(!meta.canonical && !meta.ogUrl, "the 404 page claims an address");
      continue;
    }
    // The sample has a base_url: the canonical address is the folder's, as in the sitemap.
    const folder = path.replace(/index\.html$/, "");
    expect(meta.canonical === `https://exercises.riverside-pt.example/${folder === "index.html" ? "" : folder}` && meta.ogUrl === meta.canonical,
      `${kind}: canonical ${meta.canonical}, og:url ${meta.ogUrl}`);
    const sitemap = readFileSync(`${outputDir}/sitemap.xml`, "utf8");
    expect(sitemap.includes(`<loc>${meta.canonical}</loc>`), `${kind}: ${meta.canonical} is not in the sitemap`);
  }
  expect(missing.length === 0, `404s while loading: ${missing.join(", ")}`);
  // The exercise's structured data: numbers as numbers, text without Markdown.
  await page.goto(new URL(PAGES.exercise, address).href);
  const plan = JSON.parse(await page.textContent("script[type='application/ld+json']"));
  expect(typeof plan.repetitions === "number" || plan.repetitions["@type"] === "QuantitativeValue",
    `repetitions ${JSON.stringify(plan.repetitions)}`);
  expect(!/^\s*\d+\.\s/m.test(plan.text) && !plan.text.includes("**"), `text ${JSON.stringify(plan.text)}`);
  const tel = await page.getAttribute(".clinic-phone a", "href");
  expect(/^tel:\+?\d+$/.test(tel), `phone link ${tel}`);
});

await check("the 404 page at a nested address is styled and leads home", async (page) => {
  const response = await page.goto(new URL("no/such/deep/page.html", address).href);
  expect(response.status() === 404, `status ${response.status()}`);
  const header = await page.$eval(".site-header", (e) => getComputedStyle(e).backgroundColor);
  expect(header !== "rgba(0, 0, 0, 0)", "the 404 page has no style");
  await page.click("main a");
  await page.waitForSelector("#conditions", { timeout: 10000 }).catch(() => null);
  expect(await page.isVisible("#conditions"), `the home link went to ${page.url()}`);
});

await check("an old address (an alias) leads on to the page, keeping its #part for printed QR codes", async (page) => {
  // tests/browser.rs gives this condition `aliases: [back-and-hip-pain]`.
  await page.goto(new URL("conditions/back-and-hip-pain/#exercise-figure-4-stretch", address).href);
  await page.waitForURL(/lower-back-and-hip-pain/, { timeout: 10000 });
  expect(page.url().endsWith("conditions/lower-back-and-hip-pain/index.html#exercise-figure-4-stretch"),
    `landed on ${page.url()}`);
  expect(await page.isVisible("#exercise-figure-4-stretch"), "the entry is not there");
});

await check("a condition page numbers its exercises as the handout does, with contents and its dose changes", async (page) => {
  await page.goto(new URL("conditions/lower-back-and-hip-pain/index.html", address).href);
  const headings = await page.$$eval(".program h3", (hs) => hs.map((h) => h.textContent.trim()));
  expect(headings.length > 5 && headings.every((h, i) => h.startsWith(`${i + 1}. `)), JSON.stringify(headings));
  const contents = await page.$$eval(".contents a", (links) => links.map((a) => a.getAttribute("href")));
  for (const target of contents) {
    expect(await page.$(target) !== null, `the contents link ${target} leads nowhere`);
  }
  expect(contents.includes("#section-safety") && contents.includes("#section-when-to-seek-help"),
    `contents ${JSON.stringify(contents)}`);
  // Figure 4 stretch has the program's own dose: both pages say so.
  const note = await page.textContent("#exercise-figure-4-stretch .dose-note");
  expect(/dose for this program/.test(note) && /Hold 30 seconds/.test(note), `note ${JSON.stringify(note)}`);
  await page.goto(new URL("exercises/figure-4-stretch/index.html", address).href);
  const programs = await page.$$eval(".exercise li", (items) => items.map((li) => li.textContent));
  const other = programs.find((text) => text.startsWith("Lower back & hip pain"));
  expect(/own dose: Hold 1 minute · Repeat 1–2 times/.test(other), `exercise page says ${JSON.stringify(programs)}`);
});

await check("in the dark colour scheme axe still finds no problem", async (page, context) => {
  await context.close();
  const dark = await browser.newContext({ colorScheme: "dark", viewport: { width: 1280, height: 900 } });
  const tab = await dark.newPage();
  for (const [kind, path] of Object.entries(PAGES)) {
    await tab.goto(new URL(path, address).href);
    if (kind === "home") {
      await typeSearch(tab, "stretch");
      await tab.click(".filters summary");
    }
    const background = await tab.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background === "rgb(18, 20, 23)", `${kind}: the page is not dark (${background})`);
    await tab.addScriptTag({ content: axeSource });
    const result = await tab.evaluate(() => axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
    }));
    const problems = result.violations.map((v) =>
      `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    expect(problems.length === 0, `${kind}: ${problems.join("; ")}`);
  }
  await dark.close();
});

await check("at 200% text on a phone the filters fit and the header leaves room", async (page) => {
  await page.setViewportSize({ width: 375, height: 812 });
  for (const path of Object.values(PAGES)) {
    await page.goto(new URL(path, address).href);
    await page.addStyleTag({ content: "html { font-size: 225% !important; }" });
    if (path === "index.html") await page.click(".filters summary");
    const sizes = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      view: document.documentElement.clientWidth,
      header: document.querySelector(".site-header").getBoundingClientRect().height,
    }));
    expect(sizes.scroll <= sizes.view, `${path}: ${sizes.scroll} px wide in ${sizes.view}`);
    expect(sizes.header <= 812 / 2, `${path}: the header is ${Math.round(sizes.header)} px tall`);
  }
  // The focus ring on the dark header stands out (3:1 or more).
  await page.goto(address);
  await page.focus(".site-header nav a");
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineColor);
  expect(ring === "rgb(255, 210, 122)", `the header's focus ring is ${ring}`);
});

await check("an exercise page prints on one sheet of paper", async (page) => {
  for (const slug of ["bridge", "figure-4-stretch", "prone-quad-stretch"]) {
    await page.goto(new URL(`exercises/${slug}/index.html`, address).href);
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ format: "Letter", margin: { top: "0.5in", bottom: "0.5in", left: "0.5in", right: "0.5in" } });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
    expect(pages === 1, `${slug} prints on ${pages} pages`);
  }
});

await check("a save reloads the page and a broken file shows the error over it", async (page) => {
  const file = `${siteDir}/content/exercises/bridge.md`;
  const original = readFileSync(file, "utf8");
  await page.goto(new URL(PAGES.exercise, address).href);
  await page.waitForTimeout(300); // the reload stream connects
  try {
    writeFileSync(file, original.replace('title: "Bridge"', 'title: "Bridge, saved"'));
    await page.waitForSelector("h1:text('Bridge, saved')", { timeout: 20000 });
    writeFileSync(file, original.replace('title: "Bridge"', "title: [broken"));
    const overlay = await page.waitForSelector("#handout-error", { timeout: 20000 });
    const text = await overlay.textContent();
    expect(/content\/exercises\/bridge\.md:\d+:\d+: error/.test(text), `the overlay says ${text}`);
    expect(await page.isVisible("h1:text('Bridge, saved')"), "the last good page went away");
  } finally {
    writeFileSync(file, original);
  }
  await page.waitForSelector("#handout-error", { state: "detached", timeout: 20000 });
  await page.waitForSelector("h1:text-is('Bridge')", { timeout: 20000 });
});

await browser.close();
process.exit(failures ? 1 : 0);
