//! Which guest messages are urgent: built-in English rules, plus the user's own words
//! and regexes. Matching ignores case and respects word boundaries, so `fire` does
//! not fire on "fireplace".

use regex::{Regex, RegexBuilder};

/// A rule fragment that says something does not work: "doesn't open", "isn't
/// working", "won't turn", "stopped working", "no longer comes", "cannot unlock".
const FAILS: &str = r"(?:(?:doesn|don|didn|isn|aren|wasn|weren|won|wouldn|can|couldn)['’]?t|not|never|no longer|stopped|cannot|fails? to|failed to) (?:seems? to )?(?:works?|working|worked|opens?|opening|opened|turns?|turning|unlock\w*|runs?|running|comes?|coming|heat\w*)";

/// A word boundary by ASCII rules. Unicode boundaries would be the same for English
/// words, but send every non-ASCII message (an emoji is enough) down the slow path.
const WORD_EDGE: &str = r"(?-u:\b)";

/// Between a thing and its failure: the rest of the same sentence, at most 40 characters.
const GAP: &str = r"[^.!?\n]{0,40}?";

/// The built-in rules: a name (what `urgent_ignore` takes and what innbox shows) and
/// a pattern. A space in a pattern stands for any run of whitespace; a match in which
/// the group `skip` takes part is a known false friend and does not count.
fn builtin_patterns() -> [(&'static str, String); 15] {
    [
        ("leak", r"leak(?:s|ed|ing|y|age)?".into()),
        ("flood", r"flood(?:s|ed|ing)?|water everywhere".into()),
        ("fire", r"(?P<skip>fire[-\s]?(?:place|pit|stick|tv|wood)s?)|fires?|on fire".into()),
        (
            "smoke",
            r"(?P<skip>smoke[-\s]free|(?:non|no)[-\s]smok\w*|(?:i|we|to) smoke|smoking (?:area|room|policy|allowed))|smoke|smoky|smoking".into(),
        ),
        ("gas", r"(?P<skip>gas stations?)|gas".into()),
        (
            "locked out",
            r"lock(?:ed)? (?:(?:myself|ourselves|us|me|him|her|them) )?out|lockout|locked outside|(?:can['’]?t|cannot|can not|couldn['’]?t) (?:get|getting) (?:in|inside|into (?:the )?(?:apartment|flat|house|room|building|property|unit|villa|cabin|condo))".into(),
        ),
        (
            "door code not working",
            format!(r"(?:(?P<skip>wi-?fi (?:code|pin|password))|(?:door |lock |gate |entry |access |building )?code|pin|keypad|lock[-\s]?box|key[-\s]?box|key safe){WORD_EDGE}{GAP}{FAILS}"),
        ),
        (
            "key not working",
            // "door" only right before its failure: "at the door but the code..." is the code.
            format!(r"(?:(?P<skip>(?:door|lock|gate|entry|access) code|lock[-\s]?box|key[-\s]?box|key safe)|keys?|key[-\s]?cards?|room cards?|access cards?|fob|lock|smart[-\s]?lock){WORD_EDGE}{GAP}{FAILS}|door (?:is |does |will )?{FAILS}"),
        ),
        (
            "no hot water",
            format!(r"(?:no|without) (?:hot|warm) water|(?:hot|warm) water{GAP}{FAILS}|(?:doesn|don|isn|aren)['’]?t (?:have |get )?(?:any )?(?:hot|warm) water|(?:boiler|water heater){GAP}{FAILS}"),
        ),
        (
            "no heat",
            format!(r"no (?:heat|heating)|(?:heat|heating|heater|radiators?|furnace){GAP}{FAILS}"),
        ),
        (
            "no power",
            r"no (?:power|electricity)|power (?:cut|outage|failure)s?|blackout|(?:power|electricity) (?:is|was|has|went|keeps) (?:gone |going )?(?:out|off|down)".into(),
        ),
        ("broken", r"(?P<skip>broken english)|broken|broke|smashed|shattered".into()),
        ("injured", r"injur(?:ed|y|ies)|hurt (?:myself|himself|herself|themselves|ourselves)|bleeding|ambulance".into()),
        ("police", r"police|burglar\w*|break-in|(?:broke|broken|breaking) into|tried to break in|robbed|stolen".into()),
        ("emergency", r"(?P<skip>(?:not|nothing|non)[-\s]urgent)|emergency|emergencies|urgent|urgently".into()),
    ]
}

/// One rule that makes a guest message urgent.
#[derive(Debug, Clone)]
struct Rule {
    /// The built-in rule's name, or the user's word or regex as written.
    name: String,
    regex: Regex,
    builtin: bool,
}

/// Where a rule matched: enough to show why a thread is urgent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrgentMatch {
    /// The built-in rule's name, or the user's word or regex as written.
    pub rule: String,
    /// The matched text, as the guest wrote it.
    pub text: String,
    /// The id of the message it is in.
    pub message_id: String,
}

/// The rules in force: the built-ins not ignored, then the user's words and regexes.
#[derive(Debug, Clone)]
pub struct UrgencyRules {
    rules: Vec<Rule>,
}

impl Default for UrgencyRules {
    fn default() -> Self {
        let rules = builtin_patterns()
            .into_iter()
            .map(|(name, pattern)| Rule {
                name: name.to_owned(),
                regex: compile(&bounded(&pattern.replace(' ', r"\s+")))
                    .expect("the built-in urgency patterns are valid"),
                builtin: true,
            })
            .collect();
        Self { rules }
    }
}

impl UrgencyRules {
    /// The names of the built-in rules, for `urgent_ignore` and its error message.
    pub fn builtin_names() -> impl Iterator<Item = &'static str> {
        builtin_patterns().into_iter().map(|(name, _)| name)
    }

    /// Turns off a built-in rule by name. The error is worded to follow the field name.
    pub fn ignore(&mut self, name: &str) -> Result<(), String> {
        let before = self.rules.len();
        self.rules.retain(|rule| !(rule.builtin && rule.name.eq_ignore_ascii_case(name.trim())));
        if self.rules.len() == before {
            let names: Vec<_> = Self::builtin_names().collect();
            return Err(format!("no built-in rule is named \"{name}\" (they are: {})", names.join(", ")));
        }
        Ok(())
    }

    /// Adds a word or phrase, matched whole: any whitespace between its words, `'` for
    /// either apostrophe, and a trailing `*` for any ending (`wasp*` matches "wasps").
    pub fn add_word(&mut self, word: &str) -> Result<(), String> {
        let word = word.trim();
        let (stem, any_ending) = match word.strip_suffix('*') {
            Some(stem) => (stem.trim_end(), true),
            None => (word, false),
        };
        if stem.is_empty() {
            return Err("is empty; give a word or phrase".into());
        }
        let escaped: Vec<String> =
            stem.split_whitespace().map(|part| regex::escape(part).replace(['\'', '’'], "['’]")).collect();
        let mut pattern = escaped.join(r"\s+");
        if any_ending {
            pattern.push_str(r"\w*");
        }
        // A word boundary only where the word itself starts or ends with a letter or digit.
        // A boundary only at an edge that is a Latin letter or digit: scripts without
        // spaces (Japanese, Chinese) have no word boundaries to match.
        let latin = |c: char| c.is_ascii_alphanumeric() || c == '_';
        let pattern = format!(
            "{}{pattern}{}",
            if stem.starts_with(latin) { WORD_EDGE } else { "" },
            if any_ending || stem.ends_with(latin) { WORD_EDGE } else { "" }
        );
        let regex = compile(&pattern).map_err(|e| format!("cannot be matched: {e}"))?;
        self.rules.push(Rule { name: word.to_owned(), regex, builtin: false });
        Ok(())
    }

    /// Adds a regex, matched ignoring case (`(?-i)` turns that off). A match in which a
    /// group named `skip` takes part does not count.
    pub fn add_regex(&mut self, pattern: &str) -> Result<(), String> {
        let regex = compile(pattern).map_err(|e| format!("is not a valid regex: {}", regex_error(&e)))?;
        self.rules.push(Rule { name: pattern.to_owned(), regex, builtin: false });
        Ok(())
    }

    /// Every rule that matches one of `messages` (id and text), once per rule, in rule
    /// order, each with its first match.
    pub fn matches<'a>(
        &self,
        messages: impl Iterator<Item = (&'a str, &'a str)> + Clone,
    ) -> Vec<UrgentMatch> {
        self.rules
            .iter()
            .filter_map(|rule| {
                messages.clone().find_map(|(id, body)| {
                    first_match(&rule.regex, body).map(|text| UrgentMatch {
                        rule: rule.name.clone(),
                        text: text.to_owned(),
                        message_id: id.to_owned(),
                    })
                })
            })
            .collect()
    }
}

/// The first match that is not a false friend. After a false friend the search goes
/// on from its end, so "the wifi code works but the door code doesn't" still matches.
fn first_match<'t>(regex: &Regex, text: &'t str) -> Option<&'t str> {
    // Most messages match no rule: find that out without allocating captures.
    let found = regex.find(text)?;
    if regex.capture_names().all(|name| name != Some("skip")) {
        return Some(found.as_str());
    }
    let mut start = found.start();
    while start <= text.len() {
        let captures = regex.captures_at(text, start)?;
        let whole = captures.get(0)?;
        match captures.name("skip") {
            None => return Some(whole.as_str()),
            Some(skip) => start = skip.end().max(whole.start() + 1),
        }
        while start < text.len() && !text.is_char_boundary(start) {
            start += 1;
        }
    }
    None
}

fn bounded(pattern: &str) -> String {
    format!(r"{WORD_EDGE}(?:{pattern}){WORD_EDGE}")
}

fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern).case_insensitive(true).build()
}

/// The regex crate's report is several lines with a caret; its last line says what is wrong.
fn regex_error(error: &regex::Error) -> String {
    let text = error.to_string();
    let last = text.lines().rev().find(|line| !line.trim().is_empty()).unwrap_or(&text);
    last.trim().trim_start_matches("error: ").to_owned()
}

#[cfg(test)]
#[path = "urgency_tests.rs"]
mod tests;
