// The shihyo extension for VS Code: `.kpi` files are the shihyo language
// (a TextMate grammar for colours before the server answers, the language
// configuration for comments, brackets and 「」), and `shihyo lsp` gives the rest
// (diagnostics, hover, completion, navigation, rename, formatting, outline,
// semantic tokens, code lenses, quick fixes). The code lens above each rule runs
// `shihyo.explain`: `shihyo explain` on that rule with the plan's data files, in a
// terminal.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function settings() {
  const config = vscode.workspace.getConfiguration("shihyo");
  const lang = config.get("lang") || (vscode.env.language.startsWith("ja") ? "ja" : "en");
  return { path: config.get("path") || "shihyo", lang, data: config.get("data") || [] };
}

function activate(context) {
  const { path, lang, data } = settings();
  client = new LanguageClient(
    "shihyo",
    "shihyo",
    { command: path, args: ["--lang", lang, "lsp"] },
    {
      documentSelector: [
        { scheme: "file", language: "shihyo" },
        { scheme: "untitled", language: "shihyo" },
        { scheme: "file", pattern: "**/*.{csv,tsv,json}" },
      ],
      initializationOptions: { lang, data, explainCommand: true },
      synchronize: {
        configurationSection: "shihyo",
        fileEvents: vscode.workspace.createFileSystemWatcher("**/*.{csv,tsv,json}"),
      },
    },
  );
  context.subscriptions.push(
    vscode.commands.registerCommand("shihyo.explain", (uri, rule, dataFiles) => {
      const file = vscode.Uri.parse(uri).fsPath;
      const terminal = vscode.window.createTerminal({ name: "shihyo explain" });
      const quote = (text) => `'${String(text).replace(/'/g, "'\\''")}'`;
      const data = (dataFiles || []).map((f) => ` --data ${quote(f)}`).join("");
      terminal.sendText(`${quote(path)} --lang ${lang} explain ${quote(file)} ${quote(rule)}${data}`);
      terminal.show();
    }),
  );
  client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
