//! What the app teaches: the model, the catalogue compiled into the server, and the reading pages
//! (Learn, a topic, Help) with the pieces other pages reuse.

pub mod catalogue;
pub mod model;
mod pages;

pub use catalogue::{catalogue, Catalogue, ContentError};
pub use pages::{
    route_param, Cautions, EmergencyNumbers, GradeBadge, HelpPage, IsItACramp, LearnPage,
    LinkCard, PageMeta, RemedyCard, TopicPage,
};
