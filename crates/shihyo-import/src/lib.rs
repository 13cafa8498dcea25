//! Drafts shihyo plans from the plans cities already have: tables of reform
//! items with their indicator sentences (TSV, CSV, Excel), or plain text with
//! one sentence per line. The draft passes `shihyo check` as it is, keeps
//! every sentence as its rule's `source`, and marks with `// 要確認:` what a
//! person must look at.

#![forbid(unsafe_code)]

pub mod sentence;
