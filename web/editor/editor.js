// The plan editor: CodeMirror 6 with shihyo's highlighting, and the app's
// diagnostics underlined where they are. esbuild bundles this file into
// dist/editor.js, which sets `window.shihyoEditor` for the WebAssembly app
// (its bindings are in src/browser.rs). The app checks the plan; this file
// only reports edits (debounced) and shows what the app found.
import {
  EditorView, keymap, lineNumbers, highlightActiveLineGutter, highlightSpecialChars, drawSelection, dropCursor, highlightActiveLine,
} from "@codemirror/view";
import { Annotation, EditorState } from "@codemirror/state";
import { StreamLanguage, HighlightStyle, syntaxHighlighting, indentOnInput, bracketMatching } from "@codemirror/language";
import { history, defaultKeymap, historyKeymap, indentWithTab } from "@codemirror/commands";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { setDiagnostics, lintGutter, lintKeymap } from "@codemirror/lint";
import { tags } from "@lezer/highlight";

// CodeMirror's basic setup without what a plan does not need (folding, and
// completion popups), which keeps the page's download small.
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
  keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...lintKeymap, indentWithTab]),
];

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
  create(parent, text, lang, onChange, words) {
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
