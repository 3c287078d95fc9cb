//! "Did you mean …?" suggestions.

/// The candidate closest to `wrong`, if it is close enough to be a plausible typo.
pub fn closest<'a>(wrong: &str, candidates: &mut dyn Iterator<Item = &'a str>) -> Option<&'a str> {
    let wrong = wrong.to_lowercase();
    candidates
        .map(|c| (strsim::damerau_levenshtein(&wrong, &c.to_lowercase()), c))
        .filter(|(d, c)| *d > 0 && *d <= (c.chars().count().max(3) / 3).max(2))
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_near_misses_only() {
        let keys = ["speaker", "date", "context"];
        assert_eq!(
            closest("speeker", &mut keys.iter().copied()),
            Some("speaker")
        );
        assert_eq!(
            closest("contxt", &mut keys.iter().copied()),
            Some("context")
        );
        assert_eq!(closest("zebra", &mut keys.iter().copied()), None);
    }
}
