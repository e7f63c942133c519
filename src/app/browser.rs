//! Opening attachment links in the user's browser: `$BROWSER` if set (split as a
//! shell would; `%s` stands for the link, else it goes last), else `xdg-open`, or
//! `open` on macOS. Links are provider data, so only http and https ones open, each
//! as one argument (never through a shell). The browser is started detached, in a
//! process group of its own and with no stdin, stdout or stderr: it must not draw
//! over the inbox, read its keys, or stop with it on Ctrl-z.

use std::ffi::OsString;
use std::process::{Command, Stdio};

/// The schemes a link may have to be opened.
const OPENABLE: [&str; 2] = ["http", "https"];

/// Why `url` will not be opened, if it will not.
pub fn refusal(url: &str) -> Option<String> {
    let scheme = url.split_once(':').map(|(scheme, _)| scheme.to_ascii_lowercase());
    match scheme {
        Some(scheme) if OPENABLE.contains(&scheme.as_str()) => url
            .contains(|c: char| c.is_whitespace() || c.is_control())
            .then(|| "a link with spaces in it".into()),
        Some(scheme)
            if !scheme.is_empty()
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)) =>
        {
            Some(format!("a `{}:` link", crate::ui::wrap::truncate(&scheme, 20)))
        }
        _ => Some("a link with no scheme".into()),
    }
}

/// Opens each link with the browser the environment names; what fails, now or once
/// the browser exits, is told to `report`.
pub fn open_all(links: &[String], report: impl Fn(String) + Clone + Send + 'static) {
    let opener = match Opener::from_env() {
        Ok(opener) => opener,
        Err(reason) => return report(reason),
    };
    for link in links {
        if let Err(reason) = opener.open(link, report.clone()) {
            return report(reason);
        }
    }
}

/// The program that opens links, as the environment chooses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opener {
    /// The program and its arguments; `%s` in one is the link.
    command: Vec<String>,
    /// How errors name it, with what to do.
    name: String,
}

impl Opener {
    pub fn from_env() -> Result<Self, String> {
        Self::chosen(std::env::var_os("BROWSER"), cfg!(target_os = "macos"))
    }

    fn chosen(browser: Option<OsString>, macos: bool) -> Result<Self, String> {
        let browser = browser.map(|b| b.to_string_lossy().into_owned()).filter(|b| !b.trim().is_empty());
        let Some(browser) = browser else {
            let program = if macos { "open" } else { "xdg-open" };
            return Ok(Self { command: vec![program.into()], name: format!("`{program}`") });
        };
        // The old convention lists several browsers, separated by colons: the first is used.
        let first = browser.split(':').next().unwrap_or_default();
        let name = format!("$BROWSER `{first}`");
        match shell_words::split(first) {
            Ok(command) if !command.is_empty() => Ok(Self { command, name }),
            Ok(_) => Err(format!("{name} names no program; set $BROWSER to your browser's command")),
            Err(e) => Err(format!("{name} cannot be read: {e}; set $BROWSER to your browser's command")),
        }
    }

    #[cfg(test)]
    pub(super) fn new(command: &[&str]) -> Self {
        Self { command: command.iter().map(|s| s.to_string()).collect(), name: "$BROWSER `test`".into() }
    }

    /// The command line that opens `url`.
    fn args(&self, url: &str) -> Vec<String> {
        let mut args: Vec<String> = self.command.iter().map(|arg| arg.replace("%s", url)).collect();
        if !self.command.iter().any(|arg| arg.contains("%s")) {
            args.push(url.into());
        }
        args
    }

    /// Starts the browser on `url` and returns at once; a browser that exits with a
    /// failure later is told to `failed`.
    pub fn open(&self, url: &str, failed: impl FnOnce(String) + Send + 'static) -> Result<(), String> {
        let args = self.args(url);
        let mut command = Command::new(&args[0]);
        command.args(&args[1..]).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let mut child = command.spawn().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                format!(
                    "Cannot open the link: {} was not found; set $BROWSER to your browser's command",
                    self.name
                )
            }
            _ => format!("Cannot open the link with {}: {e}", self.name),
        })?;
        let name = self.name.clone();
        // Waited for on a thread of its own, so it leaves no zombie and blocks nothing.
        std::thread::spawn(move || match child.wait() {
            Ok(status) if !status.success() => failed(format!(
                "{name} could not open the link ({status}); set $BROWSER to your browser's command"
            )),
            Ok(_) => {}
            Err(e) => failed(format!("{name}: {e}")),
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chosen(browser: Option<&str>, macos: bool) -> Result<Opener, String> {
        Opener::chosen(browser.map(OsString::from), macos)
    }

    #[test]
    fn browser_wins_then_the_system_opener() {
        assert_eq!(chosen(Some("firefox --new-tab"), false).unwrap().command, ["firefox", "--new-tab"]);
        assert_eq!(chosen(Some("chromium:firefox"), false).unwrap().command, ["chromium"]);
        assert_eq!(chosen(None, false).unwrap().command, ["xdg-open"]);
        assert_eq!(chosen(Some(" "), true).unwrap().command, ["open"], "a blank $BROWSER is unset");
        let error = chosen(Some("'firefox"), false).unwrap_err();
        assert!(error.starts_with("$BROWSER `'firefox` cannot be read: "), "{error}");
    }

    #[test]
    fn the_link_goes_last_or_where_percent_s_is() {
        let url = "https://files.example/a.pdf";
        assert_eq!(Opener::new(&["firefox"]).args(url), ["firefox", url]);
        assert_eq!(Opener::new(&["w", "--url=%s", "-x"]).args(url), ["w", &format!("--url={url}"), "-x"]);
    }

    #[test]
    fn only_http_and_https_links_open() {
        assert_eq!(refusal("https://files.example/JL123.pdf"), None);
        assert_eq!(refusal("HTTP://files.example/a"), None);
        assert_eq!(refusal("file:///etc/passwd").as_deref(), Some("a `file:` link"));
        assert_eq!(refusal("javascript:alert(1)").as_deref(), Some("a `javascript:` link"));
        assert_eq!(refusal("/relative/path").as_deref(), Some("a link with no scheme"));
        assert_eq!(refusal("https://x.example/a b").as_deref(), Some("a link with spaces in it"));
        assert_eq!(refusal("-rf /: x").as_deref(), Some("a link with no scheme"));
    }

    #[test]
    fn the_browser_gets_the_link_and_a_missing_one_is_named() {
        let seen = tempfile::tempdir().unwrap();
        let out = seen.path().join("url");
        let script = format!("printf %s \"$1\" > {}", out.display());
        let opener = Opener::new(&["sh", "-c", &script, "sh"]);
        opener.open("https://files.example/a.pdf", |e| panic!("{e}")).unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while std::fs::read_to_string(&out).unwrap_or_default().is_empty() {
            assert!(std::time::Instant::now() < deadline, "the opener never ran");
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "https://files.example/a.pdf");

        let missing = Opener::new(&["innbox-no-such-browser"]).open("https://x.example", |_| {}).unwrap_err();
        assert_eq!(
            missing,
            "Cannot open the link: $BROWSER `test` was not found; set $BROWSER to your browser's command"
        );
    }

    #[test]
    fn a_browser_that_fails_later_is_reported() {
        let (report, failure) = std::sync::mpsc::channel();
        Opener::new(&["false"]).open("https://x.example", move |e| report.send(e).unwrap()).unwrap();
        let failure = failure.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
        assert!(failure.starts_with("$BROWSER `test` could not open the link (exit status: 1)"), "{failure}");
    }
}
