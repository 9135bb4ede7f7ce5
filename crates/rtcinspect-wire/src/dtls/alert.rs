//! Alerts ([RFC 5246 §7.2](https://www.rfc-editor.org/rfc/rfc5246#section-7.2), as
//! DTLS uses them, [RFC 6347 §4.1.2.7](https://www.rfc-editor.org/rfc/rfc6347#section-4.1.2.7)).

use super::{AlertDescription, AlertLevel, DtlsError, invalid};
use crate::bytes::{EmitError, Writer};

/// An alert in the clear: its level and description
/// ([RFC 5246 §7.2](https://www.rfc-editor.org/rfc/rfc5246#section-7.2)).
///
/// ```text
/// struct {
///     AlertLevel level;
///     AlertDescription description;
/// } Alert;
/// ```
///
/// The same plain value is what [`Record::alert`](super::Record::alert) reads and
/// what [`FragmentRepr::Alert`](super::FragmentRepr::Alert) writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Alert {
    /// The level: warning or fatal.
    pub level: AlertLevel,
    /// What happened.
    pub description: AlertDescription,
}

impl Alert {
    /// Bytes an alert takes.
    pub const LEN: usize = 2;

    /// Reads an alert from a record fragment of exactly 2 bytes (an encrypted alert
    /// is longer, and fails).
    #[inline]
    pub fn parse(fragment: &[u8]) -> Result<Self, DtlsError> {
        match *fragment {
            [level, description] => Ok(Self {
                level: AlertLevel(level),
                description: AlertDescription(description),
            }),
            _ => Err(invalid("alert length", 0, fragment.len())),
        }
    }

    /// Length of the alert.
    pub const fn buffer_len(&self) -> usize {
        Self::LEN
    }

    /// Writes the alert at the start of `buf`; returns its length.
    pub fn emit(&self, buf: &mut [u8]) -> Result<usize, EmitError> {
        let mut w = Writer::new(buf);
        w.put(&[self.level.0, self.description.0])?;
        Ok(w.position())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fatal_handshake_failure() {
        // RFC 5246 §7.2: fatal(2), handshake_failure(40).
        let alert = Alert::parse(&[2, 40]).unwrap();
        assert_eq!(alert.level, AlertLevel::FATAL);
        assert_eq!(alert.description, AlertDescription::HANDSHAKE_FAILURE);
        let mut buf = [0u8; 2];
        assert_eq!(alert.emit(&mut buf), Ok(2));
        assert_eq!(buf, [2, 40]);
        assert_eq!(
            Alert::parse(&[1, 0, 0]),
            Err(DtlsError::InvalidValue {
                field: "alert length",
                offset: 0,
                value: 3
            })
        );
    }
}
