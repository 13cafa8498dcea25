//! A name's key is its NFKC form without the spaces around it, whether it is taken on the
//! quick path (text already in NFKC) or normalised: the two agree on any text.

use proptest::prelude::*;
use shihyo_syntax::{name_key, Source};

fn normalised(name: &str) -> String {
    Source::new("", name).normalized().trim().to_string()
}

#[test]
fn keys_of_names_as_plans_write_them() {
    for name in ["電子申請件数", " 満足度 ", "（108項目）", "ｶﾅ", "\u{3000}全角の空白\u{3000}", "\u{feff}BOM", "Ⅻ", "㍻元年"]
    {
        assert_eq!(name_key(name), normalised(name), "{name:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
    #[test]
    fn the_quick_key_is_the_normalised_key(name in "\\PC{0,12}") {
        prop_assert_eq!(name_key(&name), normalised(&name));
    }
}
