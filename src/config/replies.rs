//! The `[replies]` table: check-in and check-out times for saved replies (provider
//! data has dates, not times), with per-property overrides; and where the
//! templates live. Every mistake is one line naming the field.

use jiff::civil::Time;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// What saved replies need from the config.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReplySettings {
    pub times: StayTimes,
    /// Overrides by property name or property id, as the thread names it.
    pub properties: HashMap<String, StayTimes>,
    /// `templates/` beside the config file; None (the demo, a config given as text)
    /// means the built-in sample templates.
    pub templates_dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StayTimes {
    pub check_in: Option<Time>,
    pub check_out: Option<Time>,
}

impl ReplySettings {
    /// The times for a property: its own where set, else the defaults.
    pub fn times_for(&self, property_name: Option<&str>, property_id: Option<&str>) -> StayTimes {
        let own = [property_name, property_id].into_iter().flatten().find_map(|p| self.properties.get(p));
        let own = own.copied().unwrap_or_default();
        StayTimes {
            check_in: own.check_in.or(self.times.check_in),
            check_out: own.check_out.or(self.times.check_out),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawReplies {
    check_in_time: Option<String>,
    check_out_time: Option<String>,
    #[serde(default)]
    properties: BTreeMap<String, RawTimes>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTimes {
    check_in_time: Option<String>,
    check_out_time: Option<String>,
}

impl RawReplies {
    pub fn validate(self) -> Result<ReplySettings, String> {
        let times = stay_times("replies", self.check_in_time, self.check_out_time)?;
        let mut properties = HashMap::new();
        for (property, raw) in self.properties {
            let field = format!("replies.properties.\"{property}\"");
            properties.insert(property, stay_times(&field, raw.check_in_time, raw.check_out_time)?);
        }
        Ok(ReplySettings { times, properties, templates_dir: None })
    }
}

fn stay_times(table: &str, check_in: Option<String>, check_out: Option<String>) -> Result<StayTimes, String> {
    let parse =
        |key: &str, value: Option<String>| {
            value
                .map(|text| {
                    parse_time(&text).ok_or_else(|| {
            format!("`{table}.{key}`: \"{text}\" is not a time; write it as 24-hour HH:MM, like \"15:00\"")
        })
                })
                .transpose()
        };
    Ok(StayTimes {
        check_in: parse("check_in_time", check_in)?,
        check_out: parse("check_out_time", check_out)?,
    })
}

/// `15:00`, `9:30`: 24-hour hours and minutes.
fn parse_time(text: &str) -> Option<Time> {
    let (hour, minute) = text.trim().split_once(':')?;
    let digits = |s: &str, max: i8| -> Option<i8> {
        (matches!(s.len(), 1 | 2) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
            .filter(|v| *v <= max)
    };
    let minute = (minute.len() == 2).then_some(minute)?;
    Time::new(digits(hour, 23)?, digits(minute, 59)?, 0, 0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::time;

    fn raw(text: &str) -> Result<ReplySettings, String> {
        let raw: RawReplies = toml::from_str(text).map_err(|e| e.to_string())?;
        raw.validate()
    }

    #[test]
    fn times_default_and_are_overridden_per_property() {
        let settings = raw(r#"check_in_time = "15:00"
               check_out_time = "11:00"
               [properties."Villa Azul"]
               check_in_time = "16:30"
               [properties."p-7"]
               check_out_time = "9:45""#)
        .unwrap();
        let azul = settings.times_for(Some("Villa Azul"), Some("p-1"));
        assert_eq!((azul.check_in, azul.check_out), (Some(time(16, 30, 0, 0)), Some(time(11, 0, 0, 0))));
        let by_id = settings.times_for(Some("Other"), Some("p-7"));
        assert_eq!((by_id.check_in, by_id.check_out), (Some(time(15, 0, 0, 0)), Some(time(9, 45, 0, 0))));
        assert_eq!(settings.times_for(None, None), settings.times);
    }

    #[test]
    fn bad_times_name_the_field() {
        assert_eq!(
            raw(r#"check_in_time = "3pm""#).unwrap_err(),
            "`replies.check_in_time`: \"3pm\" is not a time; write it as 24-hour HH:MM, like \"15:00\""
        );
        let err = raw("[properties.\"Villa Sol\"]\ncheck_out_time = \"24:00\"").unwrap_err();
        assert!(err.starts_with("`replies.properties.\"Villa Sol\".check_out_time`: \"24:00\""), "{err}");
        for bad in ["15", "15:0", "15:60", "-1:00", "15:00:00", "１5:00"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }
}
