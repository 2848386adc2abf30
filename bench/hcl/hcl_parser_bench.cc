// Parsing speed of HclParser, and of the tree-sitter oracle it replaced, on
// the generated corpus (bench/generate.sh), read into memory once so only
// parsing is timed. Bytes per second are of the files' text.
//
//   BW_HCL_CORPUS=$(bench/corpus.sh 10k) build/bench/hcl/hcl_parser_bench --benchmark_repetitions=5
//
// The lexer alone is timed too, to show where the time goes.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "frontends/terraform/hcl_lexer.h"
#include "frontends/terraform/hcl_parser.h"
#include "frontends/terraform/tree_sitter_oracle/ts_hcl_parser.h"

namespace {

using namespace bw::frontends::terraform;

// Every .tf and .tfvars file under $BW_HCL_CORPUS (default build/bench-corpus-10k).
struct Corpus {
  bw::ir::SourceManager sources;
  std::vector<bw::ir::FileId> files;
  int64_t bytes = 0;

  Corpus() {
    const char* root = std::getenv("BW_HCL_CORPUS");
    std::filesystem::path directory = root ? root : "build/bench-corpus-10k";
    std::error_code error;
    std::vector<std::filesystem::path> paths;
    for (std::filesystem::recursive_directory_iterator it(directory, error), end; it != end;
         it.increment(error)) {
      std::string extension = it->path().extension().string();
      if (it->is_regular_file() && (extension == ".tf" || extension == ".tfvars"))
        paths.push_back(it->path());
    }
    std::sort(paths.begin(), paths.end());
    for (const std::filesystem::path& path : paths) {
      std::ifstream in(path, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      bytes += static_cast<int64_t>(text.str().size());
      files.push_back(sources.add(path.string(), text.str()));
    }
    if (files.empty())
      std::cerr << "no .tf files under " << directory << "; make them with bench/generate.sh "
                << directory << " 2500 3 10\n";
  }
};

const Corpus& corpus() {
  static const Corpus* loaded = new Corpus();
  return *loaded;
}

template <typename Parser>
void parse_corpus(benchmark::State& state) {
  const Corpus& files = corpus();
  Parser parser;
  for (auto _ : state) {
    for (bw::ir::FileId id : files.files) {
      HclFile file = parser.parse(files.sources.file(id));
      benchmark::DoNotOptimize(file.body.blocks.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * files.bytes);
  state.counters["files"] = static_cast<double>(files.files.size());
}

void BM_HclParser(benchmark::State& state) {
  parse_corpus<HclParser>(state);
}

void BM_TreeSitterOracle(benchmark::State& state) {
  parse_corpus<oracle::TreeSitterHclParser>(state);
}

void BM_HclLexer(benchmark::State& state) {
  const Corpus& files = corpus();
  hcl::Lexer lexer;
  std::vector<hcl::Token> tokens;
  for (auto _ : state) {
    for (bw::ir::FileId id : files.files) {
      const bw::ir::SourceFile& file = files.sources.file(id);
      tokens.clear();
      lexer.lex(file, 0, static_cast<uint32_t>(file.text.size()), tokens);
      benchmark::DoNotOptimize(tokens.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * files.bytes);
}

}  // namespace

BENCHMARK(BM_HclParser)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HclLexer)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TreeSitterOracle)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
