# The WebAssembly build: every Emscripten flag once, here (included from CMakeLists.txt).
set(PEPITE_DIST_DIR ${CMAKE_BINARY_DIR}/out CACHE PATH "Where pepite-core.js/.wasm go")

# -flto lets the linker drop and merge across files: 92 -> 85 KB gzip of wasm (measured 2026-11-25).
target_compile_options(pepite_core PRIVATE -Oz -flto -fno-exceptions -fno-rtti)
# The shopper's core holds the French and English UI strings only; the ten others come as
# pepite-ui-<language>.json written from the same table (issue 20 size budget).
target_compile_definitions(pepite_core PRIVATE PEPITE_UI_FR_EN_ONLY=1)
target_compile_options(pepite_text PRIVATE -Oz -flto -fno-exceptions -fno-rtti)

# Two links of the same core: `pepite-core` is what shoppers download first (a session:
# definitions, engine, payloads; its comment analysis is asked of pepite-text.wasm through the
# page); `pepite-tools` links the comment analysis in and adds the standalone validators and text
# functions (payload checks for endpoints written in Node, the wasm test suite, benchmarks).
function(pepite_wasm_target name environment)
  add_executable(${name} wasm/bindings.cpp)
  target_link_libraries(${name} PRIVATE pepite_core)
  target_compile_options(${name} PRIVATE ${PEPITE_WARNINGS} -Oz -flto -fno-exceptions -fno-rtti)
  # Embind needs this to work without RTTI (smaller binary; our bindings name every type).
  target_compile_definitions(${name} PRIVATE EMSCRIPTEN_HAS_UNBOUND_TYPE_NAMES=0 ${ARGN})
  set_target_properties(${name} PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY
                                                          ${PEPITE_DIST_DIR})
  target_link_options(${name} PRIVATE
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
    -sENVIRONMENT=${environment}
    -sMALLOC=emmalloc
    # 3.1.6 defaults to 16 MB of memory with a 5 MB stack; the core needs far less.
    -sTOTAL_STACK=65536
    -sINITIAL_MEMORY=1048576
    -sALLOW_MEMORY_GROWTH=1
    -sASSERTIONS=0
    -sEMBIND_STD_STRING_IS_UTF8=1
    # Only the Module properties js/core.js and the tests pass; every browser has TextDecoder.
    # Together 0.5 KB gzip less glue.
    "-sINCOMING_MODULE_JS_API=[print,printErr,onAbort,wasmBinary,locateFile,instantiateWasm]"
    -sTEXTDECODER=2
    # Inlining functions of up to 5 bytes of code (binaryen's default is 2): 0.9 KB less gzip for
    # pepite-core.wasm (52,207 -> 51,306) and 443 functions instead of 564 (the first session
    # compiles 267 of them lazily instead of 358; no change to ready time measured in Chromium).
    # Then -Oz again until nothing changes: 207 B less gzip (50,396 -> 50,189, 2026-12-07).
    # Not used: -sEVAL_CTORS=1 (global constructors run at link time): 51,589 -> 51,768 gzip,
    # +179 (issue 19, 2026-12-07): it stops at embind's first registration (a call to the glue),
    # and the memory it snapshots before that costs more than the code it saves.
    -sBINARYEN_EXTRA_PASSES=--always-inline-max-function-size=5,--inlining-optimizing,-Oz,--converge)
endfunction()

# The shopper's glue leaves out Node's code paths (it still runs under Node given wasmBinary).
pepite_wasm_target(pepite-core web)
pepite_wasm_target(pepite-tools web,node PEPITE_WASM_TOOLS=1)
target_link_libraries(pepite-tools PRIVATE pepite_text)

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
          ${PEPITE_DIST_DIR}/pepite-core.js
  VERBATIM)
