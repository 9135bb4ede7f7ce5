-- rtci_fields.lua: a tshark postdissector that condenses tshark's own dissection of a
-- frame into the few values a capture reader delivers, so that one `-T fields` line per
-- frame can be compared with what rtcinspect-capture yields.  It adds no knowledge of
-- its own: every value is read from fields tshark has already set.
--
--   tshark -n -2 -X lua_script:testdata/gen/capture/rtci_fields.lua -r FILE -T fields ...
--
-- Fields (see testdata/captures/formats/README.md):
--   rtci.transport       "udp" / "tcp" when the protocol right after the frame's FIRST
--                        (outermost) IPv4/IPv6 header (after its IPv6 extension headers)
--                        is UDP / TCP in tshark's dissection, else "-".  IP fragments
--                        tshark reassembled: "-" on every fragment but the one where
--                        tshark shows the reassembled datagram (the last one to arrive).
--                        ICMP errors quoting a UDP header: "-".
--   rtci.src, rtci.dst   first ip.src/ip.dst (outer IPv4) or ipv6.src/ipv6.dst (outer IPv6)
--   rtci.srcport/dstport first udp.* / tcp.* ports when transport is udp / tcp
--   rtci.payload_len     udp.length - 8 (first udp.length) or tcp.len (first tcp.len):
--                        the payload length the headers declare
--   rtci.payload_caplen  how many of those payload bytes the capture holds (less than
--                        payload_len only in truncated frames: snaplen, damage)
--   rtci.encap           Wireshark's name of the frame's encapsulation (wtap_encaps key,
--                        e.g. ETHERNET, SLL, SLL2, RAW_IP, RAW_IP4, RAW_IP6, NULL, LOOP,
--                        NFLOG): the link type of the frame's interface
local rtci = Proto("rtci", "rtcinspect capture reference")
local F = {
  transport = ProtoField.string("rtci.transport", "Transport"),
  src = ProtoField.string("rtci.src", "Source address"),
  dst = ProtoField.string("rtci.dst", "Destination address"),
  srcport = ProtoField.uint16("rtci.srcport", "Source port"),
  dstport = ProtoField.uint16("rtci.dstport", "Destination port"),
  payload_len = ProtoField.uint32("rtci.payload_len", "Payload length (declared)"),
  payload_caplen = ProtoField.uint32("rtci.payload_caplen", "Payload bytes captured"),
  encap = ProtoField.string("rtci.encap", "Encapsulation"),
}
rtci.fields = { F.transport, F.src, F.dst, F.srcport, F.dstport, F.payload_len,
  F.payload_caplen, F.encap }

local f_protocols = Field.new("frame.protocols")
local f_encap = Field.new("frame.encap_type")
local f_ip_src, f_ip_dst = Field.new("ip.src"), Field.new("ip.dst")
local f_ip6_src, f_ip6_dst = Field.new("ipv6.src"), Field.new("ipv6.dst")
local f_udp, f_tcp = Field.new("udp"), Field.new("tcp")
local f_udp_sport, f_udp_dport = Field.new("udp.srcport"), Field.new("udp.dstport")
local f_udp_len = Field.new("udp.length")
local f_tcp_sport, f_tcp_dport = Field.new("tcp.srcport"), Field.new("tcp.dstport")
local f_tcp_len, f_tcp_hdr_len = Field.new("tcp.len"), Field.new("tcp.hdr_len")

local encap_name = {}
for k, v in pairs(wtap_encaps) do encap_name[v] = k end

local function first(f)
  local t = { f() }
  return t[1]
end

local ipv6_ext = { ["ipv6.hopopts"] = true, ["ipv6.routing"] = true,
  ["ipv6.dstopts"] = true, ["ipv6.fraghdr"] = true, ["ipv6.shim6"] = true }

function rtci.dissector(tvb, pinfo, tree)
  local t = tree:add(rtci, "rtcinspect capture reference")
  local enc = first(f_encap)
  if enc then t:add(F.encap, encap_name[enc.value] or tostring(enc.value)) end
  local protos = first(f_protocols)
  local transport, outer = "-", nil
  if protos then
    local toks = {}
    for s in string.gmatch(tostring(protos.value), "[^:]+") do toks[#toks + 1] = s end
    for i, s in ipairs(toks) do
      if s == "ip" or s == "ipv6" then
        outer = s
        local j = i + 1
        while toks[j] and ipv6_ext[toks[j]] do j = j + 1 end
        if toks[j] == "udp" or toks[j] == "tcp" then transport = toks[j] end
        break
      end
    end
  end
  if outer == "ip" then
    local s, d = first(f_ip_src), first(f_ip_dst)
    if s then t:add(F.src, tostring(s.value)) end
    if d then t:add(F.dst, tostring(d.value)) end
  elseif outer == "ipv6" then
    local s, d = first(f_ip6_src), first(f_ip6_dst)
    if s then t:add(F.src, tostring(s.value)) end
    if d then t:add(F.dst, tostring(d.value)) end
  end
  t:add(F.transport, transport)
  if transport == "udp" then
    local u, sp, dp, ln = first(f_udp), first(f_udp_sport), first(f_udp_dport), first(f_udp_len)
    if sp then t:add(F.srcport, sp.value) end
    if dp then t:add(F.dstport, dp.value) end
    if ln and u then
      local declared = math.max(ln.value - 8, 0)
      local have = math.max(u.source:len() - (u.offset + 8), 0)
      t:add(F.payload_len, declared)
      t:add(F.payload_caplen, math.min(declared, have))
    end
  elseif transport == "tcp" then
    local tc, sp, dp, ln, hl = first(f_tcp), first(f_tcp_sport), first(f_tcp_dport),
        first(f_tcp_len), first(f_tcp_hdr_len)
    if sp then t:add(F.srcport, sp.value) end
    if dp then t:add(F.dstport, dp.value) end
    if ln and tc and hl then
      local have = math.max(tc.source:len() - (tc.offset + hl.value), 0)
      t:add(F.payload_len, ln.value)
      t:add(F.payload_caplen, math.min(ln.value, have))
    end
  end
end

register_postdissector(rtci, true)
