//! A pseudo-terminal harness: runs the real binary in a pty, feeds its output through a
//! terminal emulator (vt100) and lets a test type keys and read the screen.
#![allow(dead_code)] // Each test binary uses a different part of the harness.

pub mod cli;
pub mod drive;
pub mod hostile;
pub mod loads;

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Records window-title changes requested by the program.
#[derive(Default)]
pub struct Titles(pub Vec<Vec<u8>>);

impl vt100::Callbacks for Titles {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.0.push(title.to_vec());
    }
}

pub struct Pty {
    pub parser: Arc<Mutex<vt100::Parser<Titles>>>,
    /// Every byte the program wrote.
    pub raw: Arc<Mutex<Vec<u8>>>,
    /// The program's side of the terminal is closed and every byte has been read.
    eof: Arc<AtomicBool>,
    writer: Box<dyn Write + Send>,
    pub master: Box<dyn MasterPty + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    /// The program's home folder: a fresh temporary one unless the test gave its own, so
    /// no test reads the user's config or writes to their reading state.
    pub home: Option<tempfile::TempDir>,
}

/// Whether the selected list row (the one marked `▶`) shows an item whose label starts
/// with `label`, whatever read or bookmark marks stand before it.
pub fn selected_is(screen: &str, label: &str) -> bool {
    screen.lines().any(|l| {
        l.split('│').nth(1).is_some_and(|row| {
            row.starts_with('▶')
                && row
                    .trim_start_matches(['▶', ' ', '•', '★', '✚', '✎'])
                    .starts_with(label)
        })
    })
}

/// The environment that points a spawned binary's home, config, state and cache folders
/// into `home`, so that it never touches the real ones.
pub fn home_env(home: &std::path::Path) -> Vec<(String, String)> {
    let at = |sub: &str| home.join(sub).to_string_lossy().into_owned();
    vec![
        ("HOME".into(), home.to_string_lossy().into_owned()),
        ("XDG_CONFIG_HOME".into(), at(".config")),
        ("XDG_STATE_HOME".into(), at(".local/state")),
        ("XDG_CACHE_HOME".into(), at(".cache")),
        ("XDG_DATA_HOME".into(), at(".local/share")),
    ]
}

impl Pty {
    pub fn spawn(args: &[&str], cols: u16, rows: u16) -> Self {
        Self::spawn_with(args, cols, rows, &[])
    }

    pub fn spawn_with(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Self {
        Self::spawn_in(
            Path::new(env!("CARGO_MANIFEST_DIR")),
            args,
            (cols, rows),
            env,
        )
    }

    /// As [`Pty::spawn_with`], with `cwd` as the program's working folder (for relative
    /// paths).
    pub fn spawn_in(
        cwd: &Path,
        args: &[&str],
        (cols, rows): (u16, u16),
        env: &[(&str, &str)],
    ) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_briefing"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("BRIEFING_CONFIG");
        let home = (!env.iter().any(|(k, _)| *k == "HOME"))
            .then(|| tempfile::tempdir().expect("a temporary home"));
        if let Some(home) = &home {
            for (k, v) in home_env(home.path()) {
                cmd.env(k, v);
            }
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(cwd);
        let child = pair.slave.spawn_command(cmd).expect("spawn briefing");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            rows,
            cols,
            0,
            Titles::default(),
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let eof = Arc::new(AtomicBool::new(false));
        let (p, r, e) = (parser.clone(), raw.clone(), eof.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut parser = p.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                // vt100 can panic when output drawn for an old size arrives after a shrink
                // to a tiny one; that is the emulator's limit, not the program's, so start
                // a fresh emulator of the current size and carry on.
                let chunk = &buf[..n];
                if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.process(chunk)))
                    .is_err()
                {
                    let (rows, cols) = parser.screen().size();
                    *parser = vt100::Parser::new_with_callbacks(
                        rows,
                        cols,
                        0,
                        std::mem::take(parser.callbacks_mut()),
                    );
                    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        parser.process(chunk);
                    }));
                }
                drop(parser);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
            e.store(true, Ordering::Release);
        });
        Self {
            parser,
            raw,
            eof,
            writer,
            master: pair.master,
            child,
            home,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen contains `text`, or fails with the screen.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(|s| s.contains(text), &format!("`{text}` on screen"));
    }

    /// Whether `text` is on screen within `limit`.
    pub fn shows_within(&self, text: &str, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        loop {
            if self.screen().contains(text) {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_until(&self, pred: impl Fn(&str) -> bool, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn resize(&self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        // The emulator cannot model a zero-sized screen; the program still sees the real size.
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows.max(1), cols.max(1));
    }

    /// Waits for the program to exit and for its last bytes to be read; returns its exit
    /// code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap()
                && self.eof.load(Ordering::Acquire)
            {
                return status.exit_code();
            }
            assert!(
                Instant::now() < deadline,
                "the program did not exit; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn pid(&self) -> i32 {
        i32::try_from(self.child.process_id().expect("pid")).unwrap()
    }

    /// The terminal is back to normal: main screen, cursor visible, no mouse capture.
    pub fn assert_restored(&self) {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "cursor still hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture left on"
        );
        assert!(!screen.bracketed_paste(), "bracketed paste left on");
    }
}
