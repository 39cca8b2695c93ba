// `pepite-collector migrate`: every response (its seq, follow-up and note included), case, user,
// webhook event not yet delivered, delivery log line and setting of one store copied into another,
// usually a SQLite file into PostgreSQL. The target must be empty; the source is only read. Counts
// are compared at the end.
#include "migrate.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <string>

#include "store.hpp"

namespace pepite::collector {

namespace {

const char* const usage =
    "usage: pepite-collector migrate --from pepite.db --to postgresql://user@host/db\n"
    "Copies every response, case, user, webhook event and setting into an empty database.\n";

int fail(const std::string& message) {
  std::fprintf(stderr, "migrate: %s\n", message.c_str());
  return 1;
}

}  // namespace

int run_migrate(int argc, char** argv) {
  std::string from, to;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if ((flag == "--from" || flag == "--to") && i + 1 < argc) {
      (flag == "--from" ? from : to) = argv[++i];
    } else {
      std::fputs(usage, stderr);
      return 2;
    }
  }
  if (from.empty() || to.empty() || from == to) {
    std::fputs(usage, stderr);
    return 2;
  }
  // Opening a missing file would create an empty store and copy nothing, silently.
  struct stat st {};
  if (from.rfind("postgres", 0) != 0 && ::stat(from.c_str(), &st) != 0) {
    return fail("no database at " + from);
  }
  std::string error;
  auto source = store::open(from, &error);
  if (!source) return fail(printable_target(from) + ": " + error);
  auto target = store::open(to, &error);
  if (!target) return fail(printable_target(to) + ": " + error);
  if (target->count() != 0) {
    return fail(printable_target(to) + " already holds responses: migrate into an empty database");
  }
  const auto settings = source->meta_entries();
  for (const auto& [key, value] : settings) {
    if (!target->set_meta(key, value)) return fail("cannot copy the setting " + key);
  }
  std::int64_t copied = 0;
  std::int64_t cursor = 0;
  for (bool more = true; more;) {
    const auto rows = source->list(response_filter{}, 1000, cursor, 0, true, &more);
    if (rows.empty()) break;
    if (!target->import_rows(rows)) return fail("cannot write to " + printable_target(to));
    copied += static_cast<std::int64_t>(rows.size());
    cursor = rows.back().seq;
  }
  // The cases of issue 16 (users, cases, their events and notes) and the webhooks' queue and
  // log, as they are.
  const auto tables = source->case_tables();
  if (!target->import_tables(tables)) return fail("cannot copy the cases and webhook events");
  std::size_t pending = 0;
  for (const auto& t : tables) {
    if (t.table != "events") continue;
    for (const auto& row : t.rows)
      pending += row[8].type == sql_value::kind::null ? 1 : 0;  // delivered_at
  }
  const std::int64_t expected = source->count();
  if (target->count() != expected || copied != expected) {
    return fail("copied " + std::to_string(copied) + " responses but the source holds " +
                std::to_string(expected));
  }
  std::printf(
      "migrate: copied %lld responses and %zu settings from %s to %s (webhook events not yet "
      "delivered: %zu, sent by the collectors of the new store)\n",
      static_cast<long long>(copied), settings.size(), printable_target(from).c_str(),
      printable_target(to).c_str(), pending);
  return 0;
}

}  // namespace pepite::collector
