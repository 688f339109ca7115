// The VS Code extension (.vsix) in real VS Code: code-server driven by playwright-core in Debian's Chromium.
// Opens a Python file, reads the hover on lst.pop(0) (the bold table row), applies the quick fix for a mutable
// default, runs "Python Mental Models: Look up…" and checks the QuickPick offers the deque section.
// Run by run_vscode.sh, which installs the tools and the extension; every wait here has a timeout.
// Environment: CODE_SERVER, WORK (data, extensions, project), ARTIFACTS, PYMM (the binary), CHROMIUM.
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');
const { chromium } = require('playwright-core');

const env = (name) => {
  if (!process.env[name]) throw new Error(`${name} is not set`);
  return process.env[name];
};
const WORK = env('WORK');
const ARTIFACTS = env('ARTIFACTS');
const PYMM = env('PYMM');
const PROJECT = path.join(WORK, 'project');
const WAIT = 30000;
const started = Date.now();
const skipped = [];
let checks = 0;

function say(message) {
  console.log(`[${String(Date.now() - started).padStart(6)} ms] ${message}`);
}

function check(ok, message) {
  if (!ok) throw new Error(message);
  checks++;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

// Asks `pymm serve` what it offers: the quick-fix checks run only when it has code actions.
function serverCapabilities() {
  return new Promise((resolve, reject) => {
    const child = spawn(PYMM, ['serve'], { stdio: ['pipe', 'pipe', 'ignore'] });
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('pymm serve did not answer initialize'));
    }, 10000);
    child.stdout.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const text = buffer.toString('utf8');
      const header = /Content-Length: (\d+)\r\n\r\n/.exec(text);
      if (!header) return;
      const start = buffer.indexOf('\r\n\r\n') + 4;
      if (buffer.length < start + Number(header[1])) return;
      clearTimeout(timer);
      const reply = JSON.parse(buffer.slice(start, start + Number(header[1])).toString('utf8'));
      child.kill();
      resolve(reply.result.capabilities);
    });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize',
                                  params: { processId: null, rootUri: null, capabilities: {} } });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}

async function waitForHealth(port, child) {
  const deadline = Date.now() + WAIT;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('code-server did not answer /healthz');
}

// The editor's text, as the user sees it (Monaco renders spaces as U+00A0), lines in screen order.
async function editorText(page) {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')];
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return lines.map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n');
  });
}

// The screen centre of 'needle' (offset characters in, length long) on the first editor line holding it.
async function pointAt(page, needle, offset = 0, length = 1) {
  const point = await page.evaluate(({ needle, offset, length }) => {
    for (const line of document.querySelectorAll('.monaco-editor .view-lines .view-line')) {
      const text = line.textContent.replace(/\u00a0/g, ' ');
      const at = text.indexOf(needle);
      if (at < 0) continue;
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let seen = 0;
      const range = document.createRange();
      let startSet = false;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const len = node.textContent.length;
        if (!startSet && at + offset < seen + len) {
          range.setStart(node, at + offset - seen);
          startSet = true;
        }
        if (startSet && at + offset + length <= seen + len) {
          range.setEnd(node, at + offset + length - seen);
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2, right: line.getBoundingClientRect().left };
        }
        seen += len;
      }
    }
    return null;
  }, { needle, offset, length });
  if (!point) throw new Error(`"${needle}" is not on screen`);
  return point;
}

async function until(what, predicate, timeout = WAIT) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: WAIT });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: WAIT });
  await page.keyboard.press('Enter');
}

async function main() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const caps = await serverCapabilities();
  const hasActions = Boolean(caps.codeActionProvider);
  if (!hasActions) skipped.push('quick fix: this pymm has no codeActionProvider yet');

  const port = await freePort();
  const codeServer = spawn(env('CODE_SERVER'), [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--config', path.join(WORK, 'config.yaml'),
    '--user-data-dir', path.join(WORK, 'data'), '--extensions-dir', path.join(WORK, 'extensions'), PROJECT,
  ], { detached: true, stdio: ['ignore', fs.openSync(path.join(ARTIFACTS, 'code-server.log'), 'w'), 'pipe'] });
  codeServer.stderr.pipe(fs.createWriteStream(path.join(ARTIFACTS, 'code-server.err')));
  const stopCodeServer = () => {
    try {
      process.kill(-codeServer.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', stopCodeServer);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(2));

  let browser = null;
  let page = null;
  try {
    await waitForHealth(port, codeServer);
    say(`code-server ready on 127.0.0.1:${port}`);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking',
             '--disable-component-update'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(WAIT);
    // Not 'load': the web worker extension host's iframe keeps it from ever firing here.
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(PROJECT)}`, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
    say('workbench loaded');

    // Open the Python file.
    await page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible' });
    await until('Quick Open', async () => {
      await page.keyboard.press('Control+P');
      return page.locator('.quick-input-widget .quick-input-box input').isVisible();
    }, WAIT);
    await page.keyboard.type('sample.py');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'sample.py' }).first().waitFor();
    await page.keyboard.press('Enter');
    await until('sample.py in the editor', async () => (await editorText(page)).includes('lst.pop(0)'));
    say('sample.py open');

    // Hover on pop: the server may still be starting, so hover again until its hover arrives.
    const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents', { hasText: 'Pop from start' }).first();
    await until('the pymm hover on lst.pop(0)', async () => {
      const away = await pointAt(page, 'import');
      await page.mouse.move(away.x, away.y + 200);
      const p = await pointAt(page, 'lst.pop(0)', 4, 3);
      await page.mouse.move(p.x, p.y);
      try {
        await hover.waitFor({ state: 'visible', timeout: 3000 });
        return true;
      } catch {
        return false;
      }
    }, 45000);
    const bold = await hover.locator('strong').allTextContents();
    check(bold.some((t) => t.trim() === 'Pop from start'),
          `the hover has "Pop from start" in bold; bold texts: ${JSON.stringify(bold)}`);
    const hoverText = (await hover.textContent()).replace(/\u00a0/g, ' ');
    check(hoverText.includes('collections.deque'), `the hover has the guide's text; got: ${hoverText}`);
    check(hoverText.includes('O(n)'), `the hover shows O(n); got: ${hoverText}`);
    await page.locator('.monaco-workbench .part.editor').screenshot({ path: path.join(ARTIFACTS, 'vscode-hover.png') });
    say(`hover: bold ${JSON.stringify(bold)}`);
    await page.keyboard.press('Escape');

    // Quick fix for the mutable default: squiggle, Ctrl+. on the line, the row chosen with the keyboard.
    if (hasActions) {
      await page.locator('.squiggly-warning, .squiggly-info, .squiggly-error, .squiggly-hint').first()
        .waitFor({ state: 'attached' });
      const at = await pointAt(page, 'items=[]', 6, 2);
      const cursorOnDef = async () => {
        await page.mouse.click(at.x, at.y);
        await until('the cursor on the def line', async () => {
          const status = await page.locator('#status\\.editor\\.selection').textContent().catch(() => '');
          return /Ln 10\b/.test(status || '');
        }, 10000);
      };
      const widget = page.locator('.action-widget');
      // Ctrl+. with the cursor on the def line; the rows the action widget offers. A busy machine can swallow
      // the key while the editor takes focus back: press it again until the widget shows.
      const actionsOnDef = async () => {
        await until('the action widget', async () => {
          await cursorOnDef();
          await page.keyboard.press('Control+.');
          return widget.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false);
        });
        return until('actions in the action widget', async () => {
          const texts = await widget.locator('.monaco-list-row.action').allTextContents();
          return texts.length ? texts : null;
        });
      };
      // "Explain: Mutable Default Arguments": pymm.lookup's answer for the section opens in a Markdown preview.
      const offeredActions = await actionsOnDef();
      const explain = offeredActions.findIndex((t) => /Explain: Mutable Default Arguments/.test(t));
      check(explain >= 0, `an Explain action is offered; offered: ${JSON.stringify(offeredActions)}`);
      for (let i = 0; i < explain; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      const explainTab = page.locator('.tabs-container .tab', { hasText: /Preview.*mutable-default-arguments/ });
      await explainTab.first().waitFor({ state: 'visible' });
      say(`Explain opens: ${(await explainTab.first().textContent()).trim()}`);
      checks++;
      const sampleTab = page.locator('.tabs-container .tab', { hasText: 'sample.py' }).first();
      await sampleTab.click();
      await until('sample.py active again', async () => /\bactive\b/.test(await sampleTab.getAttribute('class') || ''));

      const rows = await actionsOnDef();
      const target = rows.findIndex((t) => /None/.test(t));
      check(target >= 0, `a quick fix mentioning None is offered; offered: ${JSON.stringify(rows)}`);
      for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
      const focused = await widget.locator('.monaco-list-row.action.focused').textContent();
      check(/None/.test(focused), `the focused quick fix is the None one; focused: ${focused}`);
      await page.keyboard.press('Enter');
      const fixed = await until('the fix in the editor text', async () => {
        const text = await editorText(page);
        return text.includes('items=None') && text.includes('if items is None:') ? text : null;
      });
      const expected = 'def collect(item, items=None):\n    if items is None:\n        items = []\n    items.append(item)';
      check(fixed.includes(expected), `after the fix the function reads\n${expected}\n--- but the editor has\n${fixed}`);
      say(`quick fix applied: "${focused.trim()}"`);
    }

    // "Python Mental Models: Look up…": the QuickPick fed by pymm.lookup offers the deque section.
    await runCommand(page, 'Python Mental Models: Look up');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await until('the lookup QuickPick', async () =>
      (await input.getAttribute('placeholder') || '').includes('A topic of the guide'));
    await input.fill('deque');
    const dequeRow = page.locator('.quick-input-widget .monaco-list-row', { hasText: /DEQUE/ }).first();
    await dequeRow.waitFor({ state: 'visible' });
    const offered = await page.locator('.quick-input-widget .monaco-list-row').allTextContents();
    check(offered[0].includes('DEQUE') && offered[0].includes('Collections Module Highlights'),
          `the first item is the deque section; offered: ${JSON.stringify(offered)}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'vscode-lookup.png') });
    say(`lookup offers ${offered.length}: ${offered[0].replace(/\s+/g, ' ').slice(0, 80)}`);
    await page.keyboard.press('Enter');
    const previewTab = page.locator('.tabs-container .tab', { hasText: /Preview.*collections-module-highlights--deque/ });
    await previewTab.first().waitFor({ state: 'visible' });
    say(`Markdown preview open: ${(await previewTab.first().textContent()).trim()}`);
    checks++;

    for (const what of skipped) say(`SKIPPED: ${what}`);
    say(`PASS: ${checks} checks`);
  } catch (err) {
    if (page) await page.screenshot({ path: path.join(ARTIFACTS, 'vscode-failure.png') }).catch(() => {});
    throw err;
  } finally {
    if (browser) await browser.close().catch(() => {});
    copyLogs();
    stopCodeServer();
  }
}

// The extension host's and the extension's logs, for when the editor is silent.
function copyLogs() {
  const logs = path.join(WORK, 'data', 'logs');
  const out = path.join(ARTIFACTS, 'vscode-logs');
  try {
    fs.rmSync(out, { recursive: true, force: true });
    fs.cpSync(logs, out, { recursive: true });
  } catch {
    // no logs written
  }
}

main().then(() => process.exit(0), (err) => {
  console.log(`FAIL: ${err.message}`);
  process.exit(1);
});
