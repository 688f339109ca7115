// Python Mental Models for VS Code: starts `pymm serve` and adds the guide's lookup and table of contents.
// Everything else (hover, diagnostics, quick fixes, workspace symbols) comes from the language client.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient, ExecuteCommandRequest, State } = require('vscode-languageclient/node');

const INSTALL_HINT =
  'Build and install it from the pymm source tree with `sudo make install` (PREFIX=/usr/local by default), ' +
  'or set "pymm.path" to the pymm executable.';
const PREVIEW_SCHEME = 'pymm-guide';

let client = null;
let output = null;
const previews = new Map(); // preview URI path -> Markdown, for the content provider below

function settings() {
  const c = vscode.workspace.getConfiguration('pymm');
  return {
    guidePath: expandHome(c.get('guidePath', '')),
    select: c.get('select', []),
    ignore: c.get('ignore', []),
    inlayHints: { complexity: c.get('inlayHints.complexity', false) },
    hover: { maxTableRows: c.get('hover.maxTableRows', 12) },
  };
}

function expandHome(p) {
  return p && p.startsWith('~') ? path.join(os.homedir(), p.slice(1)) : p;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

// pymm.path when set, else the first `pymm` on PATH; null when there is none.
function findServer() {
  const configured = expandHome(vscode.workspace.getConfiguration('pymm').get('path', ''));
  if (configured) return isExecutable(configured) ? configured : null;
  const names = process.platform === 'win32' ? ['pymm.exe', 'pymm.cmd', 'pymm'] : ['pymm'];
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    for (const name of names) {
      const candidate = path.join(dir || '.', name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

async function startClient() {
  const command = findServer();
  if (!command) {
    const configured = vscode.workspace.getConfiguration('pymm').get('path', '');
    const what = configured ? `"pymm.path" (${configured}) is not an executable file.` : 'pymm was not found on PATH.';
    output.appendLine(`${what} ${INSTALL_HINT}`);
    const choice = await vscode.window.showErrorMessage(`Python Mental Models: ${what} ${INSTALL_HINT}`,
                                                        'Open Settings');
    if (choice === 'Open Settings') vscode.commands.executeCommand('workbench.action.openSettings', 'pymm.path');
    return;
  }
  output.appendLine(`starting ${command} serve`);
  client = new LanguageClient('pymm', 'Python Mental Models', { command, args: ['serve'] }, {
    documentSelector: [
      { scheme: 'file', language: 'python' },
      { scheme: 'untitled', language: 'python' },
    ],
    initializationOptions: settings(),
    outputChannel: output,
    middleware: {
      // The "Explain: <section>" code action runs pymm.lookup on its section: show the answer, as "Look up…"
      // does, instead of dropping it.
      executeCommand: async (command, args, next) => {
        const result = await next(command, args);
        if (command === 'pymm.lookup' && Array.isArray(result) && result.length > 0) {
          await vscode.commands.executeCommand('markdown.showPreview', previewUri(result[0]));
        }
        return result;
      },
    },
  });
  try {
    await client.start();
  } catch (err) {
    vscode.window.showErrorMessage(`Python Mental Models: ${command} serve failed to start: ${err.message || err}`);
  }
}

async function stopClient() {
  const old = client;
  client = null;
  if (old && old.state !== State.Stopped) {
    try {
      await old.stop();
    } catch (err) {
      output.appendLine(`stopping the server: ${err.message || err}`);
    }
  }
}

async function restartClient() {
  await stopClient();
  await startClient();
}

async function runServerCommand(command, args) {
  if (!client || client.state !== State.Running) {
    vscode.window.showWarningMessage('Python Mental Models: the pymm server is not running.');
    return null;
  }
  return client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
}

function previewUri(item) {
  const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${item.anchor || 'section'}.md` });
  previews.set(uri.path, item.markdown || `# ${item.title}\n`);
  return uri;
}

async function openGuideAt(location) {
  if (!location || !location.uri) return;
  const line = location.range ? location.range.start.line : 0;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(location.uri));
  const editor = await vscode.window.showTextDocument(doc, { preview: true });
  const at = new vscode.Position(line, 0);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.AtTop);
}

const openInGuide = { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: 'Open the guide at this section' };

// "Look up…": a QuickPick that asks pymm.lookup as the user types; Enter shows the section in a Markdown preview,
// the item's button opens the guide itself at the section's line.
async function lookup(initial) {
  const pick = vscode.window.createQuickPick();
  pick.title = 'Python Mental Models: Look up';
  pick.placeholder = 'A topic of the guide: deque, late binding, GIL…';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  let generation = 0;
  let timer = null;
  const query = async (text) => {
    const mine = ++generation;
    if (!text.trim()) {
      pick.items = [];
      pick.busy = false;
      return;
    }
    pick.busy = true;
    try {
      const found = (await runServerCommand('pymm.lookup', [{ query: text, limit: 30 }])) || [];
      if (mine !== generation) return;
      // alwaysShow: pymm has ranked them already; the QuickPick's own filter must not drop any.
      pick.items = found.map((item) => ({
        label: item.title,
        description: item.section && item.section !== item.title ? item.section : '',
        detail: firstLine(item.markdown),
        alwaysShow: true,
        buttons: [openInGuide],
        item,
      }));
    } catch (err) {
      output.appendLine(`pymm.lookup: ${err.message || err}`);
    } finally {
      if (mine === generation) pick.busy = false;
    }
  };
  pick.onDidChangeValue((text) => {
    clearTimeout(timer);
    timer = setTimeout(() => query(text), 80);
  });
  pick.onDidAccept(async () => {
    const chosen = pick.selectedItems[0];
    if (!chosen) return;
    pick.hide();
    await vscode.commands.executeCommand('markdown.showPreview', previewUri(chosen.item));
  });
  pick.onDidTriggerItemButton(async (e) => {
    pick.hide();
    await openGuideAt(e.item.item.location);
  });
  pick.onDidHide(() => {
    clearTimeout(timer);
    pick.dispose();
  });
  if (typeof initial === 'string' && initial) {
    pick.value = initial;
    query(initial);
  }
  pick.show();
}

// The first line of prose or code under the headings: headings and comment headers repeat the title.
function firstLine(markdown) {
  for (const raw of (markdown || '').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('```')) continue;
    const text = line.replace(/[*_`>|]/g, '').trim();
    if (text) return text.length > 120 ? `${text.slice(0, 119)}…` : text;
  }
  return '';
}

// "Show table of contents": every section of the guide, indented by level; choosing one opens the guide there.
async function showTopics() {
  const topics = await runServerCommand('pymm.topics', []);
  if (!topics) return;
  const top = Math.min(...topics.map((t) => t.level));
  const chosen = await vscode.window.showQuickPick(
    topics.map((t) => ({ label: `${'\u2003'.repeat(Math.max(0, t.level - top))}${t.title}`, topic: t })),
    { title: 'Python Mental Models: Table of contents', matchOnDescription: true, placeHolder: 'A section' });
  if (chosen) await openGuideAt(chosen.topic.location);
}

async function activate(context) {
  // A log channel: the language client writes the server's stderr and its own messages with .info()/.error().
  output = vscode.window.createOutputChannel('Python Mental Models', { log: true });
  context.subscriptions.push(
    output,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, {
      provideTextDocumentContent: (uri) => previews.get(uri.path) || '',
    }),
    vscode.commands.registerCommand('pymm.showLookup', lookup),
    vscode.commands.registerCommand('pymm.showTopics', showTopics),
    vscode.commands.registerCommand('pymm.restartServer', restartClient),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('pymm')) return;
      if (e.affectsConfiguration('pymm.path') || !client) {
        restartClient();
      } else if (client.state === State.Running) {
        client.sendNotification('workspace/didChangeConfiguration', { settings: { pymm: settings() } });
      }
    }),
    { dispose: () => stopClient() });
  await startClient();
}

function deactivate() {
  return stopClient();
}

module.exports = { activate, deactivate };
