//! Subsequence fuzzy matching for the template picker: every query letter must
//! appear in order; letters at word starts and in runs score higher, so `lco`
//! ranks "late-checkout" above "thanks-for-staying... lovely".

/// How well `query` matches a name, and which of its characters matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FuzzyMatch {
    pub score: i64,
    /// Indexes (in chars) of the matched characters.
    pub positions: Vec<usize>,
}

/// None when `query`'s letters are not all in `candidate` in order. Case is ignored;
/// spaces in the query are not letters to match.
pub fn fuzzy_match(query: &str, candidate: &str) -> Option<FuzzyMatch> {
    let wanted: Vec<char> =
        query.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
    let chars: Vec<char> = candidate.chars().collect();
    let lower: Vec<char> = chars.iter().map(|c| c.to_lowercase().next().unwrap_or(*c)).collect();
    if wanted.is_empty() {
        return Some(FuzzyMatch { score: 0, positions: Vec::new() });
    }
    // The best of the greedy matches starting at each place the first letter occurs.
    lower
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == wanted[0])
        .filter_map(|(start, _)| greedy_from(&wanted, &lower, start))
        .map(|positions| FuzzyMatch { score: score(&chars, &positions), positions })
        .max_by_key(|m| (m.score, std::cmp::Reverse(m.positions[0])))
}

fn greedy_from(wanted: &[char], lower: &[char], start: usize) -> Option<Vec<usize>> {
    let mut positions = Vec::with_capacity(wanted.len());
    let mut at = start;
    for want in wanted {
        let found = (at..lower.len()).find(|&i| lower[i] == *want)?;
        positions.push(found);
        at = found + 1;
    }
    Some(positions)
}

fn score(chars: &[char], positions: &[usize]) -> i64 {
    let mut score = 0;
    for (n, &at) in positions.iter().enumerate() {
        let word_start = at == 0 || !chars[at - 1].is_alphanumeric();
        let follows = n > 0 && positions[n - 1] + 1 == at;
        score += 1 + if word_start { 8 } else { 0 } + if follows { 5 } else { 0 };
        if n > 0 {
            score -= (at - positions[n - 1] - 1).min(5) as i64;
        }
    }
    score - positions[0].min(10) as i64
}

/// Indexes of `names` matching `query`, best first (ties keep their order), each with
/// its matched positions.
pub fn rank<'a>(query: &str, names: impl IntoIterator<Item = &'a str>) -> Vec<(usize, Vec<usize>)> {
    let mut ranked: Vec<(usize, FuzzyMatch)> =
        names.into_iter().enumerate().filter_map(|(i, name)| Some((i, fuzzy_match(query, name)?))).collect();
    ranked.sort_by_key(|(i, m)| (std::cmp::Reverse(m.score), *i));
    ranked.into_iter().map(|(i, m)| (i, m.positions)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_must_appear_in_order() {
        assert!(fuzzy_match("lco", "late-checkout").is_some());
        assert!(fuzzy_match("LCO", "late-checkout").is_some(), "case is ignored");
        assert_eq!(fuzzy_match("ocl", "late-checkout"), None);
        assert_eq!(fuzzy_match("x", "late-checkout"), None);
    }

    #[test]
    fn word_starts_are_preferred_and_reported() {
        let m = fuzzy_match("ci", "check-in-details").unwrap();
        assert_eq!(m.positions, [0, 6], "the i of in, not of check... or details");
        let m = fuzzy_match("det", "check-in-details").unwrap();
        assert_eq!(m.positions, [9, 10, 11]);
    }

    #[test]
    fn ranking_puts_the_best_first_and_drops_the_rest() {
        let names = ["thanks-for-staying", "late-checkout", "check-in-details", "wifi"];
        let order: Vec<usize> = rank("che", names).into_iter().map(|(i, _)| i).collect();
        assert_eq!(order, [2, 1], "a run at the start beats one in the middle");
        let order: Vec<usize> = rank("", names).into_iter().map(|(i, _)| i).collect();
        assert_eq!(order, [0, 1, 2, 3], "no query keeps every template in order");
        let order: Vec<usize> = rank("tha", names).into_iter().map(|(i, _)| i).collect();
        assert_eq!(order, [0]);
    }
}
