#pragma once
// IP addresses, CIDR blocks and host names as the rule language reads them
// (isIP, inCIDR, host): parsed by hand, IPv4 and IPv6, without the resolver
// or the locale that the C library's functions would bring.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bw::compiler::expr {

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

// Dotted quads without leading zeros (010.0.0.1 is ambiguous, so refused);
// IPv6 with `::` and a trailing dotted quad, without a zone.
std::optional<IpAddress> parse_ip(std::string_view text);

// "10.0.0.0/8", "fd00::/8". Host bits may be set ("10.1.2.3/8" is 10.0.0.0/8).
std::optional<CidrBlock> parse_cidr(std::string_view text);

// An address, or a block written as CIDR.
std::optional<CidrBlock> parse_ip_or_cidr(std::string_view text);

// Whether `inner` lies inside `outer`; blocks of different families never do.
bool cidr_contains(const CidrBlock& outer, const CidrBlock& inner);

// The host of a URL (scheme://[user@]host[:port][/...]), of host:port, of
// user@host, or the text itself when it is a bare host name or address;
// lowercase, IPv6 without brackets. nullopt when the text has no host shape.
std::optional<std::string> host_of(std::string_view text);

}  // namespace bw::compiler::expr
