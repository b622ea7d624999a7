//! The reader's language, as the ground layer knows it: the cookie that remembers the choice
//! (leptos_i18n's name, written by the language switch with or without JavaScript), the languages.
use serde::{Deserialize, Serialize};

/// The name of the cookie holding the chosen language.
pub const LOCALE_COOKIE: &str = "i18n_pref_locale";

/// The languages a person can choose.
pub const LOCALES: [&str; 3] = ["fr", "en", "es"];

pub fn parse_locale(input: &str) -> Option<&'static str> {
    LOCALES.into_iter().find(|l| *l == input.trim())
}

/// The languages Passerelle speaks: a person's preferred language, the language of a mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Language {
    Fr,
    En,
    Es,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::En => "en",
            Self::Es => "es",
        }
    }

    /// Unknown codes fall back to French, the product's default language.
    pub fn from_code(code: &str) -> Self {
        match code {
            "en" => Self::En,
            "es" => Self::Es,
            _ => Self::Fr,
        }
    }
}
