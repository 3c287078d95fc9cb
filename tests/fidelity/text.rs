//! Text helpers for the fidelity checks: normalisation for verbatim comparison, sentence
//! splitting and the attribution vocabulary.

use unicode_normalization::UnicodeNormalization;

/// Words that attribute a claim to someone when they occur in a briefing's own prose
/// ("Kenyan officers *say* …", "*according to* sources …"). Matched as whole words,
/// case-insensitively. `according` stands for "according to".
pub const ATTRIBUTION_WORDS: &[&str] = &[
    "according",
    "account",
    "acknowledged",
    "admits",
    "admitted",
    "alleged",
    "allegedly",
    "argued",
    "call",
    "called",
    "calls",
    "claim",
    "claimed",
    "claims",
    "complain",
    "complained",
    "complains",
    "complaint",
    "complaints",
    "conceded",
    "confirm",
    "confirmed",
    "confirms",
    "decried",
    "described",
    "finding",
    "finds",
    "found",
    "describes",
    "hold",
    "holds",
    "insist",
    "insists",
    "lament",
    "lamented",
    "laments",
    "maintain",
    "maintained",
    "maintains",
    "mention",
    "mentioned",
    "mentions",
    "posted",
    "praised",
    "quoted",
    "reaffirmed",
    "reaffirms",
    "refer",
    "refers",
    "report",
    "reported",
    "reportedly",
    "reports",
    "said",
    "say",
    "saying",
    "says",
    "spoke",
    "stated",
    "states",
    "told",
    "warned",
    "warns",
    "welcome",
    "welcomed",
    "welcomes",
];

/// Words that mark a paragraph of a *source* as carrying someone's claim. A paragraph of a
/// seed that contains one of these, written in lower case (so "United States" is not
/// "states"), or "According", must be triaged in the claims table.
pub const SEED_CUES: &[&str] = &[
    "According",
    "according",
    "acknowledged",
    "admitted",
    "alleged",
    "claimed",
    "complained",
    "confirmed",
    "decried",
    "expresses",
    "insisted",
    "lamented",
    "maintain",
    "maintains",
    "noted",
    "posted",
    "praised",
    "reaffirms",
    "report",
    "reported",
    "reportedly",
    "said",
    "say",
    "says",
    "stated",
    "states",
    "told",
    "warned",
];

/// The form two texts are compared in: NFC, typographic quotes and apostrophes folded to
/// ASCII, every run of whitespace one space, trimmed. Dashes and case are kept.
pub fn normalise(s: &str) -> String {
    let folded: String = s
        .nfc()
        .map(|c| match c {
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => '"',
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `normalise`, lower-cased: the form markers are matched in.
pub fn fold(s: &str) -> String {
    normalise(s).to_lowercase()
}

/// The lower-cased words of `s` (letters and digits; apostrophes split words).
pub fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether `s` contains any of `vocabulary` as a whole word, ignoring case.
pub fn has_word(s: &str, vocabulary: &[&str]) -> bool {
    words(s).iter().any(|w| vocabulary.contains(&w.as_str()))
}

/// The first seed cue (`SEED_CUES`) in `s`, matched as written, case included.
pub fn seed_cue(s: &str) -> Option<&'static str> {
    s.split(|c: char| !c.is_alphanumeric())
        .find_map(|w| SEED_CUES.iter().find(|cue| **cue == w).copied())
}

/// Splits prose into sentences and clauses: after `.`, `!`, `?` or `;` followed by a space,
/// except after an abbreviation such as "U.S." or "Dr.". Semicolons split too, so that a
/// clause cannot borrow the attribution of its neighbour.
pub fn sentences(text: &str) -> Vec<String> {
    let text = normalise(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..chars.len() {
        let end_mark = matches!(chars[i], '.' | '!' | '?' | ';');
        let followed_by_space = chars.get(i + 1).is_none_or(|c| *c == ' ');
        if end_mark && followed_by_space && !(chars[i] == '.' && is_abbreviation(&chars[..i])) {
            push_trimmed(&mut out, &chars[start..=i]);
            start = i + 1;
        }
    }
    push_trimmed(&mut out, &chars[start.min(chars.len())..]);
    out
}

fn push_trimmed(out: &mut Vec<String>, chars: &[char]) {
    let s: String = chars.iter().collect();
    let s = s.trim();
    if !s.is_empty() {
        out.push(s.to_owned());
    }
}

/// Whether the word ending just before a full stop is an abbreviation: it contains a dot
/// itself ("U.S"), is a single capital ("A"), or is a title.
fn is_abbreviation(before: &[char]) -> bool {
    let word: String = before
        .iter()
        .rev()
        .take_while(|c| !c.is_whitespace() && **c != '(')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    word.contains('.')
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || ["Dr", "Mr", "Mrs", "Ms", "St", "No", "Adm", "Gen"].contains(&word.as_str())
}

/// Whether `needle` occurs in `haystack` after both are normalised. An ellipsis (`…`) in the
/// needle stands for omitted words: its pieces must occur in order.
pub fn occurs_in(needle: &str, haystack: &str) -> bool {
    let hay = normalise(haystack);
    let mut from = 0;
    for piece in needle.split('…').map(normalise).filter(|p| !p.is_empty()) {
        match hay[from..].find(&piece) {
            Some(at) => from += at + piece.len(),
            None => return false,
        }
    }
    !normalise(needle).replace('…', "").trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_on_ends_and_semicolons_but_not_abbreviations() {
        let s = sentences("The U.S. Embassy posted. Dr. Sing’oei said so; officers say more!");
        assert_eq!(
            s,
            [
                "The U.S. Embassy posted.",
                "Dr. Sing'oei said so;",
                "officers say more!"
            ]
        );
    }

    #[test]
    fn occurs_in_folds_quotes_and_honours_ellipses() {
        let para = "“Yes, we are aware.  That is…,” said Dr. Korir Sing’oei.";
        assert!(occurs_in("Yes, we are aware. That is", para));
        assert!(occurs_in(
            "Yes, we are aware … said Dr. Korir Sing'oei",
            para
        ));
        assert!(!occurs_in("said Dr. Korir Sing'oei … Yes", para));
        assert!(!occurs_in("…", para));
    }
}
