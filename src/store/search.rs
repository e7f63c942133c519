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
use jiff::Timestamp;
use rusqlite::{Transaction, params};
use std::collections::HashSet;

/// What a search found: matching threads, newest match first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchMatches {
    pub threads: HashSet<ThreadKey>,
    /// More threads match than [`MAX_MATCHING_THREADS`]; only the newest are here.
    pub truncated: bool,
    /// Messages written but not searchable yet (a sync is indexing them).
    pub unindexed: usize,
}

/// Messages made searchable per transaction by [`Store::index_backlog`]'s callers:
/// about 15 ms of the store, so a page or a read waiting behind it waits little.
pub const INDEX_CHUNK: usize = 2_000;

/// A filter over a million messages stays quick by taking the newest matches
/// only: a query this broad is narrowed by typing on, not by scrolling.
pub const MAX_MATCHING_THREADS: usize = 1000;

impl Store {
    /// Indexes up to `limit` written messages not yet searchable, oldest first, in
    /// one transaction; returns how many. A sync calls it while it waits on the
    /// network, and until none are left when it ends.
    pub fn index_backlog(&mut self, limit: usize) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let indexed = {
            // In seq order: FTS5 writes out its pending index whenever a row id comes
            // lower than the last, which would make a segment of every message.
            let mut pending = tx.prepare_cached(
                "SELECT b.seq, m.body FROM search_backlog AS b LEFT JOIN messages AS m ON m.seq = b.seq
                 ORDER BY b.seq LIMIT ?1",
            )?;
            let mut rows = pending.query([limit as i64])?;
            let mut done = tx.prepare_cached("DELETE FROM search_backlog WHERE seq = ?1")?;
            let mut indexed = 0;
            while let Some(row) = rows.next()? {
                let seq: i64 = row.get(0)?;
                if let Some(body) = row.get_ref(1)?.as_str_or_null().map_err(rusqlite::Error::from)? {
                    index_body(&tx, seq, body)?;
                }
                done.execute([seq])?;
                indexed += 1;
            }
            indexed
        };
        tx.commit()?;
        Ok(indexed)
    }

    /// The threads with a message containing every word of `query` (each as a word
    /// prefix), newest matches first, at most [`MAX_MATCHING_THREADS`].
    pub fn search(&self, query: &str) -> Result<SearchMatches> {
        let unindexed: i64 =
            self.conn.query_row("SELECT count(*) FROM search_backlog", [], |row| row.get(0))?;
        let unindexed = unindexed as usize;
        let Some(expression) = match_expression(query) else {
            return Ok(SearchMatches { unindexed, ..SearchMatches::default() });
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
        Ok(SearchMatches { threads, truncated, unindexed })
    }
}

/// Messages are numbered in the order they were sent, so the index, which walks
/// row ids, yields the newest matches first: `seq` is the send time in ms times
/// this, plus a counter for messages sent in the same millisecond.
const SEQS_PER_MS: i64 = 4096;
/// Messages without a send time count as the oldest: seqs from 1 up to those of
/// 1970's first hour.
const FIRST_UNTIMED_SEQ: i64 = 1;
const LAST_UNTIMED_SEQ: i64 = SEQS_PER_MS * 3_600_000 - 1;

/// The first seq of `sent_at`'s millisecond, or of the untimed range: a new
/// message's seq unless another message of that millisecond has it.
pub(super) fn first_seq(sent_at: Option<Timestamp>) -> i64 {
    sent_at.map_or(FIRST_UNTIMED_SEQ, |at| at.as_millisecond().saturating_mul(SEQS_PER_MS))
}

/// The seq for a new message sent at `sent_at`: the next free one of its
/// millisecond, or of the untimed range.
pub(super) fn seq_for(tx: &Transaction<'_>, sent_at: Option<Timestamp>) -> rusqlite::Result<i64> {
    let first = first_seq(sent_at);
    let last = sent_at.map_or(LAST_UNTIMED_SEQ, |_| first.saturating_add(SEQS_PER_MS - 1));
    let taken: Option<i64> = tx
        .prepare_cached("SELECT max(seq) FROM messages WHERE seq BETWEEN ?1 AND ?2")?
        .query_row([first, last], |row| row.get(0))?;
    Ok(taken.map_or(first, |seq| seq + 1))
}

/// A seq no message has: for the rare millisecond whose range is full.
pub(super) fn seq_after_all(tx: &Transaction<'_>) -> rusqlite::Result<i64> {
    tx.query_row("SELECT coalesce(max(seq), 0) + 1 FROM messages", [], |row| row.get(0))
}

/// The insert failed because another message already has the seq.
pub(super) fn is_taken_seq(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY)
}

/// Leaves new or changed messages for [`Store::index_backlog`].
pub(super) fn add_to_backlog(tx: &Transaction<'_>, seqs: Vec<i64>) -> rusqlite::Result<()> {
    let mut add = tx.prepare_cached("INSERT OR IGNORE INTO search_backlog (seq) VALUES (?1)")?;
    for seq in seqs {
        add.execute([seq])?;
    }
    Ok(())
}

/// Drops the indexed text of a message about to be indexed again.
pub(super) fn unindex_message(tx: &Transaction<'_>, seq: i64) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM messages_fts WHERE rowid = ?1")?.execute([seq])?;
    Ok(())
}

/// Renumbers stored messages in the order they were sent and indexes them again:
/// the migration from numbering in the order they arrived.
pub(super) fn renumber_by_send_time(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    // Negative first, so no old number is in the way of a new one.
    tx.execute_batch(
        "UPDATE messages SET seq = -seq;
         INSERT INTO messages_fts (messages_fts) VALUES ('delete-all');",
    )?;
    let old: Vec<(i64, Option<i64>)> = tx
        .prepare("SELECT seq, sent_at FROM messages ORDER BY sent_at, seq DESC")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut renumber = tx.prepare("UPDATE messages SET seq = ?2 WHERE seq = ?1")?;
    for (seq, sent_at) in old {
        let new = seq_for(tx, sent_at.and_then(crate::domain::time::from_millis))?;
        let new = if new < 0 { seq_after_all(tx)? } else { new };
        renumber.execute([seq, new])?;
    }
    index_all_messages(tx)
}

/// Indexes every stored message: the migration that numbers them by send time.
fn index_all_messages(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let mut bodies = tx.prepare("SELECT seq, body FROM messages ORDER BY seq")?;
    let mut rows = bodies.query([])?;
    while let Some(row) = rows.next()? {
        index_body(tx, row.get(0)?, row.get_ref(1)?.as_str()?)?;
    }
    Ok(())
}

/// Puts one message body in the index under its seq.
fn index_body(tx: &Transaction<'_>, seq: i64, body: &str) -> rusqlite::Result<()> {
    tx.prepare_cached("INSERT INTO messages_fts (rowid, body) VALUES (?1, ?2)")?
        .execute(params![seq, indexed_text(body)])?;
    Ok(())
}

/// The FTS5 query for what the user typed: every word a phrase of its tokens, all
/// required, the last token matching as a prefix while it is being typed.
///
/// Short prefixes are what make a search over a million messages slow ("ch" is
/// the start of thousands of words, 60 ms), and they say little: a word of one or
/// two letters is left to the list's own name filter, a trailing token of one is
/// dropped ("check-i" searches "check"), and one of two matches whole ("check-in").
/// Han, kana and hangul characters are words of their own and always count.
/// None when no word is left.
fn match_expression(query: &str) -> Option<String> {
    let terms: Vec<String> = query.split_whitespace().filter_map(word_phrase).collect();
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

/// One typed word as an FTS5 phrase, or None when it is too short to search.
fn word_phrase(word: &str) -> Option<String> {
    let spaced = indexed_text(word);
    let mut tokens: Vec<&str> =
        spaced.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).collect();
    let length = |token: &str| {
        if token.chars().any(is_unspaced_script) { PREFIX_MIN_CHARS } else { token.chars().count() }
    };
    let last = length(tokens.last()?);
    if tokens.len() > 1 && last == 1 {
        tokens.pop();
    }
    let last = length(tokens.last()?);
    if tokens.len() == 1 && last < PREFIX_MIN_CHARS {
        return None;
    }
    let prefix = if last >= PREFIX_MIN_CHARS { "*" } else { "" };
    Some(format!("\"{}\"{prefix}", tokens.join(" ")))
}

/// The shortest word start searched as a prefix.
const PREFIX_MIN_CHARS: usize = 3;

/// The text the index holds for `text`: itself, with each character of the
/// scripts written without spaces standing alone as a word.
fn indexed_text(text: &str) -> std::borrow::Cow<'_, str> {
    // Every character of those scripts starts with a byte of 0xE3 or more in UTF-8.
    if !text.bytes().any(|byte| byte >= 0xE3) || !text.chars().any(is_unspaced_script) {
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
    }

    #[test]
    fn a_word_with_punctuation_is_a_phrase_of_its_tokens() {
        assert_eq!(match_expression("check-out").as_deref(), Some("\"check out\"*"));
        assert_eq!(match_expression("check-in").as_deref(), Some("\"check in\""), "a short last token whole");
        assert_eq!(
            match_expression("check-i").as_deref(),
            Some("\"check\"*"),
            "a lone letter is still being typed"
        );
        assert_eq!(match_expression("say\"hello").as_deref(), Some("\"say hello\"*"), "quotes are no syntax");
    }

    #[test]
    fn a_query_of_symbols_or_short_words_searches_nothing() {
        assert_eq!(match_expression(" 🙂 - * "), None);
        assert_eq!(match_expression(""), None);
        assert_eq!(match_expression("c"), None);
        assert_eq!(match_expression("ch"), None);
        assert_eq!(match_expression("room 5").as_deref(), Some("\"room\"*"));
        assert_eq!(match_expression("東").as_deref(), Some("\"東\"*"));
    }

    #[test]
    fn unspaced_scripts_become_a_phrase_of_characters() {
        assert_eq!(indexed_text("check 佐藤さん!"), "check  佐  藤  さ  ん !");
        assert_eq!(match_expression("時から").as_deref(), Some("\"時 か ら\"*"));
        assert!(matches!(indexed_text("plain text"), std::borrow::Cow::Borrowed(_)));
    }
}
