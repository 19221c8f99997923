// The live preview in a browser: opens the page `bokslut serve` gives, prints "ready" when the
// web edition shows, then, when a line arrives on stdin (the test has edited the report),
// waits until the web edition in the page shows TEXT, and prints the time it took as JSON.
//
//   node preview.js URL TEXT [TIMEOUT_MS]
'use strict';
const readline = require('readline');
const { launch } = require('./browser');

async function main() {
  const [url, text, timeoutArg] = process.argv.slice(2);
  const timeout = Number(timeoutArg || 2000);
  const { browser, close } = await launch();
  try {
    const page = await browser.newPage();
    // The PDF view must not become a download on disk.
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'deny' }).catch(() => {});
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    const shows = async (needle) => {
      const frame = page.frames().find((f) => f.url().includes('/report.html'));
      if (!frame) return false;
      try {
        return await frame.evaluate((n) => document.body !== null && document.body.textContent.includes(n), needle);
      } catch (e) {
        return false; // reloading
      }
    };
    // The first render is shown.
    const start = Date.now();
    while (!(await page.evaluate(() => document.getElementById('html') !== null))
      || !(await page.frames().some((f) => f.url().includes('/report.html')))) {
      if (Date.now() - start > 10000) throw new Error('the preview page shows no web edition');
      await new Promise((r) => setTimeout(r, 50));
    }
    const before = await shows(text);
    process.stdout.write('ready\n');
    await new Promise((resolve) => {
      const lines = readline.createInterface({ input: process.stdin });
      lines.once('line', () => { lines.close(); resolve(); });
    });
    const edited = Date.now();
    let seen = false;
    while (Date.now() - edited <= timeout) {
      if (await shows(text)) { seen = true; break; }
      await new Promise((r) => setTimeout(r, 25));
    }
    process.stdout.write(JSON.stringify({ before, seen, ms: Date.now() - edited }) + '\n');
  } finally {
    await close();
  }
}

main().catch((e) => { console.error(e); process.exit(2); });
