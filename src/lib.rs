//! innbox: a terminal unified inbox for property managers.
pub mod sim;
