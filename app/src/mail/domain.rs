//! Pure mail rules: templates per language, retry back-off.
use crate::locale::Language;

/// Every mail Passerelle sends. Each variant renders in the three languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailTemplate {
    /// Sent by `passerelle send-test-mail`: checks the mail configuration.
    ConfigurationTest,
    /// The 6-digit code that proves an address (sign-up, change of address).
    VerificationCode {
        code: String,
        minutes_valid: u32,
    },
    /// Someone asked for a sign-up code for an address that already has an account.
    AccountExists {
        sign_in_link: String,
        reset_link: String,
    },
    /// Forgotten login details: the username and a single-use link to choose a new password.
    PasswordReset {
        username: String,
        link: String,
        minutes_valid: u32,
    },
    /// Sent to an organisation's headquarters address: its administrators' accounts, each with
    /// a reset link.
    OrganisationRecovery {
        organisation: String,
        accounts: Vec<(String, String)>,
        minutes_valid: u32,
    },
    /// To the old address after a change of address, and to the person after a password change.
    EmailChanged {
        new_address: String,
    },
    PasswordChanged,
    /// An administrator added a person who already has an account.
    AddedToOrganisation {
        organisation: String,
        role: String,
        link: String,
    },
    /// An administrator listed an address that has no account yet.
    InvitedToOrganisation {
        organisation: String,
        role: String,
        sign_up_link: String,
    },
    /// To each administrator: someone asks to join.
    JoinRequestReceived {
        organisation: String,
        requester: String,
        requester_email: String,
        message: String,
        link: String,
    },
    /// To the requester: the decision.
    JoinRequestDecided {
        organisation: String,
        approved: bool,
    },
    /// A member's role changed, or their membership ended (role: none).
    MembershipChanged {
        organisation: String,
        role: Option<String>,
    },
    /// Extranet registration: received (to the applicant), to review (to the secretariat),
    /// validated, rejected with the reason.
    RegistrationReceived,
    RegistrationToReview {
        person: String,
        organisation: String,
        link: String,
    },
    RegistrationValidated {
        sign_in_link: String,
    },
    RegistrationRejected {
        reason: String,
    },
    /// A designation changed state (submitted, approved, rejected, withdrawn, revoked): to the
    /// person who designated; `state` is the new state's code, `reason` the secretariat's.
    DesignationChanged {
        organisation: String,
        person: String,
        duty_station: String,
        state: String,
        reason: Option<String>,
        link: String,
    },
    /// A meeting-room booking was made, or cancelled (`cancelled`), with the slot in the
    /// station's time (`YYYY-MM-DD HH:MM–HH:MM`).
    RoomBooking {
        room: String,
        slot: String,
        purpose: String,
        cancelled: bool,
        link: String,
    },
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

/// The name of a member role in a mail.
pub fn role_label(code: &str, locale: Language) -> &'static str {
    match (code, locale) {
        ("administrator", Language::Fr) => "administrateur·rice",
        ("administrator", Language::En) => "administrator",
        ("administrator", Language::Es) => "administrador/a",
        ("editor", Language::Fr) => "éditeur·rice",
        ("editor", Language::En) => "editor",
        ("editor", Language::Es) => "editor/a",
        (_, Language::Fr) => "lecteur·rice",
        (_, Language::En) => "reader",
        (_, Language::Es) => "lector/a",
    }
}

impl MailTemplate {
    pub fn render(&self, locale: Language) -> RenderedMail {
        use Language::*;
        // One (subject, body) per language, in the order fr, en, es.
        let pick = |fr: (String, String), en: (String, String), es: (String, String)| match locale {
            Fr => fr,
            En => en,
            Es => es,
        };
        let s = |x: &str| x.to_string();
        let (subject, body) = match self {
            Self::ConfigurationTest => pick(
                (
                    s("Passerelle : message de test"),
                    s("La configuration de l’envoi des messages fonctionne."),
                ),
                (
                    s("Passerelle: test message"),
                    s("Mail delivery is configured and works."),
                ),
                (
                    s("Passerelle: mensaje de prueba"),
                    s("La configuración del envío de mensajes funciona."),
                ),
            ),
            Self::VerificationCode {
                code,
                minutes_valid,
            } => pick(
                (
                    format!("Votre code Passerelle : {code}"),
                    format!(
                        "Voici votre code de vérification : {code}\n\nIl est valable {minutes_valid} minutes. Si vous n’avez rien demandé, ignorez ce message."
                    ),
                ),
                (
                    format!("Your Passerelle code: {code}"),
                    format!(
                        "Here is your verification code: {code}\n\nIt is valid for {minutes_valid} minutes. If you did not ask for it, ignore this message."
                    ),
                ),
                (
                    format!("Su código de Passerelle: {code}"),
                    format!(
                        "Este es su código de verificación: {code}\n\nEs válido durante {minutes_valid} minutos. Si no lo ha solicitado, ignore este mensaje."
                    ),
                ),
            ),
            Self::AccountExists {
                sign_in_link,
                reset_link,
            } => pick(
                (
                    s("Passerelle : vous avez déjà un compte"),
                    format!(
                        "Quelqu’un (vous, sans doute) a voulu créer un compte Passerelle avec cette adresse. Elle a déjà un compte.\n\nPour vous connecter : {sign_in_link}\nMot de passe oublié : {reset_link}\n\nSi vous n’avez rien demandé, ignorez ce message."
                    ),
                ),
                (
                    s("Passerelle: you already have an account"),
                    format!(
                        "Someone (probably you) tried to create a Passerelle account with this address. It already has an account.\n\nTo sign in: {sign_in_link}\nForgotten your password? {reset_link}\n\nIf you did not ask for anything, ignore this message."
                    ),
                ),
                (
                    s("Passerelle: ya tiene una cuenta"),
                    format!(
                        "Alguien (probablemente usted) intentó crear una cuenta de Passerelle con esta dirección. Ya tiene una cuenta.\n\nPara iniciar sesión: {sign_in_link}\nContraseña olvidada: {reset_link}\n\nSi no ha solicitado nada, ignore este mensaje."
                    ),
                ),
            ),
            Self::PasswordReset {
                username,
                link,
                minutes_valid,
            } => pick(
                (
                    s("Passerelle : vos identifiants"),
                    format!(
                        "Votre nom d’utilisateur : {username}\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable {minutes_valid} minutes, une seule fois) :\n\n{link}\n\nSi vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas."
                    ),
                ),
                (
                    s("Passerelle: your login details"),
                    format!(
                        "Your username: {username}\n\nTo choose a new password, open this link (valid for {minutes_valid} minutes, once):\n\n{link}\n\nIf you did not ask for it, ignore this message: your password stays as it is."
                    ),
                ),
                (
                    s("Passerelle: sus datos de acceso"),
                    format!(
                        "Su nombre de usuario: {username}\n\nPara elegir una nueva contraseña, abra este enlace (válido durante {minutes_valid} minutos, una sola vez):\n\n{link}\n\nSi no lo ha solicitado, ignore este mensaje: su contraseña no cambia."
                    ),
                ),
            ),
            Self::OrganisationRecovery {
                organisation,
                accounts,
                minutes_valid,
            } => {
                let list: String = accounts
                    .iter()
                    .map(|(user, link)| format!("- {user} : {link}\n"))
                    .collect();
                pick(
                    (
                        format!("Passerelle : comptes administrateurs de {organisation}"),
                        format!(
                            "Cette adresse est celle du siège de {organisation}. Voici les comptes de ses administrateurs et, pour chacun, un lien pour choisir un nouveau mot de passe (valable {minutes_valid} minutes, une seule fois) :\n\n{list}\nSi vous n’avez rien demandé, ignorez ce message."
                        ),
                    ),
                    (
                        format!("Passerelle: administrator accounts of {organisation}"),
                        format!(
                            "This is the headquarters address of {organisation}. Here are its administrators' accounts, each with a link to choose a new password (valid for {minutes_valid} minutes, once):\n\n{list}\nIf you did not ask for it, ignore this message."
                        ),
                    ),
                    (
                        format!("Passerelle: cuentas de administración de {organisation}"),
                        format!(
                            "Esta es la dirección de la sede de {organisation}. Estas son las cuentas de sus administradores, cada una con un enlace para elegir una nueva contraseña (válido durante {minutes_valid} minutos, una sola vez):\n\n{list}\nSi no lo ha solicitado, ignore este mensaje."
                        ),
                    ),
                )
            }
            Self::EmailChanged { new_address } => pick(
                (
                    s("Passerelle : votre adresse a changé"),
                    format!(
                        "L’adresse de votre compte Passerelle est désormais {new_address}. Si vous n’êtes pas à l’origine de ce changement, contactez l’assistance sans attendre."
                    ),
                ),
                (
                    s("Passerelle: your address changed"),
                    format!(
                        "Your Passerelle account now uses {new_address}. If you did not make this change, contact the help desk at once."
                    ),
                ),
                (
                    s("Passerelle: su dirección ha cambiado"),
                    format!(
                        "Su cuenta de Passerelle usa ahora {new_address}. Si no ha hecho este cambio, contacte de inmediato con la asistencia."
                    ),
                ),
            ),
            Self::PasswordChanged => pick(
                (
                    s("Passerelle : mot de passe modifié"),
                    s(
                        "Le mot de passe de votre compte Passerelle vient d’être modifié. Si vous n’êtes pas à l’origine de ce changement, utilisez « Mot de passe oublié » et contactez l’assistance.",
                    ),
                ),
                (
                    s("Passerelle: password changed"),
                    s(
                        "The password of your Passerelle account has just been changed. If you did not make this change, use “Forgotten password” and contact the help desk.",
                    ),
                ),
                (
                    s("Passerelle: contraseña modificada"),
                    s(
                        "La contraseña de su cuenta de Passerelle acaba de cambiar. Si no ha hecho este cambio, use «Contraseña olvidada» y contacte con la asistencia.",
                    ),
                ),
            ),
            Self::AddedToOrganisation {
                organisation,
                role,
                link,
            } => {
                let r = role_label(role, locale);
                pick(
                    (
                        format!("Passerelle : vous êtes membre de {organisation}"),
                        format!(
                            "Un administrateur de {organisation} vous a ajouté·e comme {r}.\n\n{link}"
                        ),
                    ),
                    (
                        format!("Passerelle: you are a member of {organisation}"),
                        format!("An administrator of {organisation} added you as {r}.\n\n{link}"),
                    ),
                    (
                        format!("Passerelle: es miembro de {organisation}"),
                        format!(
                            "Un administrador de {organisation} le ha añadido como {r}.\n\n{link}"
                        ),
                    ),
                )
            }
            Self::InvitedToOrganisation {
                organisation,
                role,
                sign_up_link,
            } => {
                let r = role_label(role, locale);
                pick(
                    (
                        format!("Passerelle : {organisation} vous invite"),
                        format!(
                            "Un administrateur de {organisation} vous a inscrit·e comme {r}. Créez votre compte avec cette adresse : vous serez rattaché·e à l’organisation dès sa création.\n\n{sign_up_link}"
                        ),
                    ),
                    (
                        format!("Passerelle: {organisation} invites you"),
                        format!(
                            "An administrator of {organisation} listed you as {r}. Create your account with this address: you will be attached to the organisation as soon as it exists.\n\n{sign_up_link}"
                        ),
                    ),
                    (
                        format!("Passerelle: {organisation} le invita"),
                        format!(
                            "Un administrador de {organisation} le ha inscrito como {r}. Cree su cuenta con esta dirección: quedará vinculado a la organización en cuanto exista.\n\n{sign_up_link}"
                        ),
                    ),
                )
            }
            Self::JoinRequestReceived {
                organisation,
                requester,
                requester_email,
                message,
                link,
            } => pick(
                (
                    format!("Passerelle : {requester} demande à rejoindre {organisation}"),
                    format!(
                        "{requester} ({requester_email}) demande à rejoindre {organisation}.\n\n{message}\n\nAccepter ou refuser : {link}"
                    ),
                ),
                (
                    format!("Passerelle: {requester} asks to join {organisation}"),
                    format!(
                        "{requester} ({requester_email}) asks to join {organisation}.\n\n{message}\n\nApprove or decline: {link}"
                    ),
                ),
                (
                    format!("Passerelle: {requester} solicita unirse a {organisation}"),
                    format!(
                        "{requester} ({requester_email}) solicita unirse a {organisation}.\n\n{message}\n\nAceptar o rechazar: {link}"
                    ),
                ),
            ),
            Self::JoinRequestDecided {
                organisation,
                approved: true,
            } => pick(
                (
                    format!("Passerelle : demande acceptée par {organisation}"),
                    format!(
                        "Votre demande pour rejoindre {organisation} a été acceptée. Vous y avez désormais accès."
                    ),
                ),
                (
                    format!("Passerelle: request approved by {organisation}"),
                    format!(
                        "Your request to join {organisation} was approved. You now have access to it."
                    ),
                ),
                (
                    format!("Passerelle: solicitud aceptada por {organisation}"),
                    format!(
                        "Su solicitud para unirse a {organisation} ha sido aceptada. Ya tiene acceso."
                    ),
                ),
            ),
            Self::JoinRequestDecided {
                organisation,
                approved: false,
            } => pick(
                (
                    format!("Passerelle : demande refusée par {organisation}"),
                    format!(
                        "Votre demande pour rejoindre {organisation} a été refusée par ses administrateurs. Contactez-les si vous pensez qu’il s’agit d’une erreur."
                    ),
                ),
                (
                    format!("Passerelle: request declined by {organisation}"),
                    format!(
                        "Your request to join {organisation} was declined by its administrators. Contact them if you think this is a mistake."
                    ),
                ),
                (
                    format!("Passerelle: solicitud rechazada por {organisation}"),
                    format!(
                        "Su solicitud para unirse a {organisation} ha sido rechazada por sus administradores. Contacte con ellos si cree que se trata de un error."
                    ),
                ),
            ),
            Self::MembershipChanged {
                organisation,
                role: Some(role),
            } => {
                let r = role_label(role, locale);
                pick(
                    (
                        format!("Passerelle : votre rôle dans {organisation}"),
                        format!("Vous êtes désormais {r} de {organisation}."),
                    ),
                    (
                        format!("Passerelle: your role in {organisation}"),
                        format!("You are now {r} of {organisation}."),
                    ),
                    (
                        format!("Passerelle: su función en {organisation}"),
                        format!("Ahora es {r} de {organisation}."),
                    ),
                )
            }
            Self::MembershipChanged {
                organisation,
                role: None,
            } => pick(
                (
                    format!("Passerelle : vous ne faites plus partie de {organisation}"),
                    format!("Votre accès à {organisation} a pris fin."),
                ),
                (
                    format!("Passerelle: you are no longer a member of {organisation}"),
                    format!("Your access to {organisation} has ended."),
                ),
                (
                    format!("Passerelle: ya no es miembro de {organisation}"),
                    format!("Su acceso a {organisation} ha terminado."),
                ),
            ),
            Self::RegistrationReceived => pick(
                (
                    s("Passerelle : demande d’inscription reçue"),
                    s(
                        "Nous avons bien reçu votre demande d’inscription à l’extranet. Le secrétariat la vérifie ; vous recevrez un message dès qu’elle sera validée, et pourrez alors vous connecter.",
                    ),
                ),
                (
                    s("Passerelle: registration received"),
                    s(
                        "We received your extranet registration. The secretariat is checking it; you will get a message once it is validated, and can then sign in.",
                    ),
                ),
                (
                    s("Passerelle: solicitud de inscripción recibida"),
                    s(
                        "Hemos recibido su solicitud de inscripción en la extranet. La secretaría la está verificando; recibirá un mensaje cuando sea validada y podrá entonces iniciar sesión.",
                    ),
                ),
            ),
            Self::RegistrationToReview {
                person,
                organisation,
                link,
            } => pick(
                (
                    format!("Passerelle : inscription à vérifier — {person}"),
                    format!(
                        "{person} ({organisation}) demande l’accès à l’extranet.\n\nValider ou refuser : {link}"
                    ),
                ),
                (
                    format!("Passerelle: registration to check — {person}"),
                    format!(
                        "{person} ({organisation}) asks for access to the extranet.\n\nValidate or reject: {link}"
                    ),
                ),
                (
                    format!("Passerelle: inscripción por verificar — {person}"),
                    format!(
                        "{person} ({organisation}) solicita acceso a la extranet.\n\nValidar o rechazar: {link}"
                    ),
                ),
            ),
            Self::RegistrationValidated { sign_in_link } => pick(
                (
                    s("Passerelle : inscription validée"),
                    format!(
                        "Votre inscription à l’extranet a été validée. Vous pouvez vous connecter : {sign_in_link}"
                    ),
                ),
                (
                    s("Passerelle: registration validated"),
                    format!(
                        "Your extranet registration was validated. You can sign in: {sign_in_link}"
                    ),
                ),
                (
                    s("Passerelle: inscripción validada"),
                    format!(
                        "Su inscripción en la extranet ha sido validada. Ya puede iniciar sesión: {sign_in_link}"
                    ),
                ),
            ),
            Self::RegistrationRejected { reason } => pick(
                (
                    s("Passerelle : inscription refusée"),
                    format!(
                        "Le secrétariat de l’extranet n’a pas validé votre inscription, pour la raison suivante :\n\n{reason}"
                    ),
                ),
                (
                    s("Passerelle: registration rejected"),
                    format!(
                        "The extranet secretariat did not validate your registration, for this reason:\n\n{reason}"
                    ),
                ),
                (
                    s("Passerelle: inscripción rechazada"),
                    format!(
                        "La secretaría de la extranet no ha validado su inscripción, por el siguiente motivo:\n\n{reason}"
                    ),
                ),
            ),
            Self::DesignationChanged {
                organisation,
                person,
                duty_station,
                state,
                reason,
                link,
            } => {
                let station = |l: Language| match (duty_station.as_str(), l) {
                    ("new_york", Es) => "Nueva York",
                    ("new_york", _) => "New York",
                    ("geneva", Fr) => "Genève",
                    ("geneva", En) => "Geneva",
                    ("geneva", Es) => "Ginebra",
                    (_, En) => "Vienna",
                    (_, Fr) => "Vienne",
                    (_, Es) => "Viena",
                };
                let (fr, en, es) = match state.as_str() {
                    "submitted" => (
                        "soumise au secrétariat",
                        "submitted to the secretariat",
                        "enviada a la secretaría",
                    ),
                    "approved" => ("approuvée", "approved", "aprobada"),
                    "rejected" => ("refusée", "rejected", "rechazada"),
                    "withdrawn" => ("retirée", "withdrawn", "retirada"),
                    "revoked" => ("révoquée", "revoked", "revocada"),
                    "draft" => (
                        "reconduite en brouillon pour l’an prochain",
                        "renewed as a draft for next year",
                        "renovada como borrador para el año próximo",
                    ),
                    _ => ("expirée", "expired", "vencida"),
                };
                let why = |label: &str| {
                    reason
                        .as_ref()
                        .map(|r| format!("\n\n{label}\n{r}"))
                        .unwrap_or_default()
                };
                pick(
                    (
                        format!("Passerelle : désignation {fr} — {person}"),
                        format!(
                            "La désignation de {person} par {organisation} à {} a été {fr}.{}\n\nLa voir : {link}",
                            station(Fr),
                            why("Motif :")
                        ),
                    ),
                    (
                        format!("Passerelle: designation {en} — {person}"),
                        format!(
                            "The designation of {person} by {organisation} in {} was {en}.{}\n\nSee it: {link}",
                            station(En),
                            why("Reason:")
                        ),
                    ),
                    (
                        format!("Passerelle: designación {es} — {person}"),
                        format!(
                            "La designación de {person} por {organisation} en {} ha sido {es}.{}\n\nVerla: {link}",
                            station(Es),
                            why("Motivo:")
                        ),
                    ),
                )
            }
            Self::RoomBooking {
                room,
                slot,
                purpose,
                cancelled,
                link,
            } => {
                let (fr, en, es) = if *cancelled {
                    ("annulée", "cancelled", "cancelada")
                } else {
                    ("confirmée", "confirmed", "confirmada")
                };
                pick(
                    (
                        format!("Passerelle : réservation {fr} — {room}, {slot}"),
                        format!(
                            "Votre réservation de la salle {room} le {slot} ({purpose}) est {fr}.\n\nVos réservations : {link}"
                        ),
                    ),
                    (
                        format!("Passerelle: booking {en} — {room}, {slot}"),
                        format!(
                            "Your booking of room {room} on {slot} ({purpose}) is {en}.\n\nYour bookings: {link}"
                        ),
                    ),
                    (
                        format!("Passerelle: reserva {es} — {room}, {slot}"),
                        format!(
                            "Su reserva de la sala {room} el {slot} ({purpose}) está {es}.\n\nSus reservas: {link}"
                        ),
                    ),
                )
            }
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

/// Only a mail that failed for good is retried by hand: a queued one is already being tried,
/// a sent or kept one is done.
pub fn may_retry(status: &str) -> bool {
    status == "failed"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_failed_mail_is_retried_by_hand() {
        assert!(may_retry("failed"));
        for s in ["queued", "sent", "outbox", ""] {
            assert!(!may_retry(s), "{s}");
        }
    }

    const ALL: [Language; 3] = [Language::Fr, Language::En, Language::Es];

    fn templates() -> Vec<MailTemplate> {
        vec![
            MailTemplate::ConfigurationTest,
            MailTemplate::VerificationCode {
                code: "042917".into(),
                minutes_valid: 15,
            },
            MailTemplate::PasswordReset {
                username: "ana".into(),
                link: "https://p.example/reset/abc".into(),
                minutes_valid: 60,
            },
            MailTemplate::AccountExists {
                sign_in_link: "https://p.example/login".into(),
                reset_link: "https://p.example/forgot".into(),
            },
            MailTemplate::OrganisationRecovery {
                organisation: "ASF".into(),
                accounts: vec![("ana".into(), "https://p.example/reset/x".into())],
                minutes_valid: 60,
            },
            MailTemplate::EmailChanged {
                new_address: "new@example.org".into(),
            },
            MailTemplate::PasswordChanged,
            MailTemplate::AddedToOrganisation {
                organisation: "ASF".into(),
                role: "editor".into(),
                link: "https://p.example/organisations/1".into(),
            },
            MailTemplate::InvitedToOrganisation {
                organisation: "ASF".into(),
                role: "reader".into(),
                sign_up_link: "https://p.example/sign-up".into(),
            },
            MailTemplate::JoinRequestReceived {
                organisation: "ASF".into(),
                requester: "Ana".into(),
                requester_email: "ana@example.org".into(),
                message: "Hello".into(),
                link: "https://p.example/organisations/1".into(),
            },
            MailTemplate::JoinRequestDecided {
                organisation: "ASF".into(),
                approved: true,
            },
            MailTemplate::JoinRequestDecided {
                organisation: "ASF".into(),
                approved: false,
            },
            MailTemplate::MembershipChanged {
                organisation: "ASF".into(),
                role: Some("editor".into()),
            },
            MailTemplate::MembershipChanged {
                organisation: "ASF".into(),
                role: None,
            },
            MailTemplate::RegistrationReceived,
            MailTemplate::RegistrationToReview {
                person: "Ana".into(),
                organisation: "Ville de Lyon".into(),
                link: "https://p.example/secretariat/registrations".into(),
            },
            MailTemplate::RegistrationValidated {
                sign_in_link: "https://p.example/login".into(),
            },
            MailTemplate::RegistrationRejected {
                reason: "Unknown body".into(),
            },
            MailTemplate::DesignationChanged {
                organisation: "AIE".into(),
                person: "Ms Ana Lima".into(),
                duty_station: "geneva".into(),
                state: "rejected".into(),
                reason: Some("Photo missing".into()),
                link: "https://p.example/accreditation".into(),
            },
            MailTemplate::RoomBooking {
                room: "Room XII".into(),
                slot: "2026-11-23 10:00–11:30".into(),
                purpose: "Side event".into(),
                cancelled: true,
                link: "https://p.example/accreditation/rights".into(),
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
                    MailTemplate::PasswordReset { link, username, .. } => {
                        assert!(r.body.contains(link.as_str()));
                        assert!(r.body.contains(username.as_str()));
                    }
                    MailTemplate::RegistrationRejected { reason } => {
                        assert!(r.body.contains(reason.as_str()))
                    }
                    MailTemplate::OrganisationRecovery { accounts, .. } => {
                        assert!(r.body.contains(accounts[0].1.as_str()))
                    }
                    _ => {}
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
        assert_eq!(Language::from_code("es"), Language::Es);
        assert_eq!(Language::from_code("de"), Language::Fr);
    }
}
