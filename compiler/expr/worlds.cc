#include "compiler/expr/worlds.h"

#include "compiler/expr/because.h"
#include "compiler/expr/evaluator.h"

namespace bw::compiler::expr {

const ir::Value& World::choose(const ir::Value& one_of, ir::ResourceId resource) {
  const std::vector<ir::Value>& alternatives = one_of.alternatives();
  for (size_t i = 0; i < met_; ++i)
    if (choices_[i].one_of == &one_of) return alternatives[choices_[i].taken];
  // Past the limit the outcome is decided (Unknown); reading on must stay
  // cheap and consistent, so new values take their first alternative.
  if (overflowed()) return alternatives[0];
  // The plan's next choice point is this value, since evaluation is
  // deterministic; should it ever differ, the plan beyond here is void.
  if (met_ < choices_.size() && choices_[met_].one_of != &one_of) choices_.resize(met_);
  if (met_ == choices_.size()) choices_.push_back({&one_of, resource, 0});
  branches_ += alternatives.size() - 1;
  return alternatives[choices_[met_++].taken];
}

bool World::next() {
  choices_.resize(met_);
  while (!choices_.empty() &&
         choices_.back().taken + 1 >= choices_.back().one_of->alternatives().size())
    choices_.pop_back();
  met_ = 0;
  branches_ = 0;
  if (choices_.empty()) return false;
  ++choices_.back().taken;
  return true;
}

namespace {

// One world's choices and what the predicate came to in it.
struct WorldResult {
  std::vector<World::Choice> choices;
  bool truth;
};

// "deletion_protection is false or true (depends on ...)".
std::string describe_one_of(const ir::Model& model, ir::ResourceId self,
                            const World::Choice& choice) {
  std::string subject = subject_of(model, self, choice.resource, choice.one_of);
  std::string text = (subject.empty() ? "a value" : subject) + " is " + choice.one_of->describe();
  const std::string& reason = choice.one_of->unknown_reason();
  return reason.empty() ? text : text + " (" + reason + ")";
}

// Names the values whose alternatives the truth depends on, and when it
// holds: best a single value, read in every world, whose alternatives split
// into those that make the rule hold and those that do not.
Outcome mixed(const ir::Model& model, ir::ResourceId self, const std::vector<WorldResult>& worlds) {
  std::vector<World::Choice> values;
  for (const WorldResult& world : worlds)
    for (const World::Choice& choice : world.choices) {
      bool seen = false;
      for (const World::Choice& value : values) seen |= value.one_of == choice.one_of;
      if (!seen) values.push_back(choice);
    }
  std::vector<const World::Choice*> deciding;
  for (const World::Choice& value : values) {
    size_t count = value.one_of->alternatives().size();
    std::vector<bool> holds(count), fails(count);
    size_t read_in = 0;
    for (const WorldResult& world : worlds)
      for (const World::Choice& choice : world.choices)
        if (choice.one_of == value.one_of) {
          (world.truth ? holds : fails)[choice.taken] = true;
          ++read_in;
        }
    if (holds == fails) continue;
    deciding.push_back(&value);
    bool alone = read_in == worlds.size();
    for (size_t i = 0; i < count; ++i) alone &= !(holds[i] && fails[i]);
    if (!alone) continue;
    std::string when;
    for (size_t i = 0; i < count; ++i)
      if (holds[i])
        when += (when.empty() ? "" : " or ") + value.one_of->alternatives()[i].describe();
    return {Truth::Unknown,
            describe_one_of(model, self, value) + ": the rule holds only when it is " + when,
            value.one_of->span(),
            {}};
  }
  if (deciding.empty()) deciding.push_back(&values.front());
  std::string text;
  for (const World::Choice* value : deciding)
    text += (text.empty() ? "" : " and ") + describe_one_of(model, self, *value);
  return {Truth::Unknown,
          text + ": the rule holds only for some combinations of them",
          deciding.front()->one_of->span(),
          {}};
}

Outcome too_many(const ir::Model& model, ir::ResourceId self, const World::Choice& first) {
  return {Truth::Unknown,
          "too many alternatives: " + describe_one_of(model, self, first) +
              ", and with the other values that depend on unknown conditions there are more "
              "than " +
              std::to_string(kMaxWorlds) + " combinations to try",
          first.one_of->span(),
          {}};
}

// The outcome of one world; for True, with the message's bindings rendered.
Outcome outcome_of(const Val& result, const Program& program, Evaluator& evaluator,
                   const ir::Model& model, ir::ResourceId self, World& world) {
  if (result.is_unknown()) {
    Outcome outcome{Truth::Unknown, describe_unknown(model, self, result), {}, {}};
    if (result.model) outcome.span = result.model->span();
    return outcome;
  }
  if (!result.is_true()) return {};
  Outcome outcome{Truth::True, {}, {}, {}};
  for (const MessageBinding& binding : program.bindings) {
    std::string text;
    if (binding.let >= 0) {
      text = render(model, evaluator.let(static_cast<size_t>(binding.let)), world);
    } else if (const Val* witness = evaluator.witness(static_cast<size_t>(binding.witness))) {
      text = render(model, *witness, world);
    }
    outcome.bindings.emplace_back(binding.name, std::move(text));
  }
  return outcome;
}

// Everything but a plain True or False in one world: an Unknown, bindings to
// render, or more worlds to run and combine.
[[gnu::noinline]] Outcome settle(Val result, const Program& program, Evaluator& evaluator,
                                 const ir::Model& model, ir::ResourceId self, World& world) {
  if (!world.branched()) return outcome_of(result, program, evaluator, model, self, world);
  std::vector<WorldResult> worlds;
  Outcome first_true;
  bool any_true = false, any_false = false;
  while (true) {
    std::vector<World::Choice> choices = world.taken();
    if (world.overflowed()) return too_many(model, self, choices.front());
    if (result.is_unknown()) return outcome_of(result, program, evaluator, model, self, world);
    if (result.is_true() && !any_true)
      first_true = outcome_of(result, program, evaluator, model, self, world);
    any_true |= result.is_true();
    any_false |= !result.is_true();
    worlds.push_back({std::move(choices), result.is_true()});
    if (!world.next()) break;
    if (worlds.size() == kMaxWorlds) return too_many(model, self, worlds.front().choices.front());
    evaluator.reset();
    result = evaluator.run();
  }
  if (!any_false) return first_true;
  if (!any_true) return {};
  return mixed(model, self, worlds);
}

}  // namespace

Outcome evaluate_worlds(const Program& program, const ir::Model& model, ir::ResourceId self) {
  World world;
  Evaluator evaluator(program, model, self, world);
  Val result = evaluator.run();
  if (!world.branched() && result.is(Val::Kind::Bool) &&
      (!result.boolean || program.bindings.empty()))
    return {result.boolean ? Truth::True : Truth::False, {}, {}, {}};
  return settle(result, program, evaluator, model, self, world);
}

}  // namespace bw::compiler::expr
