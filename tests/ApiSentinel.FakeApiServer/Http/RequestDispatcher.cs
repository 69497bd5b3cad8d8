using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Schema;
using ApiSentinel.FakeApiServer.Discovery;
using ApiSentinel.FakeApiServer.Faults;
using ApiSentinel.FakeApiServer.Json;
using ApiSentinel.FakeApiServer.OpenApi;
using ApiSentinel.FakeApiServer.Resources;
using ApiSentinel.FakeApiServer.Selectors;
using ApiSentinel.FakeApiServer.Storage;
using ApiSentinel.FakeApiServer.Tables;
using Microsoft.AspNetCore.Http;

namespace ApiSentinel.FakeApiServer.Http;

/// <summary>
/// Every HTTP request: resolves the route and the kube verb, serves injected faults, calls the operation, and answers
/// JSON (a Table when kubectl asks for one) or a <c>Status</c> on error. Records each request in the log.
/// </summary>
internal sealed class RequestDispatcher(ResourceOperations operations, ResourceTypes types, FaultInjector faults, RequestLog log, WatchStreamer watches, TimeProvider time)
{
    private static readonly JsonObject VersionInfo = new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-apisentinel-fake",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public async Task HandleAsync(HttpContext context, CancellationToken listening)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, listening);
        var ct = linked.Token;
        var request = context.Request;
        var route = RouteParser.Parse(request.Path.Value ?? "/", types);
        var verb = route is null ? KubeVerbs.None : VerbOf(request, route);
        var started = time.GetUtcNow();
        try
        {
            var (delay, failure) = faults.Decide(new FaultTarget(verb, route?.Type.Plural, route?.Namespace, route?.Subresource));
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, ct);
            }
            if (failure is not null)
            {
                await WriteFailureAsync(context.Response, failure, ct);
            }
            else if (route is null)
            {
                await ServeNonResourceAsync(context, ct);
            }
            else
            {
                await ServeResourceAsync(context, route, verb, ct);
            }
        }
        catch (KubeStatusException e)
        {
            await WriteAsync(context.Response, e.Code, e.Status, ct);
        }
        catch (JsonException e)
        {
            // The message names the position, never the payload's values.
            await WriteAsync(context.Response, 400, KubeStatus.Failure(400, StatusReasons.BadRequest, $"the request body is not valid JSON or YAML: line {e.LineNumber}, position {e.BytePositionInLine}"), ct);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            await WriteAsync(context.Response, 400, KubeStatus.Failure(400, StatusReasons.BadRequest, $"error converting YAML to JSON: line {e.Start.Line}: {e.GetType().Name}"), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client or the listener went away mid-request: nothing to answer.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug of this server, not of the client: say so in kube's shape rather than dropping the connection.
            await WriteAsync(context.Response, 500, KubeStatus.Failure(500, StatusReasons.InternalError, $"fake API server error: {e.GetType().Name}: {e.Message}"), ct);
        }
        finally
        {
            log.Add(new RequestRecord(started, request.Method, verb, request.Path.Value ?? "", request.QueryString.Value ?? "",
                request.ContentType, request.Query["fieldManager"].FirstOrDefault(), route?.Type.Plural, route?.Namespace, route?.Subresource,
                context.Response.StatusCode));
        }
    }

    private static string VerbOf(HttpRequest request, ResourceRoute route) => request.Method switch
    {
        "GET" when route.Name is not null => KubeVerbs.Get,
        "GET" when IsTrue(request.Query["watch"]) => KubeVerbs.Watch,
        "GET" => KubeVerbs.List,
        "POST" => KubeVerbs.Create,
        "PUT" => KubeVerbs.Update,
        "PATCH" => KubeVerbs.Patch,
        "DELETE" when route.Name is not null => KubeVerbs.Delete,
        "DELETE" => KubeVerbs.DeleteCollection,
        _ => request.Method.ToLowerInvariant(),
    };

    private async Task ServeNonResourceAsync(HttpContext context, CancellationToken ct)
    {
        var path = (context.Request.Path.Value ?? "/").TrimEnd('/');
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["healthz"] or ["readyz"] or ["livez"])
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("ok", ct);
            return;
        }
        var all = types.All;
        JsonObject? document = segments switch
        {
            ["version"] => VersionInfo,
            ["api"] => DiscoveryDocuments.Api(context.Request.Host.Value ?? "127.0.0.1"),
            ["api", var version] => DiscoveryDocuments.GroupVersion(all, "", version),
            ["apis"] => DiscoveryDocuments.Apis(all),
            ["apis", var group] => DiscoveryDocuments.Group(all, group),
            ["apis", var group, var version] => DiscoveryDocuments.GroupVersion(all, group, version),
            ["openapi", "v2"] => OpenApiDocuments.V2(all),
            ["openapi", "v3"] => OpenApiDocuments.V3Index(all),
            ["openapi", "v3", ..] => OpenApiDocuments.V3GroupVersion(all, string.Join('/', segments[2..])),
            _ => null,
        };
        if (document is null)
        {
            throw KubeStatus.NoSuchResource();
        }
        await WriteAsync(context.Response, 200, document, ct);
    }

    private async Task ServeResourceAsync(HttpContext context, ResourceRoute route, string verb, CancellationToken ct)
    {
        var request = context.Request;
        var query = request.Query;
        var type = route.Type;
        if (route.Subresource is not null && (route.Subresource != ResourceOperations.StatusSubresource || !type.HasStatus))
        {
            throw KubeStatus.NoSuchResource();
        }
        if (type.Namespaced && route.Namespace is null && route.Name is not null)
        {
            throw KubeStatus.NoSuchResource();
        }
        var options = new WriteOptions(
            query["fieldManager"].FirstOrDefault() ?? ResourceOperations.DefaultManager(request.Headers.UserAgent.FirstOrDefault()),
            IsTrue(query["force"]),
            query["dryRun"].FirstOrDefault() == "All");
        switch (verb)
        {
            case KubeVerbs.Get:
                {
                    var obj = operations.Get(type, route.Namespace, route.Name!);
                    await WriteObjectOrTableAsync(context, type, [obj], JsonTree.String(obj, "metadata", "resourceVersion") ?? "", null, single: obj, ct);
                    return;
                }
            case KubeVerbs.List:
                {
                    var list = operations.List(type, route.Namespace, LabelSelector.Parse(query["labelSelector"]), FieldSelector.Parse(query["fieldSelector"], type),
                        Limit(query["limit"]), NonEmpty(query["continue"]));
                    var items = ((JsonArray)list["items"]!).OfType<JsonObject>().ToList();
                    await WriteObjectOrTableAsync(context, type, items, JsonTree.String(list, "metadata", "resourceVersion") ?? "",
                        JsonTree.String(list, "metadata", "continue"), single: list, ct);
                    return;
                }
            case KubeVerbs.Watch:
                await watches.StreamAsync(context.Response, type, route.Namespace, LabelSelector.Parse(query["labelSelector"]), FieldSelector.Parse(query["fieldSelector"], type),
                    Version(query["resourceVersion"]), IsTrue(query["allowWatchBookmarks"]), Seconds(query["timeoutSeconds"]), ct);
                return;
            case KubeVerbs.Create:
                {
                    if (route.Name is not null)
                    {
                        throw KubeStatus.MethodNotAllowed($"POST is not allowed on a single {type.Plural} object");
                    }
                    var body = await ReadObjectAsync(request, ct) ?? throw KubeStatus.BadRequest("the request has no body");
                    var (code, created) = operations.Create(type, route.Namespace, body, options);
                    await WriteAsync(context.Response, code, created, ct);
                    return;
                }
            case KubeVerbs.Update:
                {
                    var body = await ReadObjectAsync(request, ct) ?? throw KubeStatus.BadRequest("the request has no body");
                    var (code, updated) = operations.Update(type, route.Namespace, RequireName(route), route.Subresource, body, options);
                    await WriteAsync(context.Response, code, updated, ct);
                    return;
                }
            case KubeVerbs.Patch:
                {
                    var kind = PatchKindOf(request.ContentType);
                    if (kind == PatchKind.Apply && query["fieldManager"].FirstOrDefault() is not { Length: > 0 })
                    {
                        throw new KubeStatusException(422, KubeStatus.Failure(422, StatusReasons.Invalid,
                            "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch"));
                    }
                    var text = await ReadTextAsync(request, ct);
                    var patch = kind == PatchKind.Apply ? ParseJsonOrYaml(text) : JsonNode.Parse(text);
                    var (code, patched) = operations.Patch(type, route.Namespace, RequireName(route), route.Subresource, kind, patch, options);
                    await WriteAsync(context.Response, code, patched, ct);
                    return;
                }
            case KubeVerbs.Delete:
                {
                    var body = await ReadObjectAsync(request, ct);
                    var (code, result) = operations.Delete(type, route.Namespace, route.Name!, body, NonEmpty(query["propagationPolicy"]), options.DryRun);
                    await WriteAsync(context.Response, code, result, ct);
                    return;
                }
            case KubeVerbs.DeleteCollection:
                await WriteAsync(context.Response, 200,
                    operations.DeleteCollection(type, route.Namespace, LabelSelector.Parse(query["labelSelector"]), FieldSelector.Parse(query["fieldSelector"], type)), ct);
                return;
            default:
                throw KubeStatus.MethodNotAllowed($"the server does not allow this method on the requested resource ({request.Method})");
        }
    }

    private async Task WriteObjectOrTableAsync(HttpContext context, ResourceType type, IReadOnlyList<JsonObject> objects, string resourceVersion, string? continueToken, JsonObject single, CancellationToken ct)
    {
        var accept = context.Request.Headers.Accept.ToString();
        if (!TableConverter.Wants(accept))
        {
            await WriteAsync(context.Response, 200, single, ct);
            return;
        }
        var include = NonEmpty(context.Request.Query["includeObject"]);
        if (!TableFormats.IsKnownIncludeObject(include))
        {
            throw KubeStatus.BadRequest($"unsupported includeObject: \"{include}\"");
        }
        await WriteAsync(context.Response, 200, TableConverter.ToTable(type, objects, include, resourceVersion, continueToken, time), ct);
    }

    private static async Task WriteFailureAsync(HttpResponse response, FaultRule rule, CancellationToken ct)
    {
        var code = rule.Status!.Value;
        var details = new JsonObject();
        if (rule.RetryAfter is { } retry)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            details["retryAfterSeconds"] = seconds;
        }
        var message = code == 429 ? "Too many requests, please try again later." : $"injected fault: the server answers {code}";
        await WriteAsync(response, code, KubeStatus.Failure(code, StatusReasons.ForCode(code), message, details), ct);
    }

    private static async Task WriteAsync(HttpResponse response, int code, JsonObject body, CancellationToken ct)
    {
        if (response.HasStarted)
        {
            return;
        }
        response.StatusCode = code;
        response.ContentType = MediaTypes.Json;
        await response.WriteAsync(body.ToJsonString(), Encoding.UTF8, ct);
    }

    private static PatchKind PatchKindOf(string? contentType) => MediaTypes.Essence(contentType) switch
    {
        MediaTypes.MergePatch => PatchKind.Merge,
        MediaTypes.StrategicMergePatch => PatchKind.StrategicMerge,
        MediaTypes.JsonPatch => PatchKind.Json,
        MediaTypes.ApplyPatch => PatchKind.Apply,
        _ => throw KubeStatus.UnsupportedMediaType(contentType),
    };

    // Read up to kube's body limit and no further: a chunked body says nothing of its size up front.
    private static async Task<string> ReadTextAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > SizeLimits.MaxRequestBodyBytes)
        {
            throw KubeStatus.RequestEntityTooLarge(SizeLimits.MaxRequestBodyBytes);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > SizeLimits.MaxRequestBodyBytes)
            {
                throw KubeStatus.RequestEntityTooLarge(SizeLimits.MaxRequestBodyBytes);
            }
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static async Task<JsonObject?> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        var text = await ReadTextAsync(request, ct);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var essence = MediaTypes.Essence(request.ContentType);
        // Protobuf (kubectl's typed commands for built-ins, e.g. create configmap) is not spoken here: JSON clients only.
        var node = essence switch
        {
            MediaTypes.Yaml => ParseJsonOrYaml(text),
            MediaTypes.Json or "" => JsonNode.Parse(text),
            _ => throw KubeStatus.UnsupportedBodyType(request.ContentType),
        };
        return node as JsonObject ?? throw KubeStatus.BadRequest("the request body must be an object");
    }

    /// <summary>Apply bodies are YAML by content type, but every client we have sends JSON (a subset of YAML).</summary>
    private static JsonNode? ParseJsonOrYaml(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            return JsonNode.Parse(text);
        }
        var documents = YamlJson.ParseAll(text);
        return documents.Count == 1 ? documents[0] : throw KubeStatus.BadRequest("the apply configuration must be exactly one YAML document");
    }

    private static string RequireName(ResourceRoute route) =>
        route.Name ?? throw KubeStatus.MethodNotAllowed($"the server does not allow this method on the collection {route.Type.Plural}");

    private static bool IsTrue(Microsoft.Extensions.Primitives.StringValues value) => value.FirstOrDefault() is "1" or "true" or "True";

    private static string? NonEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.FirstOrDefault() is { Length: > 0 } text ? text : null;

    private static int? Limit(Microsoft.Extensions.Primitives.StringValues value) =>
        NonEmpty(value) is { } text ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw KubeStatus.BadRequest($"invalid limit: \"{text}\"") : null;

    private static long? Version(Microsoft.Extensions.Primitives.StringValues value) =>
        NonEmpty(value) is { } text
            ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw KubeStatus.BadRequest($"invalid resource version: \"{text}\"")
            : null;

    private static TimeSpan? Seconds(Microsoft.Extensions.Primitives.StringValues value) =>
        NonEmpty(value) is { } text
            ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? TimeSpan.FromSeconds(n) : throw KubeStatus.BadRequest($"invalid timeoutSeconds: \"{text}\"")
            : null;
}
