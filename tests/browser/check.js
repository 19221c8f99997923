// Checks HTML files in headless Chromium: axe-core with the WCAG 2.1 A and AA rules at 360 and
// 1280 px wide, whether the page itself scrolls sideways (only a table's own box may), and a
// full-page screenshot of each. Prints a JSON array, one entry per file and width.
//
//   node check.js --shots DIR FILE.html...
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
    const page = await browser.newPage();
    // A self-contained file needs nothing else: any request beyond it is a fault.
    const requests = [];
    await page.setRequestInterception(true);
    page.on('request', (r) => {
      const url = r.url();
      if (url.startsWith('file:') || url.startsWith('data:')) r.continue();
      else { requests.push(url); r.abort(); }
    });
    for (const file of files) {
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
        results.push({
          file, width, overflow, requests: [...requests], screenshot,
          passes: axe.passes.length,
          violations: axe.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
          })),
        });
      }
    }
  } finally {
    await close();
  }
  process.stdout.write(JSON.stringify(results, null, 1) + '\n');
}

main().catch((e) => { console.error(e); process.exit(2); });
