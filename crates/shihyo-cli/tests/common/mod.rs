//! How the CLI's tests run the `shihyo` binary: as a pipe shows it (no colour), messages in
//! English unless `--lang` asks otherwise, and drafts dated 2025-06-01.

use std::path::Path;
use std::process::{Command, Output};

/// The `shihyo` binary, to run in `folder`.
pub fn shihyo_in(folder: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_shihyo"));
    command
        .current_dir(folder)
        .env("NO_COLOR", "1")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        // Drafts without years start their period in the fiscal year of this date (2025-06-01).
        .env("SOURCE_DATE_EPOCH", "1748736000");
    command
}

/// "exit N", stdout and stderr, as one text (the shown-output test compares the two
/// streams alone, so it does not call this).
#[allow(dead_code)]
pub fn transcript(output: &Output) -> String {
    format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
