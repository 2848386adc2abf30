#include "frontends/tfplan/plan_reader.h"

#include "frontends/tfplan/json_reader.h"
#include "ir/value.h"

namespace bw::frontends::tfplan {

namespace {

using Token = JsonReader::Token;

class Reader {
 public:
  Reader(const ir::SourceFile& file, Plan& plan) : file_(file), json_(file.text), plan_(plan) {}

  void read() {
    Token t = json_.next();
    if (t == Token::Error) return failed();
    if (t != Token::BeginObject) return fail("a plan is a JSON object", json_.begin());
    while ((t = json_.next()) == Token::Key) {
      std::string key = json_.string();
      if (key == "resource_changes") {
        if (!changes()) return failed();
      } else if (key == "configuration") {
        plan_.has_configuration = true;
        if (!configuration()) return failed();
      } else if (!json_.skip(t)) {
        return failed();
      }
    }
    if (t == Token::Error) return failed();
    if (json_.next() == Token::Error) return failed();
  }

 private:
  void fail(std::string message, uint32_t offset) {
    plan_.failed = true;
    plan_.error = std::move(message);
    plan_.error_offset = offset;
  }
  void failed() { fail(json_.error(), json_.error_offset()); }

  ir::Span span(uint32_t begin, uint32_t end) const { return file_.span(begin, end); }

  // A whole value from its first token, with spans in the plan.
  bool value(Token t, ir::Value& out) {
    uint32_t begin = json_.begin();
    switch (t) {
      case Token::String:
        out = ir::Value::string(json_.string(), span(begin, json_.end()));
        return true;
      case Token::Number:
        out = ir::Value::number(json_.number(), span(begin, json_.end()));
        return true;
      case Token::True:
      case Token::False:
        out = ir::Value::boolean(t == Token::True, span(begin, json_.end()));
        return true;
      case Token::Null:
        out = ir::Value::null(span(begin, json_.end()));
        return true;
      case Token::BeginArray: {
        std::vector<ir::Value> items;
        while ((t = json_.next()) != Token::EndArray) {
          if (t == Token::Error) return false;
          items.emplace_back();
          if (!value(t, items.back())) return false;
        }
        out = ir::Value::list(std::move(items), span(begin, json_.end()));
        return true;
      }
      case Token::BeginObject: {
        out = ir::Value::object();
        while ((t = json_.next()) == Token::Key) {
          std::string key = json_.string();
          ir::Value member;
          if (!value(json_.next(), member)) return false;
          out.set(key, std::move(member));
        }
        if (t == Token::Error) return false;
        out.set_span(span(begin, json_.end()));
        return true;
      }
      default:
        return false;
    }
  }

  // A string member; another type is skipped and `ok` cleared.
  bool string(Token t, std::string& out, bool& ok) {
    if (t == Token::String) {
      out = json_.string();
      return true;
    }
    ok = false;
    return json_.skip(t);
  }

  bool strings(Token t, std::vector<std::string>& out, bool& ok) {
    if (t != Token::BeginArray) {
      ok = false;
      return json_.skip(t);
    }
    while ((t = json_.next()) != Token::EndArray) {
      if (t == Token::Error) return false;
      std::string s;
      if (!string(t, s, ok)) return false;
      out.push_back(std::move(s));
    }
    return true;
  }

  // replace_paths: a list of paths, each a list of steps (names and indexes).
  bool paths(Token t, std::vector<std::string>& out, bool& ok) {
    if (t != Token::BeginArray) {
      ok = false;
      return json_.skip(t);
    }
    while ((t = json_.next()) != Token::EndArray) {
      if (t == Token::Error) return false;
      if (t != Token::BeginArray) {
        ok = false;
        if (!json_.skip(t)) return false;
        continue;
      }
      std::string dotted;
      while ((t = json_.next()) != Token::EndArray) {
        if (t == Token::Error) return false;
        if (t != Token::String && t != Token::Number) {
          ok = false;
          if (!json_.skip(t)) return false;
          continue;
        }
        if (!dotted.empty()) dotted += '.';
        dotted += json_.string();
      }
      out.push_back(std::move(dotted));
    }
    return true;
  }

  bool change(Token t, PlannedResource& r, bool& ok) {
    if (t != Token::BeginObject) {
      ok = false;
      return json_.skip(t);
    }
    while ((t = json_.next()) == Token::Key) {
      std::string key = json_.string();
      if (key == "actions") {
        if (!strings(json_.next(), r.actions, ok)) return false;
      } else if (key == "replace_paths") {
        if (!paths(json_.next(), r.replace_paths, ok)) return false;
      } else if (key == "before") {
        r.has_before = true;
        if (!value(json_.next(), r.before)) return false;
      } else if (key == "after") {
        r.has_after = true;
        if (!value(json_.next(), r.after)) return false;
      } else if (key == "after_unknown") {
        if (!value(json_.next(), r.after_unknown)) return false;
      } else if (!json_.skip(t)) {
        return false;
      }
    }
    return t != Token::Error;
  }

  bool entry(PlannedResource& r, bool& ok) {
    Token t;
    while ((t = json_.next()) == Token::Key) {
      std::string key = json_.string();
      bool done = key == "address"          ? string(json_.next(), r.address, ok)
                  : key == "module_address" ? string(json_.next(), r.module_address, ok)
                  : key == "mode"           ? string(json_.next(), r.mode, ok)
                  : key == "type"           ? string(json_.next(), r.type, ok)
                  : key == "name"           ? string(json_.next(), r.name, ok)
                  : key == "deposed"        ? string(json_.next(), r.deposed, ok)
                  : key == "change"         ? change(json_.next(), r, ok)
                                            : json_.skip(t);
      if (!done) return false;
    }
    return t != Token::Error;
  }

  bool changes() {
    Token t = json_.next();
    if (t != Token::BeginArray) {
      if (t == Token::Error) return false;
      plan_.problems.push_back({json_.begin(), "'resource_changes' is not a list"});
      return json_.skip(t);
    }
    while ((t = json_.next()) != Token::EndArray) {
      if (t == Token::Error) return false;
      uint32_t begin = json_.begin();
      if (t != Token::BeginObject) {
        plan_.problems.push_back({begin, "a 'resource_changes' entry is not an object"});
        if (!json_.skip(t)) return false;
        continue;
      }
      PlannedResource r;
      bool ok = true;
      if (!entry(r, ok)) return false;
      r.begin = begin;
      r.end = json_.end();
      if (!ok || r.address.empty() || r.type.empty() || r.name.empty() || r.actions.empty())
        plan_.problems.push_back(
            {begin,
             "a 'resource_changes' entry lacks its address, type, name or actions, or "
             "has one of another type"});
      else
        keep(std::move(r));
    }
    return true;
  }

  // Keeps an entry with only the object its resource is read from: the
  // values after the change, or before it when nothing will be after (a
  // delete, a forget), so a plan's resources cost one copy of their values.
  void keep(PlannedResource r) {
    bool creates = false, deletes = false;
    for (const std::string& action : r.actions) {
      creates |= action == "create";
      deletes |= action == "delete";
    }
    if (r.after.is_object() && !(deletes && !creates)) {
      r.before = ir::Value();
    } else {
      r.after = ir::Value();
      r.after_unknown = ir::Value();
    }
    plan_.resources.push_back(std::move(r));
  }

  // module_calls: {NAME: {source, module: {module_calls: ...}}}.
  // A configuration resource's expressions: the resources each argument
  // refers to, as Terraform lists them ("aws_s3_bucket.b.id", "aws_s3_bucket.b"),
  // made absolute with the module's address.
  bool expressions(Token t, const std::string& module_address,
                   std::vector<std::pair<std::string, std::vector<std::string>>>& out) {
    if (t != Token::BeginObject) return json_.skip(t);
    while ((t = json_.next()) == Token::Key) {
      std::string argument = json_.string();
      t = json_.next();
      if (t != Token::BeginObject) {
        if (!json_.skip(t)) return false;
        continue;
      }
      while ((t = json_.next()) == Token::Key) {
        if (json_.string() != "references") {
          if (!json_.skip(t)) return false;
          continue;
        }
        std::vector<std::string> references;
        bool ok = true;
        if (!strings(json_.next(), references, ok)) return false;
        for (std::string& reference : references) reference = module_address + reference;
        if (!references.empty()) out.emplace_back(argument, std::move(references));
      }
      if (t == Token::Error) return false;
    }
    return t != Token::Error;
  }

  bool resources(Token t, const std::string& module_address) {
    if (t != Token::BeginArray) return json_.skip(t);
    while ((t = json_.next()) == Token::BeginObject) {
      std::string address;
      std::vector<std::pair<std::string, std::vector<std::string>>> arguments;
      while ((t = json_.next()) == Token::Key) {
        std::string key = json_.string();
        bool ok = true;
        bool done = key == "address"       ? string(json_.next(), address, ok)
                    : key == "expressions" ? expressions(json_.next(), module_address, arguments)
                                           : json_.skip(t);
        if (!done) return false;
      }
      if (t == Token::Error) return false;
      if (!address.empty() && !arguments.empty())
        plan_.references[module_address + address] = std::move(arguments);
    }
    if (t == Token::Error) return false;
    return t == Token::EndArray || json_.skip(t);
  }

  bool module(Token t, const std::string& prefix) {
    if (t != Token::BeginObject) return json_.skip(t);
    std::string module_address;  // "db.inner." → "module.db.module.inner."
    for (size_t at = 0; at < prefix.size();) {
      size_t dot = prefix.find('.', at);
      module_address += "module." + prefix.substr(at, dot - at) + ".";
      at = dot + 1;
    }
    while ((t = json_.next()) == Token::Key) {
      if (json_.string() == "resources") {
        if (!resources(json_.next(), module_address)) return false;
        continue;
      }
      if (json_.string() != "module_calls") {
        if (!json_.skip(t)) return false;
        continue;
      }
      t = json_.next();
      if (t != Token::BeginObject) {
        if (!json_.skip(t)) return false;
        continue;
      }
      while ((t = json_.next()) == Token::Key) {
        std::string call = prefix + json_.string();
        t = json_.next();
        if (t != Token::BeginObject) {
          if (!json_.skip(t)) return false;
          continue;
        }
        while ((t = json_.next()) == Token::Key) {
          std::string key = json_.string();
          if (key == "source") {
            t = json_.next();
            if (t == Token::String)
              plan_.module_sources[call] = json_.string();
            else if (!json_.skip(t))
              return false;
          } else if (key == "module") {
            if (!module(json_.next(), call + ".")) return false;
          } else if (!json_.skip(t)) {
            return false;
          }
        }
        if (t == Token::Error) return false;
      }
      if (t == Token::Error) return false;
    }
    return t != Token::Error;
  }

  bool configuration() {
    Token t = json_.next();
    if (t != Token::BeginObject) return json_.skip(t);
    while ((t = json_.next()) == Token::Key) {
      if (json_.string() == "root_module") {
        if (!module(json_.next(), "")) return false;
      } else if (!json_.skip(t)) {
        return false;
      }
    }
    return t != Token::Error;
  }

  const ir::SourceFile& file_;
  JsonReader json_;
  Plan& plan_;
};

}  // namespace

Plan read_plan(const ir::SourceFile& file) {
  Plan plan;
  Reader(file, plan).read();
  return plan;
}

int plan_score(std::string_view text) {
  JsonReader json(text);
  Token t = json.next();
  if (t != Token::BeginObject) return 0;
  bool format = false, version = false, changes = false;
  while ((t = json.next()) == Token::Key) {
    const std::string& key = json.string();
    format |= key == "format_version";
    version |= key == "terraform_version";
    changes |= key == "resource_changes" || key == "planned_values";
    if (format && version && changes) return 90;
    if (!json.skip(t)) return 0;
  }
  return 0;
}

std::vector<std::string> module_names(std::string_view address) {
  std::vector<std::string> names;
  size_t at = 0;
  while (at < address.size()) {
    if (address.substr(at, 7) != "module.") return names;
    at += 7;
    size_t end = at;
    while (end < address.size() && address[end] != '.' && address[end] != '[') ++end;
    names.emplace_back(address.substr(at, end - at));
    at = end;
    if (at < address.size() && address[at] == '[') {
      // An index: a number or a quoted key, which may hold ']' or '.'.
      bool quoted = false;
      for (++at; at < address.size(); ++at) {
        char c = address[at];
        if (c == '\\' && quoted) {
          ++at;
        } else if (c == '"') {
          quoted = !quoted;
        } else if (c == ']' && !quoted) {
          ++at;
          break;
        }
      }
    }
    if (at < address.size() && address[at] == '.') ++at;
  }
  return names;
}

void apply_unknown(ir::Value& value, const ir::Value& mask, const std::string& reason) {
  if (mask.is_bool()) {
    if (mask.as_bool()) value = ir::Value::unknown(reason, value.span());
    return;
  }
  if (mask.is_object() && value.is_object()) {
    ir::KeyList keys = mask.keys();
    const std::vector<ir::Value>& masks = mask.items();
    for (size_t i = 0; i < masks.size(); ++i) {
      if (ir::Value* member = value.get(keys[i])) {
        apply_unknown(*member, masks[i], reason);
      } else if (masks[i].is_bool() && masks[i].as_bool()) {
        value.set(keys[i], ir::Value::unknown(reason, value.span()));
      }
    }
    return;
  }
  if (mask.is_list() && value.is_list()) {
    std::vector<ir::Value>& items = value.items();
    const std::vector<ir::Value>& masks = mask.items();
    for (size_t i = 0; i < masks.size() && i < items.size(); ++i)
      apply_unknown(items[i], masks[i], reason);
  }
}

}  // namespace bw::frontends::tfplan
