#include "report/version.h"

#ifndef BW_VERSION
#error "BW_VERSION comes from project(VERSION) in CMakeLists.txt (report/CMakeLists.txt)"
#endif

namespace bw::report {

std::string_view version() {
  return BW_VERSION;
}

}  // namespace bw::report
