//! The cramp diary: every cramp Cramp now times or the person adds, kept on the device, with
//! its patterns and a summary to show a doctor.

mod entry_form;
pub mod form;
pub mod model;
mod page;
pub mod patterns;
pub mod state;
pub mod storage;
pub mod summary;
mod summary_page;
pub mod words;

pub use page::DiaryPage;
pub use summary_page::SummaryPage;
