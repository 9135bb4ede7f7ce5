//! Writing: the model back to bytes (an unmodified parse gives the input back), and a
//! builder that writes a description from values, in canonical order with CRLF.
//!
//! ```
//! use rtcinspect_sdp::{MediaBuilder, Sdp, SdpBuilder};
//! use rtcinspect_sdp::attr::{Direction, Setup};
//!
//! let text = SdpBuilder::new("-", 4611731400430051336, 2, "IN", "IP4", "127.0.0.1")
//!     .attribute("group", Some("BUNDLE 0"))
//!     .media(
//!         MediaBuilder::new("audio", 9, "UDP/TLS/RTP/SAVPF")
//!             .connection("IN", "IP4", "0.0.0.0")
//!             .ice_credentials("F7gI", "x9cml/YzichV2+XlhiMu8g2s")
//!             .fingerprint("sha-256", &[0xab; 32])
//!             .setup(Setup::Actpass)
//!             .mid("0")
//!             .direction(Direction::SendRecv)
//!             .codec(111, "opus", 48000, Some(2), Some("minptime=10;useinbandfec=1")),
//!     )
//!     .build()
//!     .unwrap();
//! assert!(text.starts_with("v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"));
//!
//! let sdp = Sdp::parse_strict(&text).unwrap();
//! assert_eq!(sdp.to_string(), text); // written back byte for byte
//! let audio = sdp.resolve(0).unwrap();
//! assert_eq!(audio.codec(111).unwrap().channels, Some(2));
//! assert_eq!(audio.setup(), Some(Setup::Actpass));
//! ```

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::{self, Write as _};

use crate::attr::{Direction, Setup};
use crate::error::{BufferTooSmall, BuildError};
use crate::sdp::Sdp;

impl Sdp<'_> {
    /// Writes the description into `buf`, returning the number of bytes written.
    pub fn write_to(&self, buf: &mut [u8]) -> Result<usize, BufferTooSmall> {
        let needed = self.encoded_len();
        if buf.len() < needed {
            return Err(BufferTooSmall {
                needed,
                available: buf.len(),
            });
        }
        let mut at = 0;
        for line in self.lines() {
            for part in [line.text(), line.ending().as_str()] {
                let end = at + part.len();
                if let Some(dst) = buf.get_mut(at..end) {
                    dst.copy_from_slice(part.as_bytes());
                }
                at = end;
            }
        }
        Ok(at)
    }

    /// Appends the description to `out`.
    pub fn write_vec(&self, out: &mut Vec<u8>) {
        out.reserve(self.encoded_len());
        for line in self.lines() {
            out.extend_from_slice(line.text().as_bytes());
            out.extend_from_slice(line.ending().as_str().as_bytes());
        }
    }
}

impl fmt::Display for Sdp<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in self.lines() {
            f.write_str(line.text())?;
            f.write_str(line.ending().as_str())?;
        }
        Ok(())
    }
}

/// Builds a session description from values
/// ([RFC 8866 §5](https://www.rfc-editor.org/rfc/rfc8866#section-5) order, CRLF
/// endings). Values are owned; [`SdpBuilder::build`] refuses any that would break a
/// line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SdpBuilder {
    origin: String,
    session_name: String,
    information: Option<String>,
    uri: Option<String>,
    emails: Vec<String>,
    phones: Vec<String>,
    connection: Option<String>,
    bandwidths: Vec<String>,
    timings: Vec<(u64, u64)>,
    attributes: Vec<(String, Option<String>)>,
    media: Vec<MediaBuilder>,
}

impl SdpBuilder {
    /// A description with its origin (`o=`), session name `-` and `t=0 0`.
    pub fn new(
        username: &str,
        session_id: u64,
        session_version: u64,
        net_type: &str,
        addr_type: &str,
        address: &str,
    ) -> Self {
        let mut origin = String::new();
        let _ = write!(
            origin,
            "{username} {session_id} {session_version} {net_type} {addr_type} {address}"
        );
        Self {
            origin,
            session_name: String::from("-"),
            information: None,
            uri: None,
            emails: Vec::new(),
            phones: Vec::new(),
            connection: None,
            bandwidths: Vec::new(),
            timings: Vec::new(),
            attributes: Vec::new(),
            media: Vec::new(),
        }
    }

    /// `s=`.
    pub fn session_name(mut self, name: &str) -> Self {
        self.session_name = name.into();
        self
    }

    /// `i=`.
    pub fn information(mut self, text: &str) -> Self {
        self.information = Some(text.into());
        self
    }

    /// `u=`.
    pub fn uri(mut self, uri: &str) -> Self {
        self.uri = Some(uri.into());
        self
    }

    /// `e=` (repeatable).
    pub fn email(mut self, email: &str) -> Self {
        self.emails.push(email.into());
        self
    }

    /// `p=` (repeatable).
    pub fn phone(mut self, phone: &str) -> Self {
        self.phones.push(phone.into());
        self
    }

    /// `c=` at session level.
    pub fn connection(mut self, net_type: &str, addr_type: &str, address: &str) -> Self {
        self.connection = Some(alloc::format!("{net_type} {addr_type} {address}"));
        self
    }

    /// `b=` (repeatable).
    pub fn bandwidth(mut self, kind: &str, value: u64) -> Self {
        self.bandwidths.push(alloc::format!("{kind}:{value}"));
        self
    }

    /// `t=` (repeatable; `t=0 0` is written when none is given).
    pub fn timing(mut self, start: u64, stop: u64) -> Self {
        self.timings.push((start, stop));
        self
    }

    /// A session-level attribute (`None`: a property attribute).
    pub fn attribute(mut self, name: &str, value: Option<&str>) -> Self {
        self.attributes.push((name.into(), value.map(Into::into)));
        self
    }

    /// A media section.
    pub fn media(mut self, media: MediaBuilder) -> Self {
        self.media.push(media);
        self
    }

    /// Writes the description.
    pub fn build(&self) -> Result<String, BuildError> {
        let mut out = String::new();
        self.write(&mut out)?;
        Ok(out)
    }

    /// Appends the description to `out`.
    pub fn write(&self, out: &mut String) -> Result<(), BuildError> {
        line(out, 'v', "v=", "0")?;
        line(out, 'o', "o=", &self.origin)?;
        line(
            out,
            's',
            "s=",
            if self.session_name.is_empty() {
                " "
            } else {
                &self.session_name
            },
        )?;
        if let Some(i) = &self.information {
            line(out, 'i', "i=", i)?;
        }
        if let Some(u) = &self.uri {
            line(out, 'u', "u=", u)?;
        }
        for e in &self.emails {
            line(out, 'e', "e=", e)?;
        }
        for p in &self.phones {
            line(out, 'p', "p=", p)?;
        }
        if let Some(c) = &self.connection {
            line(out, 'c', "c=", c)?;
        }
        for b in &self.bandwidths {
            line(out, 'b', "b=", b)?;
        }
        if self.timings.is_empty() {
            out.push_str("t=0 0\r\n");
        }
        for (start, stop) in &self.timings {
            let _ = write!(out, "t={start} {stop}\r\n");
        }
        for (name, value) in &self.attributes {
            attribute(out, name, value.as_deref())?;
        }
        for m in &self.media {
            m.write(out)?;
        }
        Ok(())
    }
}

/// A media section for [`SdpBuilder::media`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaBuilder {
    media: String,
    port: u16,
    port_count: Option<u16>,
    proto: String,
    formats: Vec<String>,
    information: Option<String>,
    connections: Vec<String>,
    bandwidths: Vec<String>,
    attributes: Vec<(String, Option<String>)>,
}

impl MediaBuilder {
    /// `m=<media> <port> <proto>`; formats are added by [`MediaBuilder::format`] and
    /// [`MediaBuilder::codec`].
    pub fn new(media: &str, port: u16, proto: &str) -> Self {
        Self {
            media: media.into(),
            port,
            port_count: None,
            proto: proto.into(),
            formats: Vec::new(),
            information: None,
            connections: Vec::new(),
            bandwidths: Vec::new(),
            attributes: Vec::new(),
        }
    }

    /// The number of ports (`m=<media> <port>/<count>`).
    pub fn port_count(mut self, count: u16) -> Self {
        self.port_count = Some(count);
        self
    }

    /// A format on the `m=` line.
    pub fn format(mut self, format: &str) -> Self {
        self.formats.push(format.into());
        self
    }

    /// `i=`.
    pub fn information(mut self, text: &str) -> Self {
        self.information = Some(text.into());
        self
    }

    /// `c=` (repeatable).
    pub fn connection(mut self, net_type: &str, addr_type: &str, address: &str) -> Self {
        self.connections
            .push(alloc::format!("{net_type} {addr_type} {address}"));
        self
    }

    /// `b=` (repeatable).
    pub fn bandwidth(mut self, kind: &str, value: u64) -> Self {
        self.bandwidths.push(alloc::format!("{kind}:{value}"));
        self
    }

    /// An attribute (`None`: a property attribute).
    pub fn attribute(mut self, name: &str, value: Option<&str>) -> Self {
        self.attributes.push((name.into(), value.map(Into::into)));
        self
    }

    fn value(self, name: &str, value: String) -> Self {
        let mut s = self;
        s.attributes.push((name.into(), Some(value)));
        s
    }

    /// A codec: its payload type on the `m=` line, `a=rtpmap` and, if given, `a=fmtp`.
    pub fn codec(
        self,
        pt: u8,
        encoding: &str,
        clock_rate: u32,
        channels: Option<u16>,
        fmtp: Option<&str>,
    ) -> Self {
        let mut s = self.format(&alloc::format!("{pt}"));
        s = match channels {
            Some(c) => s.value("rtpmap", alloc::format!("{pt} {encoding}/{clock_rate}/{c}")),
            None => s.value("rtpmap", alloc::format!("{pt} {encoding}/{clock_rate}")),
        };
        match fmtp {
            Some(f) => s.value("fmtp", alloc::format!("{pt} {f}")),
            None => s,
        }
    }

    /// `a=rtcp-fb:<pt> <kind> [<param>]` (`None` for `*`).
    pub fn rtcp_fb(self, pt: Option<u8>, kind: &str, param: Option<&str>) -> Self {
        let mut v = match pt {
            Some(pt) => alloc::format!("{pt} {kind}"),
            None => alloc::format!("* {kind}"),
        };
        if let Some(p) = param {
            v.push(' ');
            v.push_str(p);
        }
        self.value("rtcp-fb", v)
    }

    /// `a=extmap:<id> <uri>`.
    pub fn extmap(self, id: u16, uri: &str) -> Self {
        self.value("extmap", alloc::format!("{id} {uri}"))
    }

    /// `a=mid`.
    pub fn mid(self, mid: &str) -> Self {
        self.value("mid", mid.into())
    }

    /// `a=ice-ufrag` and `a=ice-pwd`.
    pub fn ice_credentials(self, ufrag: &str, pwd: &str) -> Self {
        self.value("ice-ufrag", ufrag.into())
            .value("ice-pwd", pwd.into())
    }

    /// `a=fingerprint:<hash> <bytes as upper-case hex pairs>` (RFC 8122 §5).
    pub fn fingerprint(self, hash: &str, bytes: &[u8]) -> Self {
        let mut v = String::with_capacity(hash.len() + 1 + bytes.len() * 3);
        v.push_str(hash);
        v.push(' ');
        for (i, b) in bytes.iter().enumerate() {
            if i > 0 {
                v.push(':');
            }
            let _ = write!(v, "{b:02X}");
        }
        self.value("fingerprint", v)
    }

    /// `a=setup`.
    pub fn setup(self, setup: Setup) -> Self {
        self.value("setup", setup.as_str().into())
    }

    /// The direction attribute.
    pub fn direction(self, direction: Direction) -> Self {
        self.attribute(direction.as_str(), None)
    }

    /// `a=ssrc:<ssrc> <attribute>[:<value>]`.
    pub fn ssrc(self, ssrc: u32, attribute: &str, value: Option<&str>) -> Self {
        let v = match value {
            Some(val) => alloc::format!("{ssrc} {attribute}:{val}"),
            None => alloc::format!("{ssrc} {attribute}"),
        };
        self.value("ssrc", v)
    }

    fn write(&self, out: &mut String) -> Result<(), BuildError> {
        let mut m = alloc::format!("{} {}", self.media, self.port);
        if let Some(c) = self.port_count {
            let _ = write!(m, "/{c}");
        }
        let _ = write!(m, " {}", self.proto);
        for f in &self.formats {
            let _ = write!(m, " {f}");
        }
        if self.formats.is_empty() {
            return Err(BuildError { field: "m= fmt" });
        }
        line(out, 'm', "m=", &m)?;
        if let Some(i) = &self.information {
            line(out, 'i', "i=", i)?;
        }
        for c in &self.connections {
            line(out, 'c', "c=", c)?;
        }
        for b in &self.bandwidths {
            line(out, 'b', "b=", b)?;
        }
        for (name, value) in &self.attributes {
            attribute(out, name, value.as_deref())?;
        }
        Ok(())
    }
}

fn clean(s: &str) -> bool {
    !s.contains(['\r', '\n', '\0'])
}

fn line(
    out: &mut String,
    letter: char,
    field: &'static str,
    value: &str,
) -> Result<(), BuildError> {
    if !clean(value) {
        return Err(BuildError { field });
    }
    out.push(letter);
    out.push('=');
    out.push_str(value);
    out.push_str("\r\n");
    Ok(())
}

fn attribute(out: &mut String, name: &str, value: Option<&str>) -> Result<(), BuildError> {
    if name.is_empty() || !crate::grammar::is_token(name) || !value.is_none_or(clean) {
        return Err(BuildError { field: "a=" });
    }
    out.push_str("a=");
    out.push_str(name);
    if let Some(v) = value {
        out.push(':');
        out.push_str(v);
    }
    out.push_str("\r\n");
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use alloc::string::ToString;
    use alloc::vec;

    use super::*;
    use crate::line::{Line, LineEnding, LineKind};

    const OFFER: &str = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n\
        m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=setup:actpass\r\n\
        a=rtpmap:111 opus/48000/2\r\n";

    #[test]
    fn writes_back_into_a_buffer() {
        let sdp = Sdp::parse(OFFER).unwrap();
        let mut buf = vec![0u8; OFFER.len()];
        assert_eq!(sdp.write_to(&mut buf), Ok(OFFER.len()));
        assert_eq!(buf, OFFER.as_bytes());
        let mut small = [0u8; 10];
        assert_eq!(
            sdp.write_to(&mut small),
            Err(BufferTooSmall {
                needed: OFFER.len(),
                available: 10
            })
        );
        let mut v = Vec::new();
        sdp.write_vec(&mut v);
        assert_eq!(v, OFFER.as_bytes());
    }

    #[test]
    fn edits_lines_and_writes_them() {
        // An answerer turns the offer's setup role around and adds a mid.
        let sdp = Sdp::parse(OFFER).unwrap();
        let mut lines = sdp.into_lines();
        let at = lines
            .iter()
            .position(|l| l.text() == "a=setup:actpass")
            .unwrap();
        lines[at] = Line::new("a=setup:active", LineEnding::CrLf);
        lines.insert(at + 1, Line::new("a=mid:0", LineEnding::CrLf));
        let edited = Sdp::from_lines(lines);
        let text = edited.to_string();
        assert!(text.contains("a=setup:active\r\na=mid:0\r\n"));
        let again = Sdp::parse_strict(&text).unwrap();
        let r = again.resolve(0).unwrap();
        assert_eq!((r.setup(), r.mid()), (Some(Setup::Active), Some("0")));
        assert_eq!(edited.media_count(), 1);
        assert_eq!(edited.lines()[4].kind(), LineKind::Media);
    }

    #[test]
    fn builder_refuses_line_breaks() {
        let b = SdpBuilder::new("-", 1, 1, "IN", "IP4", "0.0.0.0").session_name("a\r\nb");
        assert_eq!(b.build(), Err(BuildError { field: "s=" }));
        let b = SdpBuilder::new("-", 1, 1, "IN", "IP4", "0.0.0.0")
            .media(MediaBuilder::new("audio", 9, "RTP/AVP").attribute("bad name", None));
        assert_eq!(b.build().unwrap_err().field, "m= fmt");
        let b = SdpBuilder::new("-", 1, 1, "IN", "IP4", "0.0.0.0").media(
            MediaBuilder::new("audio", 9, "RTP/AVP")
                .format("0")
                .attribute("bad name", None),
        );
        assert_eq!(b.build(), Err(BuildError { field: "a=" }));
        let ok = SdpBuilder::new("-", 1, 1, "IN", "IP4", "0.0.0.0")
            .media(MediaBuilder::new("audio", 9, "RTP/AVP").format("0"))
            .build()
            .unwrap();
        assert_eq!(
            ok.to_string(),
            "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n"
        );
    }
}
