//! Environment → typed configuration. Every variable is optional; a bad value stops start-up
//! with one line naming the variable.
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite:…` or `postgres://…`; default: a SQLite file in the data directory.
    pub database_url: String,
    /// `PASSERELLE_DATA_DIR`: where the SQLite file and uploads live; default `./data`.
    pub data_dir: PathBuf,
    /// `LEPTOS_SITE_ADDR`: address to listen on; default `127.0.0.1:3000`.
    pub site_addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`: the built site (`pkg/`, assets); default `target/site`.
    pub site_root: PathBuf,
    /// `PASSERELLE_PUBLIC_URL`: the address people use, for links in mails; default from the site address.
    pub public_url: String,
    /// `SMTP_URL`: `smtp://…` or `smtps://…`; unset: mail goes to the outbox table.
    pub smtp_url: Option<String>,
    /// `PASSERELLE_MAIL_FROM`: sender of every mail; default `Passerelle <no-reply@localhost>`.
    pub mail_from: String,
    /// `RUST_LOG`: log filter; default `info,sqlx=warn`.
    pub log_filter: String,
    /// `PASSERELLE_LOG_FORMAT`: `text` (default) or `json`.
    pub log_format: LogFormat,
    /// `PASSERELLE_DB_MAX_CONNECTIONS`: pool size; default 16 (SQLite: 8).
    pub db_max_connections: u32,
    /// `PASSERELLE_TRUSTED_PROXIES`: addresses of the reverse proxies in front of Passerelle
    /// (comma-separated IPs); a request from one of them is counted against the address its
    /// `X-Forwarded-For` names. Default: none (the peer address counts).
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

/// One bad variable: its name, and what was wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("configuration error: {var} {problem}")]
pub struct ConfigError {
    pub var: &'static str,
    pub problem: String,
}

fn bad(var: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        var,
        problem: problem.into(),
    }
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
    }

    /// Reads configuration through `get`, so that tests need not touch the process environment.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let data_dir = PathBuf::from(get("PASSERELLE_DATA_DIR").unwrap_or_else(|| "data".into()));

        let database_url = match get("DATABASE_URL") {
            Some(url) => {
                if app::ssr::db::Backend::of_url(&url).is_none() {
                    return Err(bad(
                        "DATABASE_URL",
                        "must start with sqlite: or postgres:// (for example sqlite:data/passerelle.db)",
                    ));
                }
                url
            }
            None => format!(
                "sqlite:{}?mode=rwc",
                data_dir.join("passerelle.db").display()
            ),
        };

        let site_addr: SocketAddr = match get("LEPTOS_SITE_ADDR") {
            Some(v) => v.trim().parse().map_err(|_| {
                bad(
                    "LEPTOS_SITE_ADDR",
                    format!("is '{v}', not an address like 127.0.0.1:3000"),
                )
            })?,
            None => SocketAddr::from(([127, 0, 0, 1], 3000)),
        };

        let site_root =
            PathBuf::from(get("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()));

        let public_url = match get("PASSERELLE_PUBLIC_URL") {
            Some(v) => {
                let v = v.trim().trim_end_matches('/').to_string();
                let rest = v
                    .strip_prefix("https://")
                    .or_else(|| v.strip_prefix("http://"));
                match rest {
                    Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => v,
                    _ => {
                        return Err(bad(
                            "PASSERELLE_PUBLIC_URL",
                            format!("is '{v}', not an http:// or https:// address"),
                        ));
                    }
                }
            }
            None => format!("http://{site_addr}"),
        };

        let smtp_url = match get("SMTP_URL") {
            Some(v) if v.starts_with("smtp://") || v.starts_with("smtps://") => Some(v),
            Some(_) => {
                return Err(bad("SMTP_URL", "must start with smtp:// or smtps://"));
            }
            None => None,
        };

        let mail_from =
            get("PASSERELLE_MAIL_FROM").unwrap_or_else(|| "Passerelle <no-reply@localhost>".into());
        if let Err((var, problem)) =
            app::mail::queue::Transport::from_config(smtp_url.as_deref(), &mail_from)
        {
            return Err(bad(var, problem));
        }

        let log_filter = get("RUST_LOG").unwrap_or_else(|| "info,sqlx=warn".into());
        if tracing_subscriber::EnvFilter::try_new(&log_filter).is_err() {
            return Err(bad(
                "RUST_LOG",
                format!("is '{log_filter}', not a valid log filter (try info or debug)"),
            ));
        }

        let log_format = match get("PASSERELLE_LOG_FORMAT").as_deref().map(str::trim) {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(bad(
                    "PASSERELLE_LOG_FORMAT",
                    format!("is '{other}'; use text or json"),
                ));
            }
        };

        let default_pool = if database_url.starts_with("sqlite:") {
            8
        } else {
            16
        };
        let db_max_connections = match get("PASSERELLE_DB_MAX_CONNECTIONS") {
            Some(v) => match v.trim().parse::<u32>() {
                Ok(n) if (1..=1000).contains(&n) => n,
                _ => {
                    return Err(bad(
                        "PASSERELLE_DB_MAX_CONNECTIONS",
                        format!("is '{v}', not a number between 1 and 1000"),
                    ));
                }
            },
            None => default_pool,
        };

        let mut trusted_proxies = vec![];
        for part in get("PASSERELLE_TRUSTED_PROXIES")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match part.parse() {
                Ok(ip) => trusted_proxies.push(ip),
                Err(_) => {
                    return Err(bad(
                        "PASSERELLE_TRUSTED_PROXIES",
                        format!("has '{part}', not an IP address (for example 10.0.0.2,10.0.0.3)"),
                    ));
                }
            }
        }

        Ok(Config {
            trusted_proxies,
            database_url,
            data_dir,
            site_addr,
            site_root,
            public_url,
            smtp_url,
            mail_from,
            log_filter,
            log_format,
            db_max_connections,
        })
    }

    /// Whether cookies must carry `Secure` (served over https).
    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn with(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn no_configuration_at_all_gives_a_working_local_setup() {
        let c = with(&[]).unwrap();
        assert_eq!(c.data_dir, PathBuf::from("data"));
        assert!(c.database_url.starts_with("sqlite:data/passerelle.db"));
        assert_eq!(c.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.public_url, "http://127.0.0.1:3000");
        assert_eq!(c.smtp_url, None);
        assert_eq!(c.log_format, LogFormat::Text);
        assert!(!c.is_https());
    }

    #[test]
    fn the_data_dir_moves_the_default_database() {
        let c = with(&[("PASSERELLE_DATA_DIR", "/srv/passerelle")]).unwrap();
        assert!(
            c.database_url
                .starts_with("sqlite:/srv/passerelle/passerelle.db")
        );
    }

    #[test]
    fn each_bad_value_names_its_variable() {
        let cases = [
            ("DATABASE_URL", "mysql://x"),
            ("LEPTOS_SITE_ADDR", "localhost"),
            ("PASSERELLE_PUBLIC_URL", "ftp://x"),
            ("SMTP_URL", "mail.example.org"),
            ("PASSERELLE_MAIL_FROM", "nobody"),
            ("RUST_LOG", "info,[["),
            ("PASSERELLE_LOG_FORMAT", "xml"),
            ("PASSERELLE_DB_MAX_CONNECTIONS", "0"),
        ];
        for (var, value) in cases {
            let err = with(&[(var, value)]).unwrap_err();
            assert_eq!(err.var, var);
            assert!(
                err.to_string()
                    .starts_with(&format!("configuration error: {var} ")),
                "{err}"
            );
        }
    }

    #[test]
    fn https_public_url_means_secure_cookies() {
        let c = with(&[("PASSERELLE_PUBLIC_URL", "https://passerelle.example.org/")]).unwrap();
        assert_eq!(c.public_url, "https://passerelle.example.org");
        assert!(c.is_https());
    }
}
