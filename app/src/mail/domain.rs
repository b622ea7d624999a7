//! Pure mail rules: templates per language, retry back-off.
use serde::{Deserialize, Serialize};

/// The languages Passerelle writes mail in (a person's preferred language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MailLocale {
    Fr,
    En,
    Es,
}

impl MailLocale {
    pub fn code(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::En => "en",
            Self::Es => "es",
        }
    }

    /// Unknown codes fall back to French, the product's default language.
    pub fn from_code(code: &str) -> Self {
        match code {
            "en" => Self::En,
            "es" => Self::Es,
            _ => Self::Fr,
        }
    }
}

/// Every mail Passerelle sends. Each variant renders in the three languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailTemplate {
    /// Sent by `passerelle send-test-mail`: checks the mail configuration.
    ConfigurationTest,
    /// The 6-digit code that proves an address (sign-up, change of address).
    VerificationCode { code: String, minutes_valid: u32 },
    /// A single-use password reset link.
    PasswordReset { link: String, minutes_valid: u32 },
}

/// A rendered mail: subject and plain-text body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedMail {
    pub subject: String,
    pub body: String,
}

const SIGNATURE_FR: &str =
    "\n\n— Passerelle\nCe message est envoyé automatiquement ; merci de ne pas y répondre.";
const SIGNATURE_EN: &str =
    "\n\n— Passerelle\nThis message is sent automatically; please do not reply.";
const SIGNATURE_ES: &str =
    "\n\n— Passerelle\nEste mensaje se envía automáticamente; por favor, no responda.";

impl MailTemplate {
    pub fn render(&self, locale: MailLocale) -> RenderedMail {
        use MailLocale::*;
        let (subject, body) = match (self, locale) {
            (Self::ConfigurationTest, Fr) => (
                "Passerelle : message de test".to_string(),
                "La configuration de l’envoi des messages fonctionne.".to_string(),
            ),
            (Self::ConfigurationTest, En) => (
                "Passerelle: test message".to_string(),
                "Mail delivery is configured and works.".to_string(),
            ),
            (Self::ConfigurationTest, Es) => (
                "Passerelle: mensaje de prueba".to_string(),
                "La configuración del envío de mensajes funciona.".to_string(),
            ),
            (
                Self::VerificationCode {
                    code,
                    minutes_valid,
                },
                Fr,
            ) => (
                format!("Votre code Passerelle : {code}"),
                format!(
                    "Voici votre code de vérification : {code}\n\nIl est valable {minutes_valid} minutes. \
                     Si vous n’avez rien demandé, ignorez ce message."
                ),
            ),
            (
                Self::VerificationCode {
                    code,
                    minutes_valid,
                },
                En,
            ) => (
                format!("Your Passerelle code: {code}"),
                format!(
                    "Here is your verification code: {code}\n\nIt is valid for {minutes_valid} minutes. \
                     If you did not ask for it, ignore this message."
                ),
            ),
            (
                Self::VerificationCode {
                    code,
                    minutes_valid,
                },
                Es,
            ) => (
                format!("Su código de Passerelle: {code}"),
                format!(
                    "Este es su código de verificación: {code}\n\nEs válido durante {minutes_valid} minutos. \
                     Si no lo ha solicitado, ignore este mensaje."
                ),
            ),
            (
                Self::PasswordReset {
                    link,
                    minutes_valid,
                },
                Fr,
            ) => (
                "Passerelle : choisir un nouveau mot de passe".to_string(),
                format!(
                    "Pour choisir un nouveau mot de passe, ouvrez ce lien (valable {minutes_valid} minutes, \
                     une seule fois) :\n\n{link}\n\nSi vous n’avez rien demandé, ignorez ce message : \
                     votre mot de passe ne change pas."
                ),
            ),
            (
                Self::PasswordReset {
                    link,
                    minutes_valid,
                },
                En,
            ) => (
                "Passerelle: choose a new password".to_string(),
                format!(
                    "To choose a new password, open this link (valid for {minutes_valid} minutes, once):\
                     \n\n{link}\n\nIf you did not ask for it, ignore this message: your password stays as it is."
                ),
            ),
            (
                Self::PasswordReset {
                    link,
                    minutes_valid,
                },
                Es,
            ) => (
                "Passerelle: elegir una nueva contraseña".to_string(),
                format!(
                    "Para elegir una nueva contraseña, abra este enlace (válido durante {minutes_valid} minutos, \
                     una sola vez):\n\n{link}\n\nSi no lo ha solicitado, ignore este mensaje: su contraseña \
                     no cambia."
                ),
            ),
        };
        let signature = match locale {
            Fr => SIGNATURE_FR,
            En => SIGNATURE_EN,
            Es => SIGNATURE_ES,
        };
        RenderedMail {
            subject,
            body: body + signature,
        }
    }
}

/// Attempts after which a job stops being retried by itself (it stays, marked failed,
/// for a platform administrator to retry): with the back-off below that is about two days.
pub const MAX_ATTEMPTS: u32 = 16;

/// Delay before the next try after `attempts` failed ones: 30 s doubling, at most 6 hours.
pub fn retry_delay_ms(attempts: u32) -> i64 {
    const BASE_MS: i64 = 30_000;
    const CAP_MS: i64 = 6 * 3600 * 1000;
    let exp = attempts.saturating_sub(1).min(20);
    (BASE_MS.saturating_mul(1_i64 << exp)).min(CAP_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [MailLocale; 3] = [MailLocale::Fr, MailLocale::En, MailLocale::Es];

    fn templates() -> Vec<MailTemplate> {
        vec![
            MailTemplate::ConfigurationTest,
            MailTemplate::VerificationCode {
                code: "042917".into(),
                minutes_valid: 15,
            },
            MailTemplate::PasswordReset {
                link: "https://p.example/reset/abc".into(),
                minutes_valid: 60,
            },
        ]
    }

    #[test]
    fn every_template_renders_differently_in_each_language_and_carries_its_data() {
        for t in templates() {
            let rendered: Vec<RenderedMail> = ALL.iter().map(|l| t.render(*l)).collect();
            assert_ne!(rendered[0].subject, rendered[1].subject);
            assert_ne!(rendered[1].body, rendered[2].body);
            for r in &rendered {
                match &t {
                    MailTemplate::VerificationCode { code, .. } => {
                        assert!(r.body.contains(code.as_str()))
                    }
                    MailTemplate::PasswordReset { link, .. } => {
                        assert!(r.body.contains(link.as_str()))
                    }
                    MailTemplate::ConfigurationTest => {}
                }
            }
        }
    }

    #[test]
    fn no_template_ever_contains_a_password() {
        for t in templates() {
            for l in ALL {
                assert!(!t.render(l).body.to_lowercase().contains("password:"));
            }
        }
    }

    #[test]
    fn retries_back_off_and_are_capped() {
        assert_eq!(retry_delay_ms(1), 30_000);
        assert_eq!(retry_delay_ms(2), 60_000);
        assert_eq!(retry_delay_ms(3), 120_000);
        assert_eq!(retry_delay_ms(40), 6 * 3600 * 1000);
        let total: i64 = (1..MAX_ATTEMPTS).map(retry_delay_ms).sum();
        assert!(total > 24 * 3600 * 1000, "keeps trying for more than a day");
    }

    #[test]
    fn unknown_locale_codes_fall_back_to_french() {
        assert_eq!(MailLocale::from_code("es"), MailLocale::Es);
        assert_eq!(MailLocale::from_code("de"), MailLocale::Fr);
    }
}
