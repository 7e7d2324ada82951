// Is the site installable as an app (Android Chrome's criteria)? Opens a page in Debian's
// Chromium (puppeteer-core), waits until the service worker controls it, and prints Chromium's
// own verdict: CDP Page.getInstallabilityErrors (empty = installable) and the manifest as
// Chromium parsed it (Page.getAppManifest).
// Usage: node installable.mjs URL   (NODE_PATH must resolve puppeteer-core). Exit 1 when not
// installable.
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(process.env.NODE_PATH ? path.join(process.env.NODE_PATH, "x") : import.meta.url);
const puppeteer = require("puppeteer-core");
const url = process.argv[2];
if (!url) {
  console.error("usage: node installable.mjs URL");
  process.exit(2);
}
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run"],
});
let ok = false;
try {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: "load" });
  // Installed and activated (precache done), then a reload so that it controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload({ waitUntil: "load" });
  const controlled = await page.evaluate(() => !!navigator.serviceWorker.controller);
  const cdp = await page.createCDPSession();
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  const manifest = await cdp.send("Page.getAppManifest");
  console.log(`service worker controls the page: ${controlled}`);
  console.log(`manifest: ${manifest.url} (${manifest.errors.length} parse errors${manifest.errors.map((e) => "; " + e.message).join("")})`);
  if (installabilityErrors.length === 0) {
    console.log("installable: yes (no installability errors)");
    ok = true;
  } else {
    console.log("installable: NO");
    for (const e of installabilityErrors) {
      console.log(`  ${e.errorId}${e.errorArguments.map((a) => ` ${a.name}=${a.value}`).join("")}`);
    }
  }
} finally {
  await browser.close();
}
process.exit(ok ? 0 : 1);
