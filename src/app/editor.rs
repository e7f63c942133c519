//! Writing a reply in the user's own editor: `$VISUAL`, else `$EDITOR`, else `vi`,
//! split as a shell would (`EDITOR="code -w"` works), run on a private temporary
//! file that holds the draft and is removed afterwards.

use std::ffi::OsString;
use std::io::Write;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Editor {
    /// The program and its arguments; the file's path goes last.
    command: Vec<String>,
    /// How messages name it, e.g. "$EDITOR `code -w`".
    name: String,
}

impl Editor {
    /// The editor the environment asks for. An error says why none can run.
    pub fn from_env() -> Result<Self, String> {
        Self::chosen(std::env::var_os("VISUAL"), std::env::var_os("EDITOR"))
    }

    fn chosen(visual: Option<OsString>, editor: Option<OsString>) -> Result<Self, String> {
        let set = |value: Option<OsString>| value.filter(|v| !v.to_string_lossy().trim().is_empty());
        let (variable, value) = match (set(visual), set(editor)) {
            (Some(visual), _) => ("$VISUAL", visual.to_string_lossy().into_owned()),
            (None, Some(editor)) => ("$EDITOR", editor.to_string_lossy().into_owned()),
            (None, None) => return Ok(Self { command: vec!["vi".into()], name: "`vi`".into() }),
        };
        let name = format!("{variable} `{value}`");
        match shell_words::split(&value) {
            Ok(command) if !command.is_empty() => Ok(Self { command, name }),
            Ok(_) => Err(format!("{name} names no program; the draft is unchanged")),
            Err(e) => Err(format!("{name} cannot be read: {e}; the draft is unchanged")),
        }
    }

    /// Lets the user edit `text`; their text comes back without the trailing line
    /// break editors add. An error says what failed, ready to show.
    pub async fn edit(&self, text: &str) -> Result<String, String> {
        let failed = |reason: String| format!("{} failed: {reason}; the draft is unchanged", self.name);
        // Created readable by the user only: a draft can hold a guest's details.
        let mut file = tempfile::Builder::new()
            .prefix("innbox-reply-")
            .suffix(".txt")
            .tempfile()
            .map_err(|e| failed(format!("cannot create a temporary file: {e}")))?;
        writeln!(file, "{text}").map_err(|e| failed(format!("cannot write the temporary file: {e}")))?;
        let status = tokio::process::Command::new(&self.command[0])
            .args(&self.command[1..])
            .arg(file.path())
            .status()
            .await
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => failed("not found".into()),
                _ => failed(e.to_string()),
            })?;
        if !status.success() {
            return Err(failed(match status.code() {
                Some(code) => format!("exit status {code}"),
                None => status.to_string(),
            }));
        }
        // By path: editors often save by writing a new file over the old one.
        let edited = std::fs::read(file.path()).map_err(|e| failed(format!("cannot read it back: {e}")))?;
        Ok(String::from_utf8_lossy(&edited).trim_end_matches(['\n', '\r']).to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chosen(visual: Option<&str>, editor: Option<&str>) -> Result<Editor, String> {
        Editor::chosen(visual.map(OsString::from), editor.map(OsString::from))
    }

    fn editor(command: &[&str]) -> Editor {
        Editor { command: command.iter().map(|s| s.to_string()).collect(), name: "$EDITOR `test`".into() }
    }

    #[test]
    fn visual_wins_then_editor_then_vi() {
        assert_eq!(chosen(Some("nano"), Some("vim")).unwrap().command, ["nano"]);
        assert_eq!(chosen(None, Some("vim")).unwrap().command, ["vim"]);
        assert_eq!(chosen(Some("  "), Some("vim")).unwrap().command, ["vim"], "a blank $VISUAL is unset");
        assert_eq!(chosen(None, None).unwrap().command, ["vi"]);
    }

    #[test]
    fn the_variable_is_split_as_a_shell_would() {
        let code = chosen(None, Some("code -w")).unwrap();
        assert_eq!(code.command, ["code", "-w"]);
        assert_eq!(code.name, "$EDITOR `code -w`");
        let quoted = chosen(Some("'/opt/my editor/bin/ed' --wait"), None).unwrap();
        assert_eq!(quoted.command, ["/opt/my editor/bin/ed", "--wait"]);
    }

    #[test]
    fn an_unreadable_variable_says_so() {
        let error = chosen(None, Some("'vim")).unwrap_err();
        assert!(error.starts_with("$EDITOR `'vim` cannot be read: "), "{error}");
        assert!(error.ends_with("; the draft is unchanged"), "{error}");
    }

    #[tokio::test]
    async fn the_edited_file_comes_back_and_is_removed() {
        // Appends a line and leaves the file's path and mode where the test can see them.
        let seen = tempfile::tempdir().unwrap();
        let script = format!(
            "stat -c %a \"$1\" > {dir}/mode; printf %s \"$1\" > {dir}/path; echo 'See you at 4' >> \"$1\"",
            dir = seen.path().display()
        );
        let edited = editor(&["sh", "-c", &script, "sh"]).edit("Hello\nJames").await;

        assert_eq!(edited.as_deref(), Ok("Hello\nJames\nSee you at 4"));
        assert_eq!(std::fs::read_to_string(seen.path().join("mode")).unwrap().trim(), "600");
        let path = std::fs::read_to_string(seen.path().join("path")).unwrap();
        assert!(!std::path::Path::new(&path).exists(), "{path} is left behind");
    }

    #[tokio::test]
    async fn a_failing_or_missing_editor_is_named_with_the_reason() {
        assert_eq!(
            editor(&["false"]).edit("Hello").await,
            Err("$EDITOR `test` failed: exit status 1; the draft is unchanged".into())
        );
        assert_eq!(
            editor(&["innbox-no-such-editor"]).edit("Hello").await,
            Err("$EDITOR `test` failed: not found; the draft is unchanged".into())
        );
    }
}
