#!/usr/bin/env node
// Loads a page in headless Chromium (driven over the DevTools protocol by puppeteer-core), lets its scenario run,
// reloads it once (the revalidating second phase), and writes the HAR 1.2 log of everything it fetched.
//   node record.js --chromium /usr/bin/chromium --url http://HOST:PORT/index.html --out FILE.har [--timeout-ms N]
// Exit 0 when the scenario finished on both loads and every request settled; 1 with one line on stderr otherwise.
'use strict';

const fs = require('fs');
const puppeteer = require('puppeteer-core');
const { HarRecorder } = require('./har-recorder');

function options(argv) {
  const o = { timeoutMs: 30000 };
  for (let i = 2; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${name} needs a value`);
    switch (name) {
      case '--chromium': o.chromium = value; break;
      case '--url': o.url = value; break;
      case '--out': o.out = value; break;
      case '--timeout-ms': o.timeoutMs = Number(value); break;
      default: throw new Error(`unknown option ${name}`);
    }
  }
  for (const required of ['chromium', 'url', 'out']) {
    if (!o[required]) throw new Error(`--${required} is required`);
  }
  return o;
}

async function loadAndRunScenario(page, recorder, title, navigate, timeoutMs) {
  recorder.beginPage(title);
  await navigate();
  const handle = await page.waitForFunction(() => window.scenario && window.scenario.state !== 'running' && window.scenario, { timeout: timeoutMs });
  const scenario = await handle.jsonValue();
  if (scenario.state !== 'done') throw new Error(`the page's scenario ${scenario.phase} failed: ${scenario.error}`);
}

async function main() {
  const o = options(process.argv);
  const deadline = setTimeout(() => { console.error(`record: gave up after ${o.timeoutMs} ms`); process.exit(1); }, o.timeoutMs);
  const browser = await puppeteer.launch({
    executablePath: o.chromium,
    headless: true, // Chromium's new headless mode (--headless=new): the real browser, no window
    args: ['--no-sandbox', '--disable-gpu', '--no-proxy-server'],
    protocolTimeout: o.timeoutMs,
  });
  // Whatever happens below, the browser does not outlive this process.
  process.on('exit', () => { try { browser.process()?.kill('SIGKILL'); } catch { /* already gone */ } });
  try {
    const page = await browser.newPage();
    const cdp = await page.createCDPSession();
    const recorder = new HarRecorder(cdp);
    await recorder.start();
    const step = Math.floor(o.timeoutMs / 3);
    await loadAndRunScenario(page, recorder, 'first load', () => page.goto(o.url, { waitUntil: 'load', timeout: step }), step);
    // Chromium commits HTTP cache entries asynchronously: a moment for them to land, so the reload revalidates.
    await new Promise(resolve => setTimeout(resolve, 250));
    await loadAndRunScenario(page, recorder, 'reload', () => page.reload({ waitUntil: 'load', timeout: step }), step);
    await recorder.settle(step);
    fs.writeFileSync(o.out, JSON.stringify(recorder.toHar(await browser.version()), null, 2));
  } finally {
    await browser.close().catch(() => {});
    clearTimeout(deadline);
  }
}

main().catch(error => {
  console.error(`record: ${error.message}`);
  process.exit(1);
});
