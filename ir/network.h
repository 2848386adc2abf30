#pragma once
// IP addresses, CIDR blocks and host names: parsed by hand, IPv4 and IPv6,
// without the resolver or the locale that the C library's functions would
// bring. The one parser both the rule language (isIP, inCIDR, host) and the
// repository index (which literals name an outside host, and under which
// host) use, so `environments(host(x))` finds every literal that names x's
// host, however it is written.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bw::ir {

// An IPv4 address uses the first four bytes.
struct IpAddress {
  std::array<uint8_t, 16> bytes{};
  bool v6 = false;
};

// An address and how many leading bits of it name the network; an address
// alone is a block of one (/32 or /128).
struct CidrBlock {
  IpAddress address;
  uint8_t prefix = 0;
};

// Dotted quads of decimal numbers without leading zeros (010.0.0.1 and
// 0x7f.0.0.1 mean other addresses to other parsers, so are refused); IPv6
// with `::` and a trailing dotted quad, without brackets or a zone.
std::optional<IpAddress> parse_ip(std::string_view text);

// The address as host() gives it: IPv4 dotted, IPv6 in RFC 5952's form
// (lowercase, leading zeros dropped, the longest run of zero groups as `::`,
// an IPv4-mapped address as ::ffff:1.2.3.4).
std::string format_ip(const IpAddress& address);

// "10.0.0.0/8", "fd00::/8". Host bits may be set ("10.1.2.3/8" is 10.0.0.0/8).
std::optional<CidrBlock> parse_cidr(std::string_view text);

// An address, or a block written as CIDR.
std::optional<CidrBlock> parse_ip_or_cidr(std::string_view text);

// Whether `inner` lies inside `outer`; blocks of different families never do.
bool cidr_contains(const CidrBlock& outer, const CidrBlock& inner);

// The host of a URL (scheme://[user@]host[:port][/...]), of host:port, of
// user@host, or the text itself when it is a bare host name or address, in
// one spelling per host: lowercase, without the trailing dot of a fully
// qualified name, an address as format_ip() writes it (IPv6 without brackets
// or zone: the zone names the local interface, not the host). nullopt when
// the text has no host shape.
std::optional<std::string> host_of(std::string_view text);

}  // namespace bw::ir
