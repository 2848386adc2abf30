// file(), filebase64(), fileexists() and templatefile(): the functions that
// read the repository. Paths are relative to the root module's directory,
// where Terraform runs, and read through Context::load, so nothing outside
// the repository root is ever read: such a path, an absolute one or one
// under `~`, is an unknown value that says so. A file that does not exist is
// the error Terraform gives.

#include <memory>
#include <string>

#include "frontends/terraform/evaluator.h"
#include "frontends/terraform/function_support.h"
#include "frontends/terraform/hcl_parser.h"
#include "frontends/terraform/module_calls.h"
#include "frontends/terraform/value_ops.h"
#include "ir/base64.h"
#include "ir/utf8.h"

namespace bw::frontends::terraform {

using ir::Value;

namespace {

// The heredoc a template file is read as: templatefile() templates and
// heredoc bodies are one syntax (no escapes but `$${` and `%%{`). The
// sentinel after the text keeps a trailing `~}` from trimming the newline
// that closes the heredoc, so the text comes back exactly.
constexpr std::string_view kDelimiter = "BW_TEMPLATEFILE_7F3A9";
constexpr char kSentinel = '\x01';

// Code points whose text Unicode normalization (NFC, which Terraform applies
// to every string) may change: combining marks, conjoining jamo, and the
// ranges with singleton decompositions. Text without any is unchanged.
bool may_change_under_nfc(const std::string& text) {
  for (size_t i = 0; i < text.size();) {
    ir::Utf8Char c = ir::decode_utf8(text, i);
    i += c.length;
    char32_t p = c.code_point;
    if (p < 0x300) continue;
    if ((p >= 0x300 && p <= 0x36F) || p == 0x374 || p == 0x37E || p == 0x387 ||
        (p >= 0x483 && p <= 0x489) || (p >= 0x591 && p <= 0x5C7) || (p >= 0x610 && p <= 0x61A) ||
        (p >= 0x64B && p <= 0x65F) || p == 0x670 || (p >= 0x6D6 && p <= 0x6ED) ||
        (p >= 0x900 && p <= 0x109F) || (p >= 0x1100 && p <= 0x11FF) ||
        (p >= 0x1AB0 && p <= 0x1B7F) || (p >= 0x1DC0 && p <= 0x1FFF) ||
        (p >= 0x2000 && p <= 0x2FFF) || (p >= 0x302A && p <= 0x302F) ||
        (p >= 0x3099 && p <= 0x309A) || (p >= 0xF900 && p <= 0xFAFF) ||
        (p >= 0xFB1D && p <= 0xFB4F) || (p >= 0xFE20 && p <= 0xFE2F) ||
        (p >= 0x1D15E && p <= 0x1D1C0) || (p >= 0x2F800 && p <= 0x2FA1F) || !c.valid)
      return true;
  }
  return false;
}

bool valid_utf8(const std::string& text) {
  for (size_t i = 0; i < text.size();) {
    ir::Utf8Char c = ir::decode_utf8(text, i);
    if (!c.valid) return false;
    i += c.length;
  }
  return true;
}

bool is_identifier(const std::string& name) {
  if (name.empty()) return false;
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!letter(name[0])) return false;
  for (char c : name)
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '-') return false;
  return true;
}

}  // namespace

void Evaluator::set_files(std::function<Loaded(const std::string&)> load, std::string directory) {
  load_ = std::move(load);
  files_directory_ = std::move(directory);
}

bool Evaluator::reads_files(const std::string& name) {
  return name == "file" || name == "filebase64" || name == "fileexists" || name == "templatefile";
}

Evaluator::FileRead Evaluator::read_file(const std::string& name, const std::string& path,
                                         const ir::Span& span) {
  FileRead read;
  auto unknown = [&](const std::string& why) {
    read.result = {Value::unknown(name + "(\"" + path + "\") is not read: " + why, span), false};
  };
  if (!load_) {
    unknown("files are not read here");
    return read;
  }
  if (path.starts_with("/") || path.starts_with("~")) {
    unknown("the path is outside the repository");
    return read;
  }
  std::string relative = join_path(files_directory_, path);
  Loaded loaded = load_(relative);
  if (!loaded.ok()) {
    read.missing = loaded.error.starts_with("no such file");
    if (read.missing) {
      read.result = {Value::unknown(name +
                                        "(): Invalid value for \"path\" parameter: no file "
                                        "exists at \"" +
                                        path + "\"",
                                    span),
                     true};
    } else if (loaded.error == "is a directory") {
      read.result = {Value::unknown(name + "(): failed to read " + path + ": is a directory", span),
                     true};
    } else {
      unknown(loaded.error);
    }
    return read;
  }
  read.file = loaded.file;
  read.ok = true;
  return read;
}

CallResult Evaluator::file_function(const Expr& expr, std::vector<Value>& args) {
  const std::string& name = expr.text;
  Call call{name, args, expr.span, limits_};
  for (const Value& arg : args)
    if (first_unknown(arg)) return unknown_result(call);
  if (!args[0].is_string()) return error(call, "path must be a string");
  const std::string path = args[0].as_string();
  if (name == "templatefile" && in_template_)
    return error(call, "cannot recursively call templatefile from inside templatefile");
  FileRead read = read_file(name, path, expr.span);
  if (name == "fileexists") {
    if (read.missing) return ok(Value::boolean(false));
    if (!read.ok) return std::move(read.result);
    return ok(Value::boolean(true));
  }
  if (!read.ok) return std::move(read.result);
  const std::string& text = model_.sources.file(read.file).text;
  if (!bytes_fit(call, text.size() * (name == "filebase64" ? 2 : 1))) return too_many_bytes(call);
  if (name == "filebase64") return ok(Value::string(ir::base64_encode(text)));
  if (!valid_utf8(text))
    return error(call, "contents of " + path +
                           " are not valid UTF-8; use the filebase64 function "
                           "to obtain the Base64 encoded contents");
  if (may_change_under_nfc(text))
    return {Value::unknown(name + "(\"" + path +
                               "\"): the text has characters Unicode normalization may change, "
                               "which Terraform applies and blastwall does not",
                           expr.span),
            false};
  if (name == "file") return ok(Value::string(text));
  return template_file(call, path, read.file, args[1]);
}

CallResult Evaluator::template_file(Call& call, const std::string& path, ir::FileId file,
                                    const Value& vars) {
  if (!vars.is_object()) return error(call, "vars must be a map or an object");
  for (const std::string& key : vars.keys())
    if (!is_identifier(key))
      return error(call, "invalid template variable name \"" + key +
                             "\": must start with a letter, followed by zero or more letters, "
                             "digits, and underscores");
  std::shared_ptr<const HclFile>& parsed = templates_[file];
  if (!parsed) {
    const std::string& text = model_.sources.file(file).text;
    std::string wrapped = "v = <<" + std::string(kDelimiter) + "\n" + text + kSentinel + "\n" +
                          std::string(kDelimiter) + "\n";
    if (text.find(kDelimiter) != std::string::npos || text.find(kSentinel) != std::string::npos)
      return {Value::unknown("templatefile(\"" + path +
                                 "\") is not evaluated: the template holds "
                                 "text blastwall reserves",
                             call.span),
              false};
    // Its own source, so spans and messages inside the template read right.
    ir::FileId id =
        model_.sources.add(model_.sources.file(file).path + " (as a template)", std::move(wrapped));
    HclParser parser;
    parser.set_max_items(limits_.collection_items);
    parsed = std::make_shared<const HclFile>(parser.parse(model_.sources.file(id)));
  }
  if (!parsed->errors.empty() || parsed->body.attributes.size() != 1)
    return error(call, "failed to parse the template " + path +
                           (parsed->errors.empty() ? "" : ": " + parsed->errors[0].message));
  // The template sees its variables and nothing else: no var., local.,
  // path., resources or enclosing `for` names.
  std::vector<std::pair<std::string, Value>> saved_bindings;
  saved_bindings.swap(bindings_);
  for (size_t i = 0; i < vars.keys().size(); ++i)
    bindings_.emplace_back(vars.keys()[i], vars.items()[i]);
  bool saved_in_template = in_template_;
  in_template_ = true;
  ++try_depth_;  // a failure inside is the call's, reported at the call
  size_t failures_before = failures_;
  Value result = evaluate(parsed->body.attributes[0].value);
  --try_depth_;
  in_template_ = saved_in_template;
  bindings_.swap(saved_bindings);
  if (failures_ > failures_before) {
    failures_ = failures_before;
    std::string reason = result.is_unknown() ? result.unknown_reason() : "it fails";
    return error(call, "the template " + path + " fails: " + reason);
  }
  if (result.is_unknown()) return {result, false};
  if (!result.is_string()) return error(call, "the template did not give a string");
  std::string text = result.as_string();
  if (text.size() < 2 || text[text.size() - 2] != kSentinel || text.back() != '\n')
    return {Value::unknown("templatefile(\"" + path +
                               "\") is not evaluated: its text did not "
                               "come back whole",
                           call.span),
            false};
  text.resize(text.size() - 2);
  return ok(Value::string(std::move(text)));
}

}  // namespace bw::frontends::terraform
