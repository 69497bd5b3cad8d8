using Microsoft.OpenApi;

namespace ApiSentinel.Collector.Specs.Loading;

/// <summary>
/// Reduces a read document to an <see cref="ApiSpec"/>: servers, then each operation under each base path, with
/// the server × operation product checked before any operation is built (2,000 servers × 5,000 paths took 6.4 GB,
/// issue 6, item 11) and one <see cref="SchemaFlattener"/> (memoised, budgeted) for the whole document.
/// </summary>
internal static class SpecReducer
{
    public static ApiSpec Reduce(OpenApiDocument document, string sourceName, SpecBudget budget, SpecWarnings warnings)
    {
        var (hosts, basePaths) = ServerLocations.From(document.Servers);
        long declared = 0;
        foreach (var (_, pathItem) in document.Paths ?? [])
        {
            declared += pathItem.Operations?.Count ?? 0;
        }

        var reachable = declared * Math.Max(1, basePaths.Count);
        if (reachable > budget.MaxOperations)
        {
            throw SpecBudgetExceeded.Create(sourceName, nameof(SpecBudget.MaxOperations), budget.MaxOperations, "operations (each counted once per server base path)");
        }

        if (reachable * Math.Max(1, hosts.Count) > budget.MaxServerOperationProduct)
        {
            throw SpecBudgetExceeded.Create(sourceName, nameof(SpecBudget.MaxServerOperationProduct), budget.MaxServerOperationProduct, "server locations × operations");
        }

        var flattener = new SchemaFlattener(budget, sourceName);
        var operations = new List<SpecOperation>((int)reachable);
        foreach (var (template, pathItem) in document.Paths ?? [])
        {
            foreach (var (method, operation) in pathItem.Operations ?? [])
            {
                var reduced = OperationReducer.Reduce(document, pathItem, method.Method.ToUpperInvariant(), template, operation, flattener);
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

        return new ApiSpec(document.Info?.Title ?? sourceName, document.Info?.Version, hosts, basePaths, operations,
            warnings.Kept, warnings.Dropped, sourceName);
    }
}
