using System.Globalization;
using System.Text;

namespace ApiSentinel.Bench.TrafficGen;

/// <summary>
/// Decides what each HTTP/1.1 exchange looks like and writes its request and response heads: route mix
/// (GET-heavy, then POST/PUT/DELETE/PATCH), client identity, statuses (mostly 2xx with some 401/404/500),
/// body choice, gzip and chunked framing. Heads go into per-connection buffers; bodies are shared templates.
/// </summary>
internal sealed class HttpExchangeComposer
{
    private const double UnauthenticatedClientShare = 0.15;
    private const double GzipCapableClientShare = 0.8;
    private const double GzipWhenPossible = 0.4;
    private const double ChunkedCollectionShare = 0.15;
    private const double ChunkedSingleShare = 0.05;
    private const double UnauthorizedWhenNoToken = 0.2;
    private const double NotFoundShare = 0.02;
    private const double ServerErrorShare = 0.005;

    private static readonly byte[][] UserAgents =
    [
        .. new[]
        {
            "okhttp/4.12.0",
            "python-requests/2.31.0",
            "Go-http-client/1.1",
            "axios/1.6.8",
            "curl/8.5.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
            "Apache-HttpClient/5.3 (Java/21.0.2)",
        }.Select(Encoding.ASCII.GetBytes),
    ];

    private readonly DeterministicRandom _random;
    private readonly RouteTemplate[] _routes;
    private readonly int[] _cumulativeWeights;
    private readonly ApiServer[] _servers;
    private readonly BearerTokenPool _tokens;
    private readonly RequestBodyCatalog _requestBodies;
    private readonly ResponseBodyCatalog _responseBodies;
    private readonly byte[] _date = new byte[29];
    private long _dateSecond = -1;

    public HttpExchangeComposer(DeterministicRandom random)
    {
        _random = random;
        _routes =
        [
            new("GET", "/api/v1/users/{int}", ResponseShape.Single, 120),
            new("GET", "/api/v1/users/{int}/orders?status=shipped&page={page}&limit=50", ResponseShape.Collection, 110),
            new("GET", "/api/v1/orders/{uuid}", ResponseShape.Single, 90),
            new("GET", "/api/v2/products?category={word}&sort=price&page={page}", ResponseShape.Collection, 120),
            new("GET", "/api/v1/products/{int}/reviews?limit=20", ResponseShape.Collection, 80),
            new("GET", "/api/v1/search?q={word}&type=product", ResponseShape.Collection, 70),
            new("GET", "/healthz", ResponseShape.Single, 30),
            new("GET", "/api/v1/accounts/{int}/transactions?from=2024-04-01&to=2024-04-30", ResponseShape.Collection, 80),
            new("POST", "/api/v1/orders", ResponseShape.Created, 70),
            new("POST", "/api/v1/auth/login", ResponseShape.Single, 30),
            new("POST", "/api/v1/users/{int}/addresses", ResponseShape.Created, 30),
            new("POST", "/api/v1/events", ResponseShape.NoContent, 20),
            new("PUT", "/api/v1/users/{int}", ResponseShape.Single, 40),
            new("PUT", "/api/v1/carts/{uuid}/items/{int}", ResponseShape.Single, 20),
            new("PATCH", "/api/v1/users/{int}/settings", ResponseShape.Single, 25),
            new("PATCH", "/api/v1/orders/{uuid}", ResponseShape.Single, 15),
            new("DELETE", "/api/v1/sessions/{uuid}", ResponseShape.NoContent, 30),
            new("DELETE", "/api/v1/carts/{uuid}/items/{int}", ResponseShape.NoContent, 20),
        ];
        _cumulativeWeights = new int[_routes.Length];
        int total = 0;
        for (int i = 0; i < _routes.Length; i++)
        {
            total += _routes[i].Weight;
            _cumulativeWeights[i] = total;
        }

        _servers =
        [
            new(Ipv4(10, 96, 12, 4), 80, "api.shop.example", "nginx/1.25.3"),
            new(Ipv4(10, 96, 40, 17), 8080, "users.default.svc.cluster.local:8080", "Kestrel"),
            new(Ipv4(10, 96, 7, 201), 80, "payments.example.com", "envoy"),
            new(Ipv4(10, 96, 3, 99), 8000, "catalog.shop.svc:8000", "gunicorn"),
            new(Ipv4(10, 96, 21, 50), 80, "legacy-api.example.net", "Apache/2.4.58 (Debian)"),
        ];
        _tokens = new BearerTokenPool(random);
        _requestBodies = new RequestBodyCatalog(random);
        _responseBodies = new ResponseBodyCatalog(random);
    }

    public static uint Ipv4(byte a, byte b, byte c, byte d) => ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d;

    public ApiServer PickServer() => _servers[_random.Next(_servers.Length)];

    public ClientProfile PickClient() => new(
        _random.Next(UserAgents.Length),
        _random.Chance(UnauthenticatedClientShare) ? ClientProfile.NoToken : _random.Next(_tokens.Count),
        _random.Chance(GzipCapableClientShare));

    /// <summary>Writes a request head into <paramref name="head"/>; returns its length.</summary>
    public int ComposeRequest(Span<byte> head, ApiServer server, ClientProfile client, bool closeAfter, out EncodedBody? body, out ExchangePlan plan)
    {
        RouteTemplate route = PickRoute();
        body = route.SendsBody ? _requestBodies.Pick(_random) : null;
        plan = new ExchangePlan(route, client.Token != ClientProfile.NoToken, client.AcceptsGzip, closeAfter, RouteTemplate.RandomGuid(_random));

        var writer = new AsciiWriter(head);
        writer.Write(route.Method);
        writer.Write(" "u8);
        route.WriteTarget(ref writer, _random);
        writer.Write(" HTTP/1.1\r\nHost: "u8);
        writer.Write(server.Host);
        writer.Write("\r\nUser-Agent: "u8);
        writer.Write(UserAgents[client.UserAgent]);
        writer.Write("\r\nAccept: application/json\r\n"u8);
        if (client.AcceptsGzip)
        {
            writer.Write("Accept-Encoding: gzip, deflate, br\r\n"u8);
        }

        if (client.Token != ClientProfile.NoToken)
        {
            writer.Write("Authorization: Bearer "u8);
            writer.Write(_tokens[client.Token]);
            writer.Write("\r\n"u8);
        }

        if (body is not null)
        {
            writer.Write("Content-Type: application/json\r\nContent-Length: "u8);
            writer.Write(body.Wire.Length);
            writer.Write("\r\n"u8);
        }

        writer.Write("X-Request-Id: "u8);
        writer.Write(plan.RequestId);
        writer.Write(closeAfter ? "\r\nConnection: close\r\n\r\n"u8 : "\r\n\r\n"u8);
        return writer.Length;
    }

    /// <summary>Writes the response head for <paramref name="plan"/>; returns its length.</summary>
    public int ComposeResponse(Span<byte> head, in ExchangePlan plan, ApiServer server, long nowMicroseconds, out EncodedBody? body, out int status)
    {
        status = PickStatus(plan);
        body = status switch
        {
            401 => _responseBodies.Unauthorized,
            404 => _responseBodies.NotFound,
            500 => _responseBodies.ServerError,
            204 => null,
            201 => _responseBodies.Single(_random, chunked: false),
            _ when plan.Route.Shape == ResponseShape.Collection =>
                _responseBodies.Collection(_random, plan.AcceptsGzip && _random.Chance(GzipWhenPossible), _random.Chance(ChunkedCollectionShare)),
            _ => _responseBodies.Single(_random, _random.Chance(ChunkedSingleShare)),
        };

        var writer = new AsciiWriter(head);
        writer.Write(status switch
        {
            200 => "HTTP/1.1 200 OK\r\n"u8,
            201 => "HTTP/1.1 201 Created\r\n"u8,
            204 => "HTTP/1.1 204 No Content\r\n"u8,
            401 => "HTTP/1.1 401 Unauthorized\r\n"u8,
            404 => "HTTP/1.1 404 Not Found\r\n"u8,
            _ => "HTTP/1.1 500 Internal Server Error\r\n"u8,
        });
        writer.Write("Date: "u8);
        writer.Write(HttpDate(nowMicroseconds));
        writer.Write("\r\nServer: "u8);
        writer.Write(server.ServerSoftware);
        writer.Write("\r\n"u8);
        if (body is not null)
        {
            writer.Write(status >= 400 ? "Content-Type: application/problem+json\r\n"u8 : "Content-Type: application/json; charset=utf-8\r\n"u8);
            if (body.IsGzip)
            {
                writer.Write("Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n"u8);
            }

            if (body.IsChunked)
            {
                writer.Write("Transfer-Encoding: chunked\r\n"u8);
            }
            else
            {
                writer.Write("Content-Length: "u8);
                writer.Write(body.Wire.Length);
                writer.Write("\r\n"u8);
            }
        }

        if (status == 201)
        {
            writer.Write("Location: /api/v1/resources/"u8);
            writer.Write(RouteTemplate.RandomGuid(_random));
            writer.Write("\r\n"u8);
        }
        else if (status == 401)
        {
            writer.Write("WWW-Authenticate: Bearer realm=\"api\"\r\n"u8);
        }

        writer.Write("Cache-Control: no-store\r\nX-Request-Id: "u8);
        writer.Write(plan.RequestId);
        writer.Write(plan.CloseAfter ? "\r\nConnection: close\r\n\r\n"u8 : "\r\n\r\n"u8);
        return writer.Length;
    }

    private RouteTemplate PickRoute()
    {
        int ticket = _random.Next(_cumulativeWeights[^1]);
        int index = 0;
        while (_cumulativeWeights[index] <= ticket)
        {
            index++;
        }

        return _routes[index];
    }

    private int PickStatus(in ExchangePlan plan)
    {
        if (!plan.Authenticated && _random.Chance(UnauthorizedWhenNoToken))
        {
            return 401;
        }

        double draw = _random.NextDouble();
        if (draw < ServerErrorShare)
        {
            return 500;
        }

        if (draw < ServerErrorShare + NotFoundShare)
        {
            return 404;
        }

        return plan.Route.Shape switch
        {
            ResponseShape.Created => 201,
            ResponseShape.NoContent => 204,
            _ => 200,
        };
    }

    /// <summary>IMF-fixdate for the simulated clock, reformatted only when the second changes.</summary>
    private ReadOnlySpan<byte> HttpDate(long nowMicroseconds)
    {
        long second = nowMicroseconds / 1_000_000;
        if (second != _dateSecond)
        {
            _dateSecond = second;
            DateTime.UnixEpoch.AddSeconds(second).TryFormat(_date, out _, "R", CultureInfo.InvariantCulture);
        }

        return _date;
    }
}
