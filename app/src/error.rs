//! `AppError`: the one error type that crosses the wire. Details are logged on the server;
//! the user gets a clean, translatable message.
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A problem with one field of a form: the field's name and a message code that the page
/// translates (the same codes come from the browser's own checks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: String,
}

impl FieldError {
    pub fn new(field: &str, code: &str) -> Self {
        FieldError {
            field: field.to_string(),
            code: code.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("too many requests")]
    RateLimited,
    #[error("service unavailable")]
    Unavailable,
    #[error("internal error")]
    Internal,
    /// The request never reached our code, or its answer could not be read.
    #[error("transport: {0}")]
    Transport(String),
}

impl AppError {
    /// One field's problem: `AppError::invalid("last_name", "required")`.
    pub fn invalid(field: &str, code: &str) -> Self {
        AppError::Invalid(vec![FieldError::new(field, code)])
    }

    /// The errors a form shows for this answer: per field for invalid input, else one
    /// form-level error (field `_`).
    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            AppError::Invalid(errors) => errors.clone(),
            AppError::RateLimited => vec![FieldError::new("_", "rate_limited")],
            AppError::Forbidden => vec![FieldError::new("_", "forbidden")],
            AppError::Unauthenticated => vec![FieldError::new("_", "unauthenticated")],
            AppError::NotFound => vec![FieldError::new("_", "not_found")],
            _ => vec![FieldError::new("_", "generic")],
        }
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::Invalid(_) => 422,
            AppError::RateLimited => 429,
            AppError::Unavailable => 503,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        // Two people racing for the same unique value (an address, a name): the second is told,
        // not given a 500. Checks before the write give the precise field error in the common case.
        if let sqlx::Error::Database(db) = &e
            && db.is_unique_violation()
        {
            tracing::info!(error = %e, "unique value taken meanwhile");
            return AppError::Invalid(vec![FieldError::new("_", "already_exists")]);
        }
        tracing::error!(error = %e, "database error");
        match e {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed => AppError::Unavailable,
            _ => AppError::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_mistakes_are_never_answered_with_500() {
        assert_eq!(AppError::Invalid(vec![]).status(), 422);
        assert_eq!(AppError::Forbidden.status(), 403);
        assert_eq!(AppError::RateLimited.status(), 429);
        assert_eq!(AppError::Internal.status(), 500);
    }
}
