// cidrsubnet(), cidrsubnets(), cidrhost() and cidrnetmask() as Terraform
// computes them (its lang/funcs/cidr.go over hashicorp/go-cidr), on
// addresses held as 128-bit numbers: IPv4 in 32 bits, IPv6 in 128.

#include <optional>
#include <string>

#include "frontends/terraform/function_support.h"
#include "frontends/terraform/value_ops.h"
#include "ir/network.h"

namespace bw::frontends::terraform {

namespace {

using ir::Value;
using Address = unsigned __int128;

// A network as Terraform's ParseCIDR gives it: host bits cleared.
struct Network {
  Address address = 0;
  unsigned prefix = 0;
  unsigned bits = 32;  // 32 for IPv4, 128 for IPv6
};

Address all_ones(unsigned bits) {
  return bits == 128 ? ~Address{0} : (Address{1} << bits) - 1;
}

// The netmask of `prefix` leading ones in an address of `bits`.
Address mask(unsigned prefix, unsigned bits) {
  if (prefix == 0) return 0;
  return (all_ones(bits) << (bits - prefix)) & all_ones(bits);
}

// Terraform keeps Go 1.16's address parsing (its ipaddr package): an IPv4
// octet may have leading zeros, read as decimal ("010" is 10).
std::string without_leading_zeros(const std::string& text) {
  size_t slash = text.find('/');
  std::string address = text.substr(0, slash);
  if (address.find(':') != std::string::npos) return text;
  std::string out;
  size_t start = 0;
  while (true) {
    size_t dot = address.find('.', start);
    std::string octet = address.substr(start, dot == std::string::npos ? dot : dot - start);
    while (octet.size() > 1 && octet[0] == '0') octet.erase(0, 1);
    out += octet;
    if (dot == std::string::npos) break;
    out += '.';
    start = dot + 1;
  }
  return slash == std::string::npos ? out : out + text.substr(slash);
}

std::optional<Network> parse_network(const std::string& text) {
  std::optional<ir::CidrBlock> block = ir::parse_cidr(without_leading_zeros(text));
  if (!block) return std::nullopt;
  Network network;
  network.bits = block->address.v6 ? 128 : 32;
  network.prefix = block->prefix;
  size_t bytes = network.bits / 8;
  for (size_t i = 0; i < bytes; ++i)
    network.address = network.address << 8 | block->address.bytes[i];
  network.address &= mask(network.prefix, network.bits);
  return network;
}

// The address as Go's net.IP.String() writes it; nullopt for an IPv6
// address Go would write as IPv4 (::ffff:a.b.c.d), so never a different text.
std::optional<std::string> format(Address address, unsigned bits) {
  ir::IpAddress ip;
  ip.v6 = bits == 128;
  size_t bytes = bits / 8;
  for (size_t i = 0; i < bytes; ++i)
    ip.bytes[bytes - 1 - i] = static_cast<uint8_t>(address >> (8 * i));
  if (ip.v6) {
    bool mapped = ip.bytes[10] == 0xff && ip.bytes[11] == 0xff;
    for (int i = 0; i < 10 && mapped; ++i) mapped = ip.bytes[i] == 0;
    if (mapped) return std::nullopt;
  }
  return ir::format_ip(ip);
}

CallResult not_shown(const Call& call) {
  return {Value::unknown(call.name + "(): an IPv4-mapped IPv6 result is not evaluated", call.span),
          false};
}

// An integer argument; `error` when it is not a whole number.
std::optional<long long> whole(const Call& call, size_t index) {
  return integer(call.args[index]);
}

CallResult bad_cidr(const Call& call, const std::string& text) {
  return error(call, "invalid CIDR expression: invalid CIDR address: " + text);
}

CallResult fn_cidrsubnet(Call& call) {
  Strings args = strings(call, 1);
  if (!args.ok) return args.failure;
  std::optional<long long> newbits = whole(call, 1);
  std::optional<long long> netnum = whole(call, 2);
  if (!newbits || !netnum) return error(call, "newbits and netnum must be whole numbers");
  std::optional<Network> network = parse_network(args.values[0]);
  if (!network) return bad_cidr(call, args.values[0]);
  // go-cidr's arithmetic on negative numbers gives nothing Terraform means.
  if (*newbits < 0 || *netnum < 0 || *newbits > 63)
    return {Value::unknown("cidrsubnet() with a negative or very large argument is not evaluated",
                           call.span),
            false};
  unsigned prefix = network->prefix + static_cast<unsigned>(*newbits);
  if (prefix > network->bits)
    return error(call, "insufficient address space to extend prefix of " +
                           std::to_string(network->prefix) + " by " + std::to_string(*newbits));
  if (static_cast<unsigned long long>(*netnum) > (1ull << *newbits) - 1)
    return error(call, "prefix extension of " + std::to_string(*newbits) +
                           " does not accommodate a subnet numbered " + std::to_string(*netnum));
  Address subnet = network->address | (static_cast<Address>(*netnum) << (network->bits - prefix));
  std::optional<std::string> text = format(subnet, network->bits);
  if (!text) return not_shown(call);
  return ok(Value::string(*text + "/" + std::to_string(prefix)));
}

CallResult fn_cidrhost(Call& call) {
  Strings args = strings(call, 1);
  if (!args.ok) return args.failure;
  std::optional<long long> hostnum = whole(call, 1);
  if (!hostnum) return error(call, "hostnum must be a whole number");
  std::optional<Network> network = parse_network(args.values[0]);
  if (!network) return bad_cidr(call, args.values[0]);
  unsigned host_bits = network->bits - network->prefix;
  Address max = host_bits == 128 ? ~Address{0} : (Address{1} << host_bits) - 1;
  Address magnitude =
      *hostnum < 0 ? static_cast<Address>(-(*hostnum + 1)) : static_cast<Address>(*hostnum);
  if (magnitude > max)
    return error(call, "prefix of " + std::to_string(network->prefix) +
                           " does not accommodate a host numbered " + std::to_string(*hostnum));
  Address host = *hostnum < 0 ? max - magnitude : magnitude;
  std::optional<std::string> text = format(network->address | host, network->bits);
  if (!text) return not_shown(call);
  return ok(Value::string(*text));
}

CallResult fn_cidrnetmask(Call& call) {
  Strings args = strings(call, 1);
  if (!args.ok) return args.failure;
  std::optional<Network> network = parse_network(args.values[0]);
  if (!network) return bad_cidr(call, args.values[0]);
  if (network->bits != 32)
    return error(call, "IPv6 addresses cannot have a netmask: " + args.values[0]);
  std::optional<std::string> text = format(mask(network->prefix, 32), 32);
  return ok(Value::string(*text));
}

// go-cidr's PreviousSubnet, then NextSubnet for each requested length, as
// Terraform's cidrsubnets() allocates consecutive blocks.
CallResult fn_cidrsubnets(Call& call) {
  Strings args = strings(call, 1);
  if (!args.ok) return args.failure;
  std::optional<Network> network = parse_network(args.values[0]);
  if (!network) return bad_cidr(call, args.values[0]);
  std::vector<long long> lengths;
  for (size_t i = 1; i < call.args.size(); ++i) {
    std::optional<long long> length = whole(call, i);
    if (!length) return error(call, "newbits must be whole numbers");
    lengths.push_back(*length);
  }
  if (!items_fit(call, lengths.size())) return too_many_items(call);
  std::vector<Value> subnets;
  if (lengths.empty()) return ok(Value::list({}));
  const unsigned bits = network->bits;
  const Address ones = all_ones(bits);
  unsigned current_prefix = 0;
  Address current = 0;
  for (size_t i = 0; i < lengths.size(); ++i) {
    long long length = lengths[i];
    if (length < 1) return error(call, "must extend prefix by at least one bit");
    if (length > 32) return error(call, "may not extend prefix by more than 32 bits");
    unsigned prefix = network->prefix + static_cast<unsigned>(length);
    if (prefix > bits)
      return error(call, "would extend prefix to " + std::to_string(prefix) +
                             " bits, which is too long for an IPv" + (bits == 32 ? "4" : "6") +
                             " address");
    if (i == 0) {
      current_prefix = prefix;
      current = ((network->address - 1) & ones) & mask(prefix, bits);
    }
    Address current_last = current | (~mask(current_prefix, bits) & ones);
    Address subnet = current_last & mask(prefix, bits);
    Address last = ((subnet | (~mask(prefix, bits) & ones)) + 1) & ones;
    Address next = last & mask(prefix, bits);
    if (last == 0 || (next & mask(network->prefix, bits)) != network->address)
      return error(call, "not enough remaining address space for a subnet with a prefix of " +
                             std::to_string(prefix) + " bits after " +
                             format(current, bits).value_or("?") + "/" +
                             std::to_string(current_prefix));
    current = next;
    current_prefix = prefix;
    std::optional<std::string> text = format(current, bits);
    if (!text) return not_shown(call);
    subnets.push_back(Value::string(*text + "/" + std::to_string(prefix)));
  }
  return ok(Value::list(std::move(subnets)));
}

}  // namespace

void add_network_functions(FunctionTable& table) {
  table.insert({
      {"cidrsubnet", {fn_cidrsubnet, 3, 3, true}},
      {"cidrsubnets", {fn_cidrsubnets, 1, kManyArgs, true}},
      {"cidrhost", {fn_cidrhost, 2, 2, true}},
      {"cidrnetmask", {fn_cidrnetmask, 1, 1, true}},
  });
}

}  // namespace bw::frontends::terraform
