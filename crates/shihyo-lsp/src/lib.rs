//! The shihyo language server over stdio (the guide follows).
#![doc = include_str!("../README.md")]
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
