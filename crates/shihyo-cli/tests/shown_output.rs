//! Output shown in the documentation is real output: every `$ shihyo …` (and
//! `$ cat …`) line in a `console` block of the README or of the language
//! reference is run, and what it prints must be what the page shows. The
//! README's commands run from the repository root; the reference's run in a
//! folder holding its first example as `plan.kpi`, as its text says. A line `…`
//! stands for lines left out: the lines above it must open the output and the
//! lines below it must end it.

mod common;

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// One command of a page and the output the page shows for it.
struct Shown {
    command: String,
    output: Vec<String>,
}

fn console_blocks(page: &str) -> Vec<Shown> {
    let mut shown: Vec<Shown> = Vec::new();
    let mut in_console = false;
    for line in page.lines() {
        if line.starts_with("```") {
            in_console = line == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        match line.strip_prefix("$ ") {
            Some(command) => shown.push(Shown { command: command.to_string(), output: Vec::new() }),
            None => shown.last_mut().expect("a console block starts with a command").output.push(line.to_string()),
        }
    }
    shown
}

/// The first ```kpi block of a page: the example its commands are run on.
fn first_example(page: &str) -> String {
    let start = page.find("```kpi\n").expect("the page has an example") + "```kpi\n".len();
    let end = start + page[start..].find("```").expect("the example block ends");
    page[start..end].to_string()
}

/// What a command prints, run in `folder`: stdout, then stderr, as a terminal shows them when piped.
fn run(command: &str, folder: &Path) -> String {
    let words: Vec<&str> = command.split_whitespace().collect();
    match words.as_slice() {
        ["cat", file] => std::fs::read_to_string(folder.join(file)).unwrap(),
        ["shihyo", args @ ..] => {
            let output = common::shihyo_in(folder).args(args).output().unwrap();
            format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
        }
        _ => panic!("pages show only `shihyo` and `cat` commands: {command}"),
    }
}

fn lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text.lines().map(|l| l.trim_end().to_string()).collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

fn check_page(name: &str, page: &str, folder: &Path) -> usize {
    let shown = console_blocks(page);
    for each in &shown {
        let actual = lines(&run(&each.command, folder));
        let expected = lines(&each.output.join("\n"));
        let context = format!("{name}: `$ {}`\n--- actual output ---\n{}", each.command, actual.join("\n"));
        match expected.iter().position(|l| l == "…") {
            Some(gap) => {
                let (head, tail) = (&expected[..gap], &expected[gap + 1..]);
                assert!(actual.starts_with(head), "{context}");
                assert!(actual.ends_with(tail), "{context}");
            }
            None => assert_eq!(actual, expected, "{context}"),
        }
    }
    shown.len()
}

#[test]
fn the_readme_tour_shows_real_output() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let commands = check_page("README.md", &readme, &root());
    assert!(commands >= 5, "the tour has check, eval, explain, fmt and import");
}

#[test]
fn the_reference_shows_real_output() {
    for name in ["docs/reference.en.md", "docs/reference.ja.md"] {
        let page = std::fs::read_to_string(root().join(name)).unwrap();
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("plan.kpi"), first_example(&page)).unwrap();
        let commands = check_page(name, &page, folder.path());
        assert!(commands >= 2, "{name} shows eval and explain");
    }
}
