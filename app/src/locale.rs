//! The reader's language, as the ground layer knows it: the cookie that remembers the choice
//! (leptos_i18n's name, written by the language switch with or without JavaScript).

/// The name of the cookie holding the chosen language.
pub const LOCALE_COOKIE: &str = "i18n_pref_locale";
