//! Generates the `i18n` module (French is the default) from the words of the platform,
//! `locales/{fr,en,es}.json`, and those each module keeps beside its code,
//! `src/<module>/locales/{fr,en,es}.json`: they are merged into one file per language under
//! `OUT_DIR` (a key given twice is an error), which leptos_i18n reads. A new module adds its
//! files; nothing here changes.
use leptos_i18n_build::{Config, TranslationsInfos};
use serde_json::{Map, Value};
use std::error::Error;
use std::path::{Path, PathBuf};

const LANGUAGES: [&str; 3] = ["fr", "en", "es"];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    println!("cargo::rerun-if-changed=locales");
    // A directory is scanned as a whole: a module's new or changed words are seen.
    println!("cargo::rerun-if-changed=src");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let merged = out.join("locales");
    std::fs::create_dir_all(&merged)?;
    let mut modules: Vec<PathBuf> = std::fs::read_dir("src")?
        .filter_map(|e| e.ok().map(|e| e.path().join("locales")))
        .filter(|p| p.is_dir())
        .collect();
    modules.sort();
    let mut keys_of = vec![];
    for lang in LANGUAGES {
        let mut words = read(&Path::new("locales").join(format!("{lang}.json")))?;
        for dir in &modules {
            let file = dir.join(format!("{lang}.json"));
            let module = read(&file)?;
            merge(&mut words, module, &file.display().to_string(), "")?;
        }
        let mut keys = vec![];
        flatten(&words, "", &mut keys);
        keys_of.push((lang, keys));
        let text = serde_json::to_string_pretty(&Value::Object(words))?;
        let target = merged.join(format!("{lang}.json"));
        // Written only when changed, so the generated module keeps its age.
        if std::fs::read_to_string(&target).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&target, text)?;
        }
    }
    // Every key in the three languages, or no build.
    let (_, fr) = &keys_of[0];
    for (lang, keys) in &keys_of[1..] {
        let missing: Vec<_> = fr.iter().filter(|k| !keys.contains(k)).collect();
        let extra: Vec<_> = keys.iter().filter(|k| !fr.contains(k)).collect();
        if !missing.is_empty() || !extra.is_empty() {
            return Err(format!("{lang}: missing {missing:?}, not in fr {extra:?}").into());
        }
    }
    let cfg = Config::new("fr")?
        .add_locale("en")?
        .add_locale("es")?
        .locales_path(merged.display().to_string());
    let infos = TranslationsInfos::parse(cfg)?;
    infos.emit_diagnostics();
    infos.generate_i18n_module(out.join("i18n"))?;
    Ok(())
}

fn read(path: &Path) -> Result<Map<String, Value>, Box<dyn Error>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    match serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))? {
        Value::Object(map) => Ok(map),
        _ => Err(format!("{}: not an object of words", path.display()).into()),
    }
}

/// Every key of `words`, groups written `group.key`.
fn flatten(words: &Map<String, Value>, prefix: &str, out: &mut Vec<String>) {
    for (key, value) in words {
        match value {
            Value::Object(group) => flatten(group, &format!("{prefix}{key}."), out),
            _ => out.push(format!("{prefix}{key}")),
        }
    }
}

/// Adds `from`'s keys to `into`; groups (`acc`, `err`, …) merge key by key.
fn merge(
    into: &mut Map<String, Value>,
    from: Map<String, Value>,
    file: &str,
    prefix: &str,
) -> Result<(), Box<dyn Error>> {
    for (key, value) in from {
        match (into.get_mut(&key), value) {
            (None, value) => {
                into.insert(key, value);
            }
            (Some(Value::Object(group)), Value::Object(more)) => {
                merge(group, more, file, &format!("{prefix}{key}."))?;
            }
            (Some(_), _) => {
                return Err(format!("{file}: the key {prefix}{key} is given twice").into());
            }
        }
    }
    Ok(())
}
