//! What the home page shows, as plain data.
use serde::{Deserialize, Serialize};

/// Public figures shown on the home page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub organisations: i64,
    pub consultative: i64,
}
