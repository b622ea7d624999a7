//! Mail text lives in template files beside the module that sends it
//! (`<module>/templates/<name>.<fr|en|es>.txt`: the subject on the first line, a blank line, the
//! body), rendered by MiniJinja (no HTML escaping: plain text; `trim_blocks`, `lstrip_blocks`).
//! A module lists its files with `mail_templates!` and gives them to `install`
//! (`app::modules::install`); a mail is a serde-serialisable value whose `template` field names
//! its file (`#[serde(tag = "template", rename_all = "snake_case")]` on the module's enum), and
//! whose other fields are the template's variables. Tests check that every template exists in
//! the three languages with the same variables.
use crate::locale::Language;
use minijinja::{Environment, Value};
use std::sync::OnceLock;

/// A template's three files, as `mail_templates!` lists them.
#[derive(Debug, Clone, Copy)]
pub struct TemplateFiles {
    pub name: &'static str,
    pub fr: &'static str,
    pub en: &'static str,
    pub es: &'static str,
}

impl TemplateFiles {
    pub fn text(&self, l: Language) -> &'static str {
        match l {
            Language::Fr => self.fr,
            Language::En => self.en,
            Language::Es => self.es,
        }
    }
}

/// The files of the templates named, in `app/src/<module>/templates/`, embedded at build time
/// (a missing file fails the build).
#[macro_export]
macro_rules! mail_templates {
    ($module:literal: $($name:literal),* $(,)?) => {
        &[$($crate::mail::templates::TemplateFiles {
            name: $name,
            fr: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/src/", $module, "/templates/", $name, ".fr.txt")),
            en: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/src/", $module, "/templates/", $name, ".en.txt")),
            es: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/src/", $module, "/templates/", $name, ".es.txt")),
        }),*]
    };
}

/// The mail module's own: the configuration test and the signature every mail ends with.
pub const OWN: &[TemplateFiles] = crate::mail_templates!("mail": "configuration_test", "signature");

/// A mail a module sends: serialises to its template's variables plus `template`, its name.
pub trait Mail: serde::Serialize {}

/// The mail module's own mail.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "template", rename_all = "snake_case")]
pub enum PlatformMail {
    /// Sent by `passerelle send-test-mail`: checks the mail configuration.
    ConfigurationTest,
}

impl Mail for PlatformMail {}

/// A rendered mail: subject and plain-text body (signature included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedMail {
    pub subject: String,
    pub body: String,
}

static FILES: OnceLock<Vec<TemplateFiles>> = OnceLock::new();
static ENV: OnceLock<Environment<'static>> = OnceLock::new();

/// Registers every module's templates (once per process; later calls change nothing).
pub fn install(modules: &[&'static [TemplateFiles]]) {
    let _ = FILES.set(
        std::iter::once(OWN)
            .chain(modules.iter().copied())
            .flat_map(|m| m.iter().copied())
            .collect(),
    );
}

/// Every registered template's files.
pub fn registered() -> &'static [TemplateFiles] {
    FILES.get().map_or(OWN, Vec::as_slice)
}

fn key(name: &str, l: Language) -> String {
    format!("{name}.{}.txt", l.code())
}

/// The engine, with every registered template (built on first use).
pub fn environment() -> &'static Environment<'static> {
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        for t in registered() {
            for l in [Language::Fr, Language::En, Language::Es] {
                if let Err(e) = env.add_template_owned(key(t.name, l), t.text(l)) {
                    tracing::error!(template = t.name, error = %e, "a mail template does not parse");
                }
            }
        }
        env
    })
}

/// Why a mail could not be rendered (a programming error: the tests render every template).
#[derive(Debug, thiserror::Error)]
#[error("mail template {name}: {source}")]
pub struct RenderError {
    name: String,
    source: minijinja::Error,
}

/// Renders `mail` in `locale`: its template's subject and body, then the signature.
pub fn render(mail: &impl Mail, locale: Language) -> Result<RenderedMail, RenderError> {
    let values = Value::from_serialize(mail);
    let name = values
        .get_attr("template")
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let fail = |source| RenderError {
        name: name.clone(),
        source,
    };
    let env = environment();
    let text = env
        .get_template(&key(&name, locale))
        .and_then(|t| t.render(&values))
        .map_err(fail)?;
    let signature = env
        .get_template(&key("signature", locale))
        .and_then(|t| t.render(()))
        .map_err(fail)?;
    let (subject, body) = text.split_once("\n\n").unwrap_or((text.as_str(), ""));
    Ok(RenderedMail {
        subject: subject.to_string(),
        body: format!("{body}\n\n{signature}"),
    })
}
