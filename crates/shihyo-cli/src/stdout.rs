//! Standard output as the commands write it: buffered. The standard library's stdout writes
//! at every newline, a system call per line (a quarter of a million for the JSON of a
//! 10,000-rule plan); this writes in blocks, and the rest when it is dropped.

use std::io::{BufWriter, StdoutLock};

/// Standard output, locked and buffered.
pub fn buffered() -> BufWriter<StdoutLock<'static>> {
    BufWriter::with_capacity(1 << 16, std::io::stdout().lock())
}
