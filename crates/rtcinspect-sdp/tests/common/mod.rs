//! Helpers shared by the integration tests and the `sdp` fuzz target (which includes
//! this file with `#[path]`): read everything a description offers.
#![allow(dead_code, unreachable_pub, missing_docs)]

use rtcinspect_sdp::Sdp;
use rtcinspect_sdp::attr::Attr;

/// Parses leniently, writes back and compares; then walks every typed attribute, every
/// field line, the resolved view of every media section, the findings and the lints.
/// Returns whether the text parsed.
pub fn check_text(text: &str) -> bool {
    let Ok(sdp) = Sdp::parse(text) else {
        return false;
    };
    assert_eq!(sdp.to_string(), text, "written back differently");
    let mut buf = vec![0u8; sdp.encoded_len()];
    assert_eq!(sdp.write_to(&mut buf), Ok(text.len()));
    assert_eq!(buf, text.as_bytes());
    walk(&sdp);
    // Strict parsing agrees with the findings.
    let findings = sdp.findings();
    let first_violation = findings
        .iter()
        .find(|f| !f.kind.tolerated_by_rfc())
        .copied();
    match Sdp::parse_strict(text) {
        Ok(_) => assert_eq!(first_violation, None),
        Err(e) => assert_eq!(Some(e), first_violation),
    }
    for f in &findings {
        let line = &sdp.lines()[f.line as usize - 1];
        assert!(
            f.column as usize <= line.text().len() + 1,
            "{f} past the line end"
        );
        let _ = f.to_string();
    }
    true
}

/// Reads everything the model offers.
pub fn walk(sdp: &Sdp<'_>) {
    let _ = (
        sdp.version(),
        sdp.origin(),
        sdp.session_name(),
        sdp.uri(),
        sdp.time_zones(),
    );
    let _ = (sdp.emails().count(), sdp.phones().count());
    for t in sdp.timings() {
        let _ = t;
    }
    for r in sdp.repeats().flatten() {
        let _ = r.offsets().count();
    }
    if let Some(Ok(z)) = sdp.time_zones() {
        let _ = z.adjustments().count();
    }
    for section in std::iter::once(sdp.session()).chain(sdp.media()) {
        let _ = (section.media_line(), section.information(), section.key());
        let _ = (section.connections().count(), section.bandwidths().count());
        for a in section.attributes() {
            walk_attr(a.typed());
        }
    }
    for i in 0..sdp.media_count() {
        let Some(r) = sdp.resolve(i) else { continue };
        for c in r.codecs() {
            let _ = (c.is_rtx(), c.is_fec(), r.rtcp_fb(c.payload_type).count());
            if let Some(f) = c.fmtp {
                let _ = f.params().count();
            }
        }
        let _ = (r.rtx_payload_types().count(), r.fec_codecs().count());
        for e in r.extensions() {
            assert!(r.extension_uri(e.id).is_some());
        }
        for s in r.ssrcs() {
            let _ = (r.rtx_ssrc(s.ssrc), r.fec_ssrc(s.ssrc));
        }
        let _ = (r.mid(), r.rids().count(), r.simulcast(), r.msids().count());
        let _ = (r.ice_ufrag(), r.ice_pwd(), r.ice_options(), r.ice_lite());
        let _ = (r.candidates().count(), r.fingerprints().count(), r.setup());
        let _ = (r.direction(), r.connection(), r.rtcp_mux(), r.rtcp_rsize());
        let _ = (r.bundle_tag(), r.is_bundled(), r.extmap_allow_mixed());
    }
    for l in sdp.lint() {
        assert!(l.line >= 1 && l.line as usize <= sdp.lines().len());
        let _ = l.to_string();
    }
}

fn walk_attr(a: Result<Attr<'_>, rtcinspect_sdp::FieldError>) {
    match a {
        Ok(Attr::Fmtp(f)) => {
            let _ = (f.params().count(), f.apt(), f.payload_type());
        }
        Ok(Attr::SsrcGroup(g)) => {
            let _ = g.ssrcs().count();
        }
        Ok(Attr::Group(g)) => {
            let _ = g.mids().count();
        }
        Ok(Attr::MsidSemantic(m)) => {
            let _ = m.ids().count();
        }
        Ok(Attr::Rid(r)) => {
            let _ = (r.payload_types().count(), r.restrictions().count());
        }
        Ok(Attr::Simulcast(s)) => {
            for list in [s.send, s.recv].into_iter().flatten() {
                for stream in list.streams() {
                    let _ = (stream.alternatives().count(), stream.first());
                }
            }
        }
        Ok(Attr::IceOptions(o)) => {
            let _ = o.options().count();
        }
        Ok(Attr::Candidate(c)) => {
            let _ = (c.address_kind(), c.extensions().count(), c.generation());
            let _ = (c.ufrag(), c.network_id(), c.network_cost());
        }
        Ok(Attr::RemoteCandidates(r)) => {
            let _ = r.candidates().count();
        }
        Ok(Attr::Fingerprint(f)) => {
            let bytes = f.bytes();
            assert_eq!(bytes.as_slice().len(), (f.value.len() + 1) / 3);
            let _ = f.hash_function().digest_len();
        }
        Ok(Attr::Crypto(c)) => {
            for k in c.key_params() {
                let _ = k.inline();
            }
        }
        Ok(Attr::Content(c)) => {
            let _ = c.tags().count();
        }
        Ok(Attr::Ptime(p)) => {
            let _ = (p.0.as_f64(), p.0.as_u32());
        }
        Ok(_) => {}
        Err(e) => {
            let _ = e.to_string();
        }
    }
}
