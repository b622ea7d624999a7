//! Lists in pages: the arithmetic (`Paging`, the same for every list), and the links to the
//! previous and next pages, carrying the page's filters.
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

/// The highest page number looked up (beyond: the same empty page, never an overflow).
pub const MAX_PAGE: i64 = 1_000_000;

/// A page of a list: its number (from 1) and size. Any page number asked is accepted; one past
/// the last is simply empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub page: i64,
    pub size: i64,
}

impl Paging {
    /// The page asked for (none: the first), `size` rows a page.
    pub fn new(page: Option<i64>, size: i64) -> Self {
        Self {
            page: page.unwrap_or(1).clamp(1, MAX_PAGE),
            size: size.max(1),
        }
    }

    /// Rows skipped before this page.
    pub fn offset(self) -> i64 {
        (self.page - 1) * self.size
    }

    /// How many pages `total` rows fill.
    pub fn pages(self, total: i64) -> i64 {
        (total.max(0) + self.size - 1) / self.size
    }
}

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
    fn pages_count_and_offsets_are_the_same_for_every_list() {
        let p = Paging::new(None, 25);
        assert_eq!((p.page, p.offset()), (1, 0));
        assert_eq!(Paging::new(Some(3), 25).offset(), 50);
        assert_eq!(Paging::new(Some(-4), 25).page, 1);
        assert_eq!(Paging::new(Some(i64::MAX), 25).page, MAX_PAGE);
        assert_eq!(p.pages(0), 0);
        assert_eq!(p.pages(25), 1);
        assert_eq!(p.pages(26), 2);
    }

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
