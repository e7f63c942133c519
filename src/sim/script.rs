//! A provider-neutral conversation around one stay.
//!
//! [`conversation`] lays out what typically happens (confirmation, questions
//! before arrival, door code, an issue during the stay, checkout reminder,
//! thanks); the provider generators add their own events, and [`settle`]
//! drops everything not yet in the past, orders the lines and decides which
//! guest lines the property has not read yet.

use super::phrases::{ACK, Lang, Phase, TOPICS, Topic, topics};
use super::rng::Rng;
use super::templates::Template;

pub(crate) const MINUTE: i64 = 60;
pub(crate) const HOUR: i64 = 3600;
pub(crate) const DAY: i64 = 86_400;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Party {
    Guest,
    Host,
    System,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Chat,
    Template(Template),
    /// A provider-specific event; the label means something to one generator.
    Event(&'static str),
}

#[derive(Clone, Debug)]
pub(crate) struct Line {
    /// Unix seconds.
    pub(crate) at: i64,
    pub(crate) party: Party,
    pub(crate) kind: Kind,
    pub(crate) text: String,
    /// Seen by the property (set by [`settle`]).
    pub(crate) read: bool,
}

impl Line {
    pub(crate) fn new(at: i64, party: Party, kind: Kind, text: String) -> Self {
        Line { at, party, kind, text, read: true }
    }
}

/// Unix seconds: when it was booked, check-in (16:00) and check-out (11:00).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Stay {
    pub(crate) booked: i64,
    pub(crate) arrival: i64,
    pub(crate) departure: i64,
}

/// Who talks, and the details the templates mention.
#[derive(Clone, Debug)]
pub(crate) struct Cast {
    pub(crate) guest_first: String,
    pub(crate) lang: Lang,
    pub(crate) host: String,
    pub(crate) property: String,
    pub(crate) code: String,
    pub(crate) wifi: String,
    pub(crate) pass: String,
}

impl Cast {
    pub(crate) fn fill(&self, text: &str) -> String {
        let slug: String = self
            .property
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        text.replace("{guest}", &self.guest_first)
            .replace("{host}", &self.host)
            .replace("{property}", &self.property)
            .replace("{code}", &self.code)
            .replace("{wifi}", &self.wifi)
            .replace("{pass}", &self.pass)
            .replace("{slug}", &slug)
    }

    pub(crate) fn template(&self, t: Template) -> String {
        self.fill(&t.text())
    }
}

/// The usual lines of a stay, unsorted and unfiltered. With `templates` the
/// host's automation sends its scheduled messages too.
pub(crate) fn conversation(rng: &mut Rng, stay: &Stay, cast: &Cast, templates: bool) -> Vec<Line> {
    let mut v = Vec::new();
    if templates {
        template(&mut v, cast, stay.booked + rng.range(40, 600), Template::Confirmation);
    }
    let mut t = stay.booked + rng.range(HOUR, 30 * HOUR);
    for _ in 0..rng.below(3) {
        exchange(&mut v, rng, cast, Phase::BeforeArrival, t, 3 * HOUR);
        t += rng.range(DAY, 4 * DAY);
    }
    if templates {
        template(&mut v, cast, stay.arrival - 3 * DAY + rng.range(0, 600), Template::PreArrival);
        let door = if rng.chance(20) { Template::HouseManual } else { Template::DoorCode };
        template(&mut v, cast, stay.arrival - 5 * HOUR + rng.range(0, 300), door);
    }
    if rng.chance(45) {
        let at = stay.arrival + rng.range(20 * MINUTE, 5 * HOUR);
        exchange(&mut v, rng, cast, Phase::Arrival, at, 15 * MINUTE);
    }
    let nights = (stay.departure - stay.arrival) / DAY;
    if nights >= 2 && rng.chance(60) {
        let at = stay.arrival + rng.range(DAY, nights * DAY - 6 * HOUR);
        exchange(&mut v, rng, cast, Phase::During, at, 2 * HOUR);
    }
    if templates {
        template(&mut v, cast, stay.departure - 17 * HOUR, Template::Checkout);
    }
    if rng.chance(55) {
        let at = stay.departure + rng.range(10 * MINUTE, 4 * HOUR);
        exchange(&mut v, rng, cast, Phase::AfterDeparture, at, 3 * HOUR);
    }
    if templates && rng.chance(50) {
        template(&mut v, cast, stay.departure + DAY + rng.range(0, 2 * HOUR), Template::Review);
    }
    v.retain(|l| l.at >= stay.booked);
    v
}

/// `count` lines of back-and-forth ending shortly before `now`: a long stay
/// or a group booking that needs many messages.
pub(crate) fn chatter(rng: &mut Rng, cast: &Cast, count: usize, now: i64) -> Vec<Line> {
    let gaps: Vec<i64> = (0..count).map(|_| rng.range(10 * MINUTE, 6 * HOUR)).collect();
    let mut t = now - gaps.iter().sum::<i64>() - rng.range(HOUR, DAY);
    let mut v = Vec::with_capacity(count);
    let mut round = rng.below(TOPICS.len() as u64) as usize;
    while v.len() < count {
        let topic = &TOPICS[round % TOPICS.len()];
        let texts = [
            (Party::Guest, topic.guest(cast.lang).to_string()),
            (Party::Host, cast.fill(topic.host)),
            (Party::Guest, ACK[cast.lang as usize].to_string()),
        ];
        for (party, text) in texts {
            if v.len() < count {
                t += gaps[v.len()];
                v.push(Line::new(t, party, Kind::Chat, text));
            }
        }
        round += 1;
    }
    v
}

/// Keep only lines before `now` (less a minute), sort them, make times
/// strictly increasing and mark the unanswered guest tail unread (usually,
/// when it is recent).
pub(crate) fn settle(mut lines: Vec<Line>, rng: &mut Rng, now: i64) -> Vec<Line> {
    lines.retain(|l| l.at < now - MINUTE);
    lines.sort_by_key(|l| l.at);
    for i in 1..lines.len() {
        if lines[i].at <= lines[i - 1].at {
            lines[i].at = lines[i - 1].at + 1;
        }
    }
    let tail_start = lines.iter().rposition(|l| l.party != Party::Guest).map_or(0, |i| i + 1);
    let recent = lines.last().is_some_and(|l| now - l.at < 10 * DAY);
    if tail_start < lines.len() && recent && rng.chance(70) {
        for l in &mut lines[tail_start..] {
            l.read = false;
        }
    }
    lines
}

pub(crate) fn pick(rng: &mut Rng, phase: Phase) -> &'static Topic {
    let all: Vec<&Topic> = topics(phase).collect();
    all[rng.below(all.len() as u64) as usize]
}

fn template(v: &mut Vec<Line>, cast: &Cast, at: i64, t: Template) {
    v.push(Line::new(at, Party::Host, Kind::Template(t), cast.template(t)));
}

/// A guest question from `phase`, the host's answer within `answer_within`, and maybe an
/// acknowledgement.
fn exchange(v: &mut Vec<Line>, rng: &mut Rng, cast: &Cast, phase: Phase, at: i64, answer_within: i64) {
    let topic = pick(rng, phase);
    v.push(Line::new(at, Party::Guest, Kind::Chat, topic.guest(cast.lang).to_string()));
    let answered = at + rng.range(2 * MINUTE, answer_within.max(3 * MINUTE));
    v.push(Line::new(answered, Party::Host, Kind::Chat, cast.fill(topic.host)));
    if rng.chance(50) {
        let ack = ACK[cast.lang as usize].to_string();
        v.push(Line::new(answered + rng.range(MINUTE, 40 * MINUTE), Party::Guest, Kind::Chat, ack));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cast() -> Cast {
        Cast {
            guest_first: "Emma".into(),
            lang: Lang::En,
            host: "Sam".into(),
            property: "Pine Loft".into(),
            code: "4821".into(),
            wifi: "PineLoft".into(),
            pass: "blue-75".into(),
        }
    }

    #[test]
    fn settle_orders_and_keeps_only_the_past() {
        let now = 1_000_000_000;
        let stay = Stay { booked: now - 20 * DAY, arrival: now - 5 * DAY, departure: now + 2 * DAY };
        let mut rng = Rng::new(1);
        let lines = settle(conversation(&mut rng, &stay, &cast(), true), &mut rng, now);
        assert!(!lines.is_empty());
        assert!(lines.windows(2).all(|w| w[0].at < w[1].at));
        assert!(lines.iter().all(|l| l.at < now));
        assert!(!lines.iter().any(|l| l.text.contains('{')), "placeholders filled");
    }

    #[test]
    fn chatter_has_exactly_count_lines_in_the_past() {
        let now = 1_000_000_000;
        let lines = chatter(&mut Rng::new(3), &cast(), 130, now);
        assert_eq!(lines.len(), 130);
        assert!(lines.last().unwrap().at < now - HOUR);
    }
}
