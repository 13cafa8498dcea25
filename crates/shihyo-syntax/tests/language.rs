//! The language's tables (`shihyo_syntax::language`) against the grammar, the
//! parser and the reference: a keyword added to one and not the other fails here.

use shihyo_syntax::language::{self, Role, FUNCTIONS, KEYWORDS};
use shihyo_syntax::{parse, Code, FileId, Source};
use std::collections::BTreeSet;
use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)).expect("a file of the repository")
}

/// The words the grammar spells out: its string literals of two or more letters.
fn grammar_words() -> BTreeSet<String> {
    let grammar = read("grammar/shihyo.pest");
    // Comment lines are left out (a `"//"` literal is not a comment).
    let code: String = grammar.lines().filter(|line| !line.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    code.split('"')
        .skip(1)
        .step_by(2)
        .filter(|literal| literal.len() >= 2 && literal.chars().all(|c| c.is_ascii_lowercase()))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_keywords_are_the_grammars_words() {
    let table: BTreeSet<String> = language::keyword_words().map(str::to_string).collect();
    assert_eq!(table.len(), KEYWORDS.len(), "a keyword is listed twice");
    assert_eq!(table, grammar_words(), "the table (left) and grammar/shihyo.pest (right) differ");
}

#[test]
fn statements_are_the_words_a_statement_starts_with() {
    for keyword in KEYWORDS {
        let starts = matches!(keyword.role, Role::Statement | Role::Composite);
        assert_eq!(language::starts_statement(keyword.word), starts, "{}", keyword.word);
    }
}

fn codes(text: &str) -> Vec<Code> {
    let source = Source::new("t.kpi", format!("plan \"t\" {{ period R3..R7  baseline R1 }}\nindicator \"a\"\nindicator \"b\"\n{text}\n"));
    parse(&source, FileId(0)).diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn every_function_parses_as_its_example_shows() {
    for function in FUNCTIONS {
        let rule = format!("indicator \"x{}\" = {}", function.name, function.example.replace("\"職員数\"", "\"a\""));
        assert_eq!(codes(&rule), [], "{}: {}", function.name, function.example);
        assert!(function.example.starts_with(function.name) || function.example.contains(&format!("{}(", function.name)));
    }
}

#[test]
fn an_alias_suggests_its_function_and_an_unknown_name_is_e0110() {
    for function in FUNCTIONS {
        for alias in function.aliases {
            let source =
                Source::new("t.kpi", format!("plan \"t\" {{ period R3..R7 }}\nindicator \"a\"\noutcome \"x\" >= {alias}(\"a\")\n"));
            let parsed = parse(&source, FileId(0));
            let error = parsed.diagnostics.first().expect("an unknown function");
            assert_eq!(error.code, Code::E0110, "{alias}");
            let hint = error.hint.as_ref().map(|h| h.en.clone()).unwrap_or_default();
            assert!(hint.contains(&format!("`{}`", function.name)), "{alias}: {hint}");
        }
    }
    assert_eq!(language::function_for_alias("average"), Some("avg"));
    assert_eq!(language::function_for_alias("avg"), None);
}

#[test]
fn the_reference_names_every_keyword_and_function() {
    for path in ["docs/reference.en.md", "docs/reference.ja.md"] {
        let reference = read(path);
        let missing: Vec<&str> = language::keyword_words()
            .filter(|word| !reference.contains(&format!("`{word}")) && !reference.contains(&format!(" {word} ")))
            .collect();
        assert!(missing.is_empty(), "{path} does not show the keywords {missing:?}");
        let missing: Vec<&str> = language::function_names().filter(|name| !reference.contains(&format!("{name}("))).collect();
        assert!(missing.is_empty(), "{path} does not show the functions {missing:?}");
    }
}

/// The words of the alternations (`(?:a|b|…)`) of a text: a TextMate grammar's patterns.
fn alternated_words(text: &str) -> BTreeSet<String> {
    text.split("(?:")
        .skip(1)
        .filter_map(|rest| rest.split_once(')'))
        .flat_map(|(alternation, _)| alternation.split('|'))
        .filter(|word| !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_vscode_grammar_colours_every_keyword_and_function() {
    let grammar = read("editors/vscode/syntaxes/shihyo.tmLanguage.json");
    let table: BTreeSet<String> = language::keyword_words().chain(language::function_names()).map(str::to_string).collect();
    assert_eq!(alternated_words(&grammar), table, "editors/vscode/syntaxes/shihyo.tmLanguage.json (left) and the table (right) differ");
    // The words that begin a statement are coloured as declarations.
    let declarations =
        grammar.split("keyword.declaration.shihyo").nth(1).and_then(|rest| rest.lines().nth(1)).expect("a declaration pattern");
    let statements: BTreeSet<String> =
        KEYWORDS.iter().filter(|k| matches!(k.role, Role::Statement | Role::Composite)).map(|k| k.word.to_string()).collect();
    assert_eq!(alternated_words(declarations), statements);
}
