#pragma once
// The one list of frontends. The engine asks it for frontends and never names
// a language: a built-in frontend is one line in registry.cc, and a frontend
// elsewhere (a test's, a plugin's) registers itself with one line in its own
// file:
//
//   static const bw::frontends::Registrar kRegistered{&make_my_frontend};
//
// Nothing may depend on the order frontends were registered in (static
// initialisers in different files run in no order the language fixes): files
// go to the frontend that claims them most surely (ties by name), and units
// are planned frontend by frontend in name order. The registry can hand out
// its frontends in reverse to prove it (`reverse_for_testing`).

#include <memory>
#include <string>
#include <vector>

#include "frontends/frontend.h"

namespace bw::frontends {

// Makes a fresh frontend: each thread analysing units has its own, since
// frontends keep parser state.
using Factory = std::unique_ptr<Frontend> (*)();

class Registry {
 public:
  // Adds a frontend under the name it gives itself; false, adding nothing,
  // when a frontend of that name is already registered.
  bool add(Factory make);
  // One new instance of every frontend, in registration order (reversed
  // with reverse_for_testing).
  std::vector<std::unique_ptr<Frontend>> make() const;
  // The registered names, sorted.
  std::vector<std::string> names() const;
  // Hands frontends out in reverse order from now on (or in order again),
  // for the test that proves their order changes no result.
  void reverse_for_testing(bool reversed) { reversed_ = reversed; }

  // The program's registry: the built-in frontends, then every Registrar
  // linked into the program.
  static Registry& global();

 private:
  std::vector<std::pair<std::string, Factory>> entries_;
  bool reversed_ = false;
};

// Registers a frontend in the global registry when the program starts. Two
// frontends with one name are a programming error: the program stops at
// start-up with a message, before anything is analysed.
struct Registrar {
  explicit Registrar(Factory make);
};

// Registry::global().make(): what the engine analyses with.
std::vector<std::unique_ptr<Frontend>> make_frontends();

// The folders of a rule directory the frontends read as data
// (Frontend::data_folders), sorted, each once.
std::vector<std::string> data_folders();

}  // namespace bw::frontends
