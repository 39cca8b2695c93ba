// Starting the collector: its flags, survey definitions, dashboard files and admin token.
#pragma once

#include "handlers.hpp"

namespace pepite::collector {

/// The usage text printed on a bad flag.
extern const char* const usage;

/// Reads the flags into `cfg`; false on an unknown flag or a bad value.
bool parse_args(int argc, char** argv, config& cfg);

/// `pepite-collector token --survey ID --order ID --token-secret S …`: prints a signed order
/// token (docs/tokens.md). `argv[0]` is `token`. Returns the exit code.
int run_token_command(int argc, char** argv);

/// Loads every `--surveys` DIR/*.json definition; false (with the problems printed) when one is
/// invalid.
bool load_surveys(app& a);

/// Reads the dashboard's files (.html, .js, .css, .svg) into memory.
void load_dashboard(app& a);

/// Checks the webhook flags (an https:// or http:// URL each, a secret, read from its file if so);
/// false with the problem printed.
bool load_webhooks(app& a);

/// The admin token: the environment wins; else the one stored at first start, printed once.
bool load_token(app& a);

}  // namespace pepite::collector
