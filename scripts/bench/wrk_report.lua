-- wrk script for the service benchmark: sends the API key from BOOKPLATE_KEY, paces every connection by
-- WRK_DELAY_MS between requests when set (a fixed offered rate), and prints the result as one JSON line.
local key = os.getenv("BOOKPLATE_KEY") or ""
local pause = tonumber(os.getenv("WRK_DELAY_MS") or "0")
wrk.headers["Authorization"] = "Bearer " .. key

if pause > 0 then
    function delay()
        return pause
    end
end

function done(summary, latency, requests)
    local errors = summary.errors
    io.write(string.format(
        '{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, "socket_errors": %d, "non_2xx": %d}\n',
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
        errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
