//! The public API of every crate meant for crates.io, listed item by item and
//! held to a snapshot (`tests/snapshots/public_api__<crate>.snap`), so that a
//! change an embedder would notice is a diff someone reviews.
//!
//! Each crate is read from its `lib.rs` through its modules, as rustc reads
//! them. A module is public when it and every module around it are `pub`. Listed:
//! the `pub use` re-exports of public modules (the curated paths), every `pub`
//! item of a public module, and the `pub` items of private modules that those
//! re-exports name: functions and methods by signature, structs with their
//! public fields and derived traits, enums whole, traits, constants, type
//! aliases, exported macros, and which traits each listed type implements.
//! Bodies, private fields and doc comments are not the API and are left out.
//! `pub(crate)` and narrower are private.
//!
//! Items are read under the crate's default features, `cfg(test)` off; what another
//! feature adds is listed after `[feature NAME]`. An item declared with shihyo-core's
//! `pipeline_pub!` is `pub` with the `pipeline` feature and private without it.
//! A `pub use` in a private module is followed when a public re-export names it.
//!
//! After an intended change: `INSTA_UPDATE=always cargo test -p xtask --test
//! public_api`, and review the snapshot's diff.

use std::path::{Path, PathBuf};
use syn::{Attribute, Fields, ImplItem, Item, Visibility};

/// The crates published to crates.io (the others have `publish = false`, or are
/// the command and the npm package, whose API is their command line and JSON).
const PUBLISHED: [&str; 9] = [
    "shihyo-syntax",
    "shihyo-core",
    "shihyo-files",
    "shihyo-import",
    "shihyo-report",
    "shihyo-compare",
    "shihyo-aggregate",
    "shihyo-ide",
    "shihyo-lsp",
];

fn crate_source(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(name).join("src")
}

/// One module to read: its path from the crate root, its file, and whether it is public.
struct Module {
    path: String,
    file: PathBuf,
    public: bool,
}

/// The file of module `name` declared in `parent` (a `lib.rs`/`mod.rs` names its folder).
fn module_file(parent: &Path, name: &str) -> PathBuf {
    let stem = parent.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let folder = match stem {
        "lib" | "mod" | "main" => parent.parent().map(Path::to_path_buf).unwrap_or_default(),
        _ => parent.with_extension(""),
    };
    let flat = folder.join(format!("{name}.rs"));
    if flat.exists() {
        flat
    } else {
        folder.join(name).join("mod.rs")
    }
}

fn is_public(visibility: &Visibility) -> bool {
    matches!(visibility, Visibility::Public(_))
}

/// Whether a `cfg` predicate holds with these features on, `test` and `doc` off, and
/// any other (a target's) taken as holding, so that its items are listed.
fn holds(predicate: &syn::Meta, features: &[String]) -> bool {
    let nested = |list: &syn::MetaList| -> Vec<syn::Meta> {
        list.parse_args_with(syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
            .map(|metas| metas.into_iter().collect())
            .unwrap_or_default()
    };
    match predicate {
        syn::Meta::Path(path) => !(path.is_ident("test") || path.is_ident("doc")),
        syn::Meta::NameValue(pair) if pair.path.is_ident("feature") => match &pair.value {
            syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(name), .. }) => features.contains(&name.value()),
            _ => false,
        },
        syn::Meta::NameValue(_) => true,
        syn::Meta::List(list) if list.path.is_ident("not") => !nested(list).iter().all(|meta| holds(meta, features)),
        syn::Meta::List(list) if list.path.is_ident("all") => nested(list).iter().all(|meta| holds(meta, features)),
        syn::Meta::List(list) if list.path.is_ident("any") => nested(list).iter().any(|meta| holds(meta, features)),
        syn::Meta::List(_) => true,
    }
}

/// Whether an item is compiled with these features: every `#[cfg(…)]` on it holds.
fn compiled(attrs: &[Attribute], features: &[String]) -> bool {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("cfg"))
        .all(|attr| attr.parse_args::<syn::Meta>().is_ok_and(|predicate| holds(&predicate, features)))
}

/// The item a `pipeline_pub! { … }` declares, as the features make it: `pub` with
/// `pipeline`, `pub(crate)` (private) without it.
fn pipeline_items<T: syn::parse::Parse>(invocation: &syn::Macro, features: &[String]) -> Option<T> {
    if !invocation.path.is_ident("pipeline_pub") {
        return None;
    }
    let visibility = if features.iter().any(|feature| feature == "pipeline") { "pub" } else { "pub(crate)" };
    let tokens = invocation.tokens.clone().into_iter().collect::<Vec<_>>();
    // `#[doc…]`… then the item's keyword: the visibility goes before the keyword.
    let keyword = tokens.iter().position(|token| matches!(token, proc_macro2::TokenTree::Ident(_)))?;
    let (attributes, item) = tokens.split_at(keyword);
    let visibility: proc_macro2::TokenStream = visibility.parse().ok()?;
    syn::parse2(attributes.iter().cloned().chain(visibility).chain(item.iter().cloned()).collect()).ok()
}

/// The attributes that are API: derives, and `#[non_exhaustive]`, `#[serde(…)]` is not.
fn api_attributes(attrs: &[Attribute]) -> Vec<Attribute> {
    attrs.iter().filter(|attr| attr.path().is_ident("derive") || attr.path().is_ident("non_exhaustive")).cloned().collect()
}

/// An item printed as Rust (rustfmt-like), without its trailing newline.
fn printed(item: Item) -> String {
    let file = syn::File { shebang: None, attrs: Vec::new(), items: vec![item] };
    prettyplease::unparse(&file).trim_end().to_string()
}

/// A function's signature alone: `pub fn name(args) -> T`.
fn signature(visibility: &Visibility, signature: &syn::Signature) -> String {
    let item = syn::ItemFn {
        attrs: Vec::new(),
        vis: visibility.clone(),
        sig: signature.clone(),
        block: Box::new(syn::Block { brace_token: Default::default(), stmts: Vec::new() }),
    };
    printed(Item::Fn(item)).trim_end_matches("{}").trim_end().to_string()
}

/// A struct with its public fields only (and a note where private ones are).
fn public_struct(mut item: syn::ItemStruct) -> String {
    item.attrs = api_attributes(&item.attrs);
    let mut hidden = false;
    let strip = |fields: &mut syn::punctuated::Punctuated<syn::Field, syn::Token![,]>, hidden: &mut bool| {
        let kept: syn::punctuated::Punctuated<syn::Field, syn::Token![,]> = fields
            .iter()
            .filter(|field| {
                let public = is_public(&field.vis);
                *hidden |= !public;
                public
            })
            .cloned()
            .map(|mut field| {
                field.attrs.clear();
                field
            })
            .collect();
        *fields = kept;
    };
    match &mut item.fields {
        Fields::Named(named) => strip(&mut named.named, &mut hidden),
        Fields::Unnamed(unnamed) => strip(&mut unnamed.unnamed, &mut hidden),
        Fields::Unit => {}
    }
    let text = printed(Item::Struct(item));
    if hidden {
        format!("{text} // and private fields")
    } else {
        text
    }
}

/// An enum with its variants, without docs or serde attributes.
fn public_enum(mut item: syn::ItemEnum) -> String {
    item.attrs = api_attributes(&item.attrs);
    for variant in &mut item.variants {
        variant.attrs.retain(|attr| attr.path().is_ident("default"));
        for field in variant.fields.iter_mut() {
            field.attrs.clear();
        }
    }
    printed(Item::Enum(item))
}

/// The type an `impl` block is for, and the trait if it implements one.
fn impl_header(item: &syn::ItemImpl) -> String {
    let mut header = item.clone();
    header.attrs.clear();
    header.items.clear();
    printed(Item::Impl(header)).trim_end_matches("{}").trim_end().to_string()
}

/// One listed item: the module it is in, the name it is reached by there (for a
/// type's `impl`, the type's name), and its text.
struct Entry {
    module: String,
    public_module: bool,
    name: Name,
    text: String,
}

/// What makes an item of a private module part of the API.
enum Name {
    /// Always listed (a re-export, an exported macro, a module).
    Always,
    /// An item: listed if its module is public or a re-export names it.
    Item(String),
    /// An `impl` of a type: listed if the type is listed.
    ImplOf(String),
}

/// Every name a `use` tree declares in module `at`, with the path it stands for:
/// (`crate::eval::Options`, `crate::eval::options::Options`); a glob's name is `*`.
fn use_targets(at: &str, tree: &syn::UseTree, prefix: Vec<String>, aliases: &mut Vec<(String, String)>) {
    let mut alias = |name: String, target: String| aliases.push((format!("{at}::{name}"), target));
    match tree {
        syn::UseTree::Path(path) => {
            let mut prefix = prefix;
            prefix.push(path.ident.to_string());
            use_targets(at, &path.tree, prefix, aliases);
        }
        syn::UseTree::Name(name) => alias(name.ident.to_string(), resolved(at, &prefix, &name.ident.to_string())),
        syn::UseTree::Rename(rename) => alias(rename.rename.to_string(), resolved(at, &prefix, &rename.ident.to_string())),
        syn::UseTree::Glob(_) => alias("*".into(), resolved(at, &prefix, "*")),
        syn::UseTree::Group(group) => group.items.iter().for_each(|tree| use_targets(at, tree, prefix.clone(), aliases)),
    }
}

/// A `use` path made absolute from module `at` (`crate`, `self`, `super` or a child).
fn resolved(at: &str, prefix: &[String], name: &str) -> String {
    let mut module: Vec<&str> = at.split("::").collect();
    let mut rest = prefix.iter().map(String::as_str).peekable();
    match rest.peek().copied() {
        Some("crate") => {
            module = vec!["crate"];
            rest.next();
        }
        Some("self") => {
            rest.next();
        }
        _ => {}
    }
    while rest.peek() == Some(&"super") {
        module.pop();
        rest.next();
    }
    module.extend(rest);
    module.push(name);
    module.join("::")
}

/// The name a type is written with, without its generics (`Counts` for `Counts<N>`).
fn type_name(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
        other => printed_type(other),
    }
}

/// The attributes of an item of the kinds listed (others have none that matter here).
fn attributes(item: &Item) -> &[Attribute] {
    match item {
        Item::Mod(inner) => &inner.attrs,
        Item::Use(used) => &used.attrs,
        Item::Fn(function) => &function.attrs,
        Item::Struct(structure) => &structure.attrs,
        Item::Enum(enumeration) => &enumeration.attrs,
        Item::Trait(definition) => &definition.attrs,
        Item::Const(constant) => &constant.attrs,
        Item::Static(variable) => &variable.attrs,
        Item::Type(alias) => &alias.attrs,
        Item::Macro(invocation) => &invocation.attrs,
        Item::Impl(block) => &block.attrs,
        _ => &[],
    }
}

/// What reading a crate gathers: the items found, the modules still to read, and
/// every `pub use` with the module it is in (public or not).
#[derive(Default)]
struct Reading {
    entries: Vec<Entry>,
    modules: Vec<Module>,
    /// (the name a `pub use` declares, the path it stands for), in every module.
    aliases: Vec<(String, String)>,
    /// The names the `pub use`s of public modules declare: the curated paths.
    exported: Vec<String>,
}

/// The entries of a module's items, and the modules it declares, with these features.
fn list(module: &Module, items: &[Item], features: &[String], reading: &mut Reading) {
    let at = &module.path;
    let mut inline_modules = Vec::new();
    let compiled_items: Vec<&Item> = items.iter().filter(|item| compiled(attributes(item), features)).collect();
    let expanded: Vec<Item> = compiled_items
        .iter()
        .filter_map(|item| if let Item::Macro(invocation) = item { pipeline_items::<Item>(&invocation.mac, features) } else { None })
        .collect();
    let mut add = |name: Name, text: String| {
        reading.entries.push(Entry { module: at.clone(), public_module: module.public, name, text });
    };
    for item in compiled_items.into_iter().chain(&expanded) {
        match item {
            Item::Mod(inner) => {
                let path = format!("{at}::{}", inner.ident);
                let public = module.public && is_public(&inner.vis);
                match &inner.content {
                    Some((_, inline)) => inline_modules.push((Module { path, file: module.file.clone(), public }, inline)),
                    None => reading.modules.push(Module { file: module_file(&module.file, &inner.ident.to_string()), path, public }),
                }
            }
            Item::Use(used) if is_public(&used.vis) => {
                let first = reading.aliases.len();
                use_targets(at, &used.tree, Vec::new(), &mut reading.aliases);
                if module.public {
                    reading.exported.extend(reading.aliases[first..].iter().map(|(name, _)| name.clone()));
                    let mut used = used.clone();
                    used.attrs.clear();
                    add(Name::Always, printed(Item::Use(used)));
                }
            }
            Item::Fn(function) if is_public(&function.vis) => {
                add(Name::Item(function.sig.ident.to_string()), signature(&function.vis, &function.sig))
            }
            Item::Struct(structure) if is_public(&structure.vis) => {
                add(Name::Item(structure.ident.to_string()), public_struct(structure.clone()))
            }
            Item::Enum(enumeration) if is_public(&enumeration.vis) => {
                add(Name::Item(enumeration.ident.to_string()), public_enum(enumeration.clone()))
            }
            Item::Trait(definition) if is_public(&definition.vis) => {
                let mut definition = definition.clone();
                definition.attrs.clear();
                for member in &mut definition.items {
                    if let syn::TraitItem::Fn(function) = member {
                        function.attrs.clear();
                        function.default = None;
                    }
                }
                add(Name::Item(definition.ident.to_string()), printed(Item::Trait(definition)));
            }
            Item::Const(constant) if is_public(&constant.vis) => {
                add(Name::Item(constant.ident.to_string()), format!("pub const {}: {}", constant.ident, printed_type(&constant.ty)));
            }
            Item::Static(variable) if is_public(&variable.vis) => {
                add(Name::Item(variable.ident.to_string()), format!("pub static {}: {}", variable.ident, printed_type(&variable.ty)));
            }
            Item::Type(alias) if is_public(&alias.vis) => {
                let name = alias.ident.to_string();
                let mut alias = alias.clone();
                alias.attrs.clear();
                add(Name::Item(name), printed(Item::Type(alias)));
            }
            Item::Macro(definition) if definition.attrs.iter().any(|attr| attr.path().is_ident("macro_export")) => {
                let name = definition.ident.as_ref().map(ToString::to_string).unwrap_or_default();
                add(Name::Always, format!("#[macro_export] macro_rules! {name}"));
            }
            Item::Impl(block) => {
                let header = impl_header(block);
                let of = type_name(&block.self_ty);
                if block.trait_.is_some() {
                    add(Name::ImplOf(of), header);
                    continue;
                }
                let members = block.items.iter().filter_map(|member| match member {
                    ImplItem::Macro(invocation) => pipeline_items::<ImplItem>(&invocation.mac, features),
                    ImplItem::Fn(method) if compiled(&method.attrs, features) => Some(member.clone()),
                    ImplItem::Const(constant) if compiled(&constant.attrs, features) => Some(member.clone()),
                    _ => None,
                });
                for member in members {
                    match member {
                        ImplItem::Fn(method) if is_public(&method.vis) => {
                            add(Name::ImplOf(of.clone()), format!("{header} :: {}", signature(&method.vis, &method.sig)));
                        }
                        ImplItem::Const(constant) if is_public(&constant.vis) => {
                            add(
                                Name::ImplOf(of.clone()),
                                format!("{header} :: pub const {}: {}", constant.ident, printed_type(&constant.ty)),
                            );
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    for (inner, items) in inline_modules {
        list(&inner, items, features, reading);
    }
}

fn printed_type(ty: &syn::Type) -> String {
    let alias: syn::ItemType = syn::parse_quote!(type T = #ty;);
    printed(Item::Type(alias)).trim_start_matches("type T = ").trim_end_matches(';').to_string()
}

/// The paths the curated re-exports reach, following `pub use`s through private
/// modules (`crate::Band` → `crate::eval::Band` → `crate::eval::simulate::Band`).
fn reached_paths(reading: &Reading) -> Vec<String> {
    let mut reached = Vec::new();
    let mut names = reading.exported.clone();
    while let Some(name) = names.pop() {
        if reached.contains(&name) {
            continue;
        }
        let (module, item) = name.rsplit_once("::").unwrap_or(("", &name));
        for (alias, target) in &reading.aliases {
            let (alias_module, alias_item) = alias.rsplit_once("::").unwrap_or(("", alias));
            if alias_module != module {
                continue;
            }
            if alias_item == item || item == "*" {
                // The name, or (for a glob) every name the module re-exports.
                names.push(target.clone());
            } else if let (Some(target_module), "*") = (target.strip_suffix("::*"), alias_item) {
                // A glob re-export: the same name in the module it re-exports.
                names.push(format!("{target_module}::{item}"));
            }
        }
        reached.push(name);
    }
    reached
}

/// The listing of one crate with these features: a line per item, each with the module it is in.
fn listed(name: &str, features: &[String]) -> Vec<String> {
    let root = crate_source(name).join("lib.rs");
    let mut reading = Reading { modules: vec![Module { path: "crate".to_string(), file: root, public: true }], ..Reading::default() };
    while let Some(module) = reading.modules.pop() {
        let text = std::fs::read_to_string(&module.file).unwrap_or_else(|e| panic!("{}: {e}", module.file.display()));
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", module.file.display()));
        list(&module, &file.items, features, &mut reading);
        if module.public {
            reading.entries.push(Entry { module: module.path.clone(), public_module: true, name: Name::Always, text: "module".into() });
        }
    }
    let paths = reached_paths(&reading);
    let named = |module: &str, item: &str| paths.iter().any(|t| t == &format!("{module}::{item}") || t == &format!("{module}::*"));
    let reached = |entry: &Entry| match &entry.name {
        Name::Always => true,
        Name::Item(item) => entry.public_module || named(&entry.module, item),
        Name::ImplOf(_) => false,
    };
    let types: Vec<&str> = reading
        .entries
        .iter()
        .filter(|e| reached(e))
        .filter_map(|e| if let Name::Item(item) = &e.name { Some(item.as_str()) } else { None })
        .collect();
    let mut lines: Vec<String> = reading
        .entries
        .iter()
        .filter(|entry| reached(entry) || matches!(&entry.name, Name::ImplOf(of) if types.contains(&of.as_str())))
        .map(|entry| format!("{}: {}", entry.module, entry.text))
        .collect();
    lines.sort();
    lines.dedup();
    lines
}

/// A crate's features: those on by default, and every other one (`cargo metadata`).
fn features(name: &str) -> (Vec<String>, Vec<String>) {
    let output = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--no-deps", "--format-version", "1", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).expect("cargo metadata gives JSON");
    let package = metadata["packages"].as_array().into_iter().flatten().find(|package| package["name"] == name);
    let table = package.and_then(|package| package["features"].as_object()).cloned().unwrap_or_default();
    let default: Vec<String> =
        table.get("default").and_then(|list| list.as_array()).into_iter().flatten().filter_map(|f| f.as_str()).map(String::from).collect();
    let others = table.keys().filter(|feature| *feature != "default" && !default.contains(feature)).cloned().collect();
    (default, others)
}

/// The listing of one crate: its API with the default features, then what each other
/// feature adds, marked `[feature NAME]`.
fn listing(name: &str) -> String {
    let (default, others) = features(name);
    let base = listed(name, &default);
    let mut lines = base.clone();
    for feature in others {
        let with: Vec<String> = default.iter().cloned().chain([feature.clone()]).collect();
        lines.extend(listed(name, &with).into_iter().filter(|line| !base.contains(line)).map(|line| format!("[feature {feature}] {line}")));
    }
    lines.join("\n") + "\n"
}

#[test]
fn the_public_api_of_every_published_crate_is_the_reviewed_one() {
    for name in PUBLISHED {
        insta::assert_snapshot!(name, listing(name));
    }
}

#[test]
fn the_listing_reads_what_a_crate_exports() {
    let core = listing("shihyo-core");
    for expected in [
        "crate: pub use project::{Engine, Project};",
        "crate::project: impl Engine :: pub fn load(&self, plan: FileId, data_files: &[FileId]) -> Result<Project, Diagnostics>",
        "crate::eval::report: impl Report :: pub fn find(&self, name: &str) -> Option<&RuleResult>",
    ] {
        assert!(core.lines().any(|line| line == expected), "no line `{expected}` in:\n{core}");
    }
    assert!(!core.contains("crate::check: pub fn check("), "a private module's items that no re-export names are not API");
    // The pipeline's stages are private without the feature, and listed as its own with it.
    let rule = "crate::eval::report: impl Report :: pub fn rule(&self, id: RuleId) -> &RuleResult";
    assert!(core.lines().any(|line| line == format!("[feature pipeline] {rule}")), "{core}");
    assert!(!core.lines().any(|line| line == rule), "`pipeline_pub!` items are private by default");
    assert!(core.lines().any(|line| line == "[feature pipeline] crate::eval: module"));
    assert!(!core.lines().any(|line| line == "crate::eval: module"));
    // A `pub use` of a private module is followed: the editor's `Usage` lives in `walk`.
    assert!(listing("shihyo-ide").contains("crate::walk: #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]\npub enum Usage {"));
    assert!(!core.contains("pub(crate)"), "pub(crate) items are not API");
}
