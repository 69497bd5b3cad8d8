using System.Text;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace ApiSentinel.Collector.Specs.Loading;

/// <summary>
/// Loads a spec in stages, each bounded before the next, costlier one runs: size (before reading), nesting, node
/// and alias-expansion budgets (while tokenising, <see cref="JsonTreeBuilder"/>), reference repair, path and
/// operation counts (before the OpenAPI reader builds its model), server × operation product and schema
/// flattening work (while reducing). Whatever is not OpenAPI/Swagger at all is refused; rule breaches in a real
/// document become <see cref="SpecWarning"/>s and everything usable is loaded.
/// </summary>
internal static class SpecLoader
{
    // The reader resolves local references against this; external references are not loaded.
    private static readonly Uri DocumentLocation = new("urn:apisentinel:spec");

    public static ApiSpec Load(string path, SpecBudget budget)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(budget);
        byte[] bytes;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            if (file.Length > budget.MaxInputBytes)
            {
                throw SpecBudgetExceeded.Create(path, nameof(SpecBudget.MaxInputBytes), budget.MaxInputBytes, "bytes of document");
            }

            bytes = new byte[file.Length];
            file.ReadExactly(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SpecException($"{path}: cannot read the file: {SpecText.Escape(e.Message)}", e);
        }

        return FromBytes(bytes, path, budget);
    }

    public static ApiSpec Parse(string text, string sourceName, SpecBudget budget)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(budget);
        if (Encoding.UTF8.GetMaxByteCount(text.Length) > budget.MaxInputBytes && Encoding.UTF8.GetByteCount(text) > budget.MaxInputBytes)
        {
            throw SpecBudgetExceeded.Create(sourceName, nameof(SpecBudget.MaxInputBytes), budget.MaxInputBytes, "bytes of document");
        }

        var warnings = new SpecWarnings(budget.MaxWarnings);
        var significant = text.AsSpan().TrimStart().TrimStart('\uFEFF');
        if (significant.IsEmpty)
        {
            throw new SpecException($"{sourceName}: the document is empty");
        }

        var root = significant[0] is '{' or '['
            ? ReadJsonOrFlowYaml(significant[0], () => JsonTreeReader.Read(text, budget, warnings, sourceName), () => new StringReader(text), budget, warnings, sourceName)
            : YamlTreeReader.Read(new StringReader(text), budget, warnings, sourceName);
        return FromTree(root, sourceName, budget, warnings);
    }

    private static ApiSpec FromBytes(byte[] bytes, string sourceName, SpecBudget budget)
    {
        var warnings = new SpecWarnings(budget.MaxWarnings);
        var utf8 = bytes.AsMemory();
        if (utf8.Span.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }
        else if (bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            // UTF-16 with a byte-order mark: rare enough to decode whole.
            using var decoder = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
            return Parse(decoder.ReadToEnd(), sourceName, budget);
        }

        var significant = utf8.Span.TrimStart(" \t\r\n"u8);
        JsonNode? root;
        if (significant.IsEmpty)
        {
            throw new SpecException($"{sourceName}: the document is empty");
        }

        if (significant[0] is (byte)'{' or (byte)'[')
        {
            root = ReadJsonOrFlowYaml((char)significant[0], () => JsonTreeReader.Read(utf8, budget, warnings, sourceName),
                () => new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true), budget, warnings, sourceName);
        }
        else
        {
            using var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            root = YamlTreeReader.Read(text, budget, warnings, sourceName);
        }

        return FromTree(root, sourceName, budget, warnings);
    }

    /// <summary>
    /// A document opening with <c>{</c> is JSON or flow-style YAML (<c>{openapi: 3.0.0, ...}</c>, unquoted keys):
    /// JSON is tried first, being the common case and the faster reader; when its syntax fails, the YAML reader
    /// (as budgeted) gets the document; if it fails too, both errors are reported. A budget refusal or text that is not
    /// text (an unpaired surrogate) is final: YAML would read it no better.
    /// </summary>
    private static JsonNode? ReadJsonOrFlowYaml(char first, Func<JsonNode?> json, Func<TextReader> yamlText, SpecBudget budget, SpecWarnings warnings, string sourceName)
    {
        try
        {
            return json();
        }
        catch (SpecException jsonError) when (first == '{' && jsonError.InnerException is System.Text.Json.JsonException)
        {
            warnings.Clear();
            using var text = yamlText();
            try
            {
                return YamlTreeReader.Read(text, budget, warnings, sourceName);
            }
            catch (SpecException yamlError) when (yamlError.Budget is null)
            {
                // Both errors, in one line: a JSON author needs the JSON position, a YAML author the YAML one.
                var yaml = yamlError.Message.StartsWith(sourceName + ": ", StringComparison.Ordinal) ? yamlError.Message[(sourceName.Length + 2)..] : yamlError.Message;
                throw new SpecException($"{jsonError.Message}; read as YAML: {yaml}", yamlError);
            }
        }
    }

    private static ApiSpec FromTree(JsonNode? root, string sourceName, SpecBudget budget, SpecWarnings warnings)
    {
        if (root is not JsonObject document || !(document.ContainsKey("openapi") || document.ContainsKey("swagger")))
        {
            throw new SpecException($"{sourceName}: not an OpenAPI document (no top-level 'openapi' or 'swagger' field)");
        }

        var operations = CheckCounts(document, sourceName, budget);
        SchemaObjectCensus.Check(document, sourceName, budget);
        ReferenceRepair.Run(document, warnings);
        var reducer = new SpecReducer(sourceName, budget, warnings, operations);
        if (document["paths"] is not JsonObject paths || paths.Count <= PathsPerBatch)
        {
            reducer.Add(Read(document, sourceName, warnings));
            return reducer.Build();
        }

        // A large document is read a batch of paths at a time, each batch's entries leaving the tree as it goes:
        // the reader's model of 10⁵ paths cost as much again as the tree (bench/SpecLoad, paths-100k). Servers
        // and components are read again with each batch; below PathsPerBatch (all 2,639 documents of the public
        // collection) nothing changes. Duplicate path signatures are then found within a batch only.
        var entries = paths.ToList();
        paths.Clear();
        for (var start = 0; start < entries.Count; start += PathsPerBatch)
        {
            var batch = new JsonObject();
            for (var i = start; i < Math.Min(entries.Count, start + PathsPerBatch); i++)
            {
                batch.Add(entries[i].Key, entries[i].Value);
                entries[i] = default;
            }

            document["paths"] = batch;
            reducer.Add(Read(document, sourceName, warnings));
            document.Remove("paths");
        }

        return reducer.Build();
    }

    // Above the path count of real documents (the most in the public collection: Microsoft Graph beta, 14,227), so
    // those are read whole and duplicate path signatures are found across all of their paths.
    private const int PathsPerBatch = 20_000;

    /// <summary>Paths and operations are counted on the tree, before the reader builds a model for each.</summary>
    private static long CheckCounts(JsonObject document, string sourceName, SpecBudget budget)
    {
        if (document["paths"] is not JsonObject paths)
        {
            return 0;
        }

        if (paths.Count > budget.MaxPaths)
        {
            throw SpecBudgetExceeded.Create(sourceName, nameof(SpecBudget.MaxPaths), budget.MaxPaths, "paths");
        }

        long operations = 0;
        var pathItems = new PathItemOperations(document, sourceName, budget);
        foreach (var (_, item) in paths)
        {
            operations += pathItems.Count(item);
            if (operations > budget.MaxOperations)
            {
                break;
            }
        }

        if (operations > budget.MaxOperations)
        {
            throw SpecBudgetExceeded.Create(sourceName, nameof(SpecBudget.MaxOperations), budget.MaxOperations, "operations");
        }

        // Servers bound both the distinct hosts and the distinct base paths, so this upper bound of the product
        // refuses 2,000 servers × 5,000 paths before the reader spends time on it (it took 29 s to get there).
        if (document["servers"] is JsonArray servers && servers.Count * operations > budget.MaxServerOperationProduct)
        {
            throw SpecBudgetExceeded.Create(sourceName, nameof(SpecBudget.MaxServerOperationProduct), budget.MaxServerOperationProduct, "server locations × operations");
        }

        return operations;
    }

    private static OpenApiDocument Read(JsonObject document, string sourceName, SpecWarnings warnings)
    {
        ReadResult result;
        try
        {
            // Validation runs separately (below) so that its findings are told apart from read errors.
            var settings = new OpenApiReaderSettings { RuleSet = ValidationRuleSet.GetEmptyRuleSet() };
            result = new OpenApiJsonReader().Read(document, DocumentLocation, settings);
        }
        catch (OpenApiUnsupportedSpecVersionException e)
        {
            throw new SpecException($"{sourceName}: {SpecText.Escape(e.Message)}", e);
        }
        catch (Exception e) when (e is OpenApiException or InvalidOperationException or FormatException or ArgumentException or
            InvalidCastException or NullReferenceException or KeyNotFoundException or IndexOutOfRangeException or OverflowException)
        {
            // The reader is third-party code walking untrusted input; it throws these from malformed values deep
            // in a document (found by the spec fuzzer, bench/SpecLoad). They are input errors, reported as one line.
            throw new SpecException($"{sourceName}: the OpenAPI reader could not read the document: {SpecText.Escape(e.Message)}", e);
        }

        if (result.Document is not { } model)
        {
            var first = result.Diagnostic?.Errors.FirstOrDefault();
            throw new SpecException($"{sourceName}: not a readable OpenAPI document{(first is null ? "" : ": " + SpecText.Escape(first.Message) + " at " + SpecText.Escape(first.Pointer))}");
        }

        foreach (var error in result.Diagnostic?.Errors ?? [])
        {
            warnings.Add(SpecWarningKinds.Structure, Pointer(error.Pointer), error.Message);
        }

        foreach (var warning in result.Diagnostic?.Warnings ?? [])
        {
            warnings.Add(SpecWarningKinds.Structure, Pointer(warning.Pointer), warning.Message);
        }

        Validate(model, warnings);
        return model;
    }

    private static void Validate(OpenApiDocument model, SpecWarnings warnings)
    {
        IEnumerable<OpenApiError> findings;
        try
        {
            findings = model.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? [];
            foreach (var finding in findings)
            {
                warnings.Add(SpecWarningKinds.Validation, Pointer(finding.Pointer), finding.Message);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NullReferenceException or KeyNotFoundException or FormatException)
        {
            // A validation rule that cannot cope with the document costs us its findings, not the spec.
            warnings.Add(SpecWarningKinds.Validation, "#/", $"validation stopped early ({e.GetType().Name})");
        }
    }

    private static string Pointer(string? pointer) =>
        string.IsNullOrEmpty(pointer) ? "#/" : pointer.StartsWith('#') ? pointer : "#" + (pointer.StartsWith('/') ? pointer : "/" + pointer);
}
