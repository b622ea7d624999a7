//! The command line: parsing and the four commands.
use crate::app::{Application, open_database};
use crate::config::Config;
use app::accounts::domain::check_new_password;
use app::fields::EmailAddress;
use std::io::{BufRead, IsTerminal};

pub use crate::admin::create_admin;

pub const USAGE: &str = "Usage: passerelle [COMMAND]

Commands:
  serve                      apply migrations, then serve (the default)
  migrate                    apply migrations and exit
  demo-data [--scale large]  load the demo data set (idempotent); with --scale large, add
                             60 000 designations over three years (for benchmarks)
  create-admin --email E     create a platform administrator, or reset its password;
                             the password is asked for, or read from standard input
  send-test-mail --to E      queue a test mail and deliver it now (checks SMTP_URL)
  help                       show this message

Configuration is read from the environment; see README.md.";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Serve,
    Migrate,
    /// `large`: the benchmarks' volume on top (`demo_large`).
    DemoData {
        large: bool,
    },
    CreateAdmin {
        email: String,
    },
    SendTestMail {
        to: String,
    },
    Help,
}

impl Command {
    pub fn parse(args: &[String]) -> Result<Command, String> {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        match args.as_slice() {
            [] | ["serve"] => Ok(Command::Serve),
            ["migrate"] => Ok(Command::Migrate),
            ["demo-data"] => Ok(Command::DemoData { large: false }),
            ["demo-data", "--scale", "large"] | ["demo-data", "--scale=large"] => {
                Ok(Command::DemoData { large: true })
            }
            ["demo-data", ..] => Err("demo-data takes nothing, or --scale large".into()),
            ["create-admin", "--email", email] => Ok(Command::CreateAdmin {
                email: email.to_string(),
            }),
            ["create-admin", flag] if flag.starts_with("--email=") => Ok(Command::CreateAdmin {
                email: flag.trim_start_matches("--email=").to_string(),
            }),
            ["create-admin", ..] => Err("create-admin needs --email ADDRESS".into()),
            ["send-test-mail", "--to", to] => Ok(Command::SendTestMail { to: to.to_string() }),
            ["send-test-mail", ..] => Err("send-test-mail needs --to ADDRESS".into()),
            ["help"] | ["--help"] | ["-h"] => Ok(Command::Help),
            [other, ..] => Err(format!("unknown command: {other}")),
        }
    }
}

pub async fn run(command: Command, config: Config) -> Result<(), String> {
    // Every module's parts (audit actions, mail templates…) before any command uses them.
    app::modules::install();
    match command {
        Command::Help => Ok(()),
        Command::Migrate => {
            open_database(&config).await.map_err(|e| e.to_string())?;
            crate::say!("Migrations applied.");
            Ok(())
        }
        Command::DemoData { large } => {
            let db = open_database(&config).await.map_err(|e| e.to_string())?;
            let report = crate::demo::load(&db, &config.data_dir)
                .await
                .map_err(|e| format!("demo data: {e}"))?;
            crate::say!("{report}");
            if large {
                let started = std::time::Instant::now();
                let added = crate::demo_large::load(&db)
                    .await
                    .map_err(|e| format!("large demo data: {e}"))?;
                crate::say!(
                    "Large volume: {added} designations added in {:.1} s.",
                    started.elapsed().as_secs_f64()
                );
                let started = std::time::Instant::now();
                let partners = crate::demo_large::load_partners(&db)
                    .await
                    .map_err(|e| format!("large demo data: {e}"))?;
                crate::say!(
                    "Large volume: {partners} partner profiles added in {:.1} s.",
                    started.elapsed().as_secs_f64()
                );
            }
            Ok(())
        }
        Command::CreateAdmin { email } => {
            let email = EmailAddress::parse(&email).map_err(|e| format!("--email: {e}"))?;
            let password = read_password()?;
            check_new_password(&password).map_err(|e| e.to_string())?;
            let db = open_database(&config).await.map_err(|e| e.to_string())?;
            let created = create_admin(&db, &email, password).await?;
            crate::say!(
                "{} platform administrator {}.",
                if created {
                    "Created"
                } else {
                    "Updated the password of"
                },
                email.as_str()
            );
            Ok(())
        }
        Command::SendTestMail { to } => {
            use app::locale::Language;
            use app::mail::queue;
            let to = EmailAddress::parse(&to).map_err(|e| format!("--to: {e}"))?;
            let transport =
                queue::Transport::from_config(config.smtp_url.as_deref(), &config.mail_from)
                    .map_err(|(var, problem)| format!("{var} {problem}"))?;
            let db = open_database(&config).await.map_err(|e| e.to_string())?;
            let id = queue::enqueue(
                &db,
                &to,
                Language::Fr,
                &app::mail::templates::PlatformMail::ConfigurationTest,
            )
            .await
            .map_err(|e| format!("database: {e}"))?;
            queue::deliver_due(&db, &transport)
                .await
                .map_err(|e| format!("database: {e}"))?;
            let (status, error): (String, Option<String>) =
                sqlx::query_as("SELECT status, last_error FROM mail_jobs WHERE id = $1")
                    .bind(id)
                    .fetch_one(&db)
                    .await
                    .map_err(|e| format!("database: {e}"))?;
            match (status.as_str(), error) {
                ("sent", _) => crate::say!("Sent to {} over SMTP.", to.as_str()),
                ("outbox", _) => crate::say!("SMTP_URL is not set: the mail is in the outbox."),
                (_, Some(e)) => {
                    return Err(format!(
                        "not delivered yet ({e}); it stays queued and will be retried"
                    ));
                }
                (other, None) => crate::say!("Mail job {id} is {other}."),
            }
            Ok(())
        }
        Command::Serve => serve(config).await,
    }
}

async fn serve(config: Config) -> Result<(), String> {
    let public_url = config.public_url.clone();
    // The handlers are in place before the port opens: a SIGTERM right after start stops the
    // server gracefully instead of killing it.
    let shutdown = shutdown_signal();
    let app = Application::build(config)
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!(port = app.port(), "Passerelle is listening");
    crate::say!("Passerelle is running at {public_url}");
    app.run_until(shutdown)
        .await
        .map_err(|e| format!("server error: {e}"))
}

/// Asks on the terminal without echo, or reads the first line of standard input when it is
/// not a terminal (scripts, tests).
fn read_password() -> Result<String, String> {
    let stdin = std::io::stdin();
    let password = if stdin.is_terminal() {
        rpassword::prompt_password("Password for the administrator (8 to 128 characters): ")
            .map_err(|e| format!("cannot read the password: {e}"))?
    } else {
        let mut line = String::new();
        stdin
            .lock()
            .read_line(&mut line)
            .map_err(|e| format!("cannot read the password: {e}"))?;
        line.trim_end_matches(['\r', '\n']).to_string()
    };
    if password.is_empty() {
        return Err("no password given".into());
    }
    Ok(password)
}

/// Completes on Ctrl-C or SIGTERM.
pub fn shutdown_signal() -> impl std::future::Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let signals = {
        use tokio::signal::unix::{SignalKind, signal};
        (
            signal(SignalKind::terminate()).ok(),
            signal(SignalKind::interrupt()).ok(),
        )
    };
    async move {
        #[cfg(unix)]
        {
            let (mut term, mut int) = signals;
            let terminate = async {
                match term.as_mut() {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            let interrupt = async {
                match int.as_mut() {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                _ = terminate => {},
                _ = interrupt => {},
            }
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down: finishing requests in flight");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Command, String> {
        let args: Vec<String> = s.split_whitespace().map(String::from).collect();
        Command::parse(&args)
    }

    #[test]
    fn serve_is_the_default() {
        assert_eq!(parse(""), Ok(Command::Serve));
        assert_eq!(parse("serve"), Ok(Command::Serve));
    }

    #[test]
    fn demo_data_takes_a_scale() {
        assert_eq!(parse("demo-data"), Ok(Command::DemoData { large: false }));
        assert_eq!(
            parse("demo-data --scale large"),
            Ok(Command::DemoData { large: true })
        );
        assert!(parse("demo-data --scale huge").is_err());
    }

    #[test]
    fn create_admin_needs_an_email() {
        assert_eq!(
            parse("create-admin --email a@b.org"),
            Ok(Command::CreateAdmin {
                email: "a@b.org".into()
            })
        );
        assert_eq!(
            parse("create-admin --email=a@b.org"),
            Ok(Command::CreateAdmin {
                email: "a@b.org".into()
            })
        );
        assert!(parse("create-admin").is_err());
        assert!(
            parse("launch")
                .unwrap_err()
                .contains("unknown command: launch")
        );
    }
}
