//! `shihyo lsp` driven over stdio by a JSON-RPC client, as an editor drives it:
//! initialize, didOpen, didChange, every request the server offers, shutdown
//! and exit; and messages no editor should send (not JSON, not JSON-RPC, wrong
//! parameters, unknown methods) and every half-typed state of a plan, after
//! which the server still answers.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

/// The longest wait for a message: a server that stalls fails the test instead of hanging it.
const PATIENCE: Duration = Duration::from_secs(60);

const PLAN: &str = r#"plan "テスト計画" { period R3..R7  baseline R1 }
outcome "電子申請件数" >= baseline(R1) * 150% unit 件
indicator "申請総数" unit 件
outcome "電子申請率" = value("電子申請件数") / value("申請総数") >= 50%
"#;

const ACTUALS: &str = "indicator,year,value\n電子申請件数,R1,\"12,480\"\n電子申請件数,R5,\"18,100\"\n申請総数,R5,\"30,000\"\n";

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for responses.
    notifications: Vec<Value>,
}

impl Client {
    fn start(args: &[&str]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_shihyo"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("shihyo starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (sender, messages) = channel();
        std::thread::spawn(move || loop {
            let mut length = 0;
            loop {
                let mut line = String::new();
                if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(value) = line.strip_prefix("Content-Length: ") {
                    length = value.parse().unwrap();
                }
            }
            let mut body = vec![0; length];
            stdout.read_exact(&mut body).unwrap();
            if sender.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        });
        Client { child, stdin, messages, next_id: 0, notifications: Vec::new() }
    }

    fn send_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send_raw(&json!({ "jsonrpc": "2.0", "method": method, "params": params }).to_string());
    }

    /// Sends a request and waits for its response (the whole message: `result` or `error`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send_raw(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }).to_string());
        self.response(json!(id))
    }

    fn response(&mut self, id: Value) -> Value {
        loop {
            let message = self.messages.recv_timeout(PATIENCE).expect("the server answers in time");
            if message.get("method").is_some() {
                self.notifications.push(message);
            } else if message["id"] == id {
                return message;
            }
        }
    }

    /// The result of a request that must succeed.
    fn result(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        assert!(response.get("error").is_none(), "{method} failed: {response}");
        response["result"].clone()
    }

    /// The diagnostics last published for a document, once they have arrived.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        // A request answered after the notification guarantees it was sent (the server answers in order).
        self.result("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }));
        let published =
            self.notifications.iter().rev().find(|n| n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri);
        published.map(|n| n["params"]["diagnostics"].as_array().unwrap().clone()).expect("diagnostics were published")
    }

    fn finish(mut self) {
        assert_eq!(self.result("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let status = wait(&mut self.child);
        assert!(status.success(), "the server exits cleanly after `exit`: {status}");
    }
}

fn wait(child: &mut Child) -> std::process::ExitStatus {
    for _ in 0..600 {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.kill().unwrap();
    panic!("the server did not exit");
}

/// A folder with the plan and, by the convention's name, its actuals.
fn workspace() -> (tempfile::TempDir, String, String) {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("plan.kpi"), PLAN).unwrap();
    std::fs::write(folder.path().join("actuals.csv"), ACTUALS).unwrap();
    let uri = |name: &str| format!("file://{}", folder.path().join(name).display());
    let (plan, actuals) = (uri("plan.kpi"), uri("actuals.csv"));
    (folder, plan, actuals)
}

fn initialized(locale: &str) -> Client {
    let mut client = Client::start(&["lsp"]);
    let result = client.result("initialize", json!({ "processId": null, "rootUri": null, "capabilities": {}, "locale": locale }));
    let capabilities = &result["capabilities"];
    for provider in [
        "hoverProvider",
        "completionProvider",
        "definitionProvider",
        "referencesProvider",
        "renameProvider",
        "documentFormattingProvider",
        "documentSymbolProvider",
        "semanticTokensProvider",
        "codeLensProvider",
        "codeActionProvider",
    ] {
        assert!(!capabilities[provider].is_null(), "{provider} is offered: {capabilities}");
    }
    assert_eq!(result["serverInfo"]["name"], "shihyo");
    client.notify("initialized", json!({}));
    client
}

fn open(client: &mut Client, uri: &str, text: &str) {
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "shihyo", "version": 1, "text": text } }));
}

fn change(client: &mut Client, uri: &str, version: i64, text: &str) {
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
    );
}

/// The zero-based line and UTF-16 column of the first `needle` in `text`, plus `ahead` characters.
fn position(text: &str, needle: &str, ahead: usize) -> Value {
    let at = text.find(needle).unwrap_or_else(|| panic!("`{needle}` is in the text"));
    let before = &text[..at];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..at].encode_utf16().count() + ahead;
    json!({ "line": line, "character": column })
}

fn at(uri: &str, text: &str, needle: &str, ahead: usize) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": position(text, needle, ahead) })
}

#[test]
fn serves_every_feature_to_an_editor() {
    let (_folder, plan, actuals) = workspace();
    let mut client = initialized("ja");
    open(&mut client, &plan, PLAN);
    assert_eq!(client.diagnostics(&plan), Vec::<Value>::new(), "the plan checks");

    // Hover on a name read by a derivation: the rule, the figures, the explanation, in Japanese.
    let hover = client.result("textDocument/hover", at(&plan, PLAN, "value(\"電子申請件数\")", 8));
    let markdown = hover["contents"]["value"].as_str().unwrap();
    for expected in [
        "**outcome** 電子申請件数 · 件",
        "令和5年度時点",
        "18,100件",
        "96.69%",
        "順調",
        "計算の内訳",
        "actuals.csv:3:",
        "参照元： 「電子申請率」",
    ] {
        assert!(markdown.contains(expected), "hover has `{expected}`:\n{markdown}");
    }
    // On a year: every way to write it; on a number: its exact value.
    let year = client.result("textDocument/hover", at(&plan, PLAN, "R1)", 0));
    let year = year["contents"]["value"].as_str().unwrap();
    assert!(year.contains("`R1` = `令和元年度` = `FY2019`") && year.contains("2019-04-01"), "{year}");
    let number = client.result("textDocument/hover", at(&plan, PLAN, "150%", 1));
    assert!(number["contents"]["value"].as_str().unwrap().starts_with("= 1.5 "), "{number}");

    // Go to definition from a reference, and every reference (the data file's cells too).
    let definition = client.result("textDocument/definition", at(&plan, PLAN, "value(\"申請総数\")", 8));
    assert_eq!(
        definition,
        json!([{ "uri": plan, "range": { "start": { "line": 2, "character": 10 }, "end": { "line": 2, "character": 16 } } }])
    );
    let mut references = at(&plan, PLAN, "\"電子申請件数\" >=", 1);
    references["context"] = json!({ "includeDeclaration": true });
    let references = client.result("textDocument/references", references);
    let uris: Vec<&str> = references.as_array().unwrap().iter().map(|r| r["uri"].as_str().unwrap()).collect();
    assert_eq!(uris, [plan.as_str(), plan.as_str(), actuals.as_str(), actuals.as_str()], "{references}");

    // Rename: the rule, the expression and both cells of the data file.
    let prepared = client.result("textDocument/prepareRename", at(&plan, PLAN, "\"電子申請件数\" >=", 2));
    assert_eq!(prepared["placeholder"], "電子申請件数");
    let mut rename = at(&plan, PLAN, "\"電子申請件数\" >=", 2);
    rename["newName"] = json!("オンライン申請件数");
    let edit = client.result("textDocument/rename", rename);
    let in_plan = edit["changes"][&plan].as_array().unwrap();
    let in_data = edit["changes"][&actuals].as_array().unwrap();
    assert_eq!((in_plan.len(), in_data.len()), (2, 2), "{edit}");
    assert_eq!(in_plan[0]["newText"], "\"オンライン申請件数\"");
    assert_eq!(in_data[0]["newText"], "オンライン申請件数");
    assert_eq!(in_data[0]["range"], json!({ "start": { "line": 1, "character": 0 }, "end": { "line": 1, "character": 6 } }));
    // A name another indicator has is refused, with the reason.
    let mut clash = at(&plan, PLAN, "\"電子申請件数\" >=", 2);
    clash["newName"] = json!("申請総数");
    let refused = client.request("textDocument/rename", clash);
    assert!(refused["error"]["message"].as_str().unwrap().contains("すでに別のもの"), "{refused}");

    // Outline, tokens, lenses, formatting.
    let symbols = client.result("textDocument/documentSymbol", json!({ "textDocument": { "uri": plan } }));
    let names: Vec<&str> = symbols.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["テスト計画", "電子申請件数", "申請総数", "電子申請率"]);
    let tokens = client.result("textDocument/semanticTokens/full", json!({ "textDocument": { "uri": plan } }));
    let data = tokens["data"].as_array().unwrap();
    assert!(data.len() >= 5 * 20 && data.len().is_multiple_of(5), "{tokens}");
    // The first token is `plan`, a keyword (type 6) at 0:0, 4 long.
    assert_eq!(&data[..5], &[json!(0), json!(0), json!(4), json!(6), json!(0)]);
    let lenses = client.result("textDocument/codeLens", json!({ "textDocument": { "uri": plan } }));
    let titles: Vec<&str> = lenses.as_array().unwrap().iter().map(|l| l["command"]["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        ["順調 · 評価 A · 達成率 96.69% · 令和5年度時点", "参考値 · 令和5年度時点", "順調 · 評価 A · 達成率 120.67% · 令和5年度時点"]
    );
    let messy = PLAN.replace("  baseline R1", "   baseline   R1");
    change(&mut client, &plan, 2, &messy);
    let formatted = client
        .result("textDocument/formatting", json!({ "textDocument": { "uri": plan }, "options": { "tabSize": 2, "insertSpaces": true } }));
    let canonical = PLAN.replace("{ period R3..R7  baseline R1 }", "{\n  period R3..R7\n  baseline R1\n}");
    assert_eq!(formatted[0]["newText"], canonical, "formatting gives `shihyo fmt`'s text");

    // Completion: inside `value("`, the indicators; elsewhere keywords, functions, years.
    let typing = format!("{PLAN}outcome \"x\" = value(\"");
    change(&mut client, &plan, 3, &typing);
    let items =
        client.result("textDocument/completion", json!({ "textDocument": { "uri": plan }, "position": { "line": 4, "character": 23 } }));
    let labels: Vec<&str> = items.as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["電子申請件数", "申請総数", "電子申請率"], "{items}");
    let typing = format!("{PLAN}outc");
    change(&mut client, &plan, 4, &typing);
    let items =
        client.result("textDocument/completion", json!({ "textDocument": { "uri": plan }, "position": { "line": 4, "character": 4 } }));
    let labels: Vec<&str> = items.as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert!(labels.contains(&"outcome") && labels.contains(&"sum") && labels.contains(&"R5"), "{labels:?}");
    assert_eq!(items[0]["textEdit"]["range"]["start"], json!({ "line": 4, "character": 0 }));

    // A misspelt name: the diagnostic as the CLI has it, and its quick fix.
    let typo = PLAN.replace("value(\"申請総数\")", "value(\"申請総\")");
    change(&mut client, &plan, 5, &typo);
    let diagnostics = client.diagnostics(&plan);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "E0211");
    assert_eq!(diagnostics[0]["message"], "「申請総」という指標はありません\n「申請総数」のことですか？");
    let actions = client.result(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": plan }, "range": diagnostics[0]["range"], "context": { "diagnostics": diagnostics } }),
    );
    assert_eq!(actions[0]["title"], "`\"申請総数\"` に直す");
    assert_eq!(actions[0]["edit"]["changes"][&plan][0]["newText"], "\"申請総数\"");
    assert_eq!(actions[0]["diagnostics"][0]["code"], "E0211");

    // A data file edited in the editor: the plan is checked against its text, and the
    // diagnostics of the data file are published for it.
    open(&mut client, &actuals, &ACTUALS.replace("申請総数,R5", "申請総,R5"));
    let in_data = client.diagnostics(&actuals);
    assert_eq!(in_data.len(), 1, "{in_data:?}");
    assert_eq!(in_data[0]["range"]["start"], json!({ "line": 3, "character": 0 }));
    client.finish();
}

#[test]
fn survives_malformed_messages_and_half_typed_plans() {
    let (_folder, plan, _) = workspace();
    let mut client = initialized("en");
    // Not JSON; JSON but not JSON-RPC: an error with a null id, and the server reads on.
    client.send_raw("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ");
    let error = client.response(Value::Null);
    assert_eq!(error["error"]["code"], -32700);
    client.send_raw("[1, 2, 3]");
    let error = client.response(Value::Null);
    assert_eq!(error["error"]["code"], -32600);
    // Wrong parameters, an unknown method, a document never opened.
    assert_eq!(client.request("textDocument/hover", json!(5))["error"]["code"], -32602);
    assert_eq!(client.request("workspace/frobnicate", json!({}))["error"]["code"], -32601);
    let unknown = client.request("textDocument/hover", at("file:///nowhere.kpi", "x", "x", 0));
    assert_eq!(unknown["error"]["code"], -32602);
    // Notifications that do not fit are ignored.
    client.notify("textDocument/didChange", json!({ "textDocument": 7 }));

    // Every prefix of the plan, as typed: a request at the cursor after each answers.
    open(&mut client, &plan, "");
    let boundaries: Vec<usize> = PLAN.char_indices().map(|(at, _)| at).chain([PLAN.len()]).collect();
    for (version, &end) in boundaries.iter().enumerate() {
        let typed = &PLAN[..end];
        change(&mut client, &plan, version as i64 + 2, typed);
        let cursor = position(typed, typed, typed.chars().count());
        let cursor = json!({ "line": cursor["line"], "character": typed[typed.rfind('\n').map_or(0, |i| i + 1)..].encode_utf16().count() });
        let document = json!({ "textDocument": { "uri": plan }, "position": cursor });
        for method in ["textDocument/hover", "textDocument/completion", "textDocument/definition"] {
            client.result(method, document.clone());
        }
        if version.is_multiple_of(7) {
            for method in ["textDocument/documentSymbol", "textDocument/semanticTokens/full", "textDocument/codeLens"] {
                client.result(method, json!({ "textDocument": { "uri": plan } }));
            }
        }
    }
    assert_eq!(client.diagnostics(&plan), Vec::<Value>::new(), "the whole plan checks");
    client.finish();
}

#[test]
fn says_where_the_data_files_are_by_setting() {
    let (folder, plan, _) = workspace();
    std::fs::rename(folder.path().join("actuals.csv"), folder.path().join("実績.csv")).unwrap();
    let mut client = Client::start(&["--lang", "en", "lsp"]);
    client.result("initialize", json!({ "capabilities": {}, "locale": "ja", "initializationOptions": { "data": ["実績.csv"] } }));
    open(&mut client, &plan, PLAN);
    let lenses = client.result("textDocument/codeLens", json!({ "textDocument": { "uri": plan } }));
    assert_eq!(lenses[0]["command"]["title"], "on track · grade A · achievement 96.69% · as of R5", "--lang wins over the client's locale");
    client.finish();
}

#[test]
fn keeps_the_protocols_lifecycle() {
    let (_folder, plan, _) = workspace();
    // Before `initialize`: refused with the protocol's code; a notification is ignored.
    let mut client = Client::start(&["lsp"]);
    open(&mut client, &plan, PLAN);
    assert_eq!(client.request("textDocument/hover", at(&plan, PLAN, "申請総数", 1))["error"]["code"], -32002);
    client.result("initialize", json!({ "capabilities": {} }));
    // A message longer than the server reads is refused, and the next one is read from its start.
    let length = (64 << 20) + 1;
    write!(client.stdin, "Content-Length: {length}\r\n\r\n").unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..64 {
        client.stdin.write_all(&chunk).unwrap();
    }
    client.stdin.write_all(b" ").unwrap();
    assert_eq!(client.response(Value::Null)["error"]["code"], -32700);
    // A plan with a mistake, then closed: its diagnostics are cleared.
    open(&mut client, &plan, &PLAN.replace("value(\"申請総数\")", "value(\"申請総\")"));
    assert_eq!(client.diagnostics(&plan).len(), 1);
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": plan } }));
    let symbols = client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": plan } }));
    assert_eq!(symbols["error"]["code"], -32602, "a closed plan is not served");
    let cleared =
        client.notifications.iter().rev().find(|n| n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == plan.as_str());
    assert_eq!(cleared.unwrap()["params"]["diagnostics"], json!([]));
    // After `shutdown`, requests are refused; `exit` then ends with status 0 (see `finish`).
    assert_eq!(client.result("shutdown", Value::Null), Value::Null);
    assert_eq!(client.request("textDocument/hover", at(&plan, PLAN, "申請総数", 1))["error"]["code"], -32600);
    client.notify("exit", Value::Null);
    assert!(wait(&mut client.child).success());
    // `exit` without `shutdown`: status 1.
    let mut abrupt = initialized("en");
    abrupt.notify("exit", Value::Null);
    assert_eq!(wait(&mut abrupt.child).code(), Some(1));
}

#[test]
fn code_lenses_name_the_explain_command_for_a_client_that_runs_it() {
    let (folder, plan, _) = workspace();
    let mut client = Client::start(&["lsp"]);
    client.result("initialize", json!({ "capabilities": {}, "initializationOptions": { "explainCommand": true } }));
    open(&mut client, &plan, PLAN);
    let lenses = client.result("textDocument/codeLens", json!({ "textDocument": { "uri": plan } }));
    let command = &lenses[0]["command"];
    assert_eq!(command["command"], "shihyo.explain");
    let data = folder.path().join("actuals.csv").display().to_string();
    assert_eq!(command["arguments"], json!([plan, "電子申請件数", [data]]));
    client.finish();
}

#[test]
fn prints_shell_completions_and_the_manual_page() {
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_shihyo")).args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let bash = run(&["completions", "bash"]);
    assert!(bash.contains("_shihyo()") && bash.contains("lsp") && bash.contains("--as-of"), "{bash}");
    assert!(run(&["completions", "zsh"]).contains("#compdef shihyo"));
    let man = run(&["man"]);
    assert!(man.contains(".TH shihyo 1") && man.contains("lsp") && man.contains("explain"), "{man}");
}

#[test]
fn reads_a_data_file_from_disk_again_once_it_is_saved() {
    let (folder, plan, actuals) = workspace();
    let mut client = initialized("en");
    open(&mut client, &plan, PLAN);
    let lens = |client: &mut Client| {
        let lenses = client.result("textDocument/codeLens", json!({ "textDocument": { "uri": plan } }));
        lenses[0]["command"]["title"].as_str().unwrap().to_string()
    };
    assert_eq!(lens(&mut client), "on track · grade A · achievement 96.69% · as of R5");
    // Exported again (not through the editor): the file is read once the editor says it changed.
    std::fs::write(folder.path().join("actuals.csv"), ACTUALS.replace("18,100", "19,500")).unwrap();
    change(&mut client, &plan, 2, PLAN);
    assert_eq!(lens(&mut client), "on track · grade A · achievement 96.69% · as of R5", "read from disk once, not on every keystroke");
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": actuals, "type": 2 }] }));
    assert_eq!(lens(&mut client), "on track · grade A · achievement 104.17% · as of R5");
    client.finish();
}
