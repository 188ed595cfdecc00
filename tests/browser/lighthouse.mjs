// Run Lighthouse on many URLs in one Node process and one Chromium (Debian's).
//   node tests/browser/lighthouse.mjs '{"urls": [...], "categories": [...], "mobile": true,
//                                       "throttle": false, "chrome": "/usr/bin/chromium"}'
// Prints one JSON object per URL on stdout: {url, scores: {category: score}, failed: [...]},
// where failed lists the audits that score below 1 in the asked categories (id, title, score).
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const opts = JSON.parse(process.argv[2]);
const chrome = await chromeLauncher.launch({
  chromePath: opts.chrome,
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  for (const url of opts.urls) {
    const started = Date.now();
    const flags = {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: opts.categories,
      formFactor: opts.mobile ? "mobile" : "desktop",
      screenEmulation: opts.mobile
        ? undefined
        : { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false },
      // without throttling when performance is not asked: the other categories do not depend on it
      throttlingMethod: opts.throttle ? "simulate" : "provided",
      disableFullPageScreenshot: true,
    };
    // Without performance, the waits for a quiet network and CPU after load only cost time
    // (about 4 s a page): the other categories audit the loaded page.
    const quick = opts.throttle ? {} : {
      pauseAfterFcpMs: 0, pauseAfterLoadMs: 250, networkQuietThresholdMs: 250,
      cpuQuietThresholdMs: 250,
      skipAudits: ["screenshot-thumbnails", "final-screenshot", "full-page-screenshot"],
    };
    const config = { extends: "lighthouse:default", settings: quick };
    const result = await lighthouse(url, flags, config);
    const lhr = result.lhr;
    const scores = {};
    const failed = [];
    for (const [id, cat] of Object.entries(lhr.categories)) {
      scores[id] = cat.score;
      if (id === "performance") continue;
      for (const ref of cat.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          const items = (audit.details && audit.details.items || []).slice(0, 5).map(
            (i) => (i.node && (i.node.snippet || i.node.selector)) || i.url || i.source || "");
          failed.push({ category: id, id: ref.id, title: audit.title, score: audit.score, items });
        }
      }
    }
    const metrics = {};
    const numeric = {};  // the same in ms (CLS: unitless), for medians
    if (lhr.audits["first-contentful-paint"] && opts.throttle) {
      for (const m of ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                       "cumulative-layout-shift", "speed-index"]) {
        metrics[m] = lhr.audits[m].displayValue;
        numeric[m] = lhr.audits[m].numericValue;
      }
    }
    if (lhr.runtimeError) failed.push({ id: "runtime-error", title: lhr.runtimeError.message });
    process.stdout.write(JSON.stringify({ url, scores, failed, metrics, numeric, seconds: (Date.now() - started) / 1000 }) + "\n");
  }
} finally {
  await chrome.kill();
}
