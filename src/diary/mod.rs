//! The cramp diary: every cramp Cramp now times or the person adds, kept on the device, with
//! its patterns and a summary to show a doctor.

pub mod model;
pub mod patterns;
pub mod storage;
pub mod summary;
