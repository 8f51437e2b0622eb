//! Typed identifiers, so an application id can never be passed where a unit id is meant.
//!
//! Ids are UUID v7 (time-ordered) generated outside the core and handed in.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub Uuid);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim()).map(Self)
            }
        }
    };
}

id_type!(
    /// A förvaltning, stadsdelsförvaltning or bolag.
    UnitId
);
id_type!(
    /// A person known to the programme.
    PersonId
);
id_type!(
    /// An application (ansökan).
    ApplicationId
);
