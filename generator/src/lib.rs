//! Sổ tay generator library: load content → model → render → write site.
//! The `sotay` binary (src/main.rs) is a thin CLI over this library. See ARCHITECTURE.md.

pub mod assets;
pub mod blocks;
pub mod calc;
pub mod config;
pub mod content;
pub mod crossref;
pub mod data;
pub mod error;
pub mod fsutil;
pub mod glossary;
pub mod html;
pub mod http;
pub mod links;
pub mod md;
pub mod model;
pub mod offline;
pub mod output;
pub mod pdf;
pub mod pipeline;
pub mod print;
pub mod rawhtml;
pub mod render;
pub mod search;
pub mod serve;
pub mod slug;
pub mod tomlstr;
pub mod url;
pub mod wasm_build;
