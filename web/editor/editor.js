// The plan editor: CodeMirror 6 with shihyo's highlighting, the app's
// diagnostics underlined where they are (with their quick fixes), and the
// language services the app gives (src/services.rs, from the crate shihyo-ide
// that `shihyo lsp` uses too): completion, hover with the figures and how each
// was computed, go to definition (F12, or Ctrl/⌘-click). esbuild bundles this
// file into dist/editor.js, which sets `window.shihyoEditor` for the
// WebAssembly app (its bindings are in src/browser.rs). The app checks the
// plan; this file only reports edits (debounced) and shows what the app found.
import {
  EditorView, keymap, lineNumbers, highlightActiveLineGutter, highlightSpecialChars, drawSelection, dropCursor, highlightActiveLine,
  hoverTooltip,
} from "@codemirror/view";
import { Annotation, EditorState } from "@codemirror/state";
import { StreamLanguage, HighlightStyle, syntaxHighlighting, indentOnInput, bracketMatching } from "@codemirror/language";
import { history, defaultKeymap, historyKeymap, indentWithTab } from "@codemirror/commands";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { setDiagnostics, lintGutter, lintKeymap } from "@codemirror/lint";
import { tags } from "@lezer/highlight";

// CodeMirror's basic setup without what a plan does not need (folding), which
// keeps the page's download small.
const setup = [
  lineNumbers(),
  highlightActiveLineGutter(),
  highlightSpecialChars(),
  history(),
  drawSelection(),
  dropCursor(),
  indentOnInput(),
  bracketMatching(),
  closeBrackets(),
  highlightActiveLine(),
  highlightSelectionMatches(),
  keymap.of([...closeBracketsKeymap, ...completionKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...lintKeymap, indentWithTab]),
];

// The language services: each `services.NAME(text, offset)` answers JSON (offsets in UTF-16 code units).
const ask = (services, name, view, pos) => JSON.parse(services[name](view.state.doc.toString(), pos));

/// Completion: inside quotes the plan's indicators or scenarios, after a number units, else
/// keywords, functions and years. Offered as you type a word or open a name, or on Ctrl+Space.
function completion(services) {
  return autocompletion({
    override: [
      (context) => {
        const answer = ask(services, "complete", context, context.pos);
        if (!answer || !answer.options.length) return null;
        const opened = /["「(]$/.test(context.state.sliceDoc(Math.max(0, context.pos - 1), context.pos));
        if (!context.explicit && answer.from === answer.to && !opened) return null;
        return { from: answer.from, to: answer.to, options: answer.options, validFor: /^[^"」\s(),]*$/ };
      },
    ],
  });
}

const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const inline = (text) => escapeHtml(text).replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>").replace(/`([^`]+)`/g, "<code>$1</code>");

/// The hover's Markdown as HTML: the few forms the services write (code blocks, one table,
/// lists one level deep, bold and code), every text escaped.
function markdown(text) {
  const lines = text.split("\n");
  const out = [];
  for (let i = 0; i < lines.length; ) {
    const line = lines[i];
    if (line.startsWith("```")) {
      const code = [];
      for (i++; i < lines.length && !lines[i].startsWith("```"); i++) code.push(lines[i]);
      out.push(`<pre><code>${escapeHtml(code.join("\n"))}</code></pre>`);
      i++;
    } else if (line.startsWith("|")) {
      const rows = [];
      for (; i < lines.length && lines[i].startsWith("|"); i++) rows.push(lines[i].slice(1, -1).split("|").map((cell) => cell.trim()));
      const [head, , ...body] = rows;
      const cells = (row, tag) => row.map((cell) => `<${tag}>${inline(cell)}</${tag}>`).join("");
      out.push(`<table><thead><tr>${cells(head, "th")}</tr></thead><tbody>${body.map((row) => `<tr>${cells(row, "td")}</tr>`).join("")}</tbody></table>`);
    } else if (/^\s*- /.test(line)) {
      const items = [];
      for (; i < lines.length && /^\s*- /.test(lines[i]); i++) {
        const nested = /^\s+- /.test(lines[i]) ? ' class="input"' : "";
        items.push(`<li${nested}>${inline(lines[i].replace(/^\s*- /, ""))}</li>`);
      }
      out.push(`<ul>${items.join("")}</ul>`);
    } else {
      if (line.trim()) out.push(`<p>${inline(line)}</p>`);
      i++;
    }
  }
  return out.join("");
}

/// Hover: an indicator's rule, figures and explanation; a year's forms; a number's exact value.
function hover(services) {
  return hoverTooltip((view, pos) => {
    const answer = ask(services, "hover", view, pos);
    if (!answer) return null;
    return {
      pos: answer.from,
      end: answer.to,
      above: true,
      create() {
        const dom = document.createElement("div");
        dom.className = "cm-shihyo-hover";
        dom.innerHTML = markdown(answer.markdown);
        return { dom };
      },
    };
  }, { hoverTime: 300 });
}

/// Go to definition: F12 at the cursor, or Ctrl/⌘-click on a name, selects the name in its rule.
function definition(services) {
  const go = (view, pos) => {
    const answer = ask(services, "definition", view, pos);
    if (!answer) return false;
    view.dispatch({ selection: { anchor: answer.from, head: answer.to }, effects: EditorView.scrollIntoView(answer.from, { y: "center" }) });
    return true;
  };
  return [
    keymap.of([{ key: "F12", run: (view) => go(view, view.state.selection.main.head) }]),
    EditorView.domEventHandlers({
      mousedown(event, view) {
        if (!(event.ctrlKey || event.metaKey)) return false;
        const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
        if (pos === null || !go(view, pos)) return false;
        event.preventDefault();
        return true;
      },
    }),
  ];
}

// The words of the language, given by the app from the core's table (shihyo_syntax::language) when an
// editor is created, so that the highlighting cannot drift from the grammar.
let KEYWORDS = new Set();
let DEFINITIONS = new Set();

const shihyo = StreamLanguage.define({
  name: "shihyo",
  token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.match("//")) {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return "string";
    // Years: R7, H31, FY2018, CY2020, 令和7年度, 2025年度.
    if (stream.match(/^(?:令和|平成|昭和)(?:元|[0-9０-９]+)年度?/) || stream.match(/^(?:[RHS]|FY|CY)[0-9]+(?![0-9A-Za-z_])/) ||
        stream.match(/^[0-9]{4}年度?/)) {
      return "atom";
    }
    if (stream.match(/^[0-9０-９][0-9０-９,，.．_]*/)) {
      stream.match(/^(?:%|％|‰|割|倍|[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}]+)/u);
      return "number";
    }
    if (stream.match(/^[A-Za-z_][A-Za-z_0-9]*/)) {
      const word = stream.current();
      if (DEFINITIONS.has(word)) return "definitionKeyword";
      if (KEYWORDS.has(word)) return "keyword";
      return stream.match(/^\s*\(/, false) ? "function" : "variableName";
    }
    if (stream.match(/^(?:>=|<=|==|!=|≥|≤|\.\.|[<>=+\-*/])/)) return "operator";
    if (stream.match(/^[{}()[\],:]/)) return "punctuation";
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: "//" } },
});

const highlighting = HighlightStyle.define([
  { tag: tags.comment, color: "#6a737d", fontStyle: "italic" },
  { tag: tags.string, color: "#0a3069" },
  { tag: tags.atom, color: "#8250df" },
  { tag: tags.number, color: "#0550ae" },
  { tag: tags.definitionKeyword, color: "#cf222e", fontWeight: "bold" },
  { tag: tags.keyword, color: "#cf222e" },
  { tag: tags.function(tags.variableName), color: "#6639ba" },
  { tag: tags.operator, color: "#953800" },
]);

/// Marks the app's own replacements of the text, which are not edits to report.
const fromApp = Annotation.define();

/// Calls `fn` once edits have paused for `ms`, or at once on `flush()`.
function debounced(fn, ms) {
  let timer = null;
  const call = () => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
      fn();
    }
  };
  return {
    schedule() {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(call, ms);
    },
    flush: call,
  };
}

/// Edits reach the app after this pause in typing (diagnostics follow at once).
const PAUSE_MS = 250;

window.shihyoEditor = {
  create(parent, text, lang, onChange, words, services) {
    KEYWORDS = new Set(words.keywords);
    DEFINITIONS = new Set(words.definitions);
    let view;
    const report = debounced(() => onChange(view.state.doc.toString()), PAUSE_MS);
    view = new EditorView({
      parent,
      state: EditorState.create({
        doc: text,
        extensions: [
          setup,
          completion(services),
          hover(services),
          definition(services),
          shihyo,
          syntaxHighlighting(highlighting),
          lintGutter(),
          EditorView.lineWrapping,
          EditorState.phrases.of(lang === "ja" ? { "Find": "検索", "Replace": "置換", "next": "次", "previous": "前", "all": "すべて" } : {}),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((t) => t.annotation(fromApp))) report.schedule();
          }),
        ],
      }),
    });
    // Nothing typed is lost when the page goes away before the pause ends.
    const flush = () => report.flush();
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", flush);
    view.shihyoFlush = flush;
    return view;
  },
  setText(view, text) {
    if (view.state.doc.toString() !== text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, annotations: fromApp.of(true) });
    }
  },
  setDiagnostics(view, json) {
    const length = view.state.doc.length;
    const diagnostics = JSON.parse(json).map((d) => ({
      from: Math.min(d.from, length),
      to: Math.min(Math.max(d.to, d.from + 1), length),
      severity: d.severity,
      message: d.message,
      // The fix the hint names; where it replaces the diagnostic's own range, that range as
      // edits since have moved it.
      actions: d.fix
        ? [{
          name: d.fix.title,
          apply(view, from, to) {
            const [start, end] = d.fix.from === d.from && d.fix.to === d.to ? [from, to] : [d.fix.from, d.fix.to];
            view.dispatch({ changes: { from: start, to: end, insert: d.fix.insert } });
          },
        }]
        : undefined,
    }));
    view.dispatch(setDiagnostics(view.state, diagnostics));
  },
  reveal(view, offset) {
    const at = Math.min(offset, view.state.doc.length);
    view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: "center" }) });
    view.focus();
  },
  destroy(view) {
    view.shihyoFlush();
    view.destroy();
  },
};
