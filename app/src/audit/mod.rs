//! The audit trail: every state change of every record — who, when, from, to, why — written in
//! the same transaction as the change, and shown on the record. Never deleted.
use serde::{Deserialize, Serialize};

/// One recorded change, as a record's history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AuditEvent {
    pub id: i64,
    pub at: i64,
    pub actor_user_id: Option<i64>,
    /// The actor's display name when the history is read.
    pub actor_name: Option<String>,
    pub record_type: String,
    pub record_id: i64,
    pub action: String,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    pub reason: Option<String>,
}

/// A change to record.
#[derive(Debug, Clone, Copy)]
pub struct Change<'a> {
    /// Who made it; none for the system itself (a command, a scheduled job).
    pub actor_user_id: Option<i64>,
    pub record_type: &'a str,
    pub record_id: i64,
    pub action: &'a str,
    pub from_state: Option<&'a str>,
    pub to_state: Option<&'a str>,
    pub reason: Option<&'a str>,
}

impl<'a> Change<'a> {
    /// A change of record `record_type` #`record_id`, made by the system until `by` says who.
    pub fn new(record_type: &'a str, record_id: i64, action: &'a str) -> Self {
        Change {
            actor_user_id: None,
            record_type,
            record_id,
            action,
            from_state: None,
            to_state: None,
            reason: None,
        }
    }

    /// Made by this person.
    pub fn by(self, user_id: i64) -> Self {
        self.actor(Some(user_id))
    }

    /// Made by this person, or by the system (`None`).
    pub fn actor(mut self, user_id: Option<i64>) -> Self {
        self.actor_user_id = user_id;
        self
    }

    pub fn from_state(mut self, state: Option<&'a str>) -> Self {
        self.from_state = state;
        self
    }

    pub fn to_state(mut self, state: Option<&'a str>) -> Self {
        self.to_state = state;
        self
    }

    /// From one state to another.
    pub fn between(self, from: &'a str, to: &'a str) -> Self {
        self.from_state(Some(from)).to_state(Some(to))
    }

    pub fn reason(mut self, reason: Option<&'a str>) -> Self {
        self.reason = reason;
        self
    }
}

/// Every action the trail records, as its module lists them (`<module>.AUDIT_ACTIONS`, given to
/// `install` by `app::modules`): one code each, prefixed by the module (`accreditation.designation_submitted`),
/// so that two modules never share a code. Histories show them translated (`audit.<name>` in
/// app/locales); recording an action that is not registered fails in debug builds (tests).
static ACTIONS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();

/// Registers every module's actions (once per process; later calls change nothing).
pub fn install(modules: &[&'static [&'static str]]) {
    let _ = ACTIONS.set(modules.iter().flat_map(|m| m.iter().copied()).collect());
}

/// Every registered action code.
pub fn actions() -> &'static [&'static str] {
    ACTIONS.get().map_or(&[], Vec::as_slice)
}

/// The module and the name of an action code (`("accreditation", "designation_submitted")`).
pub fn split_action(code: &str) -> Option<(&str, &str)> {
    code.split_once('.')
}

/// The longest reason kept (a rejection or revocation reason is a few sentences).
pub const MAX_REASON_CHARS: usize = 2000;

#[cfg(feature = "ssr")]
pub mod repo {
    use super::{AuditEvent, Change, MAX_REASON_CHARS};
    use crate::ssr::db::now_millis;

    /// Records a change; call it with the transaction of the change itself.
    pub async fn record<'e, E>(executor: E, change: &Change<'_>) -> Result<i64, sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        debug_assert!(
            super::actions().contains(&change.action),
            "audit action `{}` is not registered by its module (and has no translation)",
            change.action
        );
        let reason = change
            .reason
            .map(|r| r.chars().take(MAX_REASON_CHARS).collect::<String>());
        sqlx::query_scalar(
            "INSERT INTO audit_events (at, actor_user_id, record_type, record_id, action, from_state, to_state, reason)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(now_millis())
        .bind(change.actor_user_id)
        .bind(change.record_type)
        .bind(change.record_id)
        .bind(change.action)
        .bind(change.from_state)
        .bind(change.to_state)
        .bind(reason)
        .fetch_one(executor)
        .await
    }

    /// The history of one record, oldest first.
    pub async fn history(
        db: &crate::ssr::Db,
        record_type: &str,
        record_id: i64,
    ) -> Result<Vec<AuditEvent>, sqlx::Error> {
        sqlx::query_as(
            "SELECT a.id, a.at, a.actor_user_id, u.display_name AS actor_name, a.record_type,
                a.record_id, a.action, a.from_state, a.to_state, a.reason
             FROM audit_events a LEFT JOIN users u ON u.id = a.actor_user_id
             WHERE a.record_type = $1 AND a.record_id = $2 ORDER BY a.id",
        )
        .bind(record_type)
        .bind(record_id)
        .fetch_all(db)
        .await
    }
}
