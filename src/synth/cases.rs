//! Hand-made inputs, shared by tests and benchmarks: the attack inputs that once made a
//! load superlinear (issue #10), and a small library that holds every kind of outcome a file
//! can have.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{fs, io};

const HEAD: &str = "[briefing]\nid = \"b\"\ntitle = \"T\"\nas_of = \"2025\"\nsummary = \"S\"\n";
const SOURCE: &str = "\n[[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\n";

/// One briefing of `n` actors, each with one stray `notes =` key (the issue's "ordinary
/// case"): `n` warnings.
#[must_use]
pub fn stray_keys(n: usize) -> String {
    let mut s = format!("{HEAD}{SOURCE}");
    for i in 0..n {
        let _ = write!(
            s,
            "\n[[actors]]\nid = \"a{i}\"\nname = \"Actor {i}\"\nkind = \"person\"\nrole = \"r\"\nnotes = \"stray\"\ncite = [{{ source = \"s\", locator = \"¶1\" }}]\n"
        );
    }
    s
}

/// One briefing with `n` unknown keys in its `[briefing]` table (the 39 KB file has
/// 5,000).
#[must_use]
pub fn unknown_keys(n: usize) -> String {
    let mut s = HEAD.to_owned();
    for i in 0..n {
        let _ = writeln!(s, "k{i} = 1");
    }
    s + SOURCE
}

/// One briefing of `n` sources and `n` actors citing sources that do not exist, each a near
/// miss of a real one.
#[must_use]
pub fn unknown_cites(n: usize) -> String {
    let mut s = HEAD.to_owned();
    for i in 0..n {
        let _ = write!(
            s,
            "\n[[sources]]\nid = \"source-{i:05}\"\ntitle = \"S\"\nkind = \"report\"\n"
        );
    }
    for i in 0..n {
        let _ = write!(
            s,
            "\n[[actors]]\nid = \"a{i}\"\nname = \"A\"\nkind = \"person\"\nrole = \"r\"\ncite = [{{ source = \"sourse-{i:05}x\", locator = \"1\" }}]\n"
        );
    }
    s
}

/// One briefing of `n` tiny actors, about 87 bytes of TOML each.
#[must_use]
pub fn tiny_actors(n: usize) -> String {
    let mut s = format!("{HEAD}{SOURCE}");
    for i in 0..n {
        let _ = write!(
            s,
            "[[actors]]\nid=\"a{i}\"\nname=\"A\"\nkind=\"person\"\nrole=\"r\"\ncite=[{{source=\"s\",locator=\"1\"}}]\n"
        );
    }
    s
}

/// Writes under `dir/lib` a library with every kind of outcome, and returns that folder:
/// `briefings` generated clean files (seed `seed`), a file with a warning, a file with
/// errors of its own and a file that fails to link.
///
/// # Errors
/// The first I/O error met while writing.
pub fn write_mixed(dir: &Path, briefings: usize, seed: u64) -> io::Result<PathBuf> {
    let root = dir.join("lib");
    super::write(&root, briefings, seed)?;
    fs::write(
        root.join("warn.toml"),
        "[briefing]\nid = \"w\"\ntitle = \"W\"\nas_of = \"2025-01\"\nsummary = \"s\"\nspeeker = 1\n\n[[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\n",
    )?;
    fs::write(
        root.join("broken.toml"),
        "[briefing]\nid = \"b\"\ntitle = \"\"\nas_of = \"2025-13\"\nsummary = \"s\"\n",
    )?;
    fs::write(
        root.join("dangling.toml"),
        "[briefing]\nid = \"d\"\ntitle = \"D\"\nas_of = \"2025\"\nsummary = \"s\"\n\n[[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\n\n[[quotes]]\nid = \"q-d\"\nkind = \"direct\"\ntext = \"t\"\nspeaker = \"nobody-here\"\ndate = \"2025\"\ncite = [{ source = \"s\", locator = \"1\" }]\n",
    )?;
    Ok(root)
}
