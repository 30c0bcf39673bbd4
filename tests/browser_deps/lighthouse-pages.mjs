// Lighthouse on several pages, one after another with one browser: what its CLI does for one
// page, without starting Node and Chromium again for each (about 6 s each on two cores).
// Lighthouse keeps global state, so pages checked at the same time need separate processes.
// Usage: node lighthouse-pages.mjs jobs.json, where jobs.json is
// [{"url": ..., "categories": [...], "output": "report.json"}, ...]; CHROME_PATH names Chromium.
import fs from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const jobs = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: ["--headless=new", ...JSON.parse(process.env.CHROME_ARGS || "[]")],
});
try {
  for (const job of jobs) {
    const result = await lighthouse(job.url, {
      port: chrome.port, onlyCategories: job.categories, output: "json",
      maxWaitForLoad: 120000, logLevel: "error",
      // Only the HTML report shows it; no accessibility, best-practice or SEO audit needs it.
      disableFullPageScreenshot: true,
    });
    fs.writeFileSync(job.output, result.report);
  }
} finally {
  await chrome.kill();
}
