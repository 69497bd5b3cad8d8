using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ApiSentinel.Bench.Accuracy.SpecModel;

namespace ApiSentinel.Bench.Accuracy.Generation;

/// <summary>
/// Turns source specs into one hour of traffic from a fixed set of clients, and decides the ground truth:
/// ~15 % of each spec's operations are shadow (left out of the published copy), call counts follow
/// <see cref="CallCounts"/>. Everything is drawn from one <see cref="Random"/>: same seed and specs, same traffic.
/// </summary>
internal sealed class TrafficPlanner(int seed)
{
    public const double ShadowShare = 0.15;
    private const int ClientCount = 16;
    private const int Redraws = 8;
    private static readonly DateTime Start = new(2025, 3, 4, 9, 0, 0, DateTimeKind.Utc);
    private static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
        "okhttp/4.12.0", "python-requests/2.31.0", "Go-http-client/1.1", "axios/1.6.8", "curl/8.5.0",
    ];

    private readonly Random _random = new(seed);

    /// <param name="ownSpecCount">The first specs are the benchmark's own (pcap-written, separately reported).</param>
    public TrafficPlan Plan(IReadOnlyList<SourceSpec> specs, int ownSpecCount)
    {
        var values = new ValueFactory(_random);
        var clients = Enumerable.Range(0, ClientCount).Select(_ => values.Username()).ToArray();
        var credentials = clients.Select(user => new ClientCredentials(_random, user)).ToArray();
        var exchanges = new List<HttpExchange>();
        var truth = new List<TruthOperation>();
        for (var serverIndex = 0; serverIndex < specs.Count; serverIndex++)
        {
            var spec = specs[serverIndex];
            var router = new SpecRouter(spec.Operations);
            var shadow = ChooseShadow(spec.Operations.Count);
            // What the partial copy still documents: an operation left out is shadow only where none of its calls
            // lands on a remaining one (DELETE /entity/call/{id} is still documented by DELETE /entity/{type}/{id}).
            var published = new SpecRouter(spec.Operations.Where((_, i) => !shadow.Contains(i)), spec.DroppedRoutes);
            for (var i = 0; i < spec.Operations.Count; i++)
            {
                var operation = spec.Operations[i];
                var calls = CallCounts.Next(_random);
                var sensitive = new HashSet<string>(StringComparer.Ordinal);
                var documented = !shadow.Contains(i);
                var pathValues = new PathValues(operation.PathParameters.Count);
                var callPaths = new List<string>(calls);
                for (var call = 0; call < calls; call++)
                {
                    values.SensitiveTypes.Clear();
                    var client = _random.Next(ClientCount);
                    var exchange = Exchange(spec, operation, router, serverIndex, client, clients[client], credentials[client], values, pathValues);
                    exchanges.Add(exchange);
                    callPaths.Add(exchange.Target.Split('?')[0]);
                    documented = documented || published.Covers(operation.Method, exchange.Target);
                    sensitive.UnionWith(values.SensitiveTypes);
                }
                truth.Add(new TruthOperation(spec.Name, operation.OperationId, operation.Host, operation.Method, operation.FullPath, !documented, calls, sensitive,
                    serverIndex < ownSpecCount, IsAssetLike(operation), pathValues.Decidable(operation.FullPath), callPaths));
            }
        }
        exchanges.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new TrafficPlan(exchanges, truth, ClientCount, specs.Count);
    }

    private static bool IsAssetLike(SpecOperation operation) =>
        operation.Method == "GET" && SuccessResponse(operation).ContentType is { } type && MediaTypes.IsAsset(type);

    private static SpecResponse SuccessResponse(SpecOperation operation) =>
        operation.Responses.Where(r => r.Status is >= 200 and < 300).OrderBy(r => r.Status).FirstOrDefault() ?? operation.Responses[0];

    private HashSet<int> ChooseShadow(int operationCount)
    {
        var order = Enumerable.Range(0, operationCount).ToArray();
        _random.Shuffle(order);
        return order.Take((int)Math.Round(operationCount * ShadowShare)).ToHashSet();
    }

    private string Path(SourceSpec spec, SpecOperation operation, SpecRouter router, ValueFactory values, PathValues pathValues)
    {
        var path = operation.FullPath;
        var sent = new string[operation.PathParameters.Count];
        for (var attempt = 0; attempt < Redraws; attempt++)
        {
            path = operation.FullPath;
            for (var p = 0; p < operation.PathParameters.Count; p++)
            {
                var parameter = operation.PathParameters[p];
                var value = values.Parameter(spec.Name, parameter, operation.References);
                sent[p] = Uri.EscapeDataString(value.Length == 0 ? "x" : value);
                path = path.Replace("{" + parameter.Name + "}", sent[p], StringComparison.Ordinal);
            }
            if (operation.PathParameters.Count == 0 || router.Route(operation.Method, path) == operation)
            {
                break;
            }
        }
        // Only the values that went on the wire (the last draw) count for the traffic-decidable truth.
        pathValues.Add(operation.PathParameters, sent);
        return path;
    }

    private HttpExchange Exchange(SourceSpec spec, SpecOperation operation, SpecRouter router, int serverIndex, int client, string username, ClientCredentials credentials, ValueFactory values, PathValues pathValues)
    {
        var target = new StringBuilder(Path(spec, operation, router, values, pathValues));
        var separator = '?';
        foreach (var parameter in operation.QueryParameters.Where(p => p.Required || _random.Next(2) == 0))
        {
            target.Append(separator).Append(Uri.EscapeDataString(parameter.Name)).Append('=').Append(Uri.EscapeDataString(values.Parameter(spec.Name, parameter, operation.References)));
            separator = '&';
        }
        if (operation.Auth.Kind == AuthKind.ApiKeyQuery)
        {
            target.Append(separator).Append(Uri.EscapeDataString(operation.Auth.ParameterName!)).Append('=').Append(credentials.ApiKey);
        }

        var response = ChooseResponse(operation);
        var requestHeaders = new List<KeyValuePair<string, string>>
        {
            new("Host", operation.Host),
            new("User-Agent", UserAgents[client % UserAgents.Length]),
            new("Accept", response.ContentType ?? "*/*"),
        };
        if (credentials.AuthorizationHeader(operation.Auth) is { } authorization)
        {
            requestHeaders.Add(new("Authorization", authorization));
        }
        if (operation.Auth.Kind == AuthKind.ApiKeyHeader)
        {
            requestHeaders.Add(new(operation.Auth.ParameterName!, credentials.ApiKey));
        }
        foreach (var header in operation.HeaderParameters)
        {
            if (!requestHeaders.Any(h => h.Key.Equals(header.Name, StringComparison.OrdinalIgnoreCase)))
            {
                requestHeaders.Add(new(header.Name, HeaderSafe(values.Parameter(spec.Name, header, operation.References))));
            }
        }
        var requestBody = RequestBody(operation, username, values);
        if (requestBody is not null)
        {
            requestHeaders.Add(new("Content-Type", operation.RequestContentType ?? "application/json"));
            requestHeaders.Add(new("Content-Length", requestBody.Length.ToString(CultureInfo.InvariantCulture)));
        }

        var responseBody = ResponseBody(operation, response, username, values);
        var responseHeaders = new List<KeyValuePair<string, string>> { new("Server", "nginx") };
        if (responseBody is not null)
        {
            responseHeaders.Add(new("Content-Type", ResponseContentType(response.ContentType!)));
        }
        responseHeaders.Add(new("Content-Length", (responseBody?.Length ?? 0).ToString(CultureInfo.InvariantCulture)));

        var start = Start.AddTicks(_random.NextInt64(TimeSpan.FromHours(1).Ticks));
        var wait = TimeSpan.FromMicroseconds(_random.Next(800, 60_000));
        return new HttpExchange(client, serverIndex, ServerPort(operation.Host), start, wait, operation.Method, operation.Host, target.ToString(),
            requestHeaders, requestBody, response.Status, responseHeaders, responseBody);
    }

    private static string ResponseContentType(string declared) =>
        MediaTypes.IsJson(declared) && !declared.Contains("charset", StringComparison.OrdinalIgnoreCase) && declared != "*/*" ? declared + "; charset=utf-8"
        : declared == "*/*" ? "application/json" : declared;

    private static string HeaderSafe(string value) => new(value.Where(c => c is >= ' ' and < (char)127).ToArray());

    private static int ServerPort(string host) =>
        host.LastIndexOf(':') is var colon and > 0 ? int.Parse(host.AsSpan(colon + 1), CultureInfo.InvariantCulture) : 80;

    private byte[]? RequestBody(SpecOperation operation, string username, ValueFactory values)
    {
        var plants = operation.Plants.Where(p => p.Direction == "request").ToList();
        if (operation.RequestContentType is { } type && !MediaTypes.IsJson(type) && plants.Count == 0)
        {
            return Encoding.UTF8.GetBytes(NonJsonBody(type, operation.RequestSchema, operation, values));
        }
        JsonNode? body = operation.RequestSchema is { } schema ? values.Value(schema, operation.References, 0) : null;
        if (body is null && operation.RequestContentType is not null)
        {
            body = new JsonObject();
        }
        if (plants.Count > 0)
        {
            body ??= new JsonObject();
            Plant(body, plants, username, values, operation);
        }
        return body is null ? null : Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    private static string NonJsonBody(string type, JsonObject? schema, SpecOperation operation, ValueFactory values)
    {
        if (MediaTypes.IsForm(type))
        {
            var fields = schema is null ? null : values.Value(schema, operation.References, 0) as JsonObject;
            return string.Join('&', (fields ?? []).Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : f.Value?.ToJsonString() ?? "")}"));
        }
        if (MediaTypes.IsXml(type))
        {
            return $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><result><name>{values.Pick(Vocabulary.Nouns)}</name></result>";
        }
        return values.Pick(Vocabulary.Sentences);
    }

    // Mostly the first success status; about one call in twelve gets one of the declared error statuses.
    private SpecResponse ChooseResponse(SpecOperation operation)
    {
        var errors = operation.Responses.Where(r => r.Status >= 400).ToList();
        if (errors.Count > 0 && _random.Next(12) == 0)
        {
            return errors[_random.Next(errors.Count)];
        }
        return SuccessResponse(operation);
    }

    private byte[]? ResponseBody(SpecOperation operation, SpecResponse response, string username, ValueFactory values)
    {
        if (response.ContentType is null || response.Status is 204 or 304 || operation.Method == "HEAD")
        {
            return null;
        }
        if (!MediaTypes.IsJson(response.ContentType))
        {
            return Encoding.UTF8.GetBytes(NonJsonBody(response.ContentType, response.Schema, operation, values));
        }
        var body = response.Schema is null ? new JsonObject() : values.Value(response.Schema, operation.References, 0) ?? new JsonObject();
        if (response.Status < 300)
        {
            Plant(body, operation.Plants.Where(p => p.Direction == "response").ToList(), username, values, operation);
        }
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    private void Plant(JsonNode body, List<PlantedValue> plants, string username, ValueFactory values, SpecOperation operation)
    {
        if (plants.Count == 0)
        {
            return;
        }
        var target = body as JsonObject;
        if (body is JsonArray array)
        {
            if (array.Count == 0 || array[0] is not JsonObject)
            {
                array.Insert(0, new JsonObject());
            }
            target = (JsonObject)array[0]!;
        }
        if (target is null)
        {
            throw new InvalidDataException($"{operation.OperationId}: cannot plant into a non-object body");
        }
        foreach (var plant in plants)
        {
            target[plant.Field] = SensitiveValues.Of(plant.Type, _random, username);
            values.SensitiveTypes.Add(plant.Type);
        }
    }
}
