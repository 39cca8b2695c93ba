-- wrk script for bench/collector-load.sh: POSTs unique, valid pepite.response/1 payloads (one
-- fresh responseId per request, NPS cycling 0..10) and prints p50/p99 and error counts.

local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

-- PEPITE_BENCH_WORKER (0 by default) keeps the ids of two wrk processes apart (two collectors).
function init(args)
  thread_id = (tonumber(os.getenv("PEPITE_BENCH_WORKER") or "0") or 0) * 256 + (tid or 1)
end

local function category(nps)
  if nps <= 6 then return "detractor" elseif nps <= 8 then return "passive" end
  return "promoter"
end

local function alert(nps)
  if nps > 6 then return "null" end
  -- A score alone is never high (the tiers of issue 16): what the core builds.
  return '{"priority":"normal","reasons":["nps_detractor"]}'
end

function request()
  counter = counter + 1
  local nps = counter % 11
  local id = string.format("%08x-%04x-4%03x-8%03x-%012x", thread_id, counter % 65536,
                           math.floor(counter / 65536) % 4096, math.random(0, 4095), counter)
  local body = '{"schema":"pepite.response/1","responseId":"' .. id ..
    '","surveyId":"post-purchase","status":"complete","answers":[' ..
    '{"questionId":"nps","type":"nps","value":' .. nps .. '},' ..
    '{"questionId":"comment","type":"text","value":"Livraison rapide, emballage soigné."}],' ..
    '"scores":{"nps":' .. nps .. ',"npsCategory":"' .. category(nps) ..
    '","csat":null,"csatSatisfied":null,"ces":null,"cesLowEffort":null},' ..
    '"alert":' .. alert(nps) .. ',"callbackConsent":false,' ..
    '"properties":{"orderId":"CMD-' .. string.format("%08d", counter % 100000000) ..
    '","channel":"web"},"context":{"locale":"fr","pageUrl":"https://shop.example/merci",' ..
    '"startedAt":"2026-11-25T09:00:00.000Z","updatedAt":"2026-11-25T09:00:08.000Z",' ..
    '"submittedAt":"2026-11-25T09:00:08.000Z","durationMs":8000}}'
  return wrk.format("POST", "/v1/responses", {["Content-Type"] = "text/plain"}, body)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_s=%.2f throughput_rps=%.0f p50_ms=%.2f p90_ms=%.2f " ..
    "p99_ms=%.2f max_ms=%.2f non2xx=%d connect_err=%d read_err=%d write_err=%d timeouts=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, errors.status, errors.connect,
    errors.read, errors.write, errors.timeout))
end
