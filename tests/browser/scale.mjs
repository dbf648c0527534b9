// Search latency and page lengths on a large generated site (run by benches/site.sh):
//   node scale.mjs OUTPUT_DIR CHROMIUM
// Loads pages from file://, slows the CPU 4x, and prints medians. Asserts nothing.
import { readdirSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [outputDir, executablePath] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
const url = (path) => pathToFileURL(`${outputDir}/${path}`).href;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const screens = async () => page.evaluate(() => document.documentElement.scrollHeight / innerHeight);

await page.goto(url("index.html"));
console.log(`home page: ${(await screens()).toFixed(1)} screens long at 375 x 812`);
let longest = 0;
for (const letter of readdirSync(`${outputDir}/a-z`)) {
  await page.goto(url(`a-z/${letter}/index.html`));
  longest = Math.max(longest, await screens());
}
console.log(`longest A-Z page: ${longest.toFixed(1)} screens`);

// Each key typed 150 ms apart, as a person types; latency is from the last key to
// the results being shown.
await page.goto(url("index.html"));
await page.evaluate(() => {
  const find = document.getElementById("find");
  const input = document.getElementById("search-query");
  input.addEventListener("input", () => { window.lastKey = performance.now(); });
  new MutationObserver(() => { window.shownAt = performance.now(); })
    .observe(find, { attributes: true, attributeFilter: ["data-searched"] });
});
const start = Date.now();
await page.focus("#search-query");
await page.waitForFunction(() => window.HANDOUT_SEARCH, null, { timeout: 60000 });
console.log(`index loaded and read in ${Date.now() - start} ms after the first focus`);
const latencies = [];
for (const query of ["bridge", "knee", "stretch", "hamstrng", "side lying", "band", "hip flexor"]) {
  for (let round = 0; round < 3; round++) {
    await page.fill("#search-query", "");
    await page.waitForTimeout(200);
    await page.type("#search-query", query, { delay: 150 });
    await page.waitForFunction((q) => document.getElementById("find").dataset.searched === q, query, { timeout: 60000 });
    latencies.push(await page.evaluate(() => window.shownAt - window.lastKey));
  }
}
console.log(`search at 4x CPU throttling: median ${median(latencies).toFixed(0)} ms, worst ${Math.max(...latencies).toFixed(0)} ms from the last key to the results (${latencies.length} searches, 60 ms of it the pause that waits for typing to stop)`);
await browser.close();
