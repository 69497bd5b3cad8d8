namespace ApiSentinel.Collector.Kubernetes.Tests.Specs;

internal static class ShopDocuments
{
    /// <summary>Documents /accounts/{id} only: /internal/stats is shadow.</summary>
    public const string Accounts = """
        openapi: 3.0.3
        info: { title: shop, version: "1" }
        paths:
          /accounts/{id}:
            get: { operationId: getAccount, responses: { "200": { description: ok } } }
        """;

    /// <summary>Documents both paths.</summary>
    public const string AccountsAndStats = """
        openapi: 3.0.3
        info: { title: shop, version: "2" }
        paths:
          /accounts/{id}:
            get: { operationId: getAccount, responses: { "200": { description: ok } } }
          /internal/stats:
            get: { operationId: stats, responses: { "200": { description: ok } } }
        """;

    public const string NotOpenApi = "hello: world\n";

    /// <summary>Nesting far beyond the loader's depth budget.</summary>
    public static string DeeplyNested { get; } = "openapi: 3.0.3\nx: " + new string('[', 20_000) + new string(']', 20_000) + "\n";

    /// <summary>A YAML alias bomb: nine levels of ten aliases each, a billion values once expanded.</summary>
    public static string AliasBomb { get; } = BuildAliasBomb();

    private static string BuildAliasBomb()
    {
        var lines = new List<string> { "openapi: 3.0.3", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var level = 1; level < 10; level++)
        {
            var previous = $"*a{level - 1}";
            lines.Add($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat(previous, 10))}]");
        }
        return string.Join("\n", lines) + "\n";
    }
}
