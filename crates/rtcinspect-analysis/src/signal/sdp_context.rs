//! [`SdpContext`]: the session descriptions known, indexed for the questions the
//! trackers ask (which codec is payload type 96 on this 5-tuple, which URI is
//! extension 3, which SSRC does this RTX SSRC repair...).

use std::net::{IpAddr, SocketAddr};

use rtcinspect_sdp::attr::SsrcGroupSemantics;
use rtcinspect_sdp::{LintKind, Sdp};

use super::SdpCodec;
use crate::context::Flow;
use crate::report::{MediaKind, SdpMediaReport, SdpReport};

/// One m-section, owned.
#[derive(Debug, Clone, Default)]
pub(crate) struct MediaIndex {
    /// `audio`, `video`, `application`...
    pub(crate) media: String,
    /// Where media for this section is received: the connection address with the
    /// port (the BUNDLE tag section's port for a bundled section), and every
    /// `a=candidate` address.
    pub(crate) endpoints: Vec<SocketAddr>,
    pub(crate) mid: Option<String>,
    /// Payload type → codec.
    pub(crate) codecs: Vec<(u8, SdpCodec)>,
    /// Extension ID → URI.
    pub(crate) extmap: Vec<(u16, String)>,
    pub(crate) ssrcs: Vec<u32>,
    /// `a=ssrc-group:FID primary rtx`.
    pub(crate) fid: Vec<(u32, u32)>,
    pub(crate) fingerprints: Vec<(String, String)>,
    pub(crate) ice_ufrag: Option<String>,
    #[cfg(test)]
    pub(crate) ice_pwd: Option<String>,
    /// `a=setup` (`actpass`, `active`, `passive`, `holdconn`).
    pub(crate) setup: Option<String>,
    /// The BUNDLE tag (first mid of its BUNDLE group), when bundled.
    pub(crate) bundle_tag: Option<String>,
}

/// A session description and its index.
#[derive(Debug, Clone)]
pub(crate) struct SdpEntry {
    /// What the report shows (without `session`, set at snapshot).
    pub(crate) report: SdpReport,
    /// The m-sections (empty when the text did not parse).
    pub(crate) sections: Vec<MediaIndex>,
    /// Identity for duplicate detection.
    pub(crate) key: u64,
}

impl SdpEntry {
    /// Every ICE ufrag of the description.
    pub(crate) fn ufrags(&self) -> impl Iterator<Item = &str> {
        self.sections.iter().filter_map(|s| s.ice_ufrag.as_deref())
    }

    /// Every endpoint of the description.
    pub(crate) fn endpoints(&self) -> impl Iterator<Item = SocketAddr> + '_ {
        self.sections
            .iter()
            .flat_map(|s| s.endpoints.iter().copied())
    }
}

/// The SDP known so far, indexed for the trackers' questions.
#[derive(Debug, Default)]
pub(crate) struct SdpContext {
    max: usize,
    entries: Vec<SdpEntry>,
    dropped: u64,
}

impl SdpContext {
    pub(crate) fn new(max: usize) -> Self {
        SdpContext {
            max,
            entries: Vec::new(),
            dropped: 0,
        }
    }

    /// Adds a description; its index, or `None` when the table is full (counted).
    pub(crate) fn insert(&mut self, entry: SdpEntry) -> Option<usize> {
        if self.entries.len() >= self.max {
            self.dropped += 1;
            return None;
        }
        self.entries.push(entry);
        Some(self.entries.len() - 1)
    }

    /// The descriptions, in the order they were seen.
    pub(crate) fn entries(&self) -> &[SdpEntry] {
        &self.entries
    }

    pub(crate) fn entry_mut(&mut self, i: usize) -> Option<&mut SdpEntry> {
        self.entries.get_mut(i)
    }

    /// Adds a trickled candidate's address to description `i`: to the m-section
    /// with that MID, else at that index, else (BUNDLE, or nothing said) to all.
    pub(crate) fn add_endpoint(
        &mut self,
        i: usize,
        mid: Option<&str>,
        mline: Option<usize>,
        addr: SocketAddr,
    ) {
        let Some(e) = self.entries.get_mut(i) else {
            return;
        };
        let by_mid = mid.and_then(|m| e.sections.iter().position(|s| s.mid.as_deref() == Some(m)));
        let target = by_mid.or(mline.filter(|k| *k < e.sections.len()));
        // Sections bundled with the target share its transport.
        let tag = target
            .and_then(|k| e.sections.get(k))
            .and_then(|s| s.bundle_tag.clone());
        for (k, s) in e.sections.iter_mut().enumerate() {
            let wanted =
                target.is_none() || target == Some(k) || tag.is_some() && s.bundle_tag == tag;
            if wanted && !s.endpoints.contains(&addr) && s.endpoints.len() < 64 {
                s.endpoints.push(addr);
            }
        }
    }

    /// The index of a description with this identity, if any.
    pub(crate) fn find_key(&self, key: u64) -> Option<usize> {
        self.entries.iter().rposition(|e| e.key == key)
    }

    /// The m-sections whose endpoints include `addr`, newest description first.
    fn sections_at(&self, addr: SocketAddr) -> impl Iterator<Item = (usize, &MediaIndex)> {
        self.entries
            .iter()
            .enumerate()
            .rev()
            .flat_map(move |(i, e)| {
                e.sections
                    .iter()
                    .filter(move |s| s.endpoints.contains(&addr))
                    .map(move |s| (i, s))
            })
    }

    /// The m-sections for a flow: those receiving at its destination, then those
    /// receiving at its source (the other direction of the same 5-tuple).
    fn sections_for(&self, flow: Flow) -> impl Iterator<Item = (usize, &MediaIndex)> {
        self.sections_at(flow.dst).chain(self.sections_at(flow.src))
    }

    /// The codec for payload type `pt` on `flow` (SDP whose connection address and
    /// port match an end of the flow, else the m-section announcing the SSRC, else
    /// any SDP of the capture that maps `pt`, when they all agree).
    pub(crate) fn codec(&self, flow: Flow, ssrc: u32, pt: u8) -> Option<SdpCodec> {
        // 1. By address: under BUNDLE several sections share the address; the one
        //    announcing the SSRC first, else the first mapping the payload type.
        let at_flow: Vec<(usize, &MediaIndex)> = self.sections_for(flow).collect();
        let by_flow = at_flow
            .iter()
            .filter(|(_, s)| s.ssrcs.contains(&ssrc))
            .chain(at_flow.iter())
            .find_map(|(_, s)| codec_in(s, pt));
        if by_flow.is_some() {
            return by_flow;
        }
        // 2. By SSRC.
        let by_ssrc = self
            .entries
            .iter()
            .rev()
            .flat_map(|e| e.sections.iter())
            .filter(|s| s.ssrcs.contains(&ssrc))
            .find_map(|s| codec_in(s, pt));
        if by_ssrc.is_some() {
            return by_ssrc;
        }
        // 3. Any description mapping the payload type, if they all agree.
        let mut all = self
            .entries
            .iter()
            .flat_map(|e| e.sections.iter())
            .filter_map(|s| codec_in(s, pt));
        let mut first = all.next()?;
        for c in all {
            if !c.name.eq_ignore_ascii_case(&first.name) || c.clock_rate != first.clock_rate {
                return None;
            }
            if c.mid != first.mid {
                first.mid = None;
            }
        }
        Some(first)
    }

    /// The `a=extmap` URI for extension `id` on `flow` (by address, else any
    /// description, when they all agree).
    pub(crate) fn extmap(&self, flow: Flow, id: u8) -> Option<&str> {
        let id = u16::from(id);
        fn find(s: &MediaIndex, id: u16) -> Option<&str> {
            s.extmap
                .iter()
                .find(|(i, _)| *i == id)
                .map(|(_, u)| u.as_str())
        }
        if let Some(u) = self.sections_for(flow).find_map(|(_, s)| find(s, id)) {
            return Some(u);
        }
        let mut all = self
            .entries
            .iter()
            .flat_map(|e| e.sections.iter())
            .filter_map(|s| find(s, id));
        let first = all.next()?;
        all.all(|u| u == first).then_some(first)
    }

    /// The primary SSRC of an RTX SSRC from `a=ssrc-group:FID`.
    pub(crate) fn rtx_primary(&self, rtx_ssrc: u32) -> Option<u32> {
        self.entries
            .iter()
            .rev()
            .flat_map(|e| e.sections.iter())
            .flat_map(|s| s.fid.iter())
            .find(|(_, rtx)| *rtx == rtx_ssrc)
            .map(|(p, _)| *p)
    }

    /// The MID of the m-section announcing `ssrc`.
    pub(crate) fn mid_of_ssrc(&self, ssrc: u32) -> Option<&str> {
        self.entries
            .iter()
            .rev()
            .flat_map(|e| e.sections.iter())
            .find(|s| s.ssrcs.contains(&ssrc))
            .and_then(|s| s.mid.as_deref())
    }

    // Used by the tests; the trackers ask `codec`, `extmap` and friends.
    #[cfg(test)]
    /// The MID of the m-section on `flow` that maps `pt` (BUNDLE: payload types are
    /// unique across the bundled sections).
    pub(crate) fn mid_for(&self, flow: Flow, pt: u8) -> Option<&str> {
        self.sections_for(flow)
            .find(|(_, s)| s.codecs.iter().any(|(p, _)| *p == pt))
            .and_then(|(_, s)| s.mid.as_deref())
    }

    // Used by the tests; the trackers ask `codec`, `extmap` and friends.
    #[cfg(test)]
    /// The descriptions with an m-section receiving at an end of `flow`.
    pub(crate) fn entries_for(&self, flow: Flow) -> Vec<usize> {
        let mut v: Vec<usize> = self.sections_for(flow).map(|(i, _)| i).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Every `a=fingerprint` (algorithm, value) known, for the DTLS check; empty when
    /// no SDP is known.
    pub(crate) fn fingerprints(&self) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = Vec::new();
        for fp in self
            .entries
            .iter()
            .flat_map(|e| e.sections.iter())
            .flat_map(|s| s.fingerprints.iter())
        {
            if !v.contains(fp) {
                v.push(fp.clone());
            }
        }
        v
    }

    // Used by the tests; the trackers ask `codec`, `extmap` and friends.
    #[cfg(test)]
    /// The ICE password of the description carrying `ufrag`, for checking
    /// MESSAGE-INTEGRITY.
    pub(crate) fn ice_pwd(&self, ufrag: &str) -> Option<&str> {
        self.entries
            .iter()
            .rev()
            .flat_map(|e| e.sections.iter())
            .find(|s| s.ice_ufrag.as_deref() == Some(ufrag))
            .and_then(|s| s.ice_pwd.as_deref())
    }

    /// SDP not kept because the table was full.
    pub(crate) fn dropped(&self) -> u64 {
        self.dropped
    }
}

fn codec_in(s: &MediaIndex, pt: u8) -> Option<SdpCodec> {
    s.codecs
        .iter()
        .find(|(p, _)| *p == pt)
        .map(|(_, c)| c.clone())
}

/// A description read: m-sections for the report and for the index, lints (text,
/// and whether worth a finding), the first ICE ufrag and the fingerprints.
#[derive(Debug, Clone, Default)]
pub(crate) struct Indexed {
    pub(crate) media: Vec<SdpMediaReport>,
    pub(crate) sections: Vec<MediaIndex>,
    pub(crate) lint: Vec<(String, bool)>,
}

/// Lints that mean the description will not work as meant (the rest are style).
fn worth_a_finding(kind: &LintKind<'_>) -> bool {
    matches!(
        kind,
        LintKind::DynamicPtWithoutRtpmap(_)
            | LintKind::RtxBadApt(_)
            | LintKind::DuplicateMid(_)
            | LintKind::GroupUnknownMid(_)
            | LintKind::MissingIceUfrag
            | LintKind::MissingIcePwd
            | LintKind::MissingFingerprint
            | LintKind::ExtmapIdReused(_)
            | LintKind::ExtmapIdOutOfRange(_)
            | LintKind::SsrcGroupUnknownSsrc(_)
    )
}

/// Reads a description for the report and the index; `Err` with the reason when it
/// is not SDP.
pub(crate) fn index(text: &str) -> Result<Indexed, String> {
    let sdp = Sdp::parse(text).map_err(|e| e.to_string())?;
    let mut reports = Vec::new();
    let mut sections: Vec<MediaIndex> = Vec::new();
    for i in 0..sdp.media_count() {
        let Some(r) = sdp.resolve(i) else { continue };
        let ml = r.media_line();
        let media = ml.map(|m| m.media.to_owned()).unwrap_or_default();
        let port = ml.map(|m| m.port).unwrap_or(0);
        let kind = match media.as_str() {
            "audio" => MediaKind::Audio,
            "video" => MediaKind::Video,
            _ => MediaKind::Unknown,
        };
        let mid = r.mid().map(str::to_owned);
        let codecs: Vec<(u8, SdpCodec)> = r
            .codecs()
            .map(|c| {
                let media = if c.is_rtx() {
                    MediaKind::Rtx
                } else if c.is_fec() {
                    MediaKind::Fec
                } else {
                    kind
                };
                (
                    c.payload_type,
                    SdpCodec {
                        name: c.encoding.to_owned(),
                        clock_rate: c.clock_rate,
                        media,
                        apt: c.apt,
                        mid: mid.clone(),
                    },
                )
            })
            .collect();
        // The port media arrives at: a bundled section uses its BUNDLE tag's.
        let tag_port = r.bundle_tag().and_then(|tag| {
            (0..sdp.media_count())
                .filter_map(|k| sdp.resolve(k))
                .find(|t| t.mid() == Some(tag))
                .and_then(|t| t.media_line())
                .map(|m| m.port)
        });
        let recv_port = tag_port.filter(|p| *p != 0).unwrap_or(port);
        let mut endpoints = Vec::new();
        if let Some(c) = r.connection() {
            if let Ok(ip) = c.address.parse::<IpAddr>() {
                if !ip.is_unspecified() && recv_port != 0 && recv_port != 9 {
                    endpoints.push(SocketAddr::new(ip, recv_port));
                }
            }
        }
        let mut cand_from = |r: &rtcinspect_sdp::ResolvedMedia<'_, '_>| {
            for c in r.candidates() {
                if let Ok(ip) = c.address.parse::<IpAddr>() {
                    let a = SocketAddr::new(ip, c.port);
                    if !endpoints.contains(&a) && endpoints.len() < 64 {
                        endpoints.push(a);
                    }
                }
            }
        };
        cand_from(&r);
        // Bundled sections without candidates receive on the tag section's.
        if let Some(tag) = r.bundle_tag() {
            if let Some(t) = (0..sdp.media_count())
                .filter_map(|k| sdp.resolve(k))
                .find(|t| t.mid() == Some(tag))
            {
                cand_from(&t);
            }
        }
        let ssrcs: Vec<u32> = r.ssrcs().map(|s| s.ssrc).take(256).collect();
        let fid = r
            .ssrc_groups()
            .filter(|g| g.semantics == SsrcGroupSemantics::Fid)
            .filter_map(|g| {
                let mut it = g.ssrcs();
                Some((it.next()?, it.next()?))
            })
            .take(256)
            .collect();
        let extmap = r
            .extensions()
            .map(|e| (e.id, e.uri.to_owned()))
            .take(64)
            .collect();
        let fingerprints = r
            .fingerprints()
            .map(|f| (f.hash.to_ascii_lowercase(), f.value.to_ascii_uppercase()))
            .collect();
        reports.push(SdpMediaReport {
            media: media.clone(),
            port,
            mid: mid.clone(),
            direction: Some(r.direction().as_str().to_owned()),
            codecs: codecs
                .iter()
                .map(|(pt, c)| format!("{pt} {}/{}", c.name, c.clock_rate))
                .collect(),
            ssrcs: ssrcs.clone(),
        });
        sections.push(MediaIndex {
            media,
            endpoints,
            mid,
            codecs,
            extmap,
            ssrcs,
            fid,
            fingerprints,
            ice_ufrag: r.ice_ufrag().map(str::to_owned),
            #[cfg(test)]
            ice_pwd: r.ice_pwd().map(str::to_owned),
            setup: r.setup().map(|s| s.as_str().to_owned()),
            bundle_tag: r.bundle_tag().map(str::to_owned),
        });
    }
    let lint = sdp
        .lint()
        .iter()
        .map(|l| (l.to_string(), worth_a_finding(&l.kind)))
        .collect();
    Ok(Indexed {
        media: reports,
        sections,
        lint,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use rtcinspect_capture::Transport;

    /// A libwebrtc-style BUNDLE offer: both sections on port 9 with `c=0.0.0.0`, the
    /// candidate only in the first (the BUNDLE tag); video with RTX (RFC 4588 apt and
    /// `a=ssrc-group:FID`).
    const BUNDLE: &str = "v=0\r\n\
        o=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n\
        a=group:BUNDLE 0 1\r\n\
        m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\n\
        a=candidate:1 1 udp 2122260223 192.168.1.10 50000 typ host\r\n\
        a=ice-ufrag:abcd\r\na=ice-pwd:0123456789012345678901\r\n\
        a=fingerprint:sha-256 AB:CD:EF\r\na=mid:0\r\n\
        a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n\
        a=rtpmap:111 opus/48000/2\r\na=ssrc:3333 cname:x\r\n\
        m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\n\
        a=extmap:3 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\r\n\
        a=rtpmap:96 VP8/90000\r\na=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96\r\n\
        a=ssrc-group:FID 1111 2222\r\na=ssrc:1111 cname:x\r\na=ssrc:2222 cname:x\r\n";

    fn sip_sdp(addr: &str, port: u16, map: &str) -> String {
        format!(
            "v=0\r\no=- 1 1 IN IP4 {addr}\r\ns=-\r\nc=IN IP4 {addr}\r\nt=0 0\r\n\
             m=audio {port} RTP/AVP 0 96\r\na=rtpmap:96 {map}\r\n"
        )
    }

    fn ctx(texts: &[&str]) -> SdpContext {
        let mut c = SdpContext::new(16);
        for (k, t) in texts.iter().enumerate() {
            let ix = index(t).unwrap();
            c.insert(SdpEntry {
                report: SdpReport::default(),
                sections: ix.sections,
                key: k as u64,
            });
        }
        c
    }

    fn flow(src: &str, dst: &str) -> Flow {
        Flow {
            src: src.parse().unwrap(),
            dst: dst.parse().unwrap(),
            transport: Transport::Udp,
        }
    }

    #[test]
    fn bundle_rtx_fid_extmap() {
        let c = ctx(&[BUNDLE]);
        // Media to the candidate: both bundled sections receive there; the payload
        // type picks the section (RFC 9143 §7.1: unique across bundled sections).
        let to = flow("192.168.1.20:40000", "192.168.1.10:50000");
        let vp8 = c.codec(to, 1111, 96).unwrap();
        assert_eq!(
            (vp8.name.as_str(), vp8.clock_rate, vp8.media),
            ("VP8", 90000, MediaKind::Video)
        );
        assert_eq!(vp8.mid.as_deref(), Some("1"));
        let rtx = c.codec(to, 2222, 97).unwrap();
        assert_eq!((rtx.media, rtx.apt), (MediaKind::Rtx, Some(96)));
        // The other direction (from the candidate) matches by its source.
        let from = flow("192.168.1.10:50000", "192.168.1.20:40000");
        let opus = c.codec(from, 3333, 111).unwrap();
        assert_eq!(
            (opus.name.as_str(), opus.clock_rate, opus.media),
            ("opus", 48000, MediaKind::Audio)
        );
        assert_eq!(
            c.extmap(to, 3),
            Some("http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time")
        );
        assert_eq!(
            c.extmap(to, 1),
            Some("urn:ietf:params:rtp-hdrext:ssrc-audio-level")
        );
        assert_eq!(c.extmap(to, 2), None);
        assert_eq!(c.rtx_primary(2222), Some(1111));
        assert_eq!(c.rtx_primary(1111), None);
        assert_eq!(c.mid_of_ssrc(2222), Some("1"));
        assert_eq!(c.mid_of_ssrc(3333), Some("0"));
        assert_eq!(c.mid_for(to, 111), Some("0"));
        assert_eq!(
            c.fingerprints(),
            vec![("sha-256".to_owned(), "AB:CD:EF".to_owned())]
        );
        assert_eq!(c.ice_pwd("abcd"), Some("0123456789012345678901"));
        // An unrelated flow: found by SSRC (RFC 5576 a=ssrc), else by the payload
        // type mapped once in the capture.
        let other = flow("10.9.9.9:1", "10.9.9.8:2");
        assert_eq!(c.codec(other, 1111, 96).unwrap().name, "VP8");
        assert_eq!(c.codec(other, 7, 111).unwrap().name, "opus");
        assert_eq!(c.codec(other, 7, 100), None);
    }

    #[test]
    fn address_then_ssrc_then_unambiguous() {
        let a = sip_sdp("10.0.0.1", 4000, "opus/48000/2");
        let b = sip_sdp("10.0.0.2", 5000, "opus/48000/2");
        let c = ctx(&[&a, &b]);
        // c= and m= port of the receiving end.
        let to_a = flow("10.0.0.2:5000", "10.0.0.1:4000");
        assert_eq!(c.codec(to_a, 1, 0).unwrap().name, "PCMU"); // RFC 3551 static
        assert_eq!(c.entries_for(to_a), vec![0, 1]);
        // Both map 96 the same way: unambiguous for any flow.
        assert_eq!(
            c.codec(flow("1.1.1.1:1", "2.2.2.2:2"), 1, 96).unwrap().name,
            "opus"
        );
        // A third description maps 96 otherwise: only the address decides now.
        let h264 = sip_sdp("10.0.0.3", 6000, "H264/90000");
        let c = ctx(&[&a, &b, &h264]);
        assert_eq!(c.codec(flow("1.1.1.1:1", "2.2.2.2:2"), 1, 96), None);
        assert_eq!(
            c.codec(flow("1.1.1.1:1", "10.0.0.3:6000"), 1, 96)
                .unwrap()
                .name,
            "H264"
        );
        assert_eq!(c.codec(to_a, 1, 96).unwrap().name, "opus");
    }

    /// A trickled candidate (RFC 8838) makes flows to it match the description.
    #[test]
    fn trickled_endpoint() {
        let text = BUNDLE.replace(
            "a=candidate:1 1 udp 2122260223 192.168.1.10 50000 typ host\r\n",
            "",
        );
        let mut c = ctx(&[&text]);
        let to = flow("192.168.1.20:40000", "192.168.1.10:50000");
        // Without the candidate, 96 is still found (by SSRC, then unambiguous).
        assert_eq!(c.entries_for(to), Vec::<usize>::new());
        c.add_endpoint(0, Some("0"), Some(0), "192.168.1.10:50000".parse().unwrap());
        assert_eq!(c.entries_for(to), vec![0]);
        // BUNDLE: the video section receives there too.
        assert_eq!(c.mid_for(to, 96), Some("1"));
    }

    #[test]
    fn table_is_bounded() {
        let mut c = SdpContext::new(1);
        let e = SdpEntry {
            report: SdpReport::default(),
            sections: Vec::new(),
            key: 1,
        };
        assert_eq!(c.insert(e.clone()), Some(0));
        assert_eq!(c.insert(e), None);
        assert_eq!(c.dropped(), 1);
    }
}
