//! The config file and data dir of one `innbox` run in a terminal, removed afterwards.

use portable_pty::CommandBuilder;
use std::path::PathBuf;

/// The config and data dir of one run, removed afterwards.
pub struct Files {
    pub dir: tempfile::TempDir,
    config: PathBuf,
}

impl Files {
    pub fn new(config_toml: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config.toml");
        std::fs::write(&config, config_toml).unwrap();
        // It holds inline secrets: readable by others, innbox would refuse it.
        std::fs::set_permissions(&config, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
        Self { dir, config }
    }

    pub fn innbox(&self) -> CommandBuilder {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_innbox"));
        command.arg("--config");
        command.arg(&self.config);
        command.arg("--data-dir");
        command.arg(self.data_dir());
        command.cwd(self.dir.path());
        command.env("TERM", "xterm-256color");
        for variable in ["INNBOX_CONFIG", "INNBOX_DATA_DIR", "INNBOX_LOG", "VISUAL", "EDITOR"] {
            command.env_remove(variable);
        }
        command
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }
}
