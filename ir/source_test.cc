#include "ir/source.h"

#include <doctest/doctest.h>

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

TEST_CASE("shared managers see each other's files; find returns the first by path") {
  SourceManager a;
  SourceManager b = a.share();
  FileId first = a.add("x.tf", "1");
  FileId second = b.add("x.tf", "2");
  CHECK(a.size() == 2);
  CHECK(b.file(first).text == "1");
  CHECK(a.file(second).text == "2");
  CHECK(*a.find("x.tf") == first);
  CHECK_FALSE(a.find("y.tf"));
}
