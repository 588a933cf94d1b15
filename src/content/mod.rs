//! What the app teaches: the model, and the catalogue compiled into the server with the checks
//! that keep it sound. The pages that show it live with their features (learn, finder,
//! stretches).

pub mod catalogue;
pub mod model;

pub use catalogue::{catalogue, Catalogue, ContentError};
