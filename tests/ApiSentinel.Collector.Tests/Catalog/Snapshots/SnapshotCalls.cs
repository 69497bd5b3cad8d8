using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Tests.Catalog.Snapshots;

/// <summary>Calls for the snapshot tests: varied enough that every per-endpoint collection has entries.</summary>
internal static class SnapshotCalls
{
    public static ApiCall Call(string method, string path, int? status = 200, string client = "10.0.0.5", long ts = 1_000_000,
        string host = "shop.example", string auth = "bearer", string? header = null) => new()
    {
        TimestampMicros = ts, ClientAddress = client, Server = "10.0.0.9:8080", Host = host, Method = method, Path = path,
        Status = status, Auth = auth, AuthLocation = auth == "none" ? null : "header:authorization",
        CredentialFingerprint = auth == "none" ? null : "fp-" + client,
        RequestHeaders = header is null ? ["accept"] : ["accept", header],
        ResponseHeaders = ["content-type"],
        ResponseContentType = "application/json",
        Query = [new FieldObservation("page", "integer")],
        ResponseFields = [new FieldObservation("$.id", "integer"), new FieldObservation("$.name", "string")],
        Sensitive = [new SensitiveObservation("email", "response.body:$.email", 1)],
        DurationMicros = 1_000,
    };

    /// <summary>Mixed traffic: ids and words under several parents, several clients, methods, statuses and headers.</summary>
    public static List<ApiCall> Mixed(int count, int seed)
    {
        var random = new Random(seed);
        var calls = new List<ApiCall>(count);
        for (var i = 0; i < count; i++)
        {
            var path = random.Next(4) switch
            {
                0 => $"/users/{random.Next(5000)}",
                1 => "/users/me",
                2 => $"/users/{random.Next(5000)}/orders/{random.Next(100_000)}",
                _ => $"/repos/{Word(random)}",
            };
            calls.Add(Call(random.Next(5) == 0 ? "POST" : "GET", path, status: random.Next(8) == 0 ? 500 : 200,
                client: $"10.0.{random.Next(3)}.{random.Next(40)}", ts: 1_000_000 + i * 1_000L,
                header: random.Next(6) == 0 ? $"x-trace-{random.Next(4)}" : null));
        }
        return calls;
    }

    private static string Word(Random random)
    {
        Span<char> word = stackalloc char[6];
        for (var i = 0; i < word.Length; i++)
        {
            word[i] = (char)('a' + random.Next(26));
        }
        return new string(word);
    }
}
