//! The store lands with its issue.
