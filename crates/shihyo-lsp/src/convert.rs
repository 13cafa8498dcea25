//! The editor features' answers (byte spans of the core's texts) as the
//! protocol's types (lines and UTF-16 columns of documents).

use crate::workspace::Analyzed;
use lsp_types as lsp;
use shihyo_ide::{CompletionKind, Diagnostic, DocumentSymbol, Edit, FileId, Lang, LineIndex, Severity, Span, SymbolKind, TokenKind};
use std::cell::OnceCell;
use std::collections::HashMap;

/// An analysis' files with their line tables, each made the first time a request
/// needs it: spans of its texts as ranges of its documents, and back.
pub struct Documents<'a> {
    pub analyzed: &'a Analyzed,
    lines: Vec<(FileId, OnceCell<LineIndex<'a>>)>,
}

impl<'a> Documents<'a> {
    pub fn new(analyzed: &'a Analyzed) -> Documents<'a> {
        Documents { analyzed, lines: analyzed.files.iter().map(|(file, _)| (*file, OnceCell::new())).collect() }
    }

    /// The line table of one of the files.
    pub fn lines(&self, file: FileId) -> Option<&LineIndex<'a>> {
        let (_, table) = self.lines.iter().find(|(id, _)| *id == file)?;
        Some(table.get_or_init(|| LineIndex::new(self.analyzed.analysis.source(file).original())))
    }

    /// A span of one of the files as a range of its document.
    pub fn range(&self, file: FileId, span: &Span) -> lsp::Range {
        self.lines(file).map_or_else(lsp::Range::default, |index| range_in(index, span))
    }

    /// A position of a document as a byte offset of its text.
    pub fn offset(&self, file: FileId, position: lsp::Position) -> usize {
        self.lines(file).map_or(0, |index| index.offset(position.line, position.character))
    }

    pub fn location(&self, file: FileId, span: &Span) -> Option<lsp::Location> {
        Some(lsp::Location { uri: self.analyzed.url(file)?.clone(), range: self.range(file, span) })
    }

    /// A diagnostic as the CLI words it: the message, then its hint.
    pub fn diagnostic(&self, diagnostic: &Diagnostic, lang: Lang) -> lsp::Diagnostic {
        let mut message = diagnostic.message.get(lang).to_string();
        if let Some(hint) = &diagnostic.hint {
            message.push('\n');
            message.push_str(hint.get(lang));
        }
        let related = diagnostic
            .related
            .iter()
            .filter_map(|related| {
                Some(lsp::DiagnosticRelatedInformation {
                    location: self.location(related.file, &related.span)?,
                    message: related.message.get(lang).to_string(),
                })
            })
            .collect::<Vec<_>>();
        lsp::Diagnostic {
            range: self.range(diagnostic.file, &diagnostic.span),
            severity: Some(match diagnostic.severity {
                Severity::Error => lsp::DiagnosticSeverity::ERROR,
                Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            }),
            code: Some(lsp::NumberOrString::String(diagnostic.code.to_string())),
            source: Some("shihyo".to_string()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            ..lsp::Diagnostic::default()
        }
    }

    /// Edits as a workspace edit, by document.
    pub fn workspace_edit(&self, edits: &[Edit]) -> lsp::WorkspaceEdit {
        let mut changes: HashMap<lsp::Url, Vec<lsp::TextEdit>> = HashMap::new();
        for edit in edits {
            if let Some(url) = self.analyzed.url(edit.file) {
                changes
                    .entry(url.clone())
                    .or_default()
                    .push(lsp::TextEdit { range: self.range(edit.file, &edit.span), new_text: edit.text.clone() });
            }
        }
        lsp::WorkspaceEdit { changes: Some(changes), ..lsp::WorkspaceEdit::default() }
    }
}

pub fn range_in(index: &LineIndex, span: &Span) -> lsp::Range {
    let position = |offset| {
        let (line, character) = index.position(offset);
        lsp::Position { line, character }
    };
    lsp::Range { start: position(span.start), end: position(span.end) }
}

pub fn completion_kind(kind: CompletionKind) -> lsp::CompletionItemKind {
    match kind {
        CompletionKind::Indicator => lsp::CompletionItemKind::VARIABLE,
        CompletionKind::Scenario => lsp::CompletionItemKind::ENUM,
        CompletionKind::Keyword => lsp::CompletionItemKind::KEYWORD,
        CompletionKind::Function => lsp::CompletionItemKind::FUNCTION,
        CompletionKind::Unit => lsp::CompletionItemKind::UNIT,
        CompletionKind::Year => lsp::CompletionItemKind::CONSTANT,
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` is a field the type still has.
pub fn document_symbol(index: &LineIndex, symbol: &DocumentSymbol) -> lsp::DocumentSymbol {
    lsp::DocumentSymbol {
        name: if symbol.name.is_empty() { symbol.detail.clone() } else { symbol.name.clone() },
        detail: Some(symbol.detail.clone()),
        kind: match symbol.kind {
            SymbolKind::Plan => lsp::SymbolKind::MODULE,
            SymbolKind::Group => lsp::SymbolKind::NAMESPACE,
            SymbolKind::Rule => lsp::SymbolKind::FIELD,
            SymbolKind::Composite => lsp::SymbolKind::STRUCT,
            SymbolKind::Data => lsp::SymbolKind::ARRAY,
            SymbolKind::Scenario | SymbolKind::Simulation => lsp::SymbolKind::EVENT,
            SymbolKind::Test => lsp::SymbolKind::METHOD,
        },
        tags: None,
        deprecated: None,
        range: range_in(index, &symbol.span),
        selection_range: range_in(index, &symbol.selection),
        children: Some(symbol.children.iter().map(|child| document_symbol(index, child)).collect()),
    }
}

/// The semantic token types, in the order of the legend the server announces.
pub const TOKEN_TYPES: [lsp::SemanticTokenType; 8] = [
    lsp::SemanticTokenType::COMMENT,
    lsp::SemanticTokenType::VARIABLE,
    lsp::SemanticTokenType::ENUM,
    lsp::SemanticTokenType::STRING,
    lsp::SemanticTokenType::ENUM_MEMBER,
    lsp::SemanticTokenType::NUMBER,
    lsp::SemanticTokenType::KEYWORD,
    lsp::SemanticTokenType::FUNCTION,
];

/// The one modifier: a name where it is defined.
pub const TOKEN_MODIFIERS: [lsp::SemanticTokenModifier; 1] = [lsp::SemanticTokenModifier::DECLARATION];

/// A token's type (its index in [`TOKEN_TYPES`]) and modifiers.
pub fn token_type(kind: TokenKind) -> (u32, u32) {
    match kind {
        TokenKind::Comment => (0, 0),
        TokenKind::IndicatorDefinition => (1, 1),
        TokenKind::Indicator => (1, 0),
        TokenKind::Scenario => (2, 0),
        TokenKind::String => (3, 0),
        TokenKind::Year => (4, 0),
        TokenKind::Number => (5, 0),
        TokenKind::Keyword => (6, 0),
        TokenKind::Function => (7, 0),
    }
}
