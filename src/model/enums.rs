//! The closed vocabularies of the format: kinds and statuses, each with its spelling in
//! files, a symbol for the screen and the label the browser writes.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Defines a vocabulary enum with its file spellings (the first one is canonical).
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => [$($spelling:literal),+] $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The spellings accepted in files, canonical first.
            pub fn spellings(self) -> &'static [&'static str] {
                match self { $(Self::$variant => &[$($spelling),+]),+ }
            }

            /// The canonical spelling, as written in files and exports.
            pub fn as_str(self) -> &'static str {
                self.spellings()[0]
            }

            /// How the browser writes the value: the canonical spelling, except that a
            /// relation's kind reads as the verb of a sentence ("contributes to").
            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }

            /// Parses a spelling; case and `_`/`-`/space differences are forgiven.
            pub fn parse(s: &str) -> Option<Self> {
                let find = |word: &str| {
                    Self::ALL.iter().copied().find(|v| v.spellings().contains(&word))
                };
                // Nearly every value is written as spelt: found without making a string.
                // The spellings are their own normal form (a test holds them to it), so
                // this finds what the normal form would.
                find(s).or_else(|| find(&normalise(s)))
            }

            /// Every canonical spelling, for "expected one of" messages.
            pub fn expected() -> String {
                Self::ALL.iter().map(|v| format!("`{}`", v.as_str())).collect::<Vec<_>>().join(", ")
            }

            /// All spellings, for suggestions.
            pub fn all_spellings() -> impl Iterator<Item = &'static str> {
                Self::ALL.iter().flat_map(|v| v.spellings().iter().copied())
            }
        }

        /// The canonical spelling in human-readable formats; the position in
        /// [`Self::ALL`] in the compact binary form of the cache.
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                if serializer.is_human_readable() {
                    serializer.serialize_str(self.as_str())
                } else {
                    let at = Self::ALL.iter().position(|v| v == self).unwrap_or(0);
                    serializer.serialize_u8(u8::try_from(at).unwrap_or(u8::MAX))
                }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use serde::de::Error as _;
                if deserializer.is_human_readable() {
                    let s = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
                    return Self::parse(&s).ok_or_else(|| D::Error::custom("unknown spelling"));
                }
                let at = u8::deserialize(deserializer)?;
                Self::ALL.get(usize::from(at)).copied().ok_or_else(|| D::Error::custom("out of range"))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

fn normalise(s: &str) -> String {
    s.trim().to_ascii_lowercase().replace(['_', ' '], "-")
}

vocabulary! {
    /// What sort of actor something is.
    ActorKind {
        Person => ["person", "people"] "person",
        Country => ["country", "state", "nation"] "country",
        Organization => ["organization", "organisation", "org"] "organization",
        Mission => ["mission", "force", "mission/force"] "mission",
        Group => ["group"] "group",
        Other => ["other"] "other",
    }
}

vocabulary! {
    /// How an event stands.
    Status {
        Occurred => ["occurred", "happened"] "occurred",
        Planned => ["planned"] "planned",
        Scheduled => ["scheduled"] "scheduled",
        Proposed => ["proposed"] "proposed",
        Reported => ["reported", "alleged"] "reported",
        Ongoing => ["ongoing"] "ongoing",
    }
}

impl Status {
    /// A symbol that carries the status without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Occurred => "●",
            Self::Planned | Self::Scheduled => "◌",
            Self::Proposed => "◇",
            Self::Reported => "?",
            Self::Ongoing => "◐",
        }
    }
}

vocabulary! {
    /// Whether a quote is verbatim or a reported statement.
    QuoteKind {
        Direct => ["direct", "verbatim", "quote"] "direct",
        Reported => ["reported", "paraphrase", "paraphrased", "indirect"] "reported",
    }
}

vocabulary! {
    /// How one actor stands to another.
    RelationKind {
        Leads => ["leads", "lead"] "leads",
        Funds => ["funds", "fund", "funding"] "funds",
        ContributesTo => ["contributes-to", "contributes"] "contributes to",
        MemberOf => ["member-of"] "member of",
        PartOf => ["part-of"] "part of",
        Supports => ["supports"] "supports",
        Opposes => ["opposes"] "opposes",
        Proposes => ["proposes"] "proposes",
        TalksWith => ["talks-with", "talks"] "talks with",
        Represents => ["represents"] "represents",
        Other => ["other", "related-to"] "related to",
    }
}

impl RelationKind {
    /// Whether the relation reads the same from either end ("talks with"): its `from` and
    /// `to` are only the order the author wrote them in, not a direction.
    pub fn is_symmetric(self) -> bool {
        matches!(self, Self::TalksWith)
    }

    /// How the relation reads from the other end.
    pub fn inverse_label(self) -> &'static str {
        match self {
            Self::Leads => "led by",
            Self::Funds => "funded by",
            Self::ContributesTo => "has contributor",
            Self::MemberOf => "has member",
            Self::PartOf => "includes",
            Self::Supports => "supported by",
            Self::Opposes => "opposed by",
            Self::Proposes => "proposed by",
            Self::TalksWith => "talks with",
            Self::Represents => "represented by",
            Self::Other => "related to",
        }
    }
}

vocabulary! {
    /// What sort of document a source is.
    SourceKind {
        NewsArticle => ["news-article", "article", "news"] "news-article",
        Report => ["report"] "report",
        Statement => ["statement", "press-release"] "statement",
        SocialMedia => ["social-media", "post"] "social-media",
        Transcript => ["transcript"] "transcript",
        Dataset => ["dataset", "data"] "dataset",
        Other => ["other"] "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `parse` looks a value up as written before it normalises it, which finds the same
    /// variant only if every spelling is already in normal form.
    #[test]
    fn every_spelling_is_its_own_normal_form() {
        let spellings = ActorKind::all_spellings()
            .chain(Status::all_spellings())
            .chain(QuoteKind::all_spellings())
            .chain(RelationKind::all_spellings())
            .chain(SourceKind::all_spellings());
        for sp in spellings {
            assert_eq!(normalise(sp), sp);
        }
        assert_eq!(Status::parse(" Occurred "), Some(Status::Occurred));
        assert_eq!(
            SourceKind::parse("news_article"),
            SourceKind::parse("news-article")
        );
    }

    #[test]
    fn spellings_are_forgiving_but_canonical_on_output() {
        assert_eq!(
            ActorKind::parse("Organisation"),
            Some(ActorKind::Organization)
        );
        assert_eq!(
            RelationKind::parse("contributes_to"),
            Some(RelationKind::ContributesTo)
        );
        assert_eq!(Status::parse("Talks"), None);
        assert_eq!(RelationKind::ContributesTo.as_str(), "contributes-to");
    }

    /// briefings/README.md promises that the browser writes the first spelling of every
    /// vocabulary; only relations read as sentences instead.
    #[test]
    fn labels_are_the_first_spelling_except_relations() {
        fn check<T: Copy + std::fmt::Debug>(
            all: &[T],
            label: fn(T) -> &'static str,
            spelling: fn(T) -> &'static str,
        ) {
            for &v in all {
                assert_eq!(label(v), spelling(v), "{v:?}");
            }
        }
        check(ActorKind::ALL, ActorKind::label, ActorKind::as_str);
        check(Status::ALL, Status::label, Status::as_str);
        check(QuoteKind::ALL, QuoteKind::label, QuoteKind::as_str);
        check(SourceKind::ALL, SourceKind::label, SourceKind::as_str);
        assert_eq!(RelationKind::ContributesTo.label(), "contributes to");
        assert_eq!(RelationKind::Other.label(), "related to");
    }

    #[test]
    fn only_talks_with_is_symmetric_and_it_reads_the_same_both_ways() {
        let symmetric: Vec<RelationKind> = RelationKind::ALL
            .iter()
            .copied()
            .filter(|k| k.is_symmetric())
            .collect();
        assert_eq!(symmetric, [RelationKind::TalksWith]);
        for k in symmetric {
            assert_eq!(k.label(), k.inverse_label(), "{k:?}");
        }
    }

    #[test]
    fn no_spelling_is_shared_within_a_vocabulary() {
        fn check<I: Iterator<Item = &'static str>>(spellings: I) {
            let mut seen = std::collections::HashSet::new();
            for s in spellings {
                assert!(seen.insert(s), "`{s}` is listed twice");
            }
        }
        check(ActorKind::all_spellings());
        check(Status::all_spellings());
        check(QuoteKind::all_spellings());
        check(RelationKind::all_spellings());
        check(SourceKind::all_spellings());
    }
}
