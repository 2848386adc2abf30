// The sanitizers' default options, compiled into every executable of the
// sanitizer build (BW_SANITIZE; the top CMakeLists.txt adds this file). A
// sanitizer report exits with 86, never with blastwall's own 0 (clean), 1
// (findings) or 2 (usage, configuration or internal error), so a test that
// runs the binary tells a memory error or undefined behaviour from a
// finding. ASAN_OPTIONS, UBSAN_OPTIONS and LSAN_OPTIONS in the environment
// still override each option (docs/FUZZING.md).

extern "C" {

__attribute__((visibility("default"), used)) const char* __asan_default_options() {
  return "exitcode=86:detect_leaks=1:strict_init_order=1:detect_stack_use_after_return=0:"
         "check_initialization_order=1:print_summary=1";
}

__attribute__((visibility("default"), used)) const char* __ubsan_default_options() {
  return "halt_on_error=1:exitcode=86:print_stacktrace=1:print_summary=1";
}

__attribute__((visibility("default"), used)) const char* __lsan_default_options() {
  return "exitcode=86";
}

}  // extern "C"
