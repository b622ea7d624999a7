//! Lists in pages: the links to the previous and next pages, carrying the page's filters.
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

/// A query-string value, percent-encoded (letters, digits and `-_.~` kept).
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `k=v&…` for the `keys` that have a value (as `get` reads them from the page's query).
pub fn carried(get: impl Fn(&str) -> String, keys: &[&str]) -> Vec<String> {
    keys.iter()
        .filter_map(|k| {
            let v = get(k);
            (!v.is_empty()).then(|| format!("{k}={}", encode(&v)))
        })
        .collect()
}

/// The link to page `n` keeping the filters `keys`.
pub fn page_link(get: impl Fn(&str) -> String, keys: &[&str], n: i64) -> String {
    let mut pairs = carried(get, keys);
    pairs.push(format!("page={n}"));
    format!("?{}", pairs.join("&"))
}

/// "← Previous  2 / 9  Next →".
pub fn pager(
    i18n: leptos_i18n::I18nContext<Locale>,
    page: i64,
    pages: i64,
    link: impl Fn(i64) -> String,
) -> impl IntoView {
    let previous = (page > 1).then(|| link(page - 1));
    let next = (page < pages).then(|| link(page + 1));
    view! {
        <nav class="pager" aria-label=move || td_string!(i18n.get_locale(), acc.pages)>
            {previous.map(|href| view! { <A href=href>{t!(i18n, acc.previous)}</A> })}
            " " <span>{format!("{page} / {}", pages.max(1))}</span> " "
            {next.map(|href| view! { <A href=href>{t!(i18n, acc.next)}</A> })}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_carried_encoded() {
        let get = |k: &str| match k {
            "q" => "eau & vie #1".to_string(),
            "status" => "general".to_string(),
            _ => String::new(),
        };
        assert_eq!(
            page_link(get, &["q", "country", "status"], 3),
            "?q=eau%20%26%20vie%20%231&status=general&page=3"
        );
        assert_eq!(encode("l’eau"), "l%E2%80%99eau");
    }
}
