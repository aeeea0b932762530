//! The server lands with its issue.
