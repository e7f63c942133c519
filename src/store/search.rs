//! Full-text search over message bodies, as the filter is typed.
//!
//! The index holds words (FTS5's unicode61 tokenizer, case and diacritics folded)
//! and every query word matches as a prefix, so "chec" finds "Check-in". Scripts
//! written without spaces (Chinese, Japanese, Korean) are indexed a character per
//! token and searched as phrases, so any run of them matches anywhere in a message.
//! The index is kept by the writer itself, not by triggers: FTS5 fed from a trigger
//! indexed four times slower (measured in `examples/bench_report`).

use super::{Result, Store};
use crate::domain::ThreadKey;
use rusqlite::{Transaction, params};
use std::collections::HashSet;

/// What a search found: matching threads, newest match first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchMatches {
    pub threads: HashSet<ThreadKey>,
    /// More threads match than [`MAX_MATCHING_THREADS`]; only the newest are here.
    pub truncated: bool,
}

/// A filter over a million messages stays quick by taking the newest matches
/// only: a query this broad is narrowed by typing on, not by scrolling.
pub const MAX_MATCHING_THREADS: usize = 1000;

impl Store {
    /// The threads with a message containing every word of `query` (each as a word
    /// prefix), newest matches first, at most [`MAX_MATCHING_THREADS`].
    pub fn search(&self, query: &str) -> Result<SearchMatches> {
        let Some(expression) = match_expression(query) else {
            return Ok(SearchMatches::default());
        };
        // FTS5 walks its matches newest row first, so stopping early keeps the newest.
        let mut statement = self.conn.prepare_cached(
            "SELECT m.account, m.thread_id FROM messages_fts AS f JOIN messages AS m ON m.seq = f.rowid
             WHERE messages_fts MATCH ?1 ORDER BY f.rowid DESC",
        )?;
        let mut rows = statement.query([expression])?;
        let mut threads = HashSet::new();
        let mut truncated = false;
        while let Some(row) = rows.next()? {
            let key = ThreadKey::new(row.get::<_, String>(0)?, row.get::<_, String>(1)?);
            if threads.len() == MAX_MATCHING_THREADS && !threads.contains(&key) {
                truncated = true;
                break;
            }
            threads.insert(key);
        }
        Ok(SearchMatches { threads, truncated })
    }
}

/// Indexes one message body under its row id.
pub(super) fn index_message(tx: &Transaction<'_>, seq: i64, body: &str) -> rusqlite::Result<()> {
    tx.prepare_cached("INSERT INTO messages_fts (rowid, body) VALUES (?1, ?2)")?
        .execute(params![seq, indexed_text(body)])?;
    Ok(())
}

/// Replaces the indexed text of a message whose body changed.
pub(super) fn reindex_message(tx: &Transaction<'_>, seq: i64, body: &str) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM messages_fts WHERE rowid = ?1")?.execute([seq])?;
    index_message(tx, seq, body)
}

/// Indexes every stored message: the migration to this index.
pub(super) fn index_all_messages(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let mut bodies = tx.prepare("SELECT seq, body FROM messages")?;
    let mut rows = bodies.query([])?;
    while let Some(row) = rows.next()? {
        index_message(tx, row.get(0)?, &row.get::<_, String>(1)?)?;
    }
    Ok(())
}

/// The FTS5 query for what the user typed: every word as a prefix phrase, all
/// required. A lone letter or digit is left to the list's own name filter: as a
/// prefix it matches most of a million messages, at a cost of 100 ms or more.
/// None when no word is left.
fn match_expression(query: &str) -> Option<String> {
    let terms: Vec<String> = query
        .split_whitespace()
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .filter(|word| word.chars().nth(1).is_some() || word.chars().any(is_unspaced_script))
        .map(|word| format!("\"{}\"*", indexed_text(word).replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

/// The text the index holds for `text`: itself, with each character of the
/// scripts written without spaces standing alone as a word.
fn indexed_text(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unspaced_script) {
        return text.into();
    }
    let mut spaced = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if is_unspaced_script(c) {
            spaced.extend([' ', c, ' ']);
        } else {
            spaced.push(c);
        }
    }
    spaced.into()
}

/// Han, kana and hangul: letters that unicode61 would otherwise run together
/// into one word per sentence.
fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'     // hiragana, katakana
        | '\u{3400}'..='\u{4DBF}'   // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
        | '\u{AC00}'..='\u{D7AF}'   // hangul syllables
        | '\u{F900}'..='\u{FAFF}'   // CJK compatibility ideographs
        | '\u{FF66}'..='\u{FF9F}'   // halfwidth katakana
        | '\u{20000}'..='\u{3134F}' // CJK extensions B to G
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_a_required_prefix() {
        assert_eq!(match_expression("  chec   Park ").as_deref(), Some("\"chec\"* AND \"Park\"*"));
        assert_eq!(match_expression("check-in").as_deref(), Some("\"check-in\"*"));
    }

    #[test]
    fn quotes_in_a_query_stay_inside_the_phrase() {
        assert_eq!(match_expression("say\"hi").as_deref(), Some("\"say\"\"hi\"*"));
    }

    #[test]
    fn a_query_of_symbols_or_lone_letters_searches_nothing() {
        assert_eq!(match_expression(" 🙂 - * "), None);
        assert_eq!(match_expression(""), None);
        assert_eq!(match_expression("c"), None);
        assert_eq!(match_expression("room 5").as_deref(), Some("\"room\"*"));
        assert_eq!(match_expression("東").as_deref(), Some("\" 東 \"*"));
    }

    #[test]
    fn unspaced_scripts_become_a_phrase_of_characters() {
        assert_eq!(indexed_text("check 佐藤さん!"), "check  佐  藤  さ  ん !");
        assert_eq!(match_expression("時から").as_deref(), Some("\" 時  か  ら \"*"));
        assert!(matches!(indexed_text("plain text"), std::borrow::Cow::Borrowed(_)));
    }
}
