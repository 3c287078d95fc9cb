//! The interactive browser.
//!
//! Input flows one way. The event loop ([`runtime`]) turns every terminal event, signal,
//! search answer and file change into an [`action::Action`]; [`app::App::update`] applies
//! it, does no I/O, and returns [`action::Effect`]s that the loop carries out; then
//! [`view::draw`] draws the state and records the frame's geometry, which goes back to
//! `update` as an action too. Drawing never changes what the user sees as state.
//!
//! The layout, each module using only those listed before it:
//! - [`action`]: the vocabulary (actions, effects, panes, modes, geometry), importing
//!   nothing from `tui`; [`theme`], [`text`], [`cells`], [`scroll`] and [`scope`] are
//!   leaves too;
//! - [`keymap`]: keys as data, the source of every hint on screen; [`history`];
//!   [`line_editor`]; [`reading`]: read marks and bookmarks as the screen shows them;
//! - [`panes`]: one module per pane (rows, row drawing, detail, citation), registered in
//!   one table, with the list and detail view they share;
//! - [`overlays`]: help, search and problems, each owning its state, actions and drawing;
//! - [`browser`]: moving through the panes; [`app`]: the state and `update`;
//! - [`view`]: the screen; [`input`], [`worker`], [`reload`], [`terminal`], [`timer`]
//!   and [`runtime`]: the outside world.

pub mod action;
pub mod app;
pub mod browser;
pub mod cells;
pub mod editor;
pub mod history;
pub mod input;
pub mod keymap;
pub mod line_editor;
pub mod loading;
pub mod overlays;
pub mod panes;
pub mod reading;
pub mod reload;
pub mod runtime;
pub mod scope;
pub mod scroll;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod timer;
pub mod view;
pub mod worker;

pub use runtime::run;
pub use terminal::{osc52, restore};
