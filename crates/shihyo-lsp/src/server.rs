//! The server's loop: one message at a time, in order. Notifications change the
//! workspace (and publish diagnostics); requests are answered from the open
//! plans' analyses. A request about a document the server does not have, or
//! whose parameters do not fit, gets an error response, never a crash.

use crate::convert;
use crate::transport::{self, Frame};
use crate::workspace::{Analyzed, Workspace};
use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use serde::de::DeserializeOwned;
use serde_json::Value;
use shihyo_ide::{Lang, LineIndex};
use std::collections::{HashMap, HashSet};
use std::io::{self, BufRead, Write};

/// Serves the protocol on `input` and `output` until `exit` or the end of the input.
/// `lang` is the messages' language if given (`shihyo --lang ja lsp`); else the
/// client's `initializationOptions.lang` or `locale`; else English.
pub fn serve(mut input: impl BufRead, mut output: impl Write, lang: Option<Lang>) -> io::Result<()> {
    let mut server = Server { lang: lang.unwrap_or_default(), lang_given: lang.is_some(), ..Server::default() };
    loop {
        match transport::read(&mut input)? {
            Frame::End => return Ok(()),
            Frame::Malformed { code, reason } => transport::write_malformed(&mut output, code, &reason)?,
            Frame::Message(Message::Notification(notification)) if notification.method == lsp::notification::Exit::METHOD => return Ok(()),
            Frame::Message(message) => {
                for reply in server.handle(message) {
                    transport::write(&mut output, reply)?;
                }
            }
        }
    }
}

#[derive(Default)]
struct Server {
    lang: Lang,
    /// The language was given on the command line (the client's does not replace it).
    lang_given: bool,
    workspace: Workspace,
    /// The documents each plan's diagnostics were last published to.
    published: HashMap<lsp::Url, HashSet<lsp::Url>>,
    shut_down: bool,
}

/// What a request handler answers: a result, or an error response.
type Answer = Result<Value, (ErrorCode, String)>;

impl Server {
    fn handle(&mut self, message: Message) -> Vec<Message> {
        match message {
            Message::Request(request) => {
                let id = request.id.clone();
                let response = match self.answer(request) {
                    Ok(result) => Response::new_ok(id, result),
                    Err((code, text)) => Response::new_err(id, code as i32, text),
                };
                vec![Message::Response(response)]
            }
            Message::Notification(notification) => self.notified(notification),
            Message::Response(_) => Vec::new(),
        }
    }

    fn answer(&mut self, request: Request) -> Answer {
        use lsp::request::*;
        let method = request.method.as_str();
        if self.shut_down && method != Shutdown::METHOD {
            return Err((ErrorCode::InvalidRequest, "the server is shut down".to_string()));
        }
        match method {
            Initialize::METHOD => self.initialize(params(request.params)?),
            Shutdown::METHOD => {
                self.shut_down = true;
                Ok(Value::Null)
            }
            HoverRequest::METHOD => self.hover(params(request.params)?),
            Completion::METHOD => self.completion(params(request.params)?),
            GotoDefinition::METHOD => self.definition(params(request.params)?),
            References::METHOD => self.references(params(request.params)?),
            PrepareRenameRequest::METHOD => self.prepare_rename(params(request.params)?),
            Rename::METHOD => self.rename(params(request.params)?),
            Formatting::METHOD => self.formatting(params(request.params)?),
            DocumentSymbolRequest::METHOD => self.document_symbols(params(request.params)?),
            SemanticTokensFullRequest::METHOD => self.semantic_tokens(params(request.params)?),
            CodeLensRequest::METHOD => self.code_lenses(params(request.params)?),
            CodeActionRequest::METHOD => self.code_actions(params(request.params)?),
            other => Err((ErrorCode::MethodNotFound, format!("shihyo's server does not answer `{other}`"))),
        }
    }

    fn notified(&mut self, notification: Notification) -> Vec<Message> {
        use lsp::notification::*;
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => match parsed(notification.params) {
                Some(lsp::DidOpenTextDocumentParams { text_document }) => self.changed(text_document.uri, text_document.text),
                None => Vec::new(),
            },
            DidChangeTextDocument::METHOD => match parsed(notification.params) {
                // The server asks for whole documents: the last change is the text.
                Some(lsp::DidChangeTextDocumentParams { text_document, content_changes }) => match content_changes.into_iter().last() {
                    Some(change) => self.changed(text_document.uri, change.text),
                    None => Vec::new(),
                },
                None => Vec::new(),
            },
            DidCloseTextDocument::METHOD => match parsed(notification.params) {
                Some(lsp::DidCloseTextDocumentParams { text_document }) => self.closed(&text_document.uri),
                None => Vec::new(),
            },
            DidChangeConfiguration::METHOD => {
                let settings: Option<lsp::DidChangeConfigurationParams> = parsed(notification.params);
                if let Some(settings) = settings {
                    let options = settings.settings.get("shihyo").cloned().unwrap_or(settings.settings);
                    self.configure(&options);
                }
                self.workspace.open_plans().iter().flat_map(|plan| self.reanalyzed(plan)).collect()
            }
            _ => Vec::new(),
        }
    }

    fn initialize(&mut self, params: lsp::InitializeParams) -> Answer {
        if let Some(options) = &params.initialization_options {
            self.configure(options);
        }
        if !self.lang_given && params.locale.as_deref().is_some_and(|locale| locale.starts_with("ja")) {
            self.lang = Lang::Ja;
        }
        if let Some(lang) = params.initialization_options.as_ref().and_then(|o| o.get("lang")).and_then(Value::as_str) {
            if !self.lang_given {
                self.lang = if lang.starts_with("ja") { Lang::Ja } else { Lang::En };
            }
        }
        let capabilities = lsp::ServerCapabilities {
            text_document_sync: Some(lsp::TextDocumentSyncCapability::Kind(lsp::TextDocumentSyncKind::FULL)),
            hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
            completion_provider: Some(lsp::CompletionOptions {
                trigger_characters: Some(vec!["\"".to_string(), "「".to_string(), "(".to_string()]),
                ..lsp::CompletionOptions::default()
            }),
            definition_provider: Some(lsp::OneOf::Left(true)),
            references_provider: Some(lsp::OneOf::Left(true)),
            rename_provider: Some(lsp::OneOf::Right(lsp::RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: Default::default(),
            })),
            document_formatting_provider: Some(lsp::OneOf::Left(true)),
            document_symbol_provider: Some(lsp::OneOf::Left(true)),
            semantic_tokens_provider: Some(lsp::SemanticTokensServerCapabilities::SemanticTokensOptions(lsp::SemanticTokensOptions {
                legend: lsp::SemanticTokensLegend {
                    token_types: convert::TOKEN_TYPES.to_vec(),
                    token_modifiers: convert::TOKEN_MODIFIERS.to_vec(),
                },
                full: Some(lsp::SemanticTokensFullOptions::Bool(true)),
                ..lsp::SemanticTokensOptions::default()
            })),
            code_lens_provider: Some(lsp::CodeLensOptions { resolve_provider: Some(false) }),
            code_action_provider: Some(lsp::CodeActionProviderCapability::Options(lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                ..lsp::CodeActionOptions::default()
            })),
            ..lsp::ServerCapabilities::default()
        };
        let result = lsp::InitializeResult {
            capabilities,
            server_info: Some(lsp::ServerInfo { name: "shihyo".to_string(), version: Some(env!("CARGO_PKG_VERSION").to_string()) }),
        };
        Ok(serde_json::to_value(result).unwrap_or_default())
    }

    /// Reads the settings: `data` (a plan's data files, relative to its folder) and `lang`.
    fn configure(&mut self, options: &Value) {
        if let Some(files) = options.get("data").and_then(Value::as_array) {
            let files: Vec<String> = files.iter().filter_map(Value::as_str).map(str::to_string).collect();
            self.workspace.data_setting = (!files.is_empty()).then_some(files);
        }
    }

    /// A document opened or changed: the plans it is, or that read it, analysed and published again.
    fn changed(&mut self, url: lsp::Url, text: String) -> Vec<Message> {
        self.workspace.set_text(url.clone(), text);
        let plans = if Workspace::is_plan(&url) { vec![url] } else { self.workspace.plans_reading(&url) };
        plans.iter().flat_map(|plan| self.reanalyzed(plan)).collect()
    }

    fn closed(&mut self, url: &lsp::Url) -> Vec<Message> {
        let readers = self.workspace.plans_reading(url);
        self.workspace.close(url);
        let mut messages = Vec::new();
        if let Some(published) = self.published.remove(url) {
            messages.extend(published.into_iter().map(|uri| publish(uri, Vec::new())));
        }
        // A data file closed is read from disk again.
        for plan in readers.iter().filter(|plan| *plan != url) {
            messages.extend(self.reanalyzed(plan));
        }
        messages
    }

    /// Analyses a plan again and publishes its diagnostics, by document (clearing those now without any).
    fn reanalyzed(&mut self, plan: &lsp::Url) -> Vec<Message> {
        self.workspace.analyze(plan);
        let Some(analyzed) = self.workspace.plans.get(plan) else { return Vec::new() };
        let mut by_document: HashMap<lsp::Url, Vec<lsp::Diagnostic>> =
            analyzed.files.iter().map(|(_, url)| (url.clone(), Vec::new())).collect();
        for diagnostic in analyzed.analysis.diagnostics() {
            if let Some(url) = analyzed.url(diagnostic.file) {
                by_document.entry(url.clone()).or_default().push(convert::diagnostic(analyzed, diagnostic, self.lang));
            }
        }
        let now: HashSet<lsp::Url> = by_document.keys().cloned().collect();
        let before = self.published.insert(plan.clone(), now.clone()).unwrap_or_default();
        let mut messages: Vec<Message> = before.difference(&now).map(|url| publish(url.clone(), Vec::new())).collect();
        messages.extend(by_document.into_iter().map(|(url, diagnostics)| publish(url, diagnostics)));
        messages
    }

    /// The plan analysis a document position is in: the plan itself, or a plan that reads the data file.
    fn at(&self, position: &lsp::TextDocumentPositionParams) -> Result<(&Analyzed, shihyo_ide::FileId, usize), (ErrorCode, String)> {
        let (analyzed, file) = self.document(&position.text_document.uri)?;
        Ok((analyzed, file, convert::offset(analyzed, file, position.position)))
    }

    fn document(&self, url: &lsp::Url) -> Result<(&Analyzed, shihyo_ide::FileId), (ErrorCode, String)> {
        let analyzed = self
            .workspace
            .plans
            .get(url)
            .or_else(|| self.workspace.plans_reading(url).first().and_then(|plan| self.workspace.plans.get(plan)));
        analyzed
            .and_then(|analyzed| Some((analyzed, analyzed.file(url)?)))
            .ok_or_else(|| (ErrorCode::InvalidParams, format!("{url} is not an open plan, nor a data file of one")))
    }

    fn hover(&self, params: lsp::HoverParams) -> Answer {
        let (analyzed, file, offset) = self.at(&params.text_document_position_params)?;
        let hover = shihyo_ide::hover(&analyzed.analysis, file, offset, self.lang).map(|hover| lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent { kind: lsp::MarkupKind::Markdown, value: hover.markdown }),
            range: Some(convert::range(analyzed, file, &hover.span)),
        });
        json(hover)
    }

    fn completion(&self, params: lsp::CompletionParams) -> Answer {
        let (analyzed, file, offset) = self.at(&params.text_document_position)?;
        let items: Vec<lsp::CompletionItem> = shihyo_ide::complete(&analyzed.analysis, file, offset, self.lang)
            .into_iter()
            .map(|completion| lsp::CompletionItem {
                label: completion.label,
                kind: Some(convert::completion_kind(completion.kind)),
                detail: (!completion.detail.is_empty()).then_some(completion.detail),
                text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
                    range: convert::range(analyzed, file, &completion.replace),
                    new_text: completion.insert,
                })),
                ..lsp::CompletionItem::default()
            })
            .collect();
        json(lsp::CompletionResponse::Array(items))
    }

    fn definition(&self, params: lsp::GotoDefinitionParams) -> Answer {
        let (analyzed, file, offset) = self.at(&params.text_document_position_params)?;
        let locations: Vec<lsp::Location> = shihyo_ide::definition(&analyzed.analysis, file, offset)
            .iter()
            .filter_map(|l| convert::location(analyzed, l.file, &l.span))
            .collect();
        json(lsp::GotoDefinitionResponse::Array(locations))
    }

    fn references(&self, params: lsp::ReferenceParams) -> Answer {
        let (analyzed, file, offset) = self.at(&params.text_document_position)?;
        let locations: Vec<lsp::Location> = shihyo_ide::references(&analyzed.analysis, file, offset, params.context.include_declaration)
            .iter()
            .filter_map(|l| convert::location(analyzed, l.file, &l.span))
            .collect();
        json(locations)
    }

    fn prepare_rename(&self, params: lsp::TextDocumentPositionParams) -> Answer {
        let (analyzed, file, offset) = self.at(&params)?;
        json(shihyo_ide::prepare_rename(&analyzed.analysis, file, offset).map(|(span, placeholder)| {
            lsp::PrepareRenameResponse::RangeWithPlaceholder { range: convert::range(analyzed, file, &span), placeholder }
        }))
    }

    fn rename(&self, params: lsp::RenameParams) -> Answer {
        let (analyzed, file, offset) = self.at(&params.text_document_position)?;
        match shihyo_ide::rename(&analyzed.analysis, file, offset, &params.new_name) {
            Ok(edits) => json(convert::workspace_edit(analyzed, &edits)),
            Err(reason) => Err((ErrorCode::RequestFailed, reason.get(self.lang).to_string())),
        }
    }

    fn formatting(&self, params: lsp::DocumentFormattingParams) -> Answer {
        let (analyzed, file) = self.document(&params.text_document.uri)?;
        if file != analyzed.analysis.plan_file() {
            return json(Vec::<lsp::TextEdit>::new());
        }
        let text = analyzed.analysis.source(file).original();
        let edits = match analyzed.analysis.formatted() {
            Some(formatted) if formatted != text => {
                vec![lsp::TextEdit { range: convert::range(analyzed, file, &(0..text.len())), new_text: formatted }]
            }
            _ => Vec::new(),
        };
        json(edits)
    }

    fn document_symbols(&self, params: lsp::DocumentSymbolParams) -> Answer {
        let (analyzed, file) = self.document(&params.text_document.uri)?;
        if file != analyzed.analysis.plan_file() {
            return json(lsp::DocumentSymbolResponse::Nested(Vec::new()));
        }
        let index = LineIndex::new(analyzed.analysis.source(file).original());
        let symbols = shihyo_ide::symbols(&analyzed.analysis).iter().map(|symbol| convert::document_symbol(&index, symbol)).collect();
        json(lsp::DocumentSymbolResponse::Nested(symbols))
    }

    fn semantic_tokens(&self, params: lsp::SemanticTokensParams) -> Answer {
        let (analyzed, file) = self.document(&params.text_document.uri)?;
        if file != analyzed.analysis.plan_file() {
            return json(lsp::SemanticTokens::default());
        }
        let index = LineIndex::new(analyzed.analysis.source(file).original());
        let mut data = Vec::new();
        let (mut last_line, mut last_start) = (0, 0);
        for token in shihyo_ide::tokens(&analyzed.analysis) {
            let (start, end) = (index.position(token.span.start), index.position(token.span.end));
            // Tokens are one line each (a name or comment never spans lines).
            if start.0 != end.0 || end.1 <= start.1 {
                continue;
            }
            let (token_type, modifiers) = convert::token_type(token.kind);
            let delta_line = start.0 - last_line;
            let delta_start = if delta_line == 0 { start.1 - last_start } else { start.1 };
            data.push(lsp::SemanticToken {
                delta_line,
                delta_start,
                length: end.1 - start.1,
                token_type,
                token_modifiers_bitset: modifiers,
            });
            (last_line, last_start) = start;
        }
        json(lsp::SemanticTokens { result_id: None, data })
    }

    fn code_lenses(&self, params: lsp::CodeLensParams) -> Answer {
        let (analyzed, file) = self.document(&params.text_document.uri)?;
        if file != analyzed.analysis.plan_file() {
            return json(Vec::<lsp::CodeLens>::new());
        }
        let lenses: Vec<lsp::CodeLens> = shihyo_ide::lenses(&analyzed.analysis, self.lang)
            .into_iter()
            .map(|lens| {
                let start = convert::range(analyzed, file, &lens.span).start;
                lsp::CodeLens {
                    range: lsp::Range { start, end: start },
                    command: Some(lsp::Command {
                        title: lens.title,
                        command: "shihyo.explain".to_string(),
                        arguments: Some(vec![Value::String(params.text_document.uri.to_string()), Value::String(lens.rule)]),
                    }),
                    data: None,
                }
            })
            .collect();
        json(lenses)
    }

    fn code_actions(&self, params: lsp::CodeActionParams) -> Answer {
        let (analyzed, file) = self.document(&params.text_document.uri)?;
        let span = convert::offset(analyzed, file, params.range.start)..convert::offset(analyzed, file, params.range.end);
        let actions: Vec<lsp::CodeActionOrCommand> = shihyo_ide::quick_fixes(&analyzed.analysis, file, span, self.lang)
            .into_iter()
            .map(|fix| {
                let diagnostics = params
                    .context
                    .diagnostics
                    .iter()
                    .filter(|d| d.code == Some(lsp::NumberOrString::String(fix.code.clone())))
                    .cloned()
                    .collect::<Vec<_>>();
                lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: fix.title,
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
                    edit: Some(convert::workspace_edit(analyzed, std::slice::from_ref(&fix.edit))),
                    is_preferred: Some(true),
                    ..lsp::CodeAction::default()
                })
            })
            .collect();
        json(actions)
    }
}

/// A request's parameters, or the error that says they do not fit.
fn params<P: DeserializeOwned>(value: Value) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(value).map_err(|error| (ErrorCode::InvalidParams, format!("the parameters do not fit: {error}")))
}

/// A notification's parameters, if they fit (a notification has no answer to give an error in).
fn parsed<P: DeserializeOwned>(value: Value) -> Option<P> {
    serde_json::from_value(value).ok()
}

fn json(value: impl serde::Serialize) -> Answer {
    serde_json::to_value(value).map_err(|error| (ErrorCode::InternalError, error.to_string()))
}

fn publish(uri: lsp::Url, diagnostics: Vec<lsp::Diagnostic>) -> Message {
    let params = lsp::PublishDiagnosticsParams { uri, diagnostics, version: None };
    Message::Notification(Notification::new(lsp::notification::PublishDiagnostics::METHOD.to_string(), params))
}
