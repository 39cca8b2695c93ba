# The WebAssembly build: every Emscripten flag once, here (included from CMakeLists.txt).
set(PEPITE_DIST_DIR ${CMAKE_BINARY_DIR}/out CACHE PATH "Where pepite-core.js/.wasm go")

# -flto lets the linker drop and merge across files: 92 -> 85 KB gzip of wasm (measured 2026-11-25).
target_compile_options(pepite_core PRIVATE -Oz -flto -fno-exceptions -fno-rtti)
# The shopper's core holds the French and English UI strings only; the ten others come as
# pepite-ui-<language>.json written from the same table (issue 20 size budget).
target_compile_definitions(pepite_core PRIVATE PEPITE_UI_FR_EN_ONLY=1)
target_compile_options(pepite_text PRIVATE -Oz -flto -fno-exceptions -fno-rtti)

# pepite-tools: the core with the comment analysis, the standalone validators and text functions,
# through Embind (Node: payload checks for endpoints written in Node, the wasm test suite,
# benchmarks). The shopper's pepite-core is below, without Embind or glue.
add_executable(pepite-tools wasm/bindings.cpp)
target_link_libraries(pepite-tools PRIVATE pepite_core pepite_text)
target_compile_options(pepite-tools PRIVATE ${PEPITE_WARNINGS} -Oz -flto -fno-exceptions -fno-rtti)
# Embind needs this to work without RTTI (smaller binary; our bindings name every type).
target_compile_definitions(pepite-tools PRIVATE EMSCRIPTEN_HAS_UNBOUND_TYPE_NAMES=0)
set_target_properties(pepite-tools PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY
                                                           ${PEPITE_DIST_DIR})
target_link_options(pepite-tools PRIVATE
  --bind
  -Oz
  -flto
  -fno-exceptions
  # Links the no-RTTI libembind, matching the compile flags (else std::string is unbound).
  -fno-rtti
  -sMODULARIZE=1
  -sEXPORT_NAME=createPepiteCore
  # Embind without `new Function` (tests/wasm/build.test.js checks the glue).
  -sDYNAMIC_EXECUTION=0
  -sFILESYSTEM=0
  -sENVIRONMENT=web,node
  -sMALLOC=emmalloc
  # 3.1.6 defaults to 16 MB of memory with a 5 MB stack; the core needs far less.
  -sTOTAL_STACK=65536
  -sINITIAL_MEMORY=1048576
  -sALLOW_MEMORY_GROWTH=1
  -sASSERTIONS=0
  -sEMBIND_STD_STRING_IS_UTF8=1
  "-sINCOMING_MODULE_JS_API=[print,printErr,onAbort,wasmBinary,locateFile,instantiateWasm]"
  -sTEXTDECODER=2
  -sBINARYEN_EXTRA_PASSES=--always-inline-max-function-size=5,--inlining-optimizing)

# pepite-core.wasm, what shoppers download to see the card: the sessions behind a plain C interface
# (wasm/core_exports.cpp) with no Emscripten glue, instantiated by js/core.js. Embind and its glue
# cost ~9 KB gzip of pepite.js and pepite-core.wasm together (docs/benchmarks.md). STANDALONE_WASM
# keeps memcpy and memory growth inside the module, as for pepite-text.wasm below.
add_executable(pepite-core wasm/core_exports.cpp)
target_link_libraries(pepite-core PRIVATE pepite_core)
target_compile_options(pepite-core PRIVATE ${PEPITE_WARNINGS} -Oz -flto -fno-exceptions -fno-rtti)
set_target_properties(pepite-core PROPERTIES SUFFIX ".wasm" RUNTIME_OUTPUT_DIRECTORY
                                                               ${PEPITE_DIST_DIR})
target_link_options(pepite-core PRIVATE
  -Oz
  -flto
  -fno-exceptions
  -fno-rtti
  --no-entry
  -sSTANDALONE_WASM=1
  -sFILESYSTEM=0
  -sMALLOC=emmalloc
  -sTOTAL_STACK=65536
  -sINITIAL_MEMORY=1048576
  -sALLOW_MEMORY_GROWTH=1
  -sASSERTIONS=0
  "-sEXPORTED_FUNCTIONS=[_malloc,_free]"
  # Inlining functions of up to 5 bytes of code (binaryen's default is 2): 0.9 KB less gzip for
  # pepite-core.wasm and fewer functions for the first session to compile (measured with Embind).
  -sBINARYEN_EXTRA_PASSES=--always-inline-max-function-size=5,--inlining-optimizing)

# pepite-text.wasm: the comment analysis alone, with a C interface and no JS glue (js/text.js
# instantiates it). STANDALONE_WASM keeps memcpy and memory growth inside the module, so its only
# imports are the few js/text.js provides.
add_executable(pepite-text wasm/text_exports.cpp)
target_link_libraries(pepite-text PRIVATE pepite_text)
target_compile_options(pepite-text PRIVATE ${PEPITE_WARNINGS} -Oz -flto -fno-exceptions -fno-rtti)
set_target_properties(pepite-text PROPERTIES SUFFIX ".wasm" RUNTIME_OUTPUT_DIRECTORY
                                                               ${PEPITE_DIST_DIR})
target_link_options(pepite-text PRIVATE
  -Oz
  -flto
  -fno-exceptions
  -fno-rtti
  --no-entry
  -sSTANDALONE_WASM=1
  -sFILESYSTEM=0
  -sMALLOC=emmalloc
  -sTOTAL_STACK=65536
  -sINITIAL_MEMORY=1048576
  -sALLOW_MEMORY_GROWTH=1
  -sASSERTIONS=0
  "-sEXPORTED_FUNCTIONS=[_malloc,_free]")
add_dependencies(pepite-tools pepite-core)

add_custom_command(TARGET pepite-core POST_BUILD
  COMMAND sh ${CMAKE_SOURCE_DIR}/scripts/print-sizes.sh ${PEPITE_DIST_DIR}/pepite-core.wasm
  VERBATIM)
