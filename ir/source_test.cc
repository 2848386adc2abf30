#include "ir/source.h"

#include <doctest/doctest.h>

#include <thread>
#include <vector>

using namespace bw::ir;

TEST_CASE("positions are 1-based lines and byte columns") {
  SourceManager sources;
  FileId id = sources.add("a.tf", "ab\ncd\n\nlast");
  const SourceFile& f = sources.file(id);
  CHECK(f.line_count() == 4);
  Position p = f.position_at(4);
  CHECK(p.line == 2);
  CHECK(p.column == 2);
  CHECK(f.line_text(2) == "cd");
  CHECK(f.line_text(3) == "");
  CHECK(f.line_text(4) == "last");
  CHECK(f.line_text(5) == "");
  CHECK(f.position_at(1000).line == 4);
}

TEST_CASE("rendered files map back to their template") {
  SourceManager sources;
  FileId tpl = sources.add("templates/pvc.yaml", "kind: {{ .Values.kind }}\n");
  FileId out = sources.add("templates/pvc.yaml (rendered)", "kind: PersistentVolumeClaim\n");
  sources.file(out).origins.push_back(sources.file(tpl).span(0, 4));
  Span s = sources.original(sources.file(out).span(6, 10));
  CHECK(s.file == tpl);
  CHECK(s.begin.line == 1);
}

TEST_CASE("shared managers see each other's files; one key, one file") {
  SourceManager a;
  SourceManager b = a.share();
  FileId first = a.add("x.tf", "1");
  FileId other = b.add("y.tf", "2");
  CHECK(a.size() == 2);
  CHECK(b.file(first).text == "1");
  CHECK(a.file(other).text == "2");
  CHECK(*a.find("x.tf") == first);
  CHECK_FALSE(a.find("z.tf"));
  // The same file added again is the same file: its first text is kept.
  CHECK(b.add("x.tf", "changed") == first);
  CHECK(a.size() == 2);
  CHECK(a.file(first).text == "1");
  // Keyed by the root-relative path when there is one: the display path may differ.
  FileId module = a.add("../modules/db/main.tf", "m", "modules/db/main.tf");
  CHECK(*a.find("modules/db/main.tf") == module);
  CHECK(a.add("modules/db/main.tf", "m", "modules/db/main.tf") == module);
}

// Regression: two units loading one module at once each got a file id of its
// own (looked up, then added, without one lock), and reported its errors twice.
TEST_CASE("threads adding the same file at once all get one id") {
  for (int round = 0; round < 50; ++round) {
    SourceManager sources;
    std::vector<FileId> ids(4);
    std::vector<std::thread> threads;
    for (size_t t = 0; t < ids.size(); ++t)
      threads.emplace_back([&, t] {
        SourceManager mine = sources.share();
        ids[t] = mine.add("modules/db/main.tf", "text", "modules/db/main.tf");
      });
    for (std::thread& thread : threads) thread.join();
    CHECK(sources.size() == 1);
    for (FileId id : ids) CHECK(id == ids[0]);
  }
}
