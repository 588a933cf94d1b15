//! The running server's own settings: `Leptos.toml`, then environment variables on top.
//!
//! Build settings are cargo-leptos's business (Cargo.toml). The two the server must know (output
//! name, pkg folder) arrive at compile time from cargo-leptos's environment, with the same values
//! as fallbacks; whether file names are hashed is read at start-up from the `hash.txt` that
//! cargo-leptos writes next to the server, so a binary built any other way still finds its files.

use crate::{app::BuildFiles, push::service::ReminderConfig};
use leptos::config::{Env, LeptosOptions};
use serde::Deserialize;
use std::{
    collections::HashMap,
    net::SocketAddr,
    path::{Path, PathBuf},
};

/// The settings file's name.
pub const SETTINGS_FILE: &str = "Leptos.toml";
/// Names another settings file (a path), instead of looking for one.
pub const SETTINGS_VARIABLE: &str = "LEG_RELIEF_SETTINGS";
/// What cargo-leptos writes next to the server: the content hashes in the build's file names.
const HASH_FILE: &str = "hash.txt";

/// The settings file to read: `LEG_RELIEF_SETTINGS` if set; else `Leptos.toml` next to the
/// server or in a folder above it (a checkout's `target/release/leg-relief` finds the checkout's,
/// an unpacked `make dist` its own); else the one in the working directory.
pub fn settings_path() -> PathBuf {
    if let Some(path) = std::env::var_os(SETTINGS_VARIABLE) {
        return PathBuf::from(path);
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| {
            exe.ancestors()
                .skip(1)
                .map(|dir| dir.join(SETTINGS_FILE))
                .find(|path| path.is_file())
        })
        .unwrap_or_else(|| PathBuf::from(SETTINGS_FILE))
}

/// The built files' names: hashed when a `hash.txt` sits next to the server.
pub fn build_files(options: &LeptosOptions) -> BuildFiles {
    let hashes = std::env::current_exe()
        .ok()
        .and_then(|exe| std::fs::read_to_string(exe.with_file_name(HASH_FILE)).ok());
    BuildFiles::new(
        &options.site_pkg_dir,
        &options.output_name,
        hashes.as_deref(),
    )
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub server: ServerSettings,
    pub app: AppSettings,
    #[serde(default)]
    pub data: DataSettings,
    #[serde(default)]
    pub push: PushSettings,
}

/// Where the server keeps what it keeps (reminder subscriptions, its VAPID key).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct DataSettings {
    /// Created on first start; relative to the settings file's folder.
    pub folder: String,
    /// Empty: SQLite in the data folder. `postgres://…` for several replicas on one database.
    pub database_url: String,
}

impl Default for DataSettings {
    fn default() -> Self {
        Self {
            folder: "data".into(),
            database_url: String::new(),
        }
    }
}

/// Web Push reminders (RFC 8030, 8291, 8292); off unless the settings turn it on.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct PushSettings {
    pub enabled: bool,
    /// The operator's address, sent to push services with every message (VAPID `sub`):
    /// `mailto:…` or `https://…`.
    pub contact: String,
    /// Push services the server sends to: a host, or a suffix starting with a dot.
    pub hosts: Vec<String>,
    /// Empty: the VAPID key pair lives in the database, shared by every replica. Else a file
    /// (created on first start, owner-only) that every replica must be given.
    pub key_file: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ServerSettings {
    pub site_addr: SocketAddr,
    pub site_root: String,
    pub env: RunMode,
    /// Strict-Transport-Security: only behind TLS, where browsers must never fall back to HTTP.
    #[serde(default)]
    pub hsts: bool,
    /// Request log filter (tracing's syntax, e.g. "info" or "leg_relief=debug"); RUST_LOG wins.
    #[serde(default = "default_log")]
    pub log: String,
}

fn default_log() -> String {
    "info".into()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum RunMode {
    #[serde(rename = "DEV")]
    Dev,
    #[serde(rename = "PROD")]
    Prod,
}

/// Defaults of the app itself, shared with every page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AppSettings {
    pub default_theme: crate::theme::ThemePreference,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum SettingsError {
    #[error("{file}: cannot read it ({reason}). Put Leptos.toml next to the server, or name it with LEG_RELIEF_SETTINGS=path.")]
    Unreadable { file: String, reason: String },
    #[error("{file}, line {line}, key `{key}`: {message}")]
    Malformed {
        file: String,
        line: usize,
        key: String,
        message: String,
    },
    #[error("{file}, [push]: {message}")]
    Push { file: String, message: String },
    #[error("environment variable {name}={value:?}: {message}")]
    BadOverride {
        name: &'static str,
        value: String,
        message: String,
    },
}

impl Settings {
    /// Reads the settings file and applies environment overrides. A relative site root is
    /// relative to the settings file's folder.
    pub fn load(path: &Path) -> Result<Self, SettingsError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|err| SettingsError::Unreadable {
            file: file.clone(),
            reason: err.kind().to_string(),
        })?;
        let env: HashMap<String, String> = std::env::vars().collect();
        let settings = Self::parse(&file, &text)?;
        let mut settings = settings.with_overrides(&env)?;
        if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
            for place in [
                &mut settings.server.site_root,
                &mut settings.data.folder,
                &mut settings.push.key_file,
            ] {
                let relative = Path::new(place.as_str());
                if !place.is_empty() && relative.is_relative() {
                    *place = folder.join(relative).display().to_string();
                }
            }
        }
        Ok(settings)
    }

    /// Parses the text of a settings file; errors name the file, the line and the key.
    pub fn parse(file: &str, text: &str) -> Result<Self, SettingsError> {
        let settings: Self =
            toml::from_str(text).map_err(|err| describe_toml_error(file, text, &err))?;
        settings.push.check(file)?;
        Ok(settings)
    }

    /// Applies the LEPTOS_* environment variables that leptos_config also honours.
    pub fn with_overrides(mut self, env: &HashMap<String, String>) -> Result<Self, SettingsError> {
        if let Some(value) = env.get("LEPTOS_SITE_ADDR") {
            self.server.site_addr = value.parse().map_err(|_| SettingsError::BadOverride {
                name: "LEPTOS_SITE_ADDR",
                value: value.clone(),
                message: "expected an address and port such as 127.0.0.1:3000".into(),
            })?;
        }
        if let Some(value) = env.get("LEPTOS_SITE_ROOT") {
            self.server.site_root = value.clone();
        }
        if let Some(value) = env.get("LEG_RELIEF_DATA_FOLDER") {
            self.data.folder = value.clone();
        }
        if let Some(value) = env.get("LEG_RELIEF_DATABASE_URL") {
            self.data.database_url = value.clone();
        }
        if let Some(value) = env.get("LEG_RELIEF_PUSH") {
            self.push.enabled = match value.to_ascii_lowercase().as_str() {
                "on" | "true" | "1" => true,
                "off" | "false" | "0" => false,
                _ => {
                    return Err(SettingsError::BadOverride {
                        name: "LEG_RELIEF_PUSH",
                        value: value.clone(),
                        message: "expected on or off".into(),
                    })
                }
            };
        }
        if let Some(value) = env.get("LEG_RELIEF_PUSH_CONTACT") {
            self.push.contact = value.clone();
        }
        if let Some(value) = env.get("LEG_RELIEF_PUSH_HOSTS") {
            self.push.hosts = value
                .split(',')
                .map(|host| host.trim().to_string())
                .filter(|host| !host.is_empty())
                .collect();
        }
        self.push.check("the environment")?;
        if let Some(value) = env.get("LEPTOS_ENV") {
            self.server.env = match value.to_ascii_uppercase().as_str() {
                "DEV" | "DEVELOPMENT" => RunMode::Dev,
                "PROD" | "PRODUCTION" => RunMode::Prod,
                _ => {
                    return Err(SettingsError::BadOverride {
                        name: "LEPTOS_ENV",
                        value: value.clone(),
                        message: "expected DEV or PROD".into(),
                    })
                }
            };
        }
        Ok(self)
    }

    /// What reminders need, when push is on.
    pub fn reminders(&self) -> Option<ReminderConfig> {
        self.push.enabled.then(|| ReminderConfig {
            database_url: self.data.database_url.clone(),
            data_folder: PathBuf::from(&self.data.folder),
            contact: self.push.contact.clone(),
            hosts: self.push.hosts.clone(),
            key_file: self.push.key_file.clone(),
        })
    }

    /// The options Leptos needs to render pages and find the built files.
    pub fn leptos_options(&self) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name(option_env!("LEPTOS_OUTPUT_NAME").unwrap_or(env!("CARGO_PKG_NAME")))
            .site_pkg_dir(option_env!("LEPTOS_SITE_PKG_DIR").unwrap_or("pkg"))
            .hash_files(
                std::env::current_exe().is_ok_and(|exe| exe.with_file_name(HASH_FILE).is_file()),
            )
            .site_root(self.server.site_root.as_str())
            .site_addr(self.server.site_addr)
            .env(match self.server.env {
                RunMode::Dev => Env::DEV,
                RunMode::Prod => Env::PROD,
            })
            .build()
    }
}

impl PushSettings {
    /// A push service may write to the contact about the messages it carries, so with push on
    /// there must be one; with push off nothing is asked.
    fn check(&self, file: &str) -> Result<(), SettingsError> {
        let problem = |message: &str| {
            Err(SettingsError::Push {
                file: file.to_string(),
                message: message.to_string(),
            })
        };
        if !self.enabled {
            return Ok(());
        }
        let contact = self.contact.trim();
        if !(contact.starts_with("mailto:") && contact.len() > 7 || contact.starts_with("https://"))
        {
            return problem(
                "push is on, so `contact` must be your address for push services: \
                 \"mailto:you@example.org\" or an https:// page (or LEG_RELIEF_PUSH_CONTACT).",
            );
        }
        if self.hosts.is_empty() {
            return problem(
                "push is on, so `hosts` must list the push services to send to, such as \
                 \"fcm.googleapis.com\" or \".push.apple.com\" (or LEG_RELIEF_PUSH_HOSTS).",
            );
        }
        Ok(())
    }
}

/// Turns a TOML or schema error into "file, line N, key `k`: what is wrong".
fn describe_toml_error(file: &str, text: &str, err: &toml::de::Error) -> SettingsError {
    let line = crate::content::catalogue::toml_error_line(text, err);
    let message = err.message().trim().to_string();
    // serde names the key itself only for unknown and missing fields; otherwise it is on the line.
    let names_a_field = message.contains(" field `");
    let key = names_a_field
        .then(|| backticked(&message))
        .flatten()
        .or_else(|| key_on_line(text.lines().nth(line - 1).unwrap_or_default()))
        .unwrap_or_else(|| "(none)".to_string());
    SettingsError::Malformed {
        file: file.to_string(),
        line,
        key,
        message,
    }
}

/// serde names the offending key in backticks ("unknown field `x`", "missing field `y`").
fn backticked(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_string())
}

/// The key on a `key = value` line, or the table name on a `[table]` line.
fn key_on_line(line: &str) -> Option<String> {
    let line = line.trim();
    if let Some((key, _)) = line.split_once('=') {
        return Some(key.trim().to_string());
    }
    let table = line.trim_start_matches('[').trim_end_matches(']').trim();
    (!table.is_empty()).then(|| table.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = include_str!("../../Leptos.toml");

    fn malformed(text: &str) -> (usize, String) {
        match Settings::parse("Leptos.toml", text) {
            Err(SettingsError::Malformed { line, key, .. }) => (line, key),
            other => panic!("expected a malformed-settings error, got {other:?}"),
        }
    }

    #[test]
    fn the_committed_file_parses() {
        let settings = Settings::parse("Leptos.toml", GOOD).expect("Leptos.toml parses");
        assert_eq!(settings.server.site_addr, "127.0.0.1:3000".parse().unwrap());
        assert_eq!(settings.server.site_root, "target/site");
    }

    #[test]
    fn a_bad_value_names_its_line_and_key() {
        let text = GOOD.replace("site-addr = \"127.0.0.1:3000\"", "site-addr = \"nowhere\"");
        let line = text
            .lines()
            .position(|l| l.starts_with("site-addr"))
            .unwrap()
            + 1;
        assert_eq!(malformed(&text), (line, "site-addr".to_string()));
    }

    #[test]
    fn an_unknown_key_is_named() {
        let text = GOOD.replace("[app]", "[app]\ncolour = \"red\"");
        let line = text.lines().position(|l| l.starts_with("colour")).unwrap() + 1;
        assert_eq!(malformed(&text), (line, "colour".to_string()));
    }

    #[test]
    fn a_missing_key_is_named() {
        let text = GOOD.replace("site-root = \"target/site\"", "");
        assert_eq!(malformed(&text).1, "site-root");
    }

    #[test]
    fn broken_toml_names_the_line() {
        let (line, _) = malformed("[server]\nsite-addr = \"127.0.0.1:3000\nsite-root = 1\n");
        assert_eq!(line, 2);
    }

    #[test]
    fn a_missing_file_names_the_file() {
        let err = Settings::load(Path::new("/nonexistent/Leptos.toml")).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("/nonexistent/Leptos.toml: cannot read it"),
            "{err}"
        );
    }

    #[test]
    fn environment_variables_override_the_file() {
        let settings = Settings::parse("Leptos.toml", GOOD).unwrap();
        let env = HashMap::from([
            ("LEPTOS_SITE_ADDR".to_string(), "127.0.0.1:4000".to_string()),
            ("LEPTOS_SITE_ROOT".to_string(), "elsewhere".to_string()),
            ("LEPTOS_ENV".to_string(), "dev".to_string()),
        ]);
        let settings = settings.with_overrides(&env).unwrap();
        assert_eq!(settings.server.site_addr.port(), 4000);
        assert_eq!(settings.server.site_root, "elsewhere");
        assert_eq!(settings.server.env, RunMode::Dev);
    }

    #[test]
    fn push_on_needs_a_contact_and_hosts_and_push_off_needs_neither() {
        let no_contact = GOOD.replace("contact = \"mailto:reminders@leg-relief.invalid\"", "");
        let err = Settings::parse("Leptos.toml", &no_contact).unwrap_err();
        assert!(err.to_string().contains("`contact`"), "{err}");
        let off = no_contact.replace("enabled = true", "enabled = false");
        assert!(Settings::parse("Leptos.toml", &off).is_ok());
        let env = HashMap::from([("LEG_RELIEF_PUSH".to_string(), "on".to_string())]);
        let err = Settings::parse("Leptos.toml", &off)
            .unwrap()
            .with_overrides(&env)
            .unwrap_err();
        assert!(err.to_string().contains("`contact`"), "{err}");
        let env = HashMap::from([
            (
                "LEG_RELIEF_PUSH_CONTACT".to_string(),
                "mailto:ops@example.org".to_string(),
            ),
            (
                "LEG_RELIEF_PUSH_HOSTS".to_string(),
                "127.0.0.1:9999, fcm.googleapis.com".to_string(),
            ),
        ]);
        let settings = Settings::parse("Leptos.toml", GOOD)
            .unwrap()
            .with_overrides(&env)
            .unwrap();
        assert_eq!(settings.push.contact, "mailto:ops@example.org");
        assert_eq!(
            settings.push.hosts,
            ["127.0.0.1:9999", "fcm.googleapis.com"]
        );
    }

    #[test]
    fn a_bad_override_is_refused_with_its_name() {
        let settings = Settings::parse("Leptos.toml", GOOD).unwrap();
        let env = HashMap::from([("LEPTOS_SITE_ADDR".to_string(), "4000".to_string())]);
        let err = settings.with_overrides(&env).unwrap_err();
        assert!(err.to_string().contains("LEPTOS_SITE_ADDR"), "{err}");
    }
}
