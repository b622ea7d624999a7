//! Password hashing: argon2id with the OWASP parameters (m = 19 MiB, t = 2, p = 1), always on a
//! blocking thread so that a login never stalls the async workers.
use crate::AppError;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use argon2::{Algorithm, Argon2, Params, Version};

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "hashing task failed");
        AppError::Internal
    })?
    .map_err(|e| {
        tracing::error!(error = %e, "hashing failed");
        AppError::Internal
    })
}

/// Whether `password` matches the stored PHC string. A malformed hash never matches.
pub async fn verify_password(password: String, phc: String) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || match PasswordHash::new(&phc) {
        Ok(parsed) => hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    })
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "verification task failed");
        AppError::Internal
    })
}

/// A verification against a fixed hash, for logins naming no account: the same cost as a
/// real one, so that response times do not reveal which accounts exist.
pub async fn dummy_verify(password: String) -> Result<(), AppError> {
    verify_password(password, DUMMY_HASH.to_string())
        .await
        .map(|_| ())
}

const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$J3rJ0B3sWqKJmM9kXq2Q8B8Xy7cQdQ3t7m2zXo1q0qk";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dummy_hash_is_a_real_argon2id_hash_with_the_same_cost() {
        let parsed =
            PasswordHash::new(DUMMY_HASH).expect("parses, so verifying it costs a real hash");
        assert_eq!(parsed.algorithm.as_str(), "argon2id");
        let params = Params::try_from(&parsed).unwrap();
        assert_eq!(
            (params.m_cost(), params.t_cost(), params.p_cost()),
            (19 * 1024, 2, 1)
        );
    }

    #[tokio::test]
    async fn hashes_with_owasp_parameters_and_verifies() {
        let phc = hash_password("correct horse battery".into()).await.unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(
            verify_password("correct horse battery".into(), phc.clone())
                .await
                .unwrap()
        );
        assert!(
            !verify_password("wrong horse battery".into(), phc)
                .await
                .unwrap()
        );
        assert!(
            !verify_password("x".into(), "not a hash".into())
                .await
                .unwrap()
        );
    }
}
