//! Text for the generator: TOML escaping, fast number formatting, ids and ASCII folding.

use std::fmt::Write as _;

/// A non-empty, trimmed line per entry.
pub(super) fn lines(s: &'static str) -> Vec<&'static str> {
    s.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
}

/// Folds a letter to ASCII for ids and plain-Latin aliases; `None` keeps it, `Some("")` drops it.
pub(super) fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ạ' | 'ả' | 'ấ' | 'ặ' => {
            "a"
        }
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "A",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Č' | 'Ć' => "C",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'ệ' | 'ế' | 'ề' => "e",
        'È' | 'É' | 'Ê' => "E",
        'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ị' => "i",
        'Í' | 'Î' => "I",
        'ñ' | 'ń' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'ộ' | 'ố' | 'ơ' | 'ờ' => "o",
        'Ó' | 'Ö' | 'Ø' => "O",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ư' | 'ứ' => "u",
        'Ú' | 'Ü' => "U",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ł' => "l",
        'Ł' => "L",
        'đ' => "d",
        'Đ' => "D",
        'ş' | 'ș' | 'ś' | 'š' => "s",
        'Ş' | 'Ș' | 'Ś' | 'Š' => "S",
        'ţ' | 'ț' => "t",
        'ğ' => "g",
        'ź' | 'ż' | 'ž' => "z",
        'ř' => "r",
        '’' | '\'' => "",
        _ => return None,
    })
}

/// The name in plain Latin letters, or `None` when it already is.
pub(super) fn ascii_alias(name: &str) -> Option<String> {
    if name.is_ascii() {
        return None;
    }
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match fold(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    out.is_ascii().then_some(out)
}

/// A lowercase id made of `a-z`, `0-9` and single `-`.
pub(super) fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut push = |s: &str| {
        for c in s.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
    };
    for c in name.chars() {
        match fold(c) {
            Some(s) => push(s),
            None => push(c.encode_utf8(&mut [0; 4])),
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// Appends `s` as a TOML basic string. Clean runs are copied whole: this is the hot loop.
pub(super) fn push_str(out: &mut String, s: &str) {
    out.push('"');
    // Most text needs no escapes: check that in blocks the compiler can vectorise.
    let needs = |b: u8| b < 0x20 || b == b'"' || b == b'\\' || b == 0x7F;
    if !s
        .as_bytes()
        .chunks(32)
        .any(|c| c.iter().fold(false, |any, &b| any | needs(b)))
    {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut clean = 0;
    for (i, b) in s.bytes().enumerate() {
        // TOML forbids raw ASCII control characters in basic strings; everything else,
        // including C1 controls, may appear as itself.
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            0..0x20 | 0x7F => "",
            _ => continue,
        };
        out.push_str(&s[clean..i]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{b:04X}");
        } else {
            out.push_str(escape);
        }
        clean = i + 1;
    }
    out.push_str(&s[clean..]);
    out.push('"');
}

/// Appends `n` in decimal, zero-padded to `width`. `format!` is slow in this hot loop.
pub(super) fn push_num(out: &mut String, n: usize, width: usize) {
    let mut digits = [b'0'; 20];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b"0123456789"[n % 10];
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let start = i.min(digits.len() - width.min(digits.len()));
    out.extend(digits[start..].iter().map(|&d| char::from(d)));
}

/// `YYYY-MM` for a count of months since year 0.
pub(super) fn month_str(months: i64) -> String {
    format!(
        "{:04}-{:02}",
        months.div_euclid(12),
        months.rem_euclid(12) + 1
    )
}

pub(super) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_plain_and_names_fold_to_ascii() {
        assert_eq!(slug("Côte d’Ivoire"), "cote-divoire");
        assert_eq!(slug("São Tomé and Príncipe"), "sao-tome-and-principe");
        assert_eq!(slug("Korir Sing’oei"), "korir-singoei");
        assert_eq!(
            ascii_alias("Małgorzata Ødegaard").as_deref(),
            Some("Malgorzata Odegaard")
        );
        assert_eq!(ascii_alias("李明"), None);
        assert_eq!(ascii_alias("Peter Smith"), None);
    }

    #[test]
    fn toml_strings_are_escaped() {
        let mut out = String::new();
        push_str(&mut out, "a \"b\" \\ \n \u{7}");
        assert_eq!(out, r#""a \"b\" \\ \n \u0007""#);
    }
}
