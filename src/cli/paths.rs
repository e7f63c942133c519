//! Where innbox finds its config and keeps its data and logs.

use anyhow::Context;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Paths {
    pub config: PathBuf,
    /// The user named the config (flag or environment), so it must exist.
    pub config_is_explicit: bool,
    pub data_dir: PathBuf,
    pub log_dir: PathBuf,
}

impl Paths {
    /// `--config`/`$INNBOX_CONFIG` (clap has merged them), else the XDG config dir;
    /// `--data-dir`/`$INNBOX_DATA_DIR`, else the XDG data dir. Logs go to the XDG
    /// state dir, or beside an explicit data dir.
    pub fn resolve(config: Option<PathBuf>, data_dir: Option<PathBuf>) -> anyhow::Result<Self> {
        let dirs = directories::ProjectDirs::from("", "", "innbox");
        let missing_home = || "cannot find your home directory; pass --config and --data-dir";
        let config_is_explicit = config.is_some();
        let config = match config {
            Some(path) => path,
            None => dirs.as_ref().context(missing_home())?.config_dir().join("config.toml"),
        };
        let (data_dir, log_dir) = match data_dir {
            Some(dir) => (dir.clone(), dir.join("logs")),
            None => {
                let dirs = dirs.as_ref().context(missing_home())?;
                let log_dir = dirs.state_dir().unwrap_or_else(|| dirs.data_dir()).join("logs");
                (dirs.data_dir().to_owned(), log_dir)
            }
        };
        Ok(Self { config, config_is_explicit, data_dir, log_dir })
    }

    pub fn config(&self) -> &Path {
        &self.config
    }
}
