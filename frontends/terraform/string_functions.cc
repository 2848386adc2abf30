#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string_view>

#include "frontends/terraform/function_support.h"
#include "frontends/terraform/value_ops.h"
#include "ir/base64.h"
#include "ir/utf8.h"

namespace bw::frontends::terraform {

namespace {

using ir::Value;

bool ascii(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Terraform changes the case of every Unicode letter, with Go's tables;
// blastwall only of ASCII ones, so other text stays unknown.
CallResult not_ascii(const Call& call) {
  return {Value::unknown(call.name + "() is evaluated on ASCII text only", call.span), false};
}

CallResult fn_lower(Call& call) {
  Strings args = strings(call, 1);
  if (!args.ok) return args.failure;
  std::string& text = args.values[0];
  if (!ascii(text)) return not_ascii(call);
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return ok(Value::string(text));
}

CallResult fn_upper(Call& call) {
  Strings args = strings(call, 1);
  if (!args.ok) return args.failure;
  std::string& text = args.values[0];
  if (!ascii(text)) return not_ascii(call);
  for (char& c : text)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return ok(Value::string(text));
}

// Go's strings.Title, which Terraform's title() is: a letter after a
// separator is upper-cased, and in ASCII every character but letters, digits
// and `_` separates words.
CallResult fn_title(Call& call) {
  Strings args = strings(call, 1);
  if (!args.ok) return args.failure;
  std::string& text = args.values[0];
  if (!ascii(text)) return not_ascii(call);
  bool word_start = true;
  for (char& c : text) {
    if (word_start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    word_start = !std::isalnum(static_cast<unsigned char>(c)) && c != '_';
  }
  return ok(Value::string(text));
}

CallResult fn_trimspace(Call& call) {
  Strings args = strings(call, 1);
  if (!args.ok) return args.failure;
  std::string& text = args.values[0];
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return ok(Value::string(""));
  size_t end = text.find_last_not_of(" \t\r\n");
  return ok(Value::string(text.substr(begin, end - begin + 1)));
}

CallResult fn_chomp(Call& call) {
  Strings args = strings(call, 1);
  if (!args.ok) return args.failure;
  std::string& text = args.values[0];
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return ok(Value::string(text));
}

CallResult fn_trimprefix(Call& call) {
  Strings args = strings(call, 2);
  if (!args.ok) return args.failure;
  std::string& text = args.values[0];
  std::string& prefix = args.values[1];
  if (text.compare(0, prefix.size(), prefix) == 0) text.erase(0, prefix.size());
  return ok(Value::string(text));
}

CallResult fn_trimsuffix(Call& call) {
  Strings args = strings(call, 2);
  if (!args.ok) return args.failure;
  std::string& text = args.values[0];
  std::string& suffix = args.values[1];
  if (text.size() >= suffix.size() &&
      text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0)
    text.erase(text.size() - suffix.size());
  return ok(Value::string(text));
}

CallResult fn_startswith(Call& call) {
  Strings args = strings(call, 2);
  if (!args.ok) return args.failure;
  std::string& text = args.values[0];
  std::string& prefix = args.values[1];
  return ok(Value::boolean(text.compare(0, prefix.size(), prefix) == 0));
}

CallResult fn_endswith(Call& call) {
  Strings args = strings(call, 2);
  if (!args.ok) return args.failure;
  std::string& text = args.values[0];
  std::string& suffix = args.values[1];
  return ok(Value::boolean(text.size() >= suffix.size() &&
                           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0));
}

CallResult fn_strcontains(Call& call) {
  Strings args = strings(call, 2);
  if (!args.ok) return args.failure;
  std::string& text = args.values[0];
  std::string& part = args.values[1];
  return ok(Value::boolean(text.find(part) != std::string::npos));
}

CallResult fn_replace(Call& call) {
  Strings args = strings(call, 3);
  if (!args.ok) return args.failure;
  std::string& text = args.values[0];
  std::string& search = args.values[1];
  std::string& replacement = args.values[2];
  if (search.size() >= 2 && search.front() == '/' && search.back() == '/')
    return regex_replace(call, text, search.substr(1, search.size() - 2), replacement);
  if (search.empty()) {  // Go's strings.Replace: before every character and at the end
    std::string out = replacement;
    for (size_t i = 0; i < text.size();) {
      size_t length = ir::decode_utf8(text, i).length;
      out.append(text, i, length);
      out += replacement;
      i += length;
      if (!bytes_fit(call, out.size())) return too_many_bytes(call);
    }
    return ok(Value::string(out));
  }
  std::string out;
  size_t position = 0;
  for (size_t found; (found = text.find(search, position)) != std::string::npos;) {
    if (!bytes_fit(call, out.size() + (found - position) + replacement.size()))
      return too_many_bytes(call);
    out.append(text, position, found - position);
    out += replacement;
    position = found + search.size();
  }
  if (!bytes_fit(call, out.size() + (text.size() - position))) return too_many_bytes(call);
  out.append(text, position);
  return ok(Value::string(out));
}

CallResult fn_substr(Call& call) {
  Strings args = strings(call, 1);
  if (!args.ok) return args.failure;
  std::string& text = args.values[0];
  std::optional<long long> offset = integer(call.args[1]);
  std::optional<long long> length = integer(call.args[2]);
  if (!offset || !length) return error(call, "offset and length must be whole numbers");
  if (!simple_clusters(text))
    return {Value::unknown("substr() of text beyond U+0300 is not evaluated: Terraform counts "
                           "grapheme clusters",
                           call.span),
            false};
  long long size = static_cast<long long>(ir::utf8_length(text));
  // As Terraform: an offset before the start counts from it, one past the
  // end gives "".
  if (*offset < 0) *offset = std::max(0LL, *offset + size);
  if (*offset > size) return ok(Value::string(""));
  long long end = *length < 0 ? size : std::min(size, *offset + *length);
  size_t begin_byte = ir::utf8_offset(text, static_cast<size_t>(*offset));
  size_t end_byte = ir::utf8_offset(text, static_cast<size_t>(end));
  return ok(Value::string(text.substr(begin_byte, end_byte - begin_byte)));
}

CallResult fn_split(Call& call) {
  Strings args = strings(call, 2);
  if (!args.ok) return args.failure;
  std::string& separator = args.values[0];
  std::string& text = args.values[1];
  // Counted before a part is built: splitting a long string would otherwise
  // make a value of every character.
  size_t count = 0;
  if (separator.empty()) {
    for (size_t i = 0; i < text.size() && items_fit(call, count); ++count)
      i += ir::decode_utf8(text, i).length;
  } else {
    count = 1;
    for (size_t found = 0;
         items_fit(call, count) && (found = text.find(separator, found)) != std::string::npos;
         found += separator.size())
      ++count;
  }
  if (!items_fit(call, count)) return too_many_items(call);
  std::vector<Value> parts;
  parts.reserve(count);
  if (separator.empty()) {
    for (size_t i = 0; i < text.size();) {
      size_t length = ir::decode_utf8(text, i).length;
      parts.push_back(Value::string(text.substr(i, length)));
      i += length;
    }
  } else {
    size_t position = 0;
    for (size_t found; (found = text.find(separator, position)) != std::string::npos;) {
      parts.push_back(Value::string(text.substr(position, found - position)));
      position = found + separator.size();
    }
    parts.push_back(Value::string(text.substr(position)));
  }
  return ok(Value::list(std::move(parts)));
}

CallResult fn_join(Call& call) {
  Strings args = strings(call, 1);
  if (!args.ok) return args.failure;
  std::string& separator = args.values[0];
  std::string out;
  bool first = true;
  for (size_t a = 1; a < call.args.size(); ++a) {
    const Value& list = call.args[a];
    if (!list.is_list()) return error(call, "arguments after the separator must be lists");
    for (const Value& item : list.items()) {
      if (item.is_unknown()) return unknown_result(call);
      std::optional<std::string> text = to_text(item);
      if (!text) return error(call, std::string("cannot join a ") + type_name(item));
      if (!bytes_fit(call, out.size() + (first ? 0 : separator.size()) + text->size()))
        return too_many_bytes(call);
      if (!first) out += separator;
      out += *text;
      first = false;
    }
  }
  return ok(Value::string(out));
}

// Go's fmt verbs as Terraform's format() supports them: %s %d %f %e %g %t %v
// %q %%, with flags, width and precision.
CallResult fn_format(Call& call) {
  Strings args = strings(call, 1);
  if (!args.ok) return args.failure;
  std::string& pattern = args.values[0];
  std::string out;
  size_t next_arg = 1;
  bool reordered = false;
  size_t max_used = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%') {
      out += pattern[i];
      continue;
    }
    if (i + 1 < pattern.size() && pattern[i + 1] == '%') {
      out += '%';
      ++i;
      continue;
    }
    bool left = false, zero = false, plus = false, sharp = false;
    size_t j = i + 1;
    for (;
         j < pattern.size() && std::string_view("-+ 0#").find(pattern[j]) != std::string_view::npos;
         ++j) {
      left = left || pattern[j] == '-';
      zero = zero || pattern[j] == '0';
      plus = plus || pattern[j] == '+';
      sharp = sharp || pattern[j] == '#';
    }
    size_t width = 0;
    for (; j < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[j])); ++j)
      width = std::min<size_t>(width * 10 + (pattern[j] - '0'), 100000);
    int precision = -1;
    if (j < pattern.size() && pattern[j] == '.') {
      precision = 0;
      for (++j; j < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[j])); ++j)
        precision = std::min(precision * 10 + (pattern[j] - '0'), 100000);
    }
    if (width > 1000 || precision > 1000) return error(call, "width or precision too large");
    if (j >= pattern.size()) return error(call, "unfinished format verb");
    if (pattern[j] == '[') {  // %[n]v: argument n
      size_t close = pattern.find(']', j);
      if (close == std::string::npos || close == j + 1)
        return error(call, "unfinished argument index");
      size_t index = 0;
      for (size_t k = j + 1; k < close; ++k) {
        if (!std::isdigit(static_cast<unsigned char>(pattern[k])))
          return error(call, "invalid argument index");
        index = std::min<size_t>(index * 10 + static_cast<size_t>(pattern[k] - '0'), 100000);
      }
      if (index == 0) return error(call, "invalid argument index");
      next_arg = index;
      reordered = true;
      j = close + 1;
      if (j >= pattern.size()) return error(call, "unfinished format verb");
    }
    char verb = pattern[j];
    i = j;
    if (next_arg >= call.args.size()) return error(call, "not enough arguments for the format");
    max_used = std::max(max_used, next_arg);
    const Value& arg = call.args[next_arg++];
    if (first_unknown(arg)) return unknown_result(call);
    // Terraform leaves a null it formats unknown until apply.
    if (arg.is_null() && (verb == 's' || verb == 'v'))
      return {Value::unknown("format() of null is unknown in Terraform too", call.span), false};
    std::string piece;
    bool numeric = false;
    switch (verb) {
      case 's': {
        std::optional<std::string> text = to_text(arg);
        if (!text) return error(call, std::string("%s needs a string, not ") + type_name(arg));
        piece = *text;
        if (precision >= 0) piece = piece.substr(0, ir::utf8_offset(piece, precision));
        break;
      }
      case 'd': {
        std::optional<long long> number = integer(arg);
        if (!number) return error(call, "%d needs a whole number");
        piece = std::to_string(*number);
        if (plus && *number >= 0) piece = "+" + piece;
        numeric = true;
        break;
      }
      case 'x':
      case 'X':
      case 'o':
      case 'b': {
        std::optional<long long> number = integer(arg);
        if (!number) return error(call, std::string("%") + verb + " needs a whole number");
        unsigned long long magnitude =
            static_cast<unsigned long long>(*number < 0 ? -*number : *number);
        unsigned base = verb == 'o' ? 8 : verb == 'b' ? 2 : 16;
        const char* digits = verb == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        std::string text;
        do {
          text.insert(text.begin(), digits[magnitude % base]);
          magnitude /= base;
        } while (magnitude > 0);
        piece = (*number < 0 ? "-" : plus ? "+" : "") + text;
        numeric = true;
        break;
      }
      case 'f':
      case 'e':
      case 'g': {
        std::optional<double> number = to_number(arg);
        if (!number) return error(call, std::string("%") + verb + " needs a number");
        char spec[16];
        std::snprintf(spec, sizeof spec, "%%%s.%d%c", plus ? "+" : "",
                      precision < 0 ? 6 : precision, verb);
        std::vector<char> buffer(1400);
        std::snprintf(buffer.data(), buffer.size(), spec, *number);
        piece = buffer.data();
        numeric = true;
        break;
      }
      case 't': {
        if (!arg.is_bool()) return error(call, "%t needs a bool");
        piece = arg.as_bool() ? "true" : "false";
        break;
      }
      case 'v': {
        std::optional<std::string> text = sharp ? std::nullopt : to_text(arg);
        if (text) {
          piece = *text;
        } else if (arg.is_null()) {
          piece = "null";
        } else {
          if (!json_encode(arg, piece, call.limits.string_bytes)) return too_many_bytes(call);
        }
        break;
      }
      case 'q': {
        std::optional<std::string> text = to_text(arg);
        if (!text) return error(call, "%q needs a string");
        piece = json_quote(*text);
        break;
      }
      default:
        return error(call, std::string("unsupported format verb %") + verb);
    }
    if (piece.size() < width) {
      size_t pad = width - piece.size();
      if (left)
        piece.append(pad, ' ');
      else if (zero && numeric) {
        size_t sign = (!piece.empty() && (piece[0] == '-' || piece[0] == '+')) ? 1 : 0;
        piece.insert(sign, pad, '0');
      } else
        piece.insert(0, pad, ' ');
    }
    if (!bytes_fit(call, out.size() + piece.size())) return too_many_bytes(call);
    out += piece;
  }
  if (next_arg < call.args.size()) {
    if (reordered && max_used + 1 >= call.args.size()) return ok(Value::string(out));
    if (reordered)
      return {Value::unknown("format() with argument indexes and unused arguments is not evaluated",
                             call.span),
              false};
    return error(call, "too many arguments for the format");
  }
  return ok(Value::string(out));
}

CallResult fn_base64encode(Call& call) {
  Strings args = strings(call, 1);
  if (!args.ok) return args.failure;
  if (!bytes_fit(call, (args.values[0].size() + 2) / 3 * 4)) return too_many_bytes(call);
  return ok(Value::string(ir::base64_encode(args.values[0])));
}

CallResult fn_base64decode(Call& call) {
  Strings args = strings(call, 1);
  if (!args.ok) return args.failure;
  std::string decoded;
  // Go's StdEncoding: padded to a multiple of four; the result must be UTF-8.
  if (args.values[0].size() % 4 != 0 || !ir::base64_decode(args.values[0], decoded))
    return error(call, "failed to decode base64 data");
  for (size_t i = 0; i < decoded.size();) {
    ir::Utf8Char c = ir::decode_utf8(decoded, i);
    if (!c.valid)
      return error(call, "the result of decoding the provided string is not valid UTF-8");
    i += c.length;
  }
  return ok(Value::string(std::move(decoded)));
}

}  // namespace

void add_string_functions(FunctionTable& table) {
  table.insert({
      {"lower", {fn_lower, 1, 1, true}},
      {"upper", {fn_upper, 1, 1, true}},
      {"title", {fn_title, 1, 1, true}},
      {"trimspace", {fn_trimspace, 1, 1, true}},
      {"chomp", {fn_chomp, 1, 1, true}},
      {"trimprefix", {fn_trimprefix, 2, 2, true}},
      {"trimsuffix", {fn_trimsuffix, 2, 2, true}},
      {"startswith", {fn_startswith, 2, 2, true}},
      {"endswith", {fn_endswith, 2, 2, true}},
      {"strcontains", {fn_strcontains, 2, 2, true}},
      {"replace", {fn_replace, 3, 3, true}},
      {"substr", {fn_substr, 3, 3, true}},
      {"split", {fn_split, 2, 2, true}},
      {"join", {fn_join, 2, kManyArgs, true}},
      {"format", {fn_format, 1, kManyArgs, true}},
      {"base64encode", {fn_base64encode, 1, 1, true}},
      {"base64decode", {fn_base64decode, 1, 1, true}},
  });
}

}  // namespace bw::frontends::terraform
