//! RTP packets ([RFC 3550 §5.1](https://www.rfc-editor.org/rfc/rfc3550#section-5.1))
//! and header extensions ([RFC 8285](https://www.rfc-editor.org/rfc/rfc8285)).

pub mod payload;
