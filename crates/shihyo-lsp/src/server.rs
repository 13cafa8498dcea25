//! The server's loop: one message at a time, in order. Notifications change the
//! workspace (and publish diagnostics); requests are answered from the open
//! plans' analyses. A request before `initialize` or after `shutdown`, about a
//! document the server does not have, or whose parameters do not fit, gets an
//! error response, never a crash.

use crate::convert::{self, Documents};
use crate::transport::{self, Frame};
use crate::workspace::{canonical, Workspace};
use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use serde::de::DeserializeOwned;
use serde_json::Value;
use shihyo_ide::{FileId, Lang};
use std::collections::{HashMap, HashSet};
use std::io::{self, BufRead, Write};

/// How the server's loop ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// `exit` after `shutdown`, as the protocol asks.
    Exit,
    /// `exit` without `shutdown`, or the input closed: the protocol's exit status 1.
    Abrupt,
}

/// Serves the protocol on `input` and `output` until `exit` or the end of the input.
/// `lang` is the messages' language if given (`shihyo --lang ja lsp`); else the
/// client's `initializationOptions.lang` or `locale`; else English.
pub fn serve(mut input: impl BufRead, mut output: impl Write, lang: Option<Lang>) -> io::Result<Ending> {
    let mut server = Server { lang: lang.unwrap_or_default(), lang_given: lang.is_some(), ..Server::default() };
    loop {
        match transport::read(&mut input)? {
            Frame::End => return Ok(Ending::Abrupt),
            Frame::Malformed { code, reason } => transport::write_malformed(&mut output, code, &reason)?,
            Frame::Message(Message::Notification(notification)) if notification.method == lsp::notification::Exit::METHOD => {
                return Ok(if server.shut_down { Ending::Exit } else { Ending::Abrupt });
            }
            Frame::Message(message) => {
                for reply in server.handle(message) {
                    reply.write(&mut output)?;
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
    /// `initialize` was answered.
    initialized: bool,
    /// The client runs `shihyo.explain` itself (the VS Code extension says so), so the code lenses name it.
    explain_command: bool,
    workspace: Workspace,
    /// Each open plan's diagnostics in the protocol's terms, by document, converted once per analysis.
    diagnostics: HashMap<lsp::Url, HashMap<lsp::Url, Vec<lsp::Diagnostic>>>,
    /// The documents diagnostics were last published to (an empty list clears them).
    published: HashSet<lsp::Url>,
    /// The data files each plan could not read, as last told.
    unreadable: HashMap<lsp::Url, Vec<String>>,
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
        if !self.initialized && method != Initialize::METHOD {
            return Err((ErrorCode::ServerNotInitialized, "the server is not initialized: send `initialize` first".to_string()));
        }
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
        if !self.initialized || self.shut_down {
            return Vec::new();
        }
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => match parsed(notification.params) {
                Some(lsp::DidOpenTextDocumentParams { text_document }) => self.changed(canonical(text_document.uri), text_document.text),
                None => Vec::new(),
            },
            DidChangeTextDocument::METHOD => match parsed(notification.params) {
                // The server asks for whole documents: the last change is the text.
                Some(lsp::DidChangeTextDocumentParams { text_document, content_changes }) => match content_changes.into_iter().last() {
                    Some(change) => self.changed(canonical(text_document.uri), change.text),
                    None => Vec::new(),
                },
                None => Vec::new(),
            },
            DidCloseTextDocument::METHOD => match parsed(notification.params) {
                Some(lsp::DidCloseTextDocumentParams { text_document }) => self.closed(&canonical(text_document.uri)),
                None => Vec::new(),
            },
            // A file saved, or changed on disk (a data file exported again): every plan read again.
            DidSaveTextDocument::METHOD | DidChangeWatchedFiles::METHOD => {
                self.workspace.forget_disk();
                self.reanalyzed(&self.workspace.open_plans())
            }
            DidChangeConfiguration::METHOD => {
                if let Some(lsp::DidChangeConfigurationParams { settings }) = parsed(notification.params) {
                    self.configure(settings.get("shihyo").unwrap_or(&settings));
                }
                self.reanalyzed(&self.workspace.open_plans())
            }
            _ => Vec::new(),
        }
    }

    fn initialize(&mut self, params: lsp::InitializeParams) -> Answer {
        let options = params.initialization_options.unwrap_or_default();
        self.configure(&options);
        self.explain_command = options.get("explainCommand").and_then(Value::as_bool).unwrap_or(false);
        let lang = options.get("lang").and_then(Value::as_str).or(params.locale.as_deref()).filter(|lang| !lang.is_empty());
        if let (false, Some(lang)) = (self.lang_given, lang) {
            self.lang = if lang.starts_with("ja") { Lang::Ja } else { Lang::En };
        }
        self.initialized = true;
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
                work_done_progress_options: lsp::WorkDoneProgressOptions::default(),
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
        json(result)
    }

    /// Reads the setting `data` (a plan's data files, relative to its folder).
    fn configure(&mut self, options: &Value) {
        if let Some(files) = options.get("data").and_then(Value::as_array) {
            let files: Vec<String> = files.iter().filter_map(Value::as_str).map(str::to_string).collect();
            self.workspace.data_setting = (!files.is_empty()).then_some(files);
        }
    }

    /// A document opened or changed: the plan it is, or the plans that read it, analysed again.
    fn changed(&mut self, url: lsp::Url, text: String) -> Vec<Message> {
        self.workspace.set_text(url.clone(), text);
        let plans = if self.workspace.is_plan(&url) { vec![url] } else { self.workspace.plans_reading(&url) };
        self.reanalyzed(&plans)
    }

    /// A document closed: a plan takes its diagnostics away; a data file is read from disk again.
    fn closed(&mut self, url: &lsp::Url) -> Vec<Message> {
        let readers = self.workspace.plans_reading(url);
        self.workspace.close(url);
        self.unreadable.remove(url);
        self.reanalyzed(&readers)
    }

    /// Analyses plans again, tells of data files that could not be read (when that
    /// changes), converts their diagnostics, then publishes the diagnostics of every
    /// document an open plan reads (a data file two plans read gets both plans'), and
    /// clears those of documents no longer read.
    fn reanalyzed(&mut self, plans: &[lsp::Url]) -> Vec<Message> {
        let mut messages = Vec::new();
        for plan in plans {
            self.workspace.analyze(plan);
            let Some(analyzed) = self.workspace.plans.get(plan) else { continue };
            let unreadable: Vec<String> = analyzed.unreadable.iter().map(|reason| reason.get(self.lang).to_string()).collect();
            if self.unreadable.get(plan) != Some(&unreadable) {
                for reason in &unreadable {
                    let params = lsp::ShowMessageParams { typ: lsp::MessageType::WARNING, message: reason.clone() };
                    messages.push(Message::Notification(Notification::new(lsp::notification::ShowMessage::METHOD.to_string(), params)));
                }
                self.unreadable.insert(plan.clone(), unreadable);
            }
        }
        for plan in plans {
            let Some(analyzed) = self.workspace.plans.get(plan) else { continue };
            let documents = Documents::new(analyzed);
            let mut by_document: HashMap<lsp::Url, Vec<lsp::Diagnostic>> =
                analyzed.files.iter().map(|(_, url)| (url.clone(), Vec::new())).collect();
            for diagnostic in analyzed.analysis.diagnostics() {
                if let Some(url) = analyzed.url(diagnostic.file) {
                    by_document.entry(url.clone()).or_default().push(documents.diagnostic(diagnostic, self.lang));
                }
            }
            self.diagnostics.insert(plan.clone(), by_document);
        }
        let open = &self.workspace.plans;
        self.diagnostics.retain(|plan, _| open.contains_key(plan));
        let mut by_plan: Vec<_> = self.diagnostics.iter().collect();
        by_plan.sort_by(|a, b| a.0.cmp(b.0));
        let mut by_document: HashMap<lsp::Url, Vec<lsp::Diagnostic>> = HashMap::new();
        for (url, diagnostics) in by_plan.into_iter().flat_map(|(_, documents)| documents) {
            let list = by_document.entry(url.clone()).or_default();
            for diagnostic in diagnostics {
                if !list.contains(diagnostic) {
                    list.push(diagnostic.clone());
                }
            }
        }
        let now: HashSet<lsp::Url> = by_document.keys().cloned().collect();
        let mut gone: Vec<&lsp::Url> = self.published.difference(&now).collect();
        gone.sort();
        messages.extend(gone.into_iter().map(|url| publish(url.clone(), Vec::new())));
        let mut documents: Vec<(lsp::Url, Vec<lsp::Diagnostic>)> = by_document.into_iter().collect();
        documents.sort_by(|a, b| a.0.cmp(&b.0));
        messages.extend(documents.into_iter().map(|(url, diagnostics)| publish(url, diagnostics)));
        self.published = now;
        messages
    }

    /// The analysis a document belongs to (the plan it is, or the first by address of the
    /// open plans that read it as data), with the document's file in it.
    fn document(&self, url: &lsp::Url) -> Result<(Documents<'_>, FileId), (ErrorCode, String)> {
        let url = canonical(url.clone());
        let plan =
            if self.workspace.plans.contains_key(&url) { Some(url.clone()) } else { self.workspace.plans_reading(&url).into_iter().next() };
        plan.and_then(|plan| self.workspace.plans.get(&plan))
            .and_then(|analyzed| Some((Documents::new(analyzed), analyzed.file(&url)?)))
            .ok_or_else(|| (ErrorCode::InvalidParams, format!("{url} is not an open plan, nor a data file of one")))
    }

    /// [`Server::document`], and the byte offset of a position in it.
    fn at(&self, position: &lsp::TextDocumentPositionParams) -> Result<(Documents<'_>, FileId, usize), (ErrorCode, String)> {
        let (documents, file) = self.document(&position.text_document.uri)?;
        let offset = documents.offset(file, position.position);
        Ok((documents, file, offset))
    }

    fn hover(&self, params: lsp::HoverParams) -> Answer {
        let (documents, file, offset) = self.at(&params.text_document_position_params)?;
        let hover = shihyo_ide::hover(&documents.analyzed.analysis, file, offset, self.lang).map(|hover| lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent { kind: lsp::MarkupKind::Markdown, value: hover.markdown }),
            range: Some(documents.range(file, &hover.span)),
        });
        json(hover)
    }

    fn completion(&self, params: lsp::CompletionParams) -> Answer {
        let (documents, file, offset) = self.at(&params.text_document_position)?;
        let items: Vec<lsp::CompletionItem> = shihyo_ide::complete(&documents.analyzed.analysis, file, offset, self.lang)
            .into_iter()
            .map(|completion| lsp::CompletionItem {
                label: completion.label,
                kind: Some(convert::completion_kind(completion.kind)),
                detail: (!completion.detail.is_empty()).then_some(completion.detail),
                text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
                    range: documents.range(file, &completion.replace),
                    new_text: completion.insert,
                })),
                ..lsp::CompletionItem::default()
            })
            .collect();
        json(lsp::CompletionResponse::Array(items))
    }

    fn definition(&self, params: lsp::GotoDefinitionParams) -> Answer {
        let (documents, file, offset) = self.at(&params.text_document_position_params)?;
        let found = shihyo_ide::definition(&documents.analyzed.analysis, file, offset);
        let locations: Vec<lsp::Location> = found.iter().filter_map(|l| documents.location(l.file, &l.span)).collect();
        json(lsp::GotoDefinitionResponse::Array(locations))
    }

    fn references(&self, params: lsp::ReferenceParams) -> Answer {
        let (documents, file, offset) = self.at(&params.text_document_position)?;
        let found = shihyo_ide::references(&documents.analyzed.analysis, file, offset, params.context.include_declaration);
        let locations: Vec<lsp::Location> = found.iter().filter_map(|l| documents.location(l.file, &l.span)).collect();
        json(locations)
    }

    fn prepare_rename(&self, params: lsp::TextDocumentPositionParams) -> Answer {
        let (documents, file, offset) = self.at(&params)?;
        json(shihyo_ide::prepare_rename(&documents.analyzed.analysis, file, offset).map(|(span, placeholder)| {
            lsp::PrepareRenameResponse::RangeWithPlaceholder { range: documents.range(file, &span), placeholder }
        }))
    }

    fn rename(&self, params: lsp::RenameParams) -> Answer {
        let (documents, file, offset) = self.at(&params.text_document_position)?;
        match shihyo_ide::rename(&documents.analyzed.analysis, file, offset, &params.new_name) {
            Ok(edits) => json(documents.workspace_edit(&edits)),
            Err(reason) => Err((ErrorCode::RequestFailed, reason.get(self.lang).to_string())),
        }
    }

    fn formatting(&self, params: lsp::DocumentFormattingParams) -> Answer {
        let (documents, file) = self.document(&params.text_document.uri)?;
        let analysis = &documents.analyzed.analysis;
        if file != analysis.plan_file() {
            return json(Vec::<lsp::TextEdit>::new());
        }
        let text = analysis.source(file).original();
        let edits = match analysis.formatted() {
            Some(formatted) if formatted != text => {
                vec![lsp::TextEdit { range: documents.range(file, &(0..text.len())), new_text: formatted }]
            }
            _ => Vec::new(),
        };
        json(edits)
    }

    fn document_symbols(&self, params: lsp::DocumentSymbolParams) -> Answer {
        let (documents, file) = self.document(&params.text_document.uri)?;
        let analysis = &documents.analyzed.analysis;
        if file != analysis.plan_file() {
            return json(lsp::DocumentSymbolResponse::Nested(Vec::new()));
        }
        let Some(index) = documents.lines(file) else { return json(lsp::DocumentSymbolResponse::Nested(Vec::new())) };
        let symbols = shihyo_ide::symbols(analysis).iter().map(|symbol| convert::document_symbol(index, symbol)).collect();
        json(lsp::DocumentSymbolResponse::Nested(symbols))
    }

    fn semantic_tokens(&self, params: lsp::SemanticTokensParams) -> Answer {
        let (documents, file) = self.document(&params.text_document.uri)?;
        let analysis = &documents.analyzed.analysis;
        if file != analysis.plan_file() {
            return json(lsp::SemanticTokens::default());
        }
        let Some(index) = documents.lines(file) else { return json(lsp::SemanticTokens::default()) };
        let mut data = Vec::new();
        let (mut last_line, mut last_start) = (0, 0);
        for token in shihyo_ide::tokens(analysis) {
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

    /// A lens above each rule. For a client that runs `shihyo.explain` (the VS Code
    /// extension), the lens names it with the plan, the rule and the plan's data files
    /// (which `shihyo explain` does not look for itself); for others it is a title.
    fn code_lenses(&self, params: lsp::CodeLensParams) -> Answer {
        let (documents, file) = self.document(&params.text_document.uri)?;
        let analyzed = documents.analyzed;
        if file != analyzed.analysis.plan_file() {
            return json(Vec::<lsp::CodeLens>::new());
        }
        let data: Vec<Value> = analyzed
            .files
            .iter()
            .filter(|(id, _)| *id != file)
            .filter_map(|(_, url)| url.to_file_path().ok())
            .map(|path| Value::String(path.to_string_lossy().into_owned()))
            .collect();
        let plan = analyzed.url(file).map_or_else(String::new, ToString::to_string);
        let lenses: Vec<lsp::CodeLens> = shihyo_ide::lenses(&analyzed.analysis, self.lang)
            .into_iter()
            .map(|lens| {
                let start = documents.range(file, &lens.span).start;
                let (command, arguments) = if self.explain_command {
                    let arguments = vec![Value::String(plan.clone()), Value::String(lens.rule), Value::Array(data.clone())];
                    ("shihyo.explain".to_string(), Some(arguments))
                } else {
                    (String::new(), None)
                };
                lsp::CodeLens {
                    range: lsp::Range { start, end: start },
                    command: Some(lsp::Command { title: lens.title, command, arguments }),
                    data: None,
                }
            })
            .collect();
        json(lenses)
    }

    /// The quick fixes of the diagnostics in the range, each with the diagnostic it fixes.
    fn code_actions(&self, params: lsp::CodeActionParams) -> Answer {
        if params
            .context
            .only
            .as_ref()
            .is_some_and(|only| !only.iter().any(|kind| lsp::CodeActionKind::QUICKFIX.as_str().starts_with(kind.as_str())))
        {
            return json(Vec::<lsp::CodeActionOrCommand>::new());
        }
        let (documents, file) = self.document(&params.text_document.uri)?;
        let span = documents.offset(file, params.range.start)..documents.offset(file, params.range.end);
        let actions: Vec<lsp::CodeActionOrCommand> = shihyo_ide::quick_fixes(&documents.analyzed.analysis, file, span, self.lang)
            .into_iter()
            .map(|fix| {
                let range = documents.range(fix.edit.file, &fix.edit.span);
                let fixed: Vec<lsp::Diagnostic> = params
                    .context
                    .diagnostics
                    .iter()
                    .filter(|d| {
                        d.code == Some(lsp::NumberOrString::String(fix.code.clone()))
                            && d.range.start <= range.end
                            && range.start <= d.range.end
                    })
                    .cloned()
                    .collect();
                lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: fix.title,
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: (!fixed.is_empty()).then_some(fixed),
                    edit: Some(documents.workspace_edit(std::slice::from_ref(&fix.edit))),
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
