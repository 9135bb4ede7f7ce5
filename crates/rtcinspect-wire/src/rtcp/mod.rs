//! RTCP packets ([RFC 3550 §6](https://www.rfc-editor.org/rfc/rfc3550#section-6)).
