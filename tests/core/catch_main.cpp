// Catch2's main(), compiled once for every core test executable.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
