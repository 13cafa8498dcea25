//! Editor features for shihyo plans, as pure functions over the core (the guide follows).
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod analysis;
mod completion;
mod fixes;
mod hover;
mod index;
mod lens;
mod navigation;
mod position;
mod symbols;
mod tokens;
mod walk;

pub use analysis::{Analysis, DataText};
pub use completion::{complete, Completion, CompletionKind};
pub use fixes::{quick_fix, quick_fixes, QuickFix};
pub use hover::{hover, Hover};
pub use index::{Occurrence, Symbol, Usage};
pub use lens::{lenses, Lens};
pub use navigation::{definition, prepare_rename, references, rename, Edit, Location};
pub use position::LineIndex;
pub use shihyo_core::syntax::{Diagnostic, FileId, Lang, Localized, Severity, Span};
pub use symbols::{symbols, DocumentSymbol, SymbolKind};
pub use tokens::{tokens, Token, TokenKind};
