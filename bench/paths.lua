-- wrk script: request paths taken in turn from a file, optional htmx header, and percentiles
-- of both the client-observed latency and the app's own Server-Timing duration, as JSON.
-- usage: wrk -s bench/paths.lua URL -- PATHS_FILE [htmx]
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(paths, line) end
  end
  if args[2] == "htmx" then wrk.headers["HX-Request"] = "true" end
  wrk.headers["Accept-Encoding"] = "gzip"
  index = id * 7919
  timings = {}
  statuses = {}
end

function request()
  index = index + 1
  return wrk.format("GET", paths[(index % #paths) + 1])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local timing = headers["server-timing"] or headers["Server-Timing"]
  if timing then
    local dur = tonumber(string.match(timing, "dur=([%d%.]+)"))
    if dur then table.insert(timings, dur) end
  end
end

local function percentile(sorted, p)
  if #sorted == 0 then return 0 end
  local i = math.max(1, math.ceil(#sorted * p / 100))
  return sorted[i]
end

function done(summary, latency, requests)
  local all = {}
  local codes = {}
  for _, thread in ipairs(threads) do
    for _, v in ipairs(thread:get("timings")) do table.insert(all, v) end
    for code, n in pairs(thread:get("statuses")) do codes[tostring(code)] = (codes[tostring(code)] or 0) + n end
  end
  table.sort(all)
  local code_parts = {}
  for code, n in pairs(codes) do table.insert(code_parts, string.format('"%s": %d', code, n)) end
  io.write(string.format(
    'JSON {"requests": %d, "seconds": %.3f, "rps": %.1f, "errors": %d, "statuses": {%s},' ..
    ' "client_ms": {"p50": %.3f, "p95": %.3f, "p99": %.3f, "max": %.3f},' ..
    ' "server_ms": {"p50": %.3f, "p95": %.3f, "p99": %.3f, "max": %.3f}}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status +
    summary.errors.timeout, table.concat(code_parts, ", "),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000,
    percentile(all, 50), percentile(all, 95), percentile(all, 99), all[#all] or 0))
end
