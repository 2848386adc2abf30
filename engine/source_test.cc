#include "engine/source.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace bw::engine;

namespace {

// A scratch directory, canonical, removed afterwards.
struct Tree {
  fs::path root;
  explicit Tree(const std::string& name) {
    root = fs::temp_directory_path() / ("bw-source-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root);
    root = fs::canonical(root);
  }
  ~Tree() { fs::remove_all(root); }
  void write(const std::string& name, const std::string& text) {
    fs::create_directories((root / name).parent_path());
    std::ofstream(root / name) << text;
  }
};

std::vector<std::string> names(const Source& source, const std::string& dir) {
  std::vector<DirEntry> entries;
  std::string error;
  std::vector<std::string> out;
  if (!source.list(dir, entries, error)) return {"error: " + error};
  for (const DirEntry& e : entries)
    out.push_back(e.name + (e.type == DirEntry::Type::Directory ? "/" : "") +
                  (e.link ? "@" + e.target : ""));
  return out;
}

std::string read(const Source& source, const std::string& path) {
  std::string text, error;
  return source.read(path, text, error) ? text : "error: " + error;
}

int run(const std::string& command) {
  return std::system(command.c_str());
}

}  // namespace

TEST_CASE("root-relative paths are normalised and may not leave the root") {
  CHECK(normalize_relative("a/./b//c") == "a/b/c");
  CHECK(normalize_relative("envs/prod/../../modules/db") == "modules/db");
  CHECK(normalize_relative(".") == "");
  CHECK_FALSE(normalize_relative("../x"));
  CHECK_FALSE(normalize_relative("a/../../x"));
  CHECK_FALSE(normalize_relative("/etc/passwd"));
  CHECK(join_relative("", "a.tf") == "a.tf");
  CHECK(join_relative(".", "a.tf") == "a.tf");
  CHECK(join_relative("envs", "a.tf") == "envs/a.tf");
}

TEST_CASE("the disk source reads inside its root and nothing outside it") {
  Tree outside("outside");
  outside.write("secret.tf", "secret");
  Tree t("disk");
  t.write("main.tf", "main");
  t.write("modules/db/main.tf", "db");
  fs::create_symlink(t.root / "main.tf", t.root / "link.tf");
  fs::create_symlink(outside.root / "secret.tf", t.root / "escape.tf");
  fs::create_directory_symlink(outside.root, t.root / "escape-dir");
  fs::create_symlink("modules/db/main.tf", t.root / "relative-link.tf");
  DiskSource source(t.root.string());

  CHECK(read(source, "main.tf") == "main");
  CHECK(read(source, "modules/db/../db/main.tf") == "db");
  CHECK(read(source, "link.tf") == "main");
  CHECK(read(source, "relative-link.tf") == "db");
  CHECK(read(source, "escape.tf") == "error: leads outside the repository root");
  CHECK(read(source, "escape-dir/secret.tf") == "error: leads outside the repository root");
  CHECK(read(source, "../outside/secret.tf").rfind("error:", 0) == 0);
  CHECK(read(source, "nope.tf") == "error: no such file or directory");
  CHECK(read(source, "modules") == "error: is a directory");

  CHECK(names(source, "") == std::vector<std::string>{"escape-dir/@", "escape.tf@",
                                                      "link.tf@main.tf", "main.tf", "modules/",
                                                      "relative-link.tf@modules/db/main.tf"});
  CHECK(names(source, "modules/db") == std::vector<std::string>{"main.tf"});
  CHECK(names(source, "escape-dir").front().rfind("error:", 0) == 0);
  CHECK(source.type_of("modules") == DirEntry::Type::Directory);
  CHECK(source.type_of("main.tf") == DirEntry::Type::File);
  CHECK_FALSE(source.type_of("escape.tf"));
  CHECK_FALSE(source.type_of("nope"));
}

TEST_CASE("the disk source refuses files over 16 MiB") {
  Tree t("large");
  {
    std::ofstream out(t.root / "big.tf");
    std::string chunk(1 << 20, '#');
    for (int i = 0; i < 17; ++i) out << chunk;
  }
  DiskSource source(t.root.string());
  CHECK(read(source, "big.tf") == "error: file is larger than 16 MiB, the file_bytes limit");
}

TEST_CASE("an overlay of editor buffers replaces and adds files") {
  Tree t("overlay");
  t.write("main.tf", "on disk");
  t.write("envs/prod/db.tf", "prod");
  DiskSource disk(t.root.string());
  OverlaySource overlay(
      disk, {{"main.tf", "unsaved"}, {"envs/dev/new.tf", "new"}, {"envs/prod/extra.tf", "extra"}});
  CHECK(read(overlay, "main.tf") == "unsaved");
  CHECK(read(overlay, "envs/prod/db.tf") == "prod");
  CHECK(read(overlay, "envs/dev/new.tf") == "new");
  CHECK(names(overlay, "envs") == std::vector<std::string>{"dev/", "prod/"});
  CHECK(names(overlay, "envs/prod") == std::vector<std::string>{"db.tf", "extra.tf"});
  CHECK(names(overlay, "envs/dev") == std::vector<std::string>{"new.tf"});
  CHECK(overlay.type_of("envs/dev") == DirEntry::Type::Directory);
  CHECK(overlay.type_of("envs/dev/new.tf") == DirEntry::Type::File);
}

TEST_CASE("a git revision is read without a checkout") {
  Tree t("git");
  std::string git = "git -C '" + t.root.string() + "' -c user.email=t@t -c user.name=t ";
  t.write("main.tf", "first");
  t.write("sub/db.tf", "db v1");
  fs::create_symlink("sub/db.tf", t.root / "link.tf");
  fs::create_symlink("../../etc/passwd", t.root / "escape.tf");
  REQUIRE(run(git + "init -q") == 0);
  REQUIRE(run(git + "add -A && " + git + "commit -q -m one") == 0);
  t.write("main.tf", "second");
  t.write("sub/db.tf", "db v2");
  t.write("sub/new.tf", "new");
  REQUIRE(run(git + "add -A && " + git + "commit -q -m two") == 0);
  t.write("main.tf", "uncommitted");

  std::string error;
  auto head_1 = GitSource::open(t.root.string(), "HEAD~1", error);
  REQUIRE_MESSAGE(head_1, error);
  CHECK(head_1->commit().size() == 40);
  CHECK(read(*head_1, "main.tf") == "first");
  CHECK(read(*head_1, "sub/db.tf") == "db v1");
  CHECK(read(*head_1, "link.tf") == "db v1");
  CHECK(read(*head_1, "escape.tf") == "error: leads outside the repository root");
  CHECK(read(*head_1, "sub/new.tf").rfind("error: no such file", 0) == 0);
  CHECK(names(*head_1, "") ==
        std::vector<std::string>{"escape.tf@", "link.tf@sub/db.tf", "main.tf", "sub/"});
  CHECK(names(*head_1, "sub") == std::vector<std::string>{"db.tf"});
  auto head = GitSource::open(t.root.string(), "HEAD", error);
  REQUIRE(head);
  CHECK(read(*head, "main.tf") == "second");
  CHECK(names(*head, "sub") == std::vector<std::string>{"db.tf", "new.tf"});

  // A root below the repository's top sees its own part of the tree.
  auto sub = GitSource::open((t.root / "sub").string(), "HEAD", error);
  REQUIRE(sub);
  CHECK(read(*sub, "db.tf") == "db v2");
  CHECK(names(*sub, "") == std::vector<std::string>{"db.tf", "new.tf"});

  CHECK_FALSE(GitSource::open(t.root.string(), "no-such-branch", error));
  CHECK(error.find("is not a commit") != std::string::npos);
  CHECK_FALSE(GitSource::open(t.root.string(), "--output=/tmp/x", error));
}

TEST_CASE("the disk source says what a link or special file is, and never opens a FIFO") {
  Tree outside("outside-entry");
  outside.write("secret.tf", "secret");
  Tree t("entry");
  t.write("main.tf", "main");
  fs::create_symlink(outside.root / "secret.tf", t.root / "escape.tf");
  fs::create_symlink("b.tf", t.root / "a.tf");
  fs::create_symlink("a.tf", t.root / "b.tf");
  fs::create_symlink("nowhere.tf", t.root / "dangling.tf");
  REQUIRE(run("mkfifo '" + (t.root / "pipe.tf").string() + "'") == 0);
  DiskSource source(t.root.string());

  auto escape = source.entry("escape.tf");
  REQUIRE(escape);
  CHECK(escape->link);
  CHECK(escape->target.empty());
  CHECK(escape->problem == "leads outside the repository root");
  CHECK(source.entry("a.tf")->problem == "is a loop of symbolic links");
  CHECK(source.entry("dangling.tf")->problem == "leads nowhere");
  auto pipe = source.entry("pipe.tf");
  REQUIRE(pipe);
  CHECK(pipe->type == DirEntry::Type::Other);
  CHECK(pipe->problem == "a FIFO");
  CHECK(source.entry("main.tf")->type == DirEntry::Type::File);
  CHECK_FALSE(source.entry("nope.tf"));
  // No writer ever opens the FIFO: a blocking open would hang here.
  CHECK(read(source, "pipe.tf") == "error: not a regular file (a FIFO)");
  CHECK(read(source, "a.tf") == "error: too many levels of symbolic links");
}

TEST_CASE("the file limit is the source's, and refuses before reading") {
  Tree t("limit");
  t.write("small.tf", std::string(100, '#'));
  t.write("large.tf", std::string(3000, '#'));
  DiskSource source(t.root.string());
  source.set_file_limit(1024);
  CHECK(read(source, "small.tf").size() == 100);
  CHECK(read(source, "large.tf") == "error: file is larger than 1024 bytes, the file_bytes limit");
  CHECK(too_large(16 * 1024 * 1024) == "file is larger than 16 MiB, the file_bytes limit");
}

TEST_CASE("a git revision follows links inside its tree and names every other kind") {
  Tree t("git-links");
  std::string git = "git -C '" + t.root.string() + "' -c user.email=t@t -c user.name=t ";
  t.write("main.tf", "main");
  t.write("empty.tf", "");
  t.write("dir/db.tf", "db");
  t.write("big.tf", std::string(3000, '#'));
  fs::create_symlink("b.tf", t.root / "a.tf");
  fs::create_symlink("a.tf", t.root / "b.tf");
  fs::create_symlink("dir", t.root / "dir-link");
  fs::create_symlink("dir-link/db.tf", t.root / "through.tf");
  fs::create_symlink("gone.tf", t.root / "dangling.tf");
  fs::create_symlink("/etc/passwd", t.root / "passwd.tf");
  REQUIRE(run(git + "init -q && " + git + "add -A && " + git + "commit -q -m one") == 0);
  std::string error;
  auto head = GitSource::open(t.root.string(), "HEAD", error);
  REQUIRE_MESSAGE(head, error);

  CHECK(read(*head, "through.tf") == "db");
  CHECK(read(*head, "dir-link/db.tf") == "db");
  CHECK(read(*head, "empty.tf").empty());
  CHECK(read(*head, "a.tf") == "error: is a loop of symbolic links");
  CHECK(read(*head, "passwd.tf") == "error: leads outside the repository root");
  CHECK(head->entry("a.tf")->problem == "is a loop of symbolic links");
  CHECK(head->entry("dangling.tf")->problem == "leads nowhere");
  CHECK(head->entry("passwd.tf")->problem == "leads outside the repository root");
  CHECK(head->entry("dir-link")->type == DirEntry::Type::Directory);
  CHECK(head->entry("dir-link")->target == "dir");
  CHECK(head->type_of("through.tf") == DirEntry::Type::File);
  CHECK_FALSE(head->type_of("a.tf"));
  CHECK(names(*head, "dir-link") == std::vector<std::string>{"db.tf"});

  head->set_file_limit(1024);
  CHECK(read(*head, "big.tf") == "error: file is larger than 1024 bytes, the file_bytes limit");
  std::vector<std::string> texts, errors;
  REQUIRE(head->read_all({"main.tf", "big.tf", "empty.tf", "a.tf", "dir/db.tf"}, texts, errors));
  CHECK(texts[0] == "main");
  CHECK(errors[1] == "file is larger than 1024 bytes, the file_bytes limit");
  CHECK(errors[2].empty());
  CHECK(texts[2].empty());
  CHECK(errors[3] == "is a loop of symbolic links");
  CHECK(texts[4] == "db");
  // The disk source does not batch: the caller reads on its threads.
  DiskSource disk(t.root.string());
  CHECK_FALSE(disk.read_all({"main.tf"}, texts, errors));
}
