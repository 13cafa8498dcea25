//! The shihyo language server: the Language Server Protocol over stdio, for any
//! editor. It keeps the open plans and data files, finds each plan's data files
//! (the `data` setting, or by convention the plan's folder, see the reference's
//! "Editors" section), and answers every request with `shihyo-ide`:
//! diagnostics as you type (the CLI's, same codes, in the client's language),
//! hover with the evaluated figures and their explanation, completion, go to
//! definition, references, rename (in the data files too), formatting, the
//! outline, semantic tokens, a code lens above each rule and quick fixes.
//!
//! Messages are framed and read here (`transport`), not by `lsp-server`'s
//! reader thread, so that a malformed message gets a JSON-RPC error and the
//! server goes on; `lsp-server` gives the message types and `lsp-types` the
//! protocol's.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod convert;
mod server;
mod transport;
mod workspace;

pub use server::{serve, Ending};
pub use shihyo_ide::Lang;

/// Serves the protocol on stdin and stdout until the client sends `exit` or closes stdin.
pub fn serve_stdio(lang: Option<Lang>) -> std::io::Result<Ending> {
    serve(std::io::stdin().lock(), std::io::stdout().lock(), lang)
}
