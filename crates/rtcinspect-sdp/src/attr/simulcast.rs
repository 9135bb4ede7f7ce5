//! RTP stream identifiers ([RFC 8851](https://www.rfc-editor.org/rfc/rfc8851)) and
//! simulcast ([RFC 8853](https://www.rfc-editor.org/rfc/rfc8853)).

use nom::bytes::complete::take_while1;

use super::{fields, typed_attribute};
use crate::error::{FieldError, FieldErrorKind};
use crate::grammar::Fields;

/// RFC 8851 §10 `rid-id` characters.
fn is_rid_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b'_'
}

/// The direction of an `a=rid`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RidDirection {
    /// `send`.
    Send,
    /// `recv`.
    Recv,
}

/// `a=rid:<id> <send|recv> [pt=<fmt>,...][;<restriction>[=<value>]]...`
/// ([RFC 8851 §10](https://www.rfc-editor.org/rfc/rfc8851#section-10)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rid<'a> {
    /// The RTP stream identifier.
    pub id: &'a str,
    /// The direction.
    pub direction: RidDirection,
    /// The payload types and restrictions, raw.
    pub params_raw: Option<&'a str>,
}

impl<'a> Rid<'a> {
    /// Parses the value; each parameter name is checked.
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        fields(value, "rid-param", |f| {
            let id = f.field("rid-id", take_while1(is_rid_char))?;
            f.space("rid-dir")?;
            let direction = if f
                .opt(nom::bytes::complete::tag::<_, _, ()>("send"))
                .is_some()
            {
                RidDirection::Send
            } else if f
                .opt(nom::bytes::complete::tag::<_, _, ()>("recv"))
                .is_some()
            {
                RidDirection::Recv
            } else {
                return Err(f.error("rid-dir"));
            };
            let params_raw = if f.eat(' ') {
                let at = f.offset();
                let raw = f.take_rest();
                let mut offset = at;
                for (i, p) in raw.split(';').enumerate() {
                    let (name, value) = p.split_once('=').map_or((p, None), |(n, v)| (n, Some(v)));
                    let ok = if i == 0 && name == "pt" {
                        value.is_some_and(|v| v.split(',').all(|fmt| !fmt.is_empty()))
                    } else {
                        !name.is_empty()
                            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    };
                    if !ok {
                        return Err(FieldError {
                            field: "rid-param",
                            offset,
                            kind: FieldErrorKind::Invalid,
                        });
                    }
                    offset += p.len() + 1;
                }
                Some(raw)
            } else {
                None
            };
            Ok(Self {
                id,
                direction,
                params_raw,
            })
        })
    }

    /// The payload types of `pt=`, if given.
    #[inline]
    pub fn payload_types(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.params()
            .find(|(n, _)| *n == "pt")
            .and_then(|(_, v)| v)
            .into_iter()
            .flat_map(|v| v.split(','))
    }

    /// Every `name[=value]` parameter, `pt` included.
    #[inline]
    pub fn params(&self) -> RidParams<'a> {
        RidParams {
            rest: self.params_raw.unwrap_or(""),
        }
    }

    /// The restrictions (every parameter but `pt`).
    #[inline]
    pub fn restrictions(&self) -> impl Iterator<Item = (&'a str, Option<&'a str>)> + use<'a> {
        self.params().filter(|(n, _)| *n != "pt")
    }

    /// The value of restriction `name` (`max-width`, `max-height`, `max-fps`, `max-fs`,
    /// `max-br`, `max-pps`, `max-bpp`, `depend`).
    #[inline]
    pub fn restriction(&self, name: &str) -> Option<&'a str> {
        self.params().find(|(n, _)| *n == name).and_then(|(_, v)| v)
    }
}
typed_attribute!(Rid, "rid");

/// Iterator over the `;`-separated parameters of a [`Rid`].
#[derive(Debug, Clone)]
pub struct RidParams<'a> {
    rest: &'a str,
}

impl<'a> Iterator for RidParams<'a> {
    type Item = (&'a str, Option<&'a str>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let (p, rest) = self.rest.split_once(';').unwrap_or((self.rest, ""));
        self.rest = rest;
        Some(p.split_once('=').map_or((p, None), |(n, v)| (n, Some(v))))
    }
}

/// `a=simulcast:send <streams> [recv <streams>]` (either order)
/// ([RFC 8853 §5.1](https://www.rfc-editor.org/rfc/rfc8853#section-5.1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Simulcast<'a> {
    /// The streams this endpoint sends.
    pub send: Option<SimulcastList<'a>>,
    /// The streams this endpoint receives.
    pub recv: Option<SimulcastList<'a>>,
}

impl<'a> Simulcast<'a> {
    /// Parses the value (the grammar of every stream list is checked).
    #[inline]
    pub fn parse(value: Option<&'a str>) -> Result<Self, FieldError> {
        fields(value, "sc-value", |f| {
            let mut send = None;
            let mut recv = None;
            for i in 0..2 {
                if i == 1 && !f.eat(' ') {
                    break;
                }
                let at = f.offset();
                let dir = f.field("sc-dir", take_while1(|c: u8| c.is_ascii_lowercase()))?;
                let slot = match dir {
                    "send" if send.is_none() => &mut send,
                    "recv" if recv.is_none() => &mut recv,
                    _ => {
                        return Err(FieldError {
                            field: "sc-dir",
                            offset: at,
                            kind: FieldErrorKind::Invalid,
                        });
                    }
                };
                f.space("sc-str-list")?;
                *slot = Some(SimulcastList(str_list(f)?));
            }
            Ok(Self { send, recv })
        })
    }
}
typed_attribute!(Simulcast, "simulcast");

/// RFC 8853 §5.1 `sc-str-list`.
fn str_list<'a>(f: &mut Fields<'a>) -> Result<&'a str, FieldError> {
    let start = f.rest();
    loop {
        f.eat('~');
        f.field("sc-id", take_while1(is_rid_char))?;
        if !(f.eat(',') || f.eat(';')) {
            break;
        }
    }
    Ok(start.get(..start.len() - f.rest().len()).unwrap_or(""))
}

/// A list of simulcast streams (RFC 8853 `sc-str-list`): streams separated by `;`,
/// each a list of alternative RIDs separated by `,`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SimulcastList<'a>(pub &'a str);

impl<'a> SimulcastList<'a> {
    /// The streams, in order.
    #[inline]
    pub fn streams(&self) -> impl Iterator<Item = SimulcastStream<'a>> + use<'a> {
        self.0.split(';').map(SimulcastStream)
    }
}

/// One simulcast stream: its alternative RIDs (RFC 8853 `sc-alt-list`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SimulcastStream<'a>(pub &'a str);

impl<'a> SimulcastStream<'a> {
    /// The alternatives, in order of preference.
    #[inline]
    pub fn alternatives(&self) -> impl Iterator<Item = SimulcastAlternative<'a>> + use<'a> {
        self.0.split(',').map(|id| match id.strip_prefix('~') {
            Some(rid) => SimulcastAlternative { rid, paused: true },
            None => SimulcastAlternative {
                rid: id,
                paused: false,
            },
        })
    }

    /// The first alternative.
    #[inline]
    pub fn first(&self) -> SimulcastAlternative<'a> {
        self.alternatives().next().unwrap_or(SimulcastAlternative {
            rid: "",
            paused: false,
        })
    }
}

/// One alternative of a simulcast stream: a RID, possibly paused (`~`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SimulcastAlternative<'a> {
    /// The RID.
    pub rid: &'a str,
    /// Whether the stream starts paused (`~rid`).
    pub paused: bool,
}
