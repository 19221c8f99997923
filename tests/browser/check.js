// Checks HTML files in headless Chromium: axe-core with the WCAG 2.1 A and AA rules at 360 and
// 1280 px wide, whether the page itself scrolls sideways (only a table's own box may), and,
// with --shots, a full-page screenshot of each into DIR. Two pages work at a time. Prints a
// JSON array, one entry per file and width, in the order of the files.
//
//   node check.js [--shots DIR] FILE.html...
'use strict';
const fs = require('fs');
const path = require('path');
const { launch } = require('./browser');

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WIDTHS = [360, 1280];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function main() {
  const args = process.argv.slice(2);
  let shots = null;
  const files = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--shots') shots = args[++i];
    else files.push(args[i]);
  }
  if (shots) fs.mkdirSync(shots, { recursive: true });
  const { browser, close } = await launch();
  const results = [];
  try {
    // Two pages at a time (the CI machine has two cores); results keep the files' order.
    const queue = files.map((file, i) => ({ file, i }));
    const found = [];
    const worker = async () => {
      const page = await browser.newPage();
      // A self-contained file needs nothing else: any request beyond it is a fault.
      const requests = [];
      await page.setRequestInterception(true);
      page.on('request', (r) => {
        const url = r.url();
        if (url.startsWith('file:') || url.startsWith('data:')) r.continue();
        else { requests.push(url); r.abort(); }
      });
      for (let job = queue.shift(); job; job = queue.shift()) {
        const { file, i } = job;
        const url = 'file://' + path.resolve(file);
        for (const width of WIDTHS) {
          requests.length = 0;
          await page.setViewport({ width, height: 800 });
          await page.goto(url, { waitUntil: 'load' });
          await page.evaluate(AXE);
          const axe = await page.evaluate(
            (tags) => axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          let screenshot = null;
          if (shots) {
            screenshot = path.join(shots, `${path.basename(file, '.html')}-${width}.png`);
            await page.screenshot({ path: screenshot, fullPage: true });
          }
          found.push({ i, width, result: {
            file, width, overflow, requests: [...requests], screenshot,
            passes: axe.passes.length,
            violations: axe.violations.map((v) => ({
              id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
            })),
          } });
        }
      }
      await page.close();
    };
    await Promise.all([worker(), worker()]);
    found.sort((a, b) => a.i - b.i || a.width - b.width);
    for (const f of found) results.push(f.result);
  } finally {
    await close();
  }
  process.stdout.write(JSON.stringify(results, null, 1) + '\n');
}

main().catch((e) => { console.error(e); process.exit(2); });
