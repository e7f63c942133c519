//! The `[triage]` table: the user's urgency words and regexes, the built-in rules to
//! turn off, and reply targets per channel. Every mistake is one line naming the field.

use crate::domain::Channel;
use crate::domain::triage::TriageRules;
use serde::Deserialize;
use std::collections::HashMap;
use std::time::Duration;

/// The `reply_targets` key for every channel not named.
const DEFAULT_KEY: &str = "default";
const MAX_TARGET: Duration = Duration::from_secs(30 * 86_400);

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTriage {
    #[serde(default)]
    urgent_words: Vec<String>,
    #[serde(default)]
    urgent_regexes: Vec<String>,
    #[serde(default)]
    urgent_ignore: Vec<String>,
    #[serde(default)]
    reply_targets: toml::Table,
}

impl RawTriage {
    pub fn validate(self) -> Result<TriageRules, String> {
        let mut rules = TriageRules::default();
        for name in &self.urgent_ignore {
            rules.urgency.ignore(name).map_err(|e| format!("`triage.urgent_ignore`: {e}"))?;
        }
        for word in &self.urgent_words {
            rules.urgency.add_word(word).map_err(|e| format!("`triage.urgent_words`: \"{word}\" {e}"))?;
        }
        for pattern in &self.urgent_regexes {
            rules
                .urgency
                .add_regex(pattern)
                .map_err(|e| format!("`triage.urgent_regexes`: \"{pattern}\" {e}"))?;
        }
        let mut seen: HashMap<Option<Channel>, &str> = HashMap::new();
        for (key, value) in &self.reply_targets {
            let field = format!("`triage.reply_targets.{key}`");
            let channel = match key.as_str() {
                DEFAULT_KEY => None,
                _ => {
                    Some(Channel::from_wire(key).ok_or_else(|| format!("{field}: a channel name is empty"))?)
                }
            };
            if let Some(earlier) = seen.insert(channel.clone(), key) {
                let (first, second) =
                    if earlier < key.as_str() { (earlier, key.as_str()) } else { (key.as_str(), earlier) };
                return Err(format!(
                    "`triage.reply_targets`: \"{first}\" and \"{second}\" name the same channel; keep one"
                ));
            }
            let text = value.as_str().ok_or_else(|| {
                format!("{field} must be a duration in quotes, like \"12h\", \"90m\" or \"1h30m\"")
            })?;
            let target = parse_duration(text).map_err(|e| format!("{field}: {e}"))?;
            rules.targets.set(channel, target);
        }
        Ok(rules)
    }
}

/// `12h`, `90m`, `1h30m`, `1h 30m`, `2d`: whole numbers with d, h or m.
fn parse_duration(text: &str) -> Result<Duration, String> {
    let invalid = || format!("\"{text}\" is not a duration; write it like \"12h\", \"90m\" or \"1h30m\"");
    let mut total = Duration::ZERO;
    let mut rest = text.trim();
    if rest.is_empty() {
        return Err(invalid());
    }
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).ok_or_else(invalid)?;
        let count: u64 = rest[..digits].parse().map_err(|_| invalid())?;
        let unit = rest[digits..].chars().next().ok_or_else(invalid)?;
        let seconds = match unit {
            'd' => 86_400,
            'h' => 3_600,
            'm' => 60,
            _ => return Err(invalid()),
        };
        total = count
            .checked_mul(seconds)
            .and_then(|s| total.checked_add(Duration::from_secs(s)))
            .ok_or_else(invalid)?;
        rest = rest[digits + 1..].trim_start();
    }
    if !(Duration::from_secs(60)..=MAX_TARGET).contains(&total) {
        return Err(format!("\"{text}\" must be between 1m and 30d"));
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_take_days_hours_and_minutes() {
        let minutes = |text: &str| parse_duration(text).map(|d| d.as_secs() / 60);
        assert_eq!(minutes("12h"), Ok(720));
        assert_eq!(minutes("90m"), Ok(90));
        assert_eq!(minutes("1h30m"), Ok(90));
        assert_eq!(minutes(" 1h 30m "), Ok(90));
        assert_eq!(minutes("2d"), Ok(2 * 24 * 60));
    }

    #[test]
    fn bad_durations_say_how_to_write_one() {
        for text in ["", "12", "h", "12 hours", "1.5h", "-1h", "12s", "99999999999999999999h"] {
            let err = parse_duration(text).unwrap_err();
            assert!(err.contains("is not a duration; write it like \"12h\""), "{text:?}: {err}");
        }
        assert_eq!(parse_duration("0m").unwrap_err(), "\"0m\" must be between 1m and 30d");
        assert_eq!(parse_duration("31d").unwrap_err(), "\"31d\" must be between 1m and 30d");
    }
}
