using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace ApiSentinel.Collector.Specs;

/// <summary>
/// One loaded API description (OpenAPI 3.0, 3.1 or Swagger 2.0; JSON or YAML), reduced to what the collector needs.
/// No Microsoft.OpenApi type leaves this class: the rest of the collector depends only on the reduced model.
/// </summary>
public sealed class ApiSpec
{
    private ApiSpec(string title, string? version, IReadOnlyList<string> hosts, IReadOnlyList<string> basePaths,
        IReadOnlyList<SpecOperation> operations, IReadOnlyList<string> warnings, string sourceName)
    {
        Title = title;
        Version = version;
        Hosts = hosts;
        BasePaths = basePaths;
        Operations = operations;
        Warnings = warnings;
        SourceName = sourceName;
    }

    public string Title { get; }

    public string? Version { get; }

    /// <summary>Lower-case <c>host[:port]</c> from servers / host; empty when the spec names none.</summary>
    public IReadOnlyList<string> Hosts { get; }

    /// <summary>Server URL paths / basePath (without trailing slash; empty when all servers are at the root).</summary>
    public IReadOnlyList<string> BasePaths { get; }

    public IReadOnlyList<SpecOperation> Operations { get; }

    /// <summary>Reader diagnostics that did not stop loading, each as <c>message [pointer]</c>.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The file path or name the document came from (for messages).</summary>
    public string SourceName { get; }

    public static ApiSpec Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SpecException($"{path}: cannot read the file: {e.Message}", e);
        }

        return Parse(text, path);
    }

    public static ApiSpec Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        var root = ToJsonTree(text, sourceName);
        if (root is not JsonObject rootObject ||
            !(rootObject.ContainsKey("openapi") || rootObject.ContainsKey("swagger")))
        {
            throw new SpecException($"{sourceName}: not an OpenAPI document (no top-level 'openapi' or 'swagger' field)");
        }

        LocalReferenceChecker.Check(rootObject, sourceName);

        ReadResult result;
        try
        {
            result = OpenApiDocument.Parse(rootObject.ToJsonString(), "json", new OpenApiReaderSettings());
        }
        catch (Exception e) when (e is OpenApiException or OpenApiUnsupportedSpecVersionException or InvalidOperationException or FormatException or ArgumentException)
        {
            // The version exception is not an OpenApiException; the others come
            // from malformed values deep in the reader.
            throw new SpecException($"{sourceName}: {e.Message}", e);
        }

        var diagnostic = result.Diagnostic;
        if (diagnostic?.Errors is { Count: > 0 } errors)
        {
            var first = errors[0];
            var more = errors.Count > 1 ? $" (and {errors.Count - 1} more)" : "";
            throw new SpecException($"{sourceName}: invalid OpenAPI document: {first.Message} at {first.Pointer}{more}");
        }

        if (result.Document is not { } document)
        {
            throw new SpecException($"{sourceName}: the OpenAPI reader returned no document");
        }

        var warnings = diagnostic?.Warnings.Select(w => $"{w.Message} [{w.Pointer}]").ToArray() ?? [];
        return FromDocument(document, warnings, sourceName);
    }

    private static JsonNode? ToJsonTree(string text, string sourceName)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.IsEmpty)
        {
            throw new SpecException($"{sourceName}: the document is empty");
        }

        if (trimmed[0] is not ('{' or '['))
        {
            return YamlJsonConverter.Convert(text, sourceName);
        }

        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            var location = e.LineNumber is { } line ? $" at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "";
            throw new SpecException($"{sourceName}: JSON syntax error{location}", e);
        }
    }

    private static ApiSpec FromDocument(OpenApiDocument document, IReadOnlyList<string> warnings, string sourceName)
    {
        var (hosts, basePaths) = ServerLocations.From(document.Servers);
        var operations = new List<SpecOperation>();
        foreach (var (template, pathItem) in document.Paths ?? [])
        {
            foreach (var (method, operation) in pathItem.Operations ?? [])
            {
                var reduced = OperationReducer.Reduce(document, pathItem, method.Method.ToUpperInvariant(), template, operation);
                if (basePaths.Count == 0)
                {
                    operations.Add(reduced);
                    continue;
                }

                foreach (var basePath in basePaths)
                {
                    operations.Add(reduced with { PathTemplate = basePath + reduced.PathTemplate });
                }
            }
        }

        return new ApiSpec(document.Info?.Title ?? sourceName, document.Info?.Version, hosts, basePaths, operations, warnings, sourceName);
    }
}
