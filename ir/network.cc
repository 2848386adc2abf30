#include "ir/network.h"

#include <cstdio>

namespace bw::ir {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

// A decimal number without a leading zero, at most `max`.
std::optional<unsigned> small_number(std::string_view text, unsigned max) {
  if (!all_digits(text) || text.size() > 3 || (text.size() > 1 && text[0] == '0'))
    return std::nullopt;
  unsigned value = 0;
  for (char c : text) value = value * 10 + static_cast<unsigned>(c - '0');
  if (value > max) return std::nullopt;
  return value;
}

bool parse_ipv4(std::string_view text, uint8_t* bytes) {
  for (int i = 0; i < 4; ++i) {
    size_t dot = text.find('.');
    if ((i < 3) != (dot != std::string_view::npos)) return false;
    std::optional<unsigned> octet = small_number(text.substr(0, dot), 255);
    if (!octet) return false;
    bytes[i] = static_cast<uint8_t>(*octet);
    if (i < 3) text.remove_prefix(dot + 1);
  }
  return true;
}

// "a:b:c" into 16-bit groups; when `last`, a dotted quad may end it and
// counts as two groups.
bool parse_groups(std::string_view text, bool last, uint16_t* groups, int& count) {
  count = 0;
  if (text.empty()) return true;
  while (true) {
    size_t colon = text.find(':');
    std::string_view group = text.substr(0, colon);
    if (colon == std::string_view::npos && last && group.find('.') != std::string_view::npos) {
      uint8_t quad[4];
      if (count > 6 || !parse_ipv4(group, quad)) return false;
      groups[count++] = static_cast<uint16_t>(quad[0] << 8 | quad[1]);
      groups[count++] = static_cast<uint16_t>(quad[2] << 8 | quad[3]);
      return true;
    }
    if (group.empty() || group.size() > 4 || count >= 8) return false;
    unsigned value = 0;
    for (char c : group) {
      int digit = hex_digit(c);
      if (digit < 0) return false;
      value = value * 16 + static_cast<unsigned>(digit);
    }
    groups[count++] = static_cast<uint16_t>(value);
    if (colon == std::string_view::npos) return true;
    text.remove_prefix(colon + 1);
  }
}

bool parse_ipv6(std::string_view text, uint8_t* bytes) {
  uint16_t groups[8] = {};
  size_t gap = text.find("::");
  if (gap == std::string_view::npos) {
    int count = 0;
    if (!parse_groups(text, true, groups, count) || count != 8) return false;
  } else {
    if (text.find("::", gap + 1) != std::string_view::npos) return false;
    uint16_t head[8], tail[8];
    int head_count = 0, tail_count = 0;
    if (!parse_groups(text.substr(0, gap), false, head, head_count) ||
        !parse_groups(text.substr(gap + 2), true, tail, tail_count) || head_count + tail_count > 7)
      return false;
    for (int i = 0; i < head_count; ++i) groups[i] = head[i];
    for (int i = 0; i < tail_count; ++i) groups[8 - tail_count + i] = tail[i];
  }
  for (int i = 0; i < 8; ++i) {
    bytes[2 * i] = static_cast<uint8_t>(groups[i] >> 8);
    bytes[2 * i + 1] = static_cast<uint8_t>(groups[i] & 0xff);
  }
  return true;
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

// Letters, digits, '-', '_' and dots, with at least one letter or digit.
bool is_host_name(std::string_view text) {
  bool alphanumeric = false;
  for (char c : text) {
    bool letter_or_digit =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!letter_or_digit && c != '-' && c != '_' && c != '.') return false;
    alphanumeric |= letter_or_digit;
  }
  return alphanumeric && text.front() != '.' && text.find("..") == std::string_view::npos;
}

// An IPv6 address with an optional zone (`fe80::1%eth0`, or `%25eth0` as a
// URL writes it), as format_ip() writes it without the zone.
std::optional<std::string> ipv6_host(std::string_view text) {
  size_t zone = text.find('%');
  if (zone != std::string_view::npos && zone + 1 == text.size()) return std::nullopt;
  IpAddress address;
  address.v6 = true;
  if (!parse_ipv6(text.substr(0, zone), address.bytes.data())) return std::nullopt;
  return format_ip(address);
}

// host, host:port, [v6], [v6]:port, or a bare IPv6 address.
std::optional<std::string> host_and_port(std::string_view text) {
  if (!text.empty() && text.front() == '[') {
    size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view after = text.substr(close + 1);
    if (!after.empty() && (after.front() != ':' || !all_digits(after.substr(1))))
      return std::nullopt;
    return ipv6_host(text.substr(1, close - 1));
  }
  size_t colon = text.find(':');
  if (colon != std::string_view::npos && text.find(':', colon + 1) != std::string_view::npos)
    return ipv6_host(text);
  std::string_view host = text.substr(0, colon);
  if (colon != std::string_view::npos) {
    std::string_view port = text.substr(colon + 1);
    if (!all_digits(port) || port.size() > 5) return std::nullopt;
  }
  // A fully qualified name's trailing dot names the same host.
  if (host.size() > 1 && host.back() == '.') host.remove_suffix(1);
  if (host.empty() || !is_host_name(host)) return std::nullopt;
  return lowercase(host);
}

}  // namespace

std::optional<IpAddress> parse_ip(std::string_view text) {
  IpAddress address;
  if (text.find(':') != std::string_view::npos) {
    address.v6 = true;
    if (!parse_ipv6(text, address.bytes.data())) return std::nullopt;
  } else if (!parse_ipv4(text, address.bytes.data())) {
    return std::nullopt;
  }
  return address;
}

std::string format_ip(const IpAddress& address) {
  const std::array<uint8_t, 16>& b = address.bytes;
  char buffer[48];
  if (!address.v6) {
    std::snprintf(buffer, sizeof buffer, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
    return buffer;
  }
  bool mapped = b[10] == 0xff && b[11] == 0xff;
  for (int i = 0; i < 10 && mapped; ++i) mapped = b[i] == 0;
  if (mapped) {
    std::snprintf(buffer, sizeof buffer, "::ffff:%u.%u.%u.%u", b[12], b[13], b[14], b[15]);
    return buffer;
  }
  unsigned groups[8];
  for (int i = 0; i < 8; ++i) groups[i] = static_cast<unsigned>(b[2 * i] << 8 | b[2 * i + 1]);
  // The longest run of two or more zero groups (the first of equals) is `::`.
  int best = -1, best_length = 1;
  for (int i = 0; i < 8;) {
    int j = i;
    while (j < 8 && groups[j] == 0) ++j;
    if (j - i > best_length) {
      best = i;
      best_length = j - i;
    }
    i = j > i ? j : i + 1;
  }
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_length - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    std::snprintf(buffer, sizeof buffer, "%x", groups[i]);
    out += buffer;
  }
  return out;
}

std::optional<CidrBlock> parse_cidr(std::string_view text) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::optional<IpAddress> address = parse_ip(text.substr(0, slash));
  if (!address) return std::nullopt;
  std::optional<unsigned> prefix = small_number(text.substr(slash + 1), address->v6 ? 128 : 32);
  if (!prefix) return std::nullopt;
  return CidrBlock{*address, static_cast<uint8_t>(*prefix)};
}

std::optional<CidrBlock> parse_ip_or_cidr(std::string_view text) {
  if (text.find('/') != std::string_view::npos) return parse_cidr(text);
  std::optional<IpAddress> address = parse_ip(text);
  if (!address) return std::nullopt;
  return CidrBlock{*address, static_cast<uint8_t>(address->v6 ? 128 : 32)};
}

bool cidr_contains(const CidrBlock& outer, const CidrBlock& inner) {
  if (outer.address.v6 != inner.address.v6 || inner.prefix < outer.prefix) return false;
  unsigned bits = outer.prefix;
  for (unsigned i = 0; bits > 0; ++i) {
    unsigned take = bits < 8 ? bits : 8;
    auto mask = static_cast<uint8_t>(0xff << (8 - take));
    if ((outer.address.bytes[i] & mask) != (inner.address.bytes[i] & mask)) return false;
    bits -= take;
  }
  return true;
}

std::optional<std::string> host_of(std::string_view text) {
  if (text.empty()) return std::nullopt;
  for (char c : text)
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return std::nullopt;
  std::string_view authority = text;
  size_t scheme_end = text.find("://");
  if (scheme_end != std::string_view::npos) {
    if (scheme_end == 0) return std::nullopt;
    authority = text.substr(scheme_end + 3);
    authority = authority.substr(0, authority.find_first_of("/?#"));
    // A list of hosts (mongodb://a:27017,b:27017/db): the first one.
    authority = authority.substr(0, authority.find(','));
  } else if (text.find_first_of("/?#") != std::string_view::npos) {
    return std::nullopt;  // a path, not a host
  }
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  return host_and_port(authority);
}

}  // namespace bw::ir
