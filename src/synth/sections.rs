//! The sections of one generated briefing: metadata, sources, actors, relations, events
//! and quotes.

use super::briefing::{Gen, Local, Who};
use super::text::{ascii_alias, capitalise, month_str, push_num, push_str, slug};
use super::words::{
    BODY_BODY, BODY_PERSON, BODY_ROLES, CONTEXTS, COUNTRY_ROLES, DIRECT, EVENT_ROLES, FOREIGN,
    FOREIGN_BODIES, GROUP_NAMES, GROUP_ROLES, MISSION_ROLES, OBJECTS, ORG_ROLES, PERSON_BODY,
    PERSON_PERSON, POSITIONS, PROPOSALS, RELATION_NOTES, REPORTED, REPORTED_MORE, STATUSES,
    SUMMARIES, TITLES, VERBS,
};

impl Gen<'_> {
    // ── Sections ──

    pub(super) fn write_meta(&mut self) {
        self.out.push_str("\n[briefing]\n");
        let id = format!("synth-{:05}", self.b);
        self.kv("id", &id);
        let title = self.fill_one(TITLES, None);
        self.kv("title", &title);
        let as_of = format!("{}-{:02}", month_str(self.as_of.0), self.as_of.1);
        self.kv("as_of", &as_of);
        let summary = self.sentences(SUMMARIES, SUMMARIES, 350, 900, None);
        self.kv("summary", &summary);
        let n = self.rng.range(3, 6);
        let mut points: Vec<String> = Vec::with_capacity(n);
        let mut used = 0u64;
        while points.len() < n {
            let k = self.rng.below(SUMMARIES.len());
            if used & (1 << k) == 0 {
                used |= 1 << k;
                points.push(self.fill_one(&SUMMARIES[k..=k], None));
            }
        }
        self.kv_list("key_points", &points);
        let tags = [
            slug(self.w.shared[self.home].name),
            slug(self.topics[0].trim_start_matches("the ")),
            "synthetic".to_owned(),
        ];
        self.kv_list("tags", &tags);
    }

    pub(super) fn write_sources(&mut self) {
        self.out.push_str("\n# ── Sources ──\n");
        for i in 0..self.sources.len() {
            let (id, kind) = self.sources[i];
            self.out.push_str("\n[[sources]]\n");
            self.kv("id", id);
            let publisher = *self.rng.pick(&self.w.publishers);
            let topic = self.topics[0];
            let title = match kind {
                "news-article" => format!("{publisher}: news article on {topic}"),
                "transcript" => format!("Transcript of a press conference on {topic}"),
                "dataset" => format!("Figures on {topic}, {publisher}"),
                "social-media" => format!("Posts on {topic} by officials"),
                _ => format!("{} on {topic}", capitalise(kind)),
            };
            self.kv("title", &title);
            self.kv("kind", kind);
            let (published, _) = self.date(-2, 0, [70, 20, 5, 0]);
            self.kv("published", &published);
            if self.rng.chance(70) {
                self.kv("publisher", publisher);
            }
            if self.rng.chance(60) {
                let url = format!("https://example.org/synth/{:05}/{id}", self.b);
                self.kv("url", &url);
            }
            if kind == "news-article" {
                self.kv("note", "Locators: ¶N is the Nth paragraph of the article.");
            }
        }
    }

    /// Invents this briefing's own actors: organisations and groups first, then a joint
    /// commission and perhaps a fund, then the people who belong to them.
    pub(super) fn make_locals(&mut self) {
        let home = self.w.shared[self.home].name;
        for _ in 0..self.rng.range(4, 6) {
            let portfolio = *self.rng.pick(&self.w.portfolios);
            let place = self.place();
            let (name, short) = match self.rng.below(6) {
                0 | 1 => (
                    format!("{home} Ministry of {portfolio}"),
                    Some(format!("Ministry of {portfolio}")),
                ),
                2 => (format!("{place} Port Authority"), None),
                3 => (format!("National {portfolio} Agency"), None),
                4 => (format!("{place} Chamber of Commerce"), None),
                _ => ((*self.rng.pick(FOREIGN_BODIES)).to_owned(), None),
            };
            self.add_local(name, short, "organization", None);
        }
        for _ in 0..self.rng.range(2, 4) {
            let name = self.fill_one(GROUP_NAMES, None);
            self.add_local(name, None, "group", None);
        }
        let topic = self.topics[0];
        self.add_local(
            format!("Joint commission on {topic}"),
            None,
            "mission",
            None,
        );
        if self.rng.chance(50) {
            let name = format!("{} Trust Fund", self.places[0]);
            self.add_local(name, None, "other", None);
        }
        self.first_person = self.locals.len();
        for _ in 0..self.rng.range(12, 18) {
            if self.rng.chance(10) {
                let (name, romanised) = *self.rng.pick(&self.w.east_asian);
                let short = Some(romanised.to_owned());
                self.add_local(name.to_owned(), short, "person", Some(romanised));
            } else {
                let given = *self.rng.pick(&self.w.given);
                let family = *self.rng.pick(&self.w.family);
                let short = Some(family.to_owned());
                self.add_local(format!("{given} {family}"), short, "person", None);
            }
        }
    }

    /// Adds an actor of this briefing, with an id made unique by a counter if need be.
    pub(super) fn add_local(
        &mut self,
        name: String,
        short: Option<String>,
        kind: &'static str,
        romanised: Option<&str>,
    ) {
        let base = format!("b{}.{}", self.b, slug(romanised.unwrap_or(&name)));
        let mut id = base.clone();
        let mut k = 2;
        while self.locals.iter().any(|l| l.id == id) {
            id = format!("{base}-{k}");
            k += 1;
        }
        self.locals.push(Local {
            id,
            name,
            short,
            kind,
        });
    }

    pub(super) fn write_shared_actor(&mut self, i: usize) {
        let s = &self.w.shared[i];
        self.out.push_str("\n[[actors]]\n");
        self.kv("id", &s.id);
        self.kv("name", s.name);
        if !s.short.is_empty() {
            self.kv("short_name", s.short);
        }
        self.kv_list("aliases", &s.aliases);
        self.kv("kind", s.kind);
        let roles = match s.kind {
            "country" => COUNTRY_ROLES,
            "organization" => ORG_ROLES,
            "mission" => MISSION_ROLES,
            _ => GROUP_ROLES,
        };
        let role = *self.rng.pick(roles);
        self.kv("role", role);
        if !s.affiliation.is_empty() {
            self.kv_list("affiliations", &[s.affiliation]);
        }
        if self.rng.chance(30) {
            let summary = self.sentences(SUMMARIES, SUMMARIES, 80, 300, None);
            self.kv("summary", &summary);
        }
        self.cite();
    }

    pub(super) fn write_local_actor(&mut self, i: usize) {
        self.out.push_str("\n[[actors]]\n");
        let Local {
            id,
            name,
            short,
            kind,
        } = &self.locals[i];
        let (id, name, short, kind) = (id.clone(), name.clone(), short.clone(), *kind);
        let person = kind == "person";
        self.kv("id", &id);
        self.kv("name", &name);
        if let Some(short) = short.as_ref().filter(|_| !person || self.rng.chance(60)) {
            self.kv("short_name", short);
        }
        // People are searched for by the spelling a reader's keyboard gives.
        let mut aliases = Vec::new();
        match ascii_alias(&name) {
            Some(plain) if self.rng.chance(60) => aliases.push(plain),
            None if person && !name.is_ascii() => aliases.extend(short),
            _ => {}
        }
        self.kv_list("aliases", &aliases);
        self.kv("kind", kind);
        let mut affiliations = Vec::new();
        let role = if person {
            let org = self.rng.below(self.first_person);
            let org_name = self.locals[org]
                .short
                .as_ref()
                .unwrap_or(&self.locals[org].name)
                .clone();
            let position = *self.rng.pick(POSITIONS);
            if self.rng.chance(80) {
                affiliations.push(self.locals[org].id.clone());
            }
            if self.rng.chance(25) {
                let c = self.cast[self.rng.below(self.cast.len())];
                affiliations.push(self.w.shared[c].id.clone());
            }
            format!("{position} {org_name}")
        } else {
            if self.rng.chance(40) {
                affiliations.push(self.w.shared[self.home].id.clone());
            }
            self.phrase(BODY_ROLES)
        };
        self.kv("role", &role);
        self.kv_list("affiliations", &affiliations);
        if self.rng.chance(25) {
            let summary = self.sentences(SUMMARIES, SUMMARIES, 60, 300, None);
            self.kv("summary", &summary);
        }
        self.cite();
    }

    pub(super) fn write_relation(&mut self) {
        self.out.push_str("\n[[relations]]\n");
        let from = Who::Local(self.rng.below(self.locals.len()));
        let to = self.other_than(from);
        let from_id = self.who_id(from).to_owned();
        let to_id = self.who_id(to).to_owned();
        self.kv("from", &from_id);
        let is_person = |w: Who| matches!(w, Who::Local(i) if i >= self.first_person);
        let kinds = match (is_person(from), is_person(to)) {
            (true, true) => PERSON_PERSON,
            (true, false) => PERSON_BODY,
            (false, true) => BODY_PERSON,
            (false, false) => BODY_BODY,
        };
        let kind = *self.rng.pick(kinds);
        self.kv("kind", kind);
        self.kv("to", &to_id);
        if self.rng.chance(40) {
            let note = self.fill_one(RELATION_NOTES, None);
            self.kv("note", &note);
        }
        self.cite();
    }

    pub(super) fn write_event(&mut self, i: usize) {
        self.out.push_str("\n[[events]]\n");
        self.item_id('e', i);
        let status = *self.rng.pick(STATUSES);
        let who: Vec<Who> = {
            let mut v = vec![self.anyone()];
            for _ in 0..self.rng.range(0, 2) {
                let w = self.anyone();
                if !v.contains(&w) {
                    v.push(w);
                }
            }
            v
        };
        let lead = self.who_short(who[0]).to_owned();
        let verb = *self.rng.pick(VERBS);
        let mut forms = verb.split('|');
        let (third, plain, gerund) = (
            forms.next().unwrap_or(verb),
            forms.next().unwrap_or(verb),
            forms.next().unwrap_or(verb),
        );
        let object = self.phrase(OBJECTS);
        let title = match status {
            "occurred" => [&lead, " ", third, " ", &object].concat(),
            "reported" => [&lead, " reportedly ", third, " ", &object].concat(),
            "planned" => [&lead, " plans to ", plain, " ", &object].concat(),
            "scheduled" => [&lead, " due to ", plain, " ", &object].concat(),
            "proposed" => {
                let p = self.phrase(PROPOSALS);
                [&lead, " proposes ", &p].concat()
            }
            _ => [&lead, " continues ", gerund, " ", &object].concat(),
        };
        self.kv("title", &title);
        let (date, note) = match status {
            "occurred" | "reported" => self.date(-36, 0, [70, 8, 8, 10]),
            "planned" => self.date(1, 18, [60, 10, 15, 10]),
            "scheduled" => self.date(1, 12, [85, 0, 5, 10]),
            "proposed" => self.date(1, 24, [30, 20, 20, 10]),
            _ => self.date(-24, -1, [30, 50, 0, 15]),
        };
        self.kv("date", &date);
        if let Some(note) = note.filter(|_| self.rng.chance(50)) {
            self.kv("date_note", note);
        }
        self.kv("status", status);
        if self.rng.chance(30) {
            let summary = self.sentences(SUMMARIES, SUMMARIES, 100, 300, None);
            self.kv("summary", &summary);
        }
        // One participant fits on a line; several get a line each, as authors write them.
        let (open, sep, close) = if who.len() == 1 {
            ("actors = [", "", "]\n")
        } else {
            ("actors = [\n", "  ", ",\n")
        };
        self.out.push_str(open);
        for &w in &who {
            self.out.push_str(sep);
            self.out.push_str("{ actor = ");
            let id = match w {
                Who::Shared(i) => &self.w.shared[i].id,
                Who::Local(i) => &self.locals[i].id,
            };
            push_str(&mut self.out, id);
            if self.rng.chance(80) {
                self.out.push_str(", role = ");
                let role = *self.rng.pick(EVENT_ROLES);
                push_str(&mut self.out, role);
            }
            self.out.push_str(" }");
            self.out.push_str(close);
        }
        if who.len() > 1 {
            self.out.push_str("]\n");
        }
        self.cite();
    }

    pub(super) fn write_quote(&mut self, i: usize) {
        self.out.push_str("\n[[quotes]]\n");
        self.item_id('q', i);
        let speaker = if self.rng.chance(90) {
            Who::Local(self.rng.range(self.first_person, self.locals.len() - 1))
        } else {
            self.anyone()
        };
        let direct = self.rng.chance(60);
        self.kv("kind", if direct { "direct" } else { "reported" });
        // Most quotes are short; a few run long.
        let target = 40 + self.rng.below(261).min(self.rng.below(261));
        let text = if !direct {
            self.sentences(REPORTED, REPORTED_MORE, target, 300, Some(speaker))
        } else if self.rng.chance(12) {
            self.fill_one(FOREIGN, Some(speaker))
        } else {
            self.sentences(DIRECT, DIRECT, target, 300, Some(speaker))
        };
        self.kv("text", &text);
        let sid = self.who_id(speaker).to_owned();
        self.kv("speaker", &sid);
        let (date, note) = self.date(-12, 0, [80, 5, 5, 3]);
        self.kv("date", &date);
        if date == "unknown" {
            self.kv("date_note", note.unwrap_or_default());
        }
        if self.rng.chance(40) {
            let context = self.fill_one(CONTEXTS, Some(speaker));
            self.kv("context", &context);
        }
        let mut about = Vec::new();
        for _ in 0..self.rng.below(3) {
            let a = if self.rng.chance(60) {
                let mut id = String::with_capacity(12);
                id.push('b');
                push_num(&mut id, self.b, 1);
                id.push_str(".e");
                push_num(&mut id, self.rng.below(self.events), 2);
                id
            } else {
                let who = self.other_than(speaker);
                self.who_id(who).to_owned()
            };
            if !about.contains(&a) {
                about.push(a);
            }
        }
        self.kv_list("about", &about);
        self.cite();
    }
}
