-- wrk script of bench/SensorLoad: realistic API requests (ids in paths, a query, a JWT-shaped bearer token, JSON
-- Accept) and, when WRK_DELAY_MS is set, a pause after each response on a connection, so C connections give about
-- C × 1000 / (WRK_DELAY_MS + round trip) requests per second (wrk itself has no rate option).
local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "0")
local n = 0
local token = "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJiZW5jaC11c2VyIiwiaWF0IjoxNzAwMDAwMDAwfQ.c2lnbmF0dXJlLW5vdC1yZWFs"
local headers = { ["Host"] = "shop.example.test", ["Authorization"] = token, ["Accept"] = "application/json",
                  ["User-Agent"] = "bench-client/1.0" }

request = function()
  n = n + 1
  local id = tostring(1000 + (n * 7919) % 50000)
  local k = n % 4
  local path
  if k == 0 then path = "/api/v1/users/" .. id
  elseif k == 1 then path = "/api/v1/orders/" .. id
  elseif k == 2 then path = "/api/v1/orders?limit=" .. tostring(10 + n % 40)
  else path = "/api/v1/products/" .. id end
  return wrk.format("GET", path, headers)
end

if delay_ms > 0 then
  delay = function() return delay_ms end
end
