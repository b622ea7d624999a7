//! The agencies' partner search (PRODUCT.md §4): its filters as a form sends them, checked
//! against their closed lists (an unknown value filters nothing rather than failing), and its
//! sorts. Pure; `partners::repo::search` turns it into SQL.
use crate::organisations::kinds::OrganisationKind;

/// The flags a profile states, as filters (the profile's yes/no fields).
pub const LEADERSHIP: [&str; 4] = ["women_led", "youth_led", "indigenous_led", "refugee_led"];

/// Rows a page of the search shows.
pub const PAGE_SIZE: i64 = 25;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchFilter {
    /// Part of the legal name or acronym, lower-cased (at most 100 characters).
    pub text: Option<String>,
    pub country: Option<String>,
    pub kind: Option<OrganisationKind>,
    pub sector: Option<&'static str>,
    pub leadership: Option<&'static str>,
    /// `Some(true)`: complete profiles; `Some(false)`: the others.
    pub complete: Option<bool>,
    /// `Some(Some(v))`: the latest verification says `v`; `Some(None)`: never verified.
    pub verified: Option<Option<bool>>,
    /// Whether the viewer's agency linked its partner code to the profile.
    pub linked: Option<bool>,
    pub sort: Sort,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Name,
    /// Least complete first (who needs a reminder).
    Completeness,
    /// Most recently updated first.
    Updated,
}

impl SearchFilter {
    /// The filter a search form sent: each value kept only when it is one of its list.
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        q: &str,
        country: &str,
        kind: &str,
        sector: &str,
        leadership: &str,
        completeness: &str,
        verification: &str,
        linked: &str,
        sort: &str,
    ) -> Self {
        let q = q.trim();
        SearchFilter {
            text: (!q.is_empty()).then(|| q.chars().take(100).collect::<String>().to_lowercase()),
            country: crate::countries::by_code(&country.trim().to_uppercase())
                .map(|c| c.code.to_string()),
            kind: OrganisationKind::parse(kind).filter(|k| k.is_civil_society()),
            sector: crate::organisations::domain::SECTORS
                .iter()
                .copied()
                .find(|s| *s == sector),
            leadership: LEADERSHIP.iter().copied().find(|l| *l == leadership),
            complete: match completeness {
                "complete" => Some(true),
                "incomplete" => Some(false),
                _ => None,
            },
            verified: match verification {
                "verified" => Some(Some(true)),
                "not_verified" => Some(Some(false)),
                "never" => Some(None),
                _ => None,
            },
            linked: match linked {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            },
            sort: match sort {
                "completeness" => Sort::Completeness,
                "updated" => Sort::Updated,
                _ => Sort::Name,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_filter_nothing() {
        let f = SearchFilter::parse(
            " Femmes ",
            "sn",
            "embassy",
            "bogus",
            "women_led",
            "complete",
            "never",
            "no",
            "updated",
        );
        assert_eq!(f.text.as_deref(), Some("femmes"));
        assert_eq!(f.country.as_deref(), Some("SN"));
        assert_eq!(f.kind, None, "not a partner kind");
        assert_eq!(f.sector, None);
        assert_eq!(f.leadership, Some("women_led"));
        assert_eq!(f.complete, Some(true));
        assert_eq!(f.verified, Some(None));
        assert_eq!(f.linked, Some(false));
        assert_eq!(f.sort, Sort::Updated);
        assert_eq!(
            SearchFilter::parse("", "", "", "", "", "", "", "", ""),
            SearchFilter::default()
        );
        let long = "x".repeat(500);
        assert_eq!(
            SearchFilter::parse(&long, "", "", "", "", "", "", "", "")
                .text
                .unwrap()
                .len(),
            100
        );
    }
}
