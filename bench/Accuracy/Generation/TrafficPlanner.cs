using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ApiSentinel.Bench.Accuracy.SpecModel;

namespace ApiSentinel.Bench.Accuracy.Generation;

/// <summary>
/// Turns source specs into one hour of traffic from a fixed set of clients, and decides the ground truth:
/// ~15 % of each spec's operations are shadow (left out of the published copy), call counts are log-uniform
/// between 3 and 300 per operation (the skew of real APIs: a few hot operations, a long tail).
/// </summary>
internal sealed class TrafficPlanner(int seed)
{
    public const double ShadowShare = 0.15;
    private const int ClientCount = 16;
    private const int MinCalls = 3;
    private const int MaxCalls = 300;
    private static readonly DateTime Start = new(2025, 3, 4, 9, 0, 0, DateTimeKind.Utc);
    private static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
        "okhttp/4.12.0", "python-requests/2.31.0", "Go-http-client/1.1", "axios/1.6.8", "curl/8.5.0",
    ];

    private readonly Random _random = new(seed);

    public TrafficPlan Plan(IReadOnlyList<SourceSpec> specs)
    {
        var values = new ValueFactory(_random);
        var clients = Enumerable.Range(0, ClientCount).Select(_ => values.Username()).ToArray();
        var credentials = clients.Select(user => new ClientCredentials(_random, user)).ToArray();
        var exchanges = new List<HttpExchange>();
        var truth = new List<TruthOperation>();
        for (var serverIndex = 0; serverIndex < specs.Count; serverIndex++)
        {
            var spec = specs[serverIndex];
            var shadow = ChooseShadow(spec.Operations.Count);
            for (var i = 0; i < spec.Operations.Count; i++)
            {
                var operation = spec.Operations[i];
                var calls = (int)Math.Round(Math.Exp(Math.Log(MinCalls) + (_random.NextDouble() * (Math.Log(MaxCalls) - Math.Log(MinCalls)))));
                var sensitive = new HashSet<string>(StringComparer.Ordinal);
                for (var call = 0; call < calls; call++)
                {
                    values.SensitiveTypes.Clear();
                    var client = _random.Next(ClientCount);
                    exchanges.Add(Exchange(operation, serverIndex, client, clients[client], credentials[client], values));
                    sensitive.UnionWith(values.SensitiveTypes);
                }
                truth.Add(new TruthOperation(spec.Name, operation.OperationId, operation.Host, operation.Method, operation.FullPath, shadow.Contains(i), calls, sensitive));
            }
        }
        exchanges.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new TrafficPlan(exchanges, truth, ClientCount, specs.Count);
    }

    private HashSet<int> ChooseShadow(int operationCount)
    {
        var order = Enumerable.Range(0, operationCount).ToArray();
        _random.Shuffle(order);
        return order.Take((int)Math.Round(operationCount * ShadowShare)).ToHashSet();
    }

    private HttpExchange Exchange(SpecOperation operation, int serverIndex, int client, string username, ClientCredentials credentials, ValueFactory values)
    {
        var target = new StringBuilder();
        var path = operation.FullPath;
        foreach (var parameter in operation.PathParameters)
        {
            path = path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(values.Scalar(parameter.Schema)), StringComparison.Ordinal);
        }
        target.Append(path);
        var separator = '?';
        foreach (var parameter in operation.QueryParameters.Where(p => p.Required || _random.Next(2) == 0))
        {
            target.Append(separator).Append(parameter.Name).Append('=').Append(Uri.EscapeDataString(values.Scalar(parameter.Schema)));
            separator = '&';
        }
        if (operation.Auth.Kind == AuthKind.ApiKeyQuery)
        {
            target.Append(separator).Append(operation.Auth.ParameterName).Append('=').Append(credentials.ApiKey);
        }

        var requestHeaders = new List<KeyValuePair<string, string>>
        {
            new("Host", operation.Host),
            new("User-Agent", UserAgents[client % UserAgents.Length]),
            new("Accept", "application/json"),
        };
        if (credentials.AuthorizationHeader(operation.Auth) is { } authorization)
        {
            requestHeaders.Add(new("Authorization", authorization));
        }
        if (operation.Auth.Kind == AuthKind.ApiKeyHeader)
        {
            requestHeaders.Add(new(operation.Auth.ParameterName!, credentials.ApiKey));
        }
        var requestBody = RequestBody(operation, username, values);
        if (requestBody is not null)
        {
            requestHeaders.Add(new("Content-Type", "application/json"));
            requestHeaders.Add(new("Content-Length", requestBody.Length.ToString(CultureInfo.InvariantCulture)));
        }

        var response = ChooseResponse(operation);
        var responseBody = ResponseBody(operation, response, username, values);
        var responseHeaders = new List<KeyValuePair<string, string>> { new("Server", "nginx") };
        if (responseBody is not null)
        {
            responseHeaders.Add(new("Content-Type", "application/json; charset=utf-8"));
        }
        responseHeaders.Add(new("Content-Length", (responseBody?.Length ?? 0).ToString(CultureInfo.InvariantCulture)));

        var start = Start.AddTicks(_random.NextInt64(TimeSpan.FromHours(1).Ticks));
        var wait = TimeSpan.FromMicroseconds(_random.Next(800, 60_000));
        return new HttpExchange(client, serverIndex, ServerPort(operation.Host), start, wait, operation.Method, operation.Host, target.ToString(),
            requestHeaders, requestBody, response.Status, responseHeaders, responseBody);
    }

    private static int ServerPort(string host) =>
        host.LastIndexOf(':') is var colon and > 0 ? int.Parse(host.AsSpan(colon + 1), CultureInfo.InvariantCulture) : 80;

    private byte[]? RequestBody(SpecOperation operation, string username, ValueFactory values)
    {
        var plants = operation.Plants.Where(p => p.Direction == "request").ToList();
        JsonNode? body = operation.RequestSchema is { } schema ? values.Value(schema, operation.References, 0) : null;
        if (plants.Count > 0)
        {
            body ??= new JsonObject();
            Plant(body, plants, username, values, operation);
        }
        return body is null ? null : Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    // Mostly the first success status; about one call in twelve gets one of the declared error statuses.
    private SpecResponse ChooseResponse(SpecOperation operation)
    {
        var errors = operation.Responses.Where(r => r.Status >= 400).ToList();
        if (errors.Count > 0 && _random.Next(12) == 0)
        {
            return errors[_random.Next(errors.Count)];
        }
        return operation.Responses.FirstOrDefault(r => r.Status < 300) ?? operation.Responses[0];
    }

    private byte[]? ResponseBody(SpecOperation operation, SpecResponse response, string username, ValueFactory values)
    {
        if (response.Schema is null)
        {
            return null;
        }
        var body = values.Value(response.Schema, operation.References, 0)!;
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
