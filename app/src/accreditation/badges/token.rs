//! Badge serials and their signed codes: a random serial and its HMAC-SHA256 under a key the
//! application generates once and keeps in the database (`app_secrets`), so that a forged code is
//! refused without a lookup and no personal data is in the code.
use crate::ssr::Db;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub(super) type Any = sqlx::Any;

pub(super) const KEY_NAME: &str = "badge_signing_key";
/// Crockford's base 32: no I, L, O, U (nothing to misread on a printed badge).
pub(super) const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Bytes of a serial and of a signature (80 bits each: 16 characters).
pub(super) const SERIAL_BYTES: usize = 10;
pub(super) const SIGNATURE_BYTES: usize = 10;

/// Base 32 (Crockford) of whole 5-byte groups.
pub(super) fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.chunks(5) {
        let mut n: u64 = 0;
        for b in chunk {
            n = (n << 8) | u64::from(*b);
        }
        let bits = chunk.len() * 8;
        n <<= (5 - chunk.len()) * 8;
        for i in 0..bits.div_ceil(5) {
            out.push(ALPHABET[((n >> (35 - 5 * i)) & 31) as usize] as char);
        }
    }
    out
}

/// A new random serial.
pub fn new_serial() -> String {
    let mut bytes = [0u8; SERIAL_BYTES];
    OsRng.fill_bytes(&mut bytes);
    base32(&bytes)
}

pub(super) fn mac(key: &[u8], serial: &str) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(b"passerelle-badge-v1:");
    mac.update(serial.as_bytes());
    mac
}

/// The signed code of a serial: `{serial}.{signature}`.
pub fn token(key: &[u8], serial: &str) -> String {
    let tag = mac(key, serial).finalize().into_bytes();
    format!("{serial}.{}", base32(&tag[..SIGNATURE_BYTES]))
}

/// The serial of a code whose signature is right (compared in constant time); `None` else.
pub fn verify_token(key: &[u8], token: &str) -> Option<String> {
    let (serial, signature) = token.trim().split_once('.')?;
    if serial.len() != 16 || signature.len() != 16 {
        return None;
    }
    let expected = mac(key, serial).finalize().into_bytes();
    let expected = base32(&expected[..SIGNATURE_BYTES]);
    // Constant time: every byte is compared.
    let same = expected
        .bytes()
        .zip(signature.to_ascii_uppercase().bytes())
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        == 0;
    same.then(|| serial.to_string())
}

/// The serial as printed under the QR code: `XXXX-XXXX` (its first 8 characters).
pub fn short_serial(serial: &str) -> String {
    let s: String = serial.chars().take(8).collect();
    match s.get(..4) {
        Some(head) => format!("{head}-{}", &s[4..]),
        None => s,
    }
}

/// The signing key, generated on first use (the first instance to write it wins; later calls
/// only read it).
pub async fn signing_key(db: &Db) -> Result<Vec<u8>, sqlx::Error> {
    let stored: Option<String> =
        sqlx::query_scalar("SELECT value FROM app_secrets WHERE name = $1")
            .bind(KEY_NAME)
            .fetch_optional(db)
            .await?;
    if let Some(hex) = stored {
        return Ok(from_hex(&hex));
    }
    let mut fresh = [0u8; 32];
    OsRng.fill_bytes(&mut fresh);
    sqlx::query(
        "INSERT INTO app_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
    )
    .bind(KEY_NAME)
    .bind(crate::ssr::session::hex(&fresh))
    .execute(db)
    .await?;
    let hex: String = sqlx::query_scalar("SELECT value FROM app_secrets WHERE name = $1")
        .bind(KEY_NAME)
        .fetch_one(db)
        .await?;
    Ok(from_hex(&hex))
}

pub(super) fn from_hex(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2)
        .filter_map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_are_sixteen_unambiguous_characters() {
        let s = new_serial();
        assert_eq!(s.len(), 16);
        assert!(s.bytes().all(|b| ALPHABET.contains(&b)));
        assert_ne!(s, new_serial());
        assert_eq!(base32(&[0; 5]), "00000000");
        assert_eq!(base32(&[0xff; 5]), "ZZZZZZZZ");
        assert_eq!(short_serial("ABCDEFGH12345678"), "ABCD-EFGH");
    }

    #[test]
    fn only_a_code_signed_with_the_key_verifies() {
        let key = b"0123456789abcdef0123456789abcdef";
        let serial = new_serial();
        let t = token(key, &serial);
        assert_eq!(verify_token(key, &t), Some(serial.clone()));
        assert_eq!(
            verify_token(key, &t.to_lowercase()),
            None,
            "serials are exact"
        );
        assert_eq!(verify_token(b"another key", &t), None);
        let (s, sig) = t.split_once('.').unwrap();
        let mut forged = sig.to_string();
        let last = if forged.ends_with('0') { '1' } else { '0' };
        forged.pop();
        forged.push(last);
        assert_eq!(verify_token(key, &format!("{s}.{forged}")), None);
        assert_eq!(verify_token(key, &format!("{}.{sig}", new_serial())), None);
        for junk in ["", ".", "abc", "x.y", "ÀÀÀÀÀÀÀÀÀÀÀÀÀÀÀÀ.ÀÀÀÀÀÀÀÀÀÀÀÀÀÀÀÀ"]
        {
            assert_eq!(verify_token(key, junk), None);
        }
    }

    #[test]
    fn the_verification_url_carries_no_personal_data() {
        let key = b"k";
        let t = token(key, "ABCDEFGHJKMNPQRS");
        assert!(t.starts_with("ABCDEFGHJKMNPQRS."));
        assert_eq!(t.len(), 33);
    }
}
