//! Editor features for shihyo plans, as pure functions over the core: a plan's
//! text and its data files in, answers out. An [`Analysis`] parses, reads and
//! checks them once per edit (the diagnostics of `shihyo check`, same codes);
//! then [`hover`] (an indicator's rule and evaluated figures with how each was
//! computed, every way to write a year, a number's exact value), [`complete`],
//! [`definition`], [`references`], [`rename`], [`symbols`], [`tokens`],
//! [`lenses`] and [`quick_fixes`] answer from it. Positions are byte offsets of
//! the original texts; [`LineIndex`] turns them into the lines and UTF-16
//! columns editors count in. The language server (`shihyo-lsp`) and the browser
//! editor (`web/`) both use this crate, so every editor says the same thing. It
//! does no I/O and reads no clock, like the core.

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
