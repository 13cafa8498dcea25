//! What every panel shares and the page that holds them provides: a value
//! passed down without comparing its contents ([`Shared`]), and the choice of
//! a text by the page's language ([`words`]).

use shihyo_core::syntax::Lang;
use std::rc::Rc;

/// A value the panels share, equal only to itself: a panel re-renders when
/// the value is recomputed, without comparing what it holds.
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// The app's words in both languages, picked at the place they are shown.
pub fn words(lang: Lang, en: &'static str, ja: &'static str) -> &'static str {
    if lang == Lang::Ja {
        ja
    } else {
        en
    }
}
