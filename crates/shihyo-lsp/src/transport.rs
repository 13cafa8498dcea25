//! JSON-RPC framing over a byte stream: `Content-Length` headers, then the
//! message. A header or body that cannot be read as one is reported as what it
//! is (not a crash): the caller answers it with a JSON-RPC error and reads on.

use lsp_server::Message;
use std::io::{self, BufRead, Read, Write};

/// The largest message read (a plan is at most 16 MiB; its JSON escaping can double it).
const MAX_MESSAGE_BYTES: usize = 64 << 20;

/// What one frame of the stream held.
pub enum Frame {
    Message(Message),
    /// A frame whose body is not a JSON-RPC message (JSON-RPC's parse error or invalid request).
    Malformed {
        code: i32,
        reason: String,
    },
    /// The stream ended.
    End,
}

/// Reads the next frame.
pub fn read(input: &mut impl BufRead) -> io::Result<Frame> {
    let mut length: Option<usize> = None;
    let mut line = String::new();
    let mut any_header = false;
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(Frame::End);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if any_header {
                break;
            }
            continue;
        }
        any_header = true;
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("Content-Length") {
                length = value.trim().parse().ok();
            }
        }
    }
    let Some(length) = length else {
        return Ok(Frame::Malformed { code: PARSE_ERROR, reason: "a message without a valid Content-Length header".to_string() });
    };
    if length > MAX_MESSAGE_BYTES {
        // Read past its body, so that the next message is read from its start.
        io::copy(&mut input.take(length as u64), &mut io::sink())?;
        return Ok(Frame::Malformed {
            code: PARSE_ERROR,
            reason: format!("a message of {length} bytes, more than the {MAX_MESSAGE_BYTES} read"),
        });
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    let Ok(text) = String::from_utf8(body) else {
        return Ok(Frame::Malformed { code: PARSE_ERROR, reason: "a message that is not UTF-8".to_string() });
    };
    Ok(match serde_json::from_str::<serde_json::Value>(&text) {
        Err(error) => Frame::Malformed { code: PARSE_ERROR, reason: format!("a message that is not JSON: {error}") },
        Ok(value) => match serde_json::from_value::<Message>(value) {
            Ok(message) => Frame::Message(message),
            Err(error) => Frame::Malformed { code: INVALID_REQUEST, reason: format!("not a JSON-RPC message: {error}") },
        },
    })
}

/// JSON-RPC's codes for a message that is not JSON, and for JSON that is no request.
pub const PARSE_ERROR: i32 = -32700;
pub const INVALID_REQUEST: i32 = -32600;

/// The error response to a malformed message, whose id cannot be known (JSON-RPC's `null`).
pub fn write_malformed(output: &mut impl Write, code: i32, reason: &str) -> io::Result<()> {
    let text = serde_json::json!({ "jsonrpc": "2.0", "id": null, "error": { "code": code, "message": reason } }).to_string();
    write!(output, "Content-Length: {}\r\n\r\n{text}", text.len())?;
    output.flush()
}
