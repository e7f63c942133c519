//! Saved replies: templates the user keeps in `<config dir>/templates/*.md`, one
//! reply per file, named by the file. `fill` puts a thread's facts into their
//! `{variables}`; `fuzzy` ranks them as the picker's query is typed.

mod fill;
pub mod fuzzy;

pub use fill::fill;

use crate::domain::placeholders::{VARIABLES, is_variable, placeholders};
use crate::domain::sanitize::{sanitize_line, sanitize_text};
use std::path::{Path, PathBuf};

/// A template file larger than this is not a reply.
const MAX_TEMPLATE_BYTES: u64 = 64 * 1024;

/// The built-in samples, for the demo (and shipped in assets/templates to copy).
const SAMPLES: &[(&str, &str)] = &[
    ("check-in-details", include_str!("../../assets/templates/check-in-details.md")),
    ("late-checkout", include_str!("../../assets/templates/late-checkout.md")),
    ("thanks-for-staying", include_str!("../../assets/templates/thanks-for-staying.md")),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub name: String,
    pub body: String,
    /// Why it cannot be used (an unknown variable, an empty file); shown in the picker.
    pub problem: Option<String>,
}

impl Template {
    /// File names are shown like any other text: they are cleaned too.
    pub fn new(name: &str, body: &str) -> Self {
        let body = sanitize_text(body).trim_end().to_owned();
        let problem = problem_of(&body);
        Self { name: sanitize_line(name).unwrap_or_else(|| "(no name)".into()), body, problem }
    }
}

/// Every template found, and what went wrong finding them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Templates {
    pub templates: Vec<Template>,
    /// Where they were read from; None for the built-in samples.
    pub dir: Option<PathBuf>,
    /// Files that could not be read, or a dir that could not be listed.
    pub errors: Vec<String>,
}

impl Templates {
    pub fn samples() -> Self {
        let templates = SAMPLES.iter().map(|(name, body)| Template::new(name, body)).collect();
        Self { templates, dir: None, errors: Vec::new() }
    }

    /// Reads `dir/*.md` (None: the samples). A missing dir means no templates.
    pub fn load(dir: Option<&Path>) -> Self {
        let Some(dir) = dir else { return Self::samples() };
        let mut loaded = Self { dir: Some(dir.to_owned()), ..Self::default() };
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return loaded,
            Err(e) => {
                loaded.errors.push(format!("cannot list {}: {e}", dir.display()));
                return loaded;
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "md") && path.is_file())
            .collect();
        paths.sort();
        for path in paths {
            match read_template(&path) {
                Ok(template) => loaded.templates.push(template),
                Err(e) => loaded.errors.push(format!("cannot read {}: {e}", path.display())),
            }
        }
        loaded
    }

    /// [`Templates::load`] on a blocking thread, so the inbox's loop never waits on the disk.
    pub async fn load_off_thread(dir: Option<PathBuf>) -> Self {
        let shown = dir.clone();
        tokio::task::spawn_blocking(move || Self::load(dir.as_deref())).await.unwrap_or_else(|e| Self {
            errors: vec![format!("loading the templates failed: {e}")],
            dir: shown,
            ..Self::default()
        })
    }
}

fn read_template(path: &Path) -> std::io::Result<Template> {
    let size = std::fs::metadata(path)?.len();
    if size > MAX_TEMPLATE_BYTES {
        return Err(std::io::Error::other(format!("{size} bytes; a template may have at most 64 KB")));
    }
    let bytes = std::fs::read(path)?;
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(Template::new(&name, &String::from_utf8_lossy(&bytes)))
}

fn problem_of(body: &str) -> Option<String> {
    if body.trim().is_empty() {
        return Some("the file is empty".into());
    }
    let unknown: Vec<&str> = placeholders(body)
        .map(|(range, _)| &body[range])
        .filter(|p| !is_variable(&p[1..p.len() - 1]))
        .collect();
    (!unknown.is_empty()).then(|| {
        format!("unknown variable {}; the variables are {}", unknown.join(", "), VARIABLES.join(", "))
    })
}

#[cfg(test)]
mod tests;
