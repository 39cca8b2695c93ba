// `pepite-collector migrate --from pepite.db --to postgresql://…`: copies a store into another.
#pragma once

namespace pepite::collector {

/// Runs the `migrate` subcommand (`argv[0]` is "migrate"); returns the process's exit status.
int run_migrate(int argc, char** argv);

}  // namespace pepite::collector
