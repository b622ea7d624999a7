//! Pure draft rules: which forms keep drafts, size limits, expiry, and the field-by-field
//! three-way merge that shows conflicts instead of overwriting silently.
use crate::fields::Fields;
use serde::{Deserialize, Serialize};

/// Drafts live 90 days after their last save.
pub const DRAFT_LIFETIME_MS: i64 = 90 * 24 * 3600 * 1000;
pub const MAX_FIELDS: usize = 200;
pub const MAX_FIELD_CHARS: usize = 20_000;
pub const MAX_DRAFT_BYTES: usize = 65_536;

/// A form that keeps drafts, named by the code stored with each draft. Every module declares its
/// own (`accounts::drafts::MY_DETAILS`) and registers how to load the record it edits
/// (`drafts::registry`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DraftForm(&'static str);

impl DraftForm {
    pub const fn new(code: &'static str) -> Self {
        Self(code)
    }

    pub fn code(self) -> &'static str {
        self.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    #[error("too many fields")]
    TooManyFields,
    #[error("a field is too long")]
    FieldTooLong,
    #[error("the draft is too large")]
    TooLarge,
    #[error("a draft never holds a password or a code")]
    Secret,
}

impl DraftError {
    pub fn code(self) -> &'static str {
        match self {
            Self::TooManyFields | Self::FieldTooLong | Self::TooLarge => "draft_too_large",
            Self::Secret => "draft_secret",
        }
    }
}

/// Checks the fields of a draft before it is stored.
pub fn check_fields(fields: &Fields) -> Result<(), DraftError> {
    if fields.len() > MAX_FIELDS {
        return Err(DraftError::TooManyFields);
    }
    if fields.keys().any(|k| crate::fields::is_secret(k)) {
        return Err(DraftError::Secret);
    }
    if fields
        .iter()
        .any(|(k, v)| k.chars().count() > 100 || v.chars().count() > MAX_FIELD_CHARS)
    {
        return Err(DraftError::FieldTooLong);
    }
    let bytes: usize = fields.iter().map(|(k, v)| k.len() + v.len() + 6).sum();
    if bytes > MAX_DRAFT_BYTES {
        return Err(DraftError::TooLarge);
    }
    Ok(())
}

/// One field both the person (in the draft) and someone else (on the server) changed
/// differently since the draft's base: the person chooses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub field: String,
    pub mine: String,
    pub theirs: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merge {
    /// Every field: changes from both sides where they do not collide; for a conflict, the
    /// draft's value until the person chooses.
    pub merged: Fields,
    pub conflicts: Vec<Conflict>,
}

/// Three-way merge, field by field, of a draft (`mine`) and the current record (`theirs`),
/// both descended from `base` (the record when the draft began). A field changed on one side
/// only takes that change; changed on both sides to different values, it is a conflict.
pub fn merge(base: &Fields, mine: &Fields, theirs: &Fields) -> Merge {
    let empty = String::new();
    let mut names: Vec<&String> = base
        .keys()
        .chain(mine.keys())
        .chain(theirs.keys())
        .collect();
    names.sort();
    names.dedup();
    let mut merged = Fields::new();
    let mut conflicts = vec![];
    for name in names {
        let b = base.get(name).unwrap_or(&empty);
        let m = mine.get(name).unwrap_or(&empty);
        let t = theirs.get(name).unwrap_or(&empty);
        let value = if m == t || t == b {
            m
        } else if m == b {
            t
        } else {
            conflicts.push(Conflict {
                field: name.clone(),
                mine: m.clone(),
                theirs: t.clone(),
            });
            m
        };
        merged.insert(name.clone(), value.clone());
    }
    Merge { merged, conflicts }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn changes_on_one_side_are_kept_and_collisions_are_conflicts() {
        let base = f(&[("a", "1"), ("b", "1"), ("c", "1"), ("d", "1")]);
        let mine = f(&[("a", "2"), ("b", "1"), ("c", "3"), ("d", "5")]);
        let theirs = f(&[("a", "1"), ("b", "2"), ("c", "4"), ("d", "5")]);
        let m = merge(&base, &mine, &theirs);
        assert_eq!(m.merged["a"], "2", "mine only");
        assert_eq!(m.merged["b"], "2", "theirs only");
        assert_eq!(m.merged["d"], "5", "same change on both sides");
        assert_eq!(
            m.conflicts,
            vec![Conflict {
                field: "c".into(),
                mine: "3".into(),
                theirs: "4".into()
            }]
        );
        assert_eq!(
            m.merged["c"], "3",
            "the draft's value until the person chooses"
        );
    }

    #[test]
    fn merging_with_an_unchanged_record_is_the_draft() {
        let base = f(&[("a", "1"), ("b", "x")]);
        let mine = f(&[("a", "2"), ("b", "x"), ("new", "n")]);
        let m = merge(&base, &mine, &base);
        assert_eq!(m.merged, mine);
        assert!(m.conflicts.is_empty());
    }

    #[test]
    fn no_field_is_lost_whatever_the_sides() {
        // Every field of either side is in the result, with one of the two values.
        let values = ["", "1", "2"];
        for b in values {
            for m in values {
                for t in values {
                    let r = merge(&f(&[("x", b)]), &f(&[("x", m)]), &f(&[("x", t)]));
                    let got = r.merged["x"].as_str();
                    assert!(got == m || got == t, "{b} {m} {t} -> {got}");
                    let is_conflict = !r.conflicts.is_empty();
                    assert_eq!(is_conflict, m != t && m != b && t != b, "{b} {m} {t}");
                }
            }
        }
    }

    #[test]
    fn drafts_hold_no_secret_and_stay_small() {
        assert_eq!(
            check_fields(&f(&[("password", "x")])),
            Err(DraftError::Secret)
        );
        assert_eq!(
            check_fields(&f(&[("new_password", "x")])),
            Err(DraftError::Secret)
        );
        assert_eq!(
            check_fields(&f(&[("a", &"x".repeat(MAX_FIELD_CHARS + 1))])),
            Err(DraftError::FieldTooLong)
        );
        let many: Fields = (0..=MAX_FIELDS)
            .map(|i| (i.to_string(), String::new()))
            .collect();
        assert_eq!(check_fields(&many), Err(DraftError::TooManyFields));
        assert_eq!(check_fields(&f(&[("legal_name", "ASF")])), Ok(()));
        assert_eq!(DRAFT_LIFETIME_MS, 90 * 86_400_000);
    }
}
