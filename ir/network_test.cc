#include "ir/network.h"

#include <doctest/doctest.h>

using namespace bw::ir;

namespace {

std::optional<std::string> host(std::string_view text) {
  return host_of(text);
}

bool in_cidr(std::string_view address, std::string_view block) {
  std::optional<CidrBlock> outer = parse_cidr(block);
  std::optional<CidrBlock> inner = parse_ip_or_cidr(address);
  REQUIRE(outer);
  return inner && cidr_contains(*outer, *inner);
}

std::string canonical(std::string_view address) {
  std::optional<IpAddress> parsed = parse_ip(address);
  REQUIRE(parsed);
  return format_ip(*parsed);
}

}  // namespace

TEST_CASE("addresses and blocks") {
  CHECK(parse_ip("10.0.0.1"));
  CHECK(parse_ip("255.255.255.255"));
  CHECK_FALSE(parse_ip("256.0.0.1"));
  CHECK_FALSE(parse_ip("10.0.0"));
  CHECK_FALSE(parse_ip("10.0.0.1.2"));
  CHECK_FALSE(parse_ip("010.0.0.1"));
  CHECK_FALSE(parse_ip("10.0.0.-1"));
  CHECK_FALSE(parse_ip("a.b.c.d"));
  CHECK(parse_ip("::1"));
  CHECK(parse_ip("::"));
  CHECK(parse_ip("2001:db8::8a2e:370:7334"));
  CHECK(parse_ip("2001:0db8:0000:0000:0000:ff00:0042:8329"));
  CHECK(parse_ip("::ffff:10.0.0.1"));
  CHECK(parse_ip("fe80::"));
  CHECK_FALSE(parse_ip("2001:db8::1::2"));
  CHECK_FALSE(parse_ip("1:2:3:4:5:6:7:8:9"));
  CHECK_FALSE(parse_ip("1:2:3:4:5:6:7"));
  CHECK_FALSE(parse_ip("12345::"));
  CHECK_FALSE(parse_ip("fe80::1%eth0"));
  CHECK_FALSE(parse_ip(":1"));
  CHECK_FALSE(parse_ip(""));
  CHECK(in_cidr("10.1.2.3", "10.0.0.0/8"));
  CHECK_FALSE(in_cidr("11.1.2.3", "10.0.0.0/8"));
  CHECK(in_cidr("10.1.2.3", "10.1.2.3/32"));
  CHECK(in_cidr("10.1.0.0/16", "10.0.0.0/8"));
  CHECK_FALSE(in_cidr("10.0.0.0/8", "10.1.0.0/16"));
  CHECK(in_cidr("192.168.1.77", "192.168.1.64/26"));
  CHECK_FALSE(in_cidr("192.168.1.128", "192.168.1.64/26"));
  CHECK(in_cidr("8.8.8.8", "0.0.0.0/0"));
  CHECK(in_cidr("10.9.9.9", "10.1.2.3/8"));  // host bits in the block are ignored
  CHECK(in_cidr("2001:db8::1", "2001:db8::/32"));
  CHECK_FALSE(in_cidr("2001:db9::1", "2001:db8::/32"));
  CHECK_FALSE(in_cidr("10.0.0.1", "::/0"));  // families never mix
  CHECK_FALSE(parse_cidr("10.0.0.0/33"));
  CHECK_FALSE(parse_cidr("10.0.0.0/"));
  CHECK_FALSE(parse_cidr("10.0.0.0/08"));
  CHECK_FALSE(parse_cidr("10.0.0.0"));
  CHECK_FALSE(parse_cidr("::/129"));
}

TEST_CASE("host") {
  CHECK(host("https://example.com/path?q=1") == "example.com");
  CHECK(host("postgres://user:secret@DB.Example.com:5432/shop") == "db.example.com");
  CHECK(host("jdbc:postgresql://db.internal:5432/app") == "db.internal");
  CHECK(host("mongodb://a.example.com:27017,b.example.com:27017/db") == "a.example.com");
  CHECK(host("http://[2001:DB8::1]:8080/") == "2001:db8::1");
  CHECK(host("http://10.0.0.5") == "10.0.0.5");
  CHECK(host("db.example.com:5432") == "db.example.com");
  CHECK(host("admin@db.example.com") == "db.example.com");
  CHECK(host("[::1]:5432") == "::1");
  CHECK(host("::1") == "::1");
  CHECK(host("10.0.0.1") == "10.0.0.1");
  CHECK(host("Prod-DB") == "prod-db");
  CHECK(host("db_primary.local") == "db_primary.local");
  CHECK_FALSE(host(""));
  CHECK_FALSE(host("two words"));
  CHECK_FALSE(host("db.example.com:port"));
  CHECK_FALSE(host("modules/db"));  // a path
  CHECK_FALSE(host("https://"));
  CHECK_FALSE(host("://x"));
  CHECK_FALSE(host("a=b"));
  CHECK_FALSE(host("..."));
  CHECK_FALSE(host("[::1"));
}

TEST_CASE("other parsers' readings of an address are refused, not guessed") {
  CHECK_FALSE(parse_ip("0x7f.0.0.1"));  // inet_aton reads 127.0.0.1
  CHECK_FALSE(parse_ip("0177.0.0.1"));  // octal to inet_aton
  CHECK_FALSE(parse_ip("127.1"));       // 127.0.0.1 to inet_aton
  CHECK_FALSE(parse_ip("2130706433"));  // one number
  CHECK_FALSE(parse_ip("[::1]"));
  CHECK_FALSE(parse_ip(" 10.0.0.1"));
  CHECK_FALSE(parse_cidr("10.0.0.0/8 "));
}

TEST_CASE("addresses in one spelling") {
  CHECK(canonical("10.0.0.1") == "10.0.0.1");
  CHECK(canonical("2001:DB8::1") == "2001:db8::1");
  CHECK(canonical("2001:0db8:0000:0000:0000:0000:0000:0001") == "2001:db8::1");
  CHECK(canonical("2001:db8:0:0:1:0:0:1") == "2001:db8::1:0:0:1");     // the first of equal runs
  CHECK(canonical("2001:db8:0:1:1:1:1:1") == "2001:db8:0:1:1:1:1:1");  // one zero group stays
  CHECK(canonical("::") == "::");
  CHECK(canonical("::1") == "::1");
  CHECK(canonical("1::") == "1::");
  CHECK(canonical("fe80:0:0:0:0:0:0:0") == "fe80::");
  CHECK(canonical("::ffff:10.0.0.1") == "::ffff:10.0.0.1");
  CHECK(canonical("::FFFF:a00:1") == "::ffff:10.0.0.1");
}

TEST_CASE("host: one spelling per host") {
  CHECK(host("DB.Example.COM") == "db.example.com");
  CHECK(host("db.example.com.") == "db.example.com");  // fully qualified
  CHECK(host("https://db.example.com.:443/") == "db.example.com");
  CHECK(host("http://[2001:db8:0:0::1]/") == "2001:db8::1");
  CHECK(host("2001:DB8:0::1") == "2001:db8::1");
  CHECK(host("http://[fe80::1%25eth0]:8080/") == "fe80::1");  // a zone names our interface
  CHECK(host("fe80::1%eth0") == "fe80::1");
  CHECK(host("postgres://user:p@ss@db.example.com/x") == "db.example.com");
  CHECK(host("0x7f.0.0.1") == "0x7f.0.0.1");  // a name, as parse_ip refuses it
  CHECK_FALSE(host("fe80::1%"));
  CHECK_FALSE(host("[fe80::1%eth0"));
  CHECK_FALSE(host("."));
  CHECK_FALSE(host("db..example.com"));
}
