// Microbenchmarks for the phases after parsing: evaluating a Terraform module
// (variables, locals, templates, functions) from a parsed AST, and
// evaluating the built-in rules over normalised resources. The module is the
// generated corpus's (bench/generate.sh), so the figures relate to
// bench/run.sh's.
//
//   build/bench/micro/engine_bench --benchmark_repetitions=5

#include <benchmark/benchmark.h>

#include "engine/analyse.h"
#include "engine/engine.h"
#include "engine/normalise.h"
#include "frontends/terraform/module_walk.h"

namespace {

using namespace bw;

// One directory of the generated corpus: variables, locals, 10 resources of each file.
std::string module_text() {
  std::string text =
      "variable \"retention\" {\n  default = 7\n}\nvariable \"protect\" {}\n"
      "locals {\n  name = \"team7\"\n  prod = true\n}\n";
  for (int r = 0; r < 10; ++r) {
    std::string id = "0_" + std::to_string(r);
    switch (r % 5) {
      case 0:
        text += "resource \"aws_db_instance\" \"db" + id + "\" {\n  identifier = \"${local.name}-" +
                id +
                "\"\n  engine = \"postgres\"\n  deletion_protection = local.prod\n"
                "  backup_retention_period = var.retention\n  skip_final_snapshot = true\n"
                "  tags = { Team = local.name }\n}\n";
        break;
      case 1:
        text += "resource \"aws_dynamodb_table\" \"t" + id + "\" {\n  name = \"${local.name}-t" +
                id +
                "\"\n  hash_key = \"id\"\n  deletion_protection_enabled = var.protect\n"
                "  point_in_time_recovery {\n    enabled = false\n  }\n}\n";
        break;
      case 2:
        text += "resource \"aws_s3_bucket\" \"b" + id + "\" {\n  bucket = \"${local.name}-b" + id +
                "\"\n  force_destroy = false\n}\n";
        break;
      case 3:
        text +=
            "resource \"aws_launch_template\" \"lt" + id +
            "\" {\n  name_prefix = \"lt-\"\n  user_data = base64encode(<<-EOT\n"
            "    docker run -d postgres:15\n    docker run -d ghcr.io/acme/api:1\n  EOT\n  )\n}\n";
        break;
      default:
        text += "resource \"aws_autoscaling_group\" \"asg" + id +
                "\" {\n  min_size = 1\n  max_size = 3\n  launch_template {\n"
                "    id = aws_launch_template.lt0_" +
                std::to_string(r - 1) + ".id\n  }\n}\n";
    }
  }
  return text;
}

// The built-in pack, compiled once.
const engine::Engine& loaded_engine() {
  static engine::Engine* engine = [] {
    auto* e = new engine::Engine();
    engine::Options options;
    options.root = "/";
    options.paths = {"/"};
    std::vector<compiler::CompileError> errors;
    e->load(options, errors);
    return e;
  }();
  return *engine;
}

using frontends::terraform::ParsedFile;

// The module, parsed once into `sources`.
std::vector<ParsedFile> parsed_module(ir::SourceManager& sources) {
  ir::FileId id = sources.add("main.tf", module_text(), "main.tf");
  frontends::terraform::HclParser parser;
  ParsedFile file;
  file.source = &sources.file(id);
  file.hcl = std::make_shared<const frontends::terraform::HclFile>(parser.parse(*file.source));
  return {file};
}

// The module's resources, walked into `model` as the frontend walks a root module.
void walk(ir::Model& model, const std::vector<ParsedFile>& files) {
  frontends::Context context{model, {}, {}};
  frontends::terraform::ParseCache cache;
  frontends::terraform::WalkContext shared(context, cache);
  frontends::terraform::ModuleInstance root;
  root.directory = ".";
  root.call_stack.push_back(".");
  frontends::terraform::walk_module(files, root, {}, shared);
}

// Evaluating the module's expressions into resources, from an AST parsed once.
void BM_TerraformEvaluate(benchmark::State& state) {
  ir::SourceManager sources;
  std::vector<ParsedFile> files = parsed_module(sources);
  size_t resources = 0;
  for (auto _ : state) {
    ir::Model model;
    model.sources = sources.share();
    walk(model, files);
    resources += model.resources.size();
    benchmark::DoNotOptimize(model.resources.data());
  }
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * files.front().source->text.size()));
  state.counters["resources/s"] =
      benchmark::Counter(static_cast<double>(resources), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TerraformEvaluate);

// Every built-in rule over the module's normalised resources.
void BM_RuleEvaluation(benchmark::State& state) {
  const engine::Engine& engine = loaded_engine();
  ir::Model model;
  walk(model, parsed_module(model.sources));
  engine::normalise(model, engine.pack().kinds());
  size_t evaluations = 0;
  for (auto _ : state) {
    for (ir::ResourceId r = 0; r < model.resources.size(); ++r) {
      const ir::Resource& resource = model.resources[r];
      if (resource.kind.empty()) continue;
      for (const compiler::Rule* rule : engine.pack().rules_for(resource.kind)) {
        benchmark::DoNotOptimize(compiler::evaluate(*rule->when, model, r));
        ++evaluations;
      }
    }
  }
  state.counters["evaluations/s"] =
      benchmark::Counter(static_cast<double>(evaluations), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RuleEvaluation);

// Normalising the module's resources: kinds, derivations, defaults, types.
void BM_Normalise(benchmark::State& state) {
  const engine::Engine& engine = loaded_engine();
  ir::Model parsed;
  walk(parsed, parsed_module(parsed.sources));
  for (auto _ : state) {
    ir::Model model;
    model.resources = parsed.resources;
    engine::normalise(model, engine.pack().kinds());
    benchmark::DoNotOptimize(model.resources.data());
  }
  state.counters["resources/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * parsed.resources.size()),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Normalise);

}  // namespace

BENCHMARK_MAIN();
