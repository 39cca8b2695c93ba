# The WebAssembly build: every Emscripten flag once, here (included from CMakeLists.txt).
set(PEPITE_DIST_DIR ${CMAKE_BINARY_DIR}/out CACHE PATH "Where pepite-core.js/.wasm go")

# -flto lets the linker drop and merge across files: 92 -> 85 KB gzip of wasm (measured 2026-11-25).
target_compile_options(pepite_core PRIVATE -Oz -flto -fno-exceptions -fno-rtti)

add_executable(pepite-core wasm/bindings.cpp)
target_link_libraries(pepite-core PRIVATE pepite_core)
target_compile_options(pepite-core PRIVATE ${PEPITE_WARNINGS} -Oz -flto -fno-exceptions -fno-rtti)
# Embind needs this to work without RTTI (smaller binary; our bindings name every type).
target_compile_definitions(pepite-core PRIVATE EMSCRIPTEN_HAS_UNBOUND_TYPE_NAMES=0)
set_target_properties(pepite-core PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY
                                                          ${PEPITE_DIST_DIR})
target_link_options(pepite-core PRIVATE
  --bind
  -Oz
  -flto
  -fno-exceptions
  # Links the no-RTTI libembind, matching the compile flags (else std::string is unbound).
  -fno-rtti
  -sMODULARIZE=1
  -sEXPORT_NAME=createPepiteCore
  # Embind without `new Function`, so pages with a strict CSP (no 'unsafe-eval') work.
  -sDYNAMIC_EXECUTION=0
  -sFILESYSTEM=0
  -sENVIRONMENT=web,node
  -sMALLOC=emmalloc
  # 3.1.6 defaults to 16 MB of memory with a 5 MB stack; the core needs far less.
  -sTOTAL_STACK=65536
  -sINITIAL_MEMORY=1048576
  -sALLOW_MEMORY_GROWTH=1
  -sASSERTIONS=0
  -sEMBIND_STD_STRING_IS_UTF8=1)

add_custom_command(TARGET pepite-core POST_BUILD
  COMMAND sh ${CMAKE_SOURCE_DIR}/scripts/print-sizes.sh ${PEPITE_DIST_DIR}/pepite-core.wasm
          ${PEPITE_DIST_DIR}/pepite-core.js
  VERBATIM)
