// End-to-end test of the web UI in headless Chromium (Debian's package), driven by
// playwright-core. Usage: node ui.test.mjs BASE_URL SCREENSHOT_DIR
// It loads the search page, runs a query, opens an article, follows a highlighted quote to its
// speaker's page, checks that the actor timeline SVG has points, and saves screenshots.
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";

const base = process.argv[2] || "http://127.0.0.1:8080";
const shots = process.argv[3] || "screenshots";
mkdirSync(shots, { recursive: true });
const exe = process.env.CHROMIUM || "/usr/bin/chromium";
let passed = 0, failed = 0;

const browser = await chromium.launch({
  executablePath: exe,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });

async function step(name, fn) {
  try { await fn(); passed++; console.log(`ok - ${name}`); }
  catch (e) { failed++; console.log(`not ok - ${name}\n  ${String(e.stack || e).split("\n").join("\n  ")}`); }
}

let articleUrl = null, actorUrl = null;
await step("search page loads", async () => {
  const r = await page.goto(`${base}/search`);
  assert.equal(r.status(), 200);
  assert.ok(await page.locator("input#q").isVisible());
});
await step("a query returns results", async () => {
  await page.fill("input#q", "Syria");
  await page.press("input#q", "Enter");
  await page.waitForSelector(".hit");
  const n = await page.locator(".hit").count();
  assert.ok(n > 0, "expected hits for Syria");
  await page.screenshot({ path: `${shots}/search.png`, fullPage: false });
});
await step("an article opens with highlighted entities and quotes", async () => {
  // open the first result whose article has a quote linked to its speaker
  const links = await page.locator(".hit h3 a").evaluateAll(as => as.map(a => a.href));
  for (const href of links) {
    await page.goto(href);
    if (await page.locator("a.quote").count() > 0) { articleUrl = href; break; }
  }
  assert.ok(articleUrl, "no article among the results has a linked quote");
  assert.ok(await page.locator("mark.ent").count() > 0, "entities are highlighted");
  await page.screenshot({ path: `${shots}/article.png`, fullPage: false });
});
await step("a highlighted quote links to its speaker's page", async () => {
  const q = page.locator("a.quote").first();
  const href = await q.getAttribute("href");
  assert.match(href, /^\/actors\/\d+$/);
  await q.click();
  await page.waitForSelector("h1");
  assert.ok(page.url().includes("/actors/"));
  actorUrl = page.url();
  assert.ok(await page.locator("blockquote").count() > 0, "the actor page lists quotes");
});
await step("the actor timeline SVG has points", async () => {
  // the busiest actor has events over time
  await page.goto(`${base}/actors`);
  const first = page.locator("table.grid tbody a").first();
  await first.click();
  await page.waitForSelector("svg.timeline");
  const pts = await page.locator("svg.timeline circle.point").count();
  assert.ok(pts > 0, "timeline has points");
  await page.screenshot({ path: `${shots}/actor.png`, fullPage: true });
});
await step("network and contested pages render", async () => {
  const r1 = await page.goto(`${base}/network`);
  assert.equal(r1.status(), 200);
  await page.screenshot({ path: `${shots}/network.png`, fullPage: false });
  const r2 = await page.goto(`${base}/contested`);
  assert.equal(r2.status(), 200);
});
await step("pages read without JavaScript", async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const p2 = await ctx.newPage();
  await p2.goto(articleUrl || `${base}/search`);
  assert.ok(await p2.locator("h1").count() > 0);
  await ctx.close();
});
await step("keyboard: '/' focuses the search box", async () => {
  await page.goto(`${base}/actors`);
  await page.keyboard.press("/");
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  assert.equal(focused, "q");
});
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
