#!/usr/bin/env bash
# What PostgreSQL's rollup triggers cost per response, without HTTP nor the collector (a benchmark,
# not a test): in one session of a database the collector has migrated, a DO block writes ROWS
# responses as store_writes.cpp writes a POST (the response, then a case for a detractor or an
# alert, then the alert's event; two responses in three are complaints, as in
# bench/collector-load.lua), committing every BATCH responses (the collector's group commit: a
# transaction per batch of POSTs; synchronous_commit off, the fsync is not what is measured),
# ROUNDS times; prints the backend's CPU (user + system from
# /proc/self/stat, read with pg_read_file: a superuser) and the WAL written per response, and with
# track_functions the time spent in each trigger function. The rows stay (deleting them lets
# autovacuum truncate the tables to 0 pages, and a session planning its lookups then scans: use
# a database of its own).
# Usage: bash bench/pg-trigger-cost.sh postgresql://…/db [rows=3000] [rounds=3] [batch=12]
# (PEPITE_TRIGGER_SQL: SQL run first in the session, e.g. to drop triggers and compare)
set -euo pipefail
url=${1:?usage: pg-trigger-cost.sh postgresql://…/db [rows] [rounds]}
rows=${2:-3000}
rounds=${3:-3}
batch=${4:-12}
run=$(date +%s%N)
for ((i = 1; i <= rounds; i++)); do
  psql -qAtX -v ON_ERROR_STOP=1 "$url" <<SQL
SET track_functions = 'all';
SET synchronous_commit = off;
${PEPITE_TRIGGER_SQL:-}
SELECT pg_stat_reset();
SELECT (string_to_array(pg_read_file('/proc/self/stat'), ' '))[14]::bigint
     + (string_to_array(pg_read_file('/proc/self/stat'), ' '))[15]::bigint AS t0,
       pg_current_wal_lsn() AS w0, clock_timestamp() AS c0 \gset
DO \$bench\$
DECLARE
  base timestamptz := '2026-11-25T09:00:00Z';
  id text; received text; due text; nps int; alert int; cat text;
BEGIN
  FOR n IN 1..$rows LOOP
    id := 'bench-$run-$i-' || n;
    received := to_char((base + n * interval '37 ms') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
    due := to_char((base + n * interval '37 ms' + interval '24 hours') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
    nps := n % 11;
    alert := CASE WHEN nps <= 6 THEN 1 ELSE 0 END;
    cat := CASE WHEN nps <= 6 THEN 'detractor' WHEN nps <= 8 THEN 'passive' ELSE 'promoter' END;
    INSERT INTO responses (response_id, survey_id, status, nps, csat, ces, category, alert,
      alert_priority, alert_reasons, callback_consent, order_id, comment, locale, submitted_at,
      received_at, updated_at, payload, sender_key, token_order)
    VALUES (id, 'post-purchase', 'complete', nps, NULL, NULL, cat, alert,
      CASE WHEN alert = 1 THEN 'normal' ELSE '' END, CASE WHEN alert = 1 THEN 'nps_detractor' ELSE '' END,
      0, 'CMD-' || n, 'Livraison rapide, emballage soigné.', 'fr', received, received, received,
      '{"schema":"pepite.response/1","responseId":"' || id || '","surveyId":"post-purchase","status":"complete","answers":[{"questionId":"nps","type":"nps","value":' || nps || '}],"properties":{"orderId":"CMD-' || n || '","channel":"web"}}',
      'k', '')
    ON CONFLICT (response_id) DO NOTHING;
    IF alert = 1 OR cat = 'detractor' THEN
      INSERT INTO cases (response_id, due_at, created_at, updated_at) VALUES (id, due, received, received)
        ON CONFLICT (response_id) DO NOTHING;
    END IF;
    IF alert = 1 THEN
      INSERT INTO events (id, dedupe_key, type, created_at, created_ms, body)
        VALUES ('ev-' || id, 'alert:' || id, 'alert.created', received, 0, '{}') ON CONFLICT DO NOTHING;
    END IF;
    IF n % $batch = 0 THEN
      COMMIT;
    END IF;
  END LOOP;
END
\$bench\$;
SELECT format('round $i: %s ms CPU / response, %s B WAL / response, %s ms wall / response',
  round(((string_to_array(pg_read_file('/proc/self/stat'), ' '))[14]::bigint
       + (string_to_array(pg_read_file('/proc/self/stat'), ' '))[15]::bigint - :t0) * 10.0 / $rows, 4),
  round(pg_wal_lsn_diff(pg_current_wal_lsn(), :'w0') / $rows),
  round((extract(epoch FROM clock_timestamp() - :'c0') * 1000 / $rows)::numeric, 4));
SELECT pg_stat_force_next_flush();
SELECT format('  %s: %s calls, %s ms self / response', funcname, calls, round((self_time / $rows)::numeric, 4))
  FROM pg_stat_user_functions ORDER BY funcname;
SQL
done
