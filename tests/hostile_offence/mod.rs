//! What may reach a terminal: a checker for captured output, shared by the hostile-input
//! tests.
#![allow(dead_code)] // Each test binary uses a different part.

/// Characters that must never reach a terminal from a file.
pub fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}' | '\u{feff}')
}

/// Checks that output holds no escape sequence except CSI (styling, cursor, modes), and no
/// forbidden characters. Returns a description of the first offence.
pub fn offence(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    if let Some(c) = text.chars().find(|&c| is_forbidden(c)) {
        return Some(format!("forbidden character U+{:04X}", u32::from(c)));
    }
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x1b => match bytes.get(i + 1) {
                Some(b'[') => {
                    // CSI: parameters and intermediates, then one final byte.
                    let mut j = i + 2;
                    while j < bytes.len() && (0x20..=0x3f).contains(&bytes[j]) {
                        j += 1;
                    }
                    if j >= bytes.len() || !(0x40..=0x7e).contains(&bytes[j]) {
                        return Some(format!("malformed CSI at byte {i}"));
                    }
                    i = j;
                }
                Some(b'7' | b'8') => i += 1,
                other => {
                    return Some(format!(
                        "escape sequence ESC {:?} at byte {i}",
                        other.map(|b| *b as char)
                    ));
                }
            },
            0x07 => return Some(format!("BEL at byte {i}")),
            0x00..=0x06 | 0x08 | 0x0b | 0x0c | 0x0e..=0x1a | 0x1c..=0x1f | 0x7f => {
                return Some(format!("control byte 0x{:02X} at byte {i}", bytes[i]));
            }
            _ => {}
        }
        i += 1;
    }
    None
}
