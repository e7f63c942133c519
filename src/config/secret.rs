//! Secrets come inline, from an environment variable or from a command's stdout
//! (like aerc's source-cred-cmd). They become `SecretString` here and stay that way.

use secrecy::SecretString;
use std::process::{Command, Stdio};

/// Where one secret comes from, as written in the config.
pub(super) struct SecretSpec<'a> {
    /// The config key family, e.g. `token` or `client_secret`, for error messages.
    pub family: &'static str,
    pub inline: Option<&'a str>,
    pub env: Option<&'a str>,
    pub cmd: Option<&'a str>,
}

/// What went wrong resolving a secret, worded to follow "account 'X': ".
pub(super) type SecretError = String;

impl SecretSpec<'_> {
    pub fn is_given(&self) -> bool {
        self.inline.is_some() || self.env.is_some() || self.cmd.is_some()
    }

    pub fn is_inline(&self) -> bool {
        self.inline.is_some()
    }

    /// Resolves the one source that is given. Errors name the field and say what to do.
    pub fn resolve(&self) -> Result<SecretString, SecretError> {
        let family = self.family;
        let given = [self.inline.is_some(), self.env.is_some(), self.cmd.is_some()];
        if given.iter().filter(|g| **g).count() > 1 {
            return Err(format!("give only one of `{family}`, `{family}_env` and `{family}_cmd`"));
        }
        let value = if let Some(inline) = self.inline {
            inline.to_owned()
        } else if let Some(var) = self.env {
            std::env::var(var).map_err(|_| {
                format!("`{family}_env` names ${var}, which is not set; export it or use `{family}_cmd`")
            })?
        } else if let Some(cmd) = self.cmd {
            run_secret_command(family, cmd)?
        } else {
            return Err(format!("missing field `{family}` (or `{family}_env` / `{family}_cmd`)"));
        };
        let value = value.trim_end_matches(['\n', '\r']).to_owned();
        if value.trim().is_empty() {
            return Err(format!("`{family}` is empty"));
        }
        Ok(SecretString::from(value))
    }
}

fn run_secret_command(family: &str, cmd: &str) -> Result<String, SecretError> {
    // The command talks to the user itself (a pinentry prompt, its own error on
    // stderr); innbox captures only stdout, and never shows or logs any of it.
    let output = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(Stdio::inherit())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("`{family}_cmd` could not start sh: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`{family}_cmd` failed ({}); its own message, if it printed one, is above; run it in a shell to check",
            output.status
        ));
    }
    String::from_utf8(output.stdout)
        .map_err(|_| format!("`{family}_cmd` printed something that is not UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    fn spec<'a>(inline: Option<&'a str>, env: Option<&'a str>, cmd: Option<&'a str>) -> SecretSpec<'a> {
        SecretSpec { family: "token", inline, env, cmd }
    }

    #[test]
    fn command_output_is_the_secret_without_its_newline() {
        let secret = spec(None, None, Some("printf 's3cret\\n'")).resolve().unwrap();
        assert_eq!(secret.expose_secret(), "s3cret");
    }

    #[test]
    fn failing_command_reports_its_status_but_none_of_its_output() {
        // Its stderr line shows in the test's own output: the user sees it first-hand.
        let err =
            spec(None, None, Some("echo half-a-secret; echo 'token_cmd test: vault locked' >&2; exit 3"))
                .resolve()
                .unwrap_err();
        assert!(err.contains("`token_cmd` failed (exit status: 3)"), "{err}");
        assert!(!err.contains("half-a-secret") && !err.contains("vault locked"), "{err}");
    }

    #[test]
    fn two_sources_are_refused() {
        let err = spec(Some("a"), Some("B"), None).resolve().unwrap_err();
        assert!(err.contains("only one of"), "{err}");
    }

    #[test]
    fn missing_env_var_is_named() {
        let err = spec(None, Some("INNBOX_TEST_SURELY_UNSET_VAR"), None).resolve().unwrap_err();
        assert!(err.contains("$INNBOX_TEST_SURELY_UNSET_VAR"), "{err}");
    }

    #[test]
    fn nothing_given_is_a_missing_field() {
        let err = spec(None, None, None).resolve().unwrap_err();
        assert!(err.contains("missing field `token`"), "{err}");
    }
}
