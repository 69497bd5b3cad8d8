using Microsoft.OpenApi;

namespace ApiSentinel.Collector.Specs.Loading;

/// <summary>
/// Reduces read documents to an <see cref="ApiSpec"/>: servers, then each operation under each base path, with
/// the server × operation product checked before any operation is built (2,000 servers × 5,000 paths took 6.4 GB,
/// issue 6, item 11) and one <see cref="SchemaFlattener"/> (memoised, budgeted) for the whole document. A large
/// document arrives as several models, one per batch of paths (see <see cref="SpecLoader"/>); servers and
/// components are the same in each.
/// </summary>
internal sealed class SpecReducer(string sourceName, SpecBudget budget, SpecWarnings warnings, long declaredOperations)
{
    private readonly SchemaFlattener _flattener = new(budget, sourceName);
    private readonly List<SpecOperation> _operations = [];
    private IReadOnlyList<string>? _hosts;
    private IReadOnlyList<string> _basePaths = [];
    private string? _title;
    private string? _version;

    public void Add(OpenApiDocument document)
    {
        if (_hosts is null)
        {
            (_hosts, _basePaths) = ServerLocations.From(document.Servers);
            _title = document.Info?.Title;
            _version = document.Info?.Version;
            var reachable = declaredOperations * Math.Max(1, _basePaths.Count);
            if (reachable > budget.MaxOperations)
            {
                throw SpecBudgetExceeded.Create(sourceName, nameof(SpecBudget.MaxOperations), budget.MaxOperations, "operations (each counted once per server base path)");
            }

            if (reachable * Math.Max(1, _hosts.Count) > budget.MaxServerOperationProduct)
            {
                throw SpecBudgetExceeded.Create(sourceName, nameof(SpecBudget.MaxServerOperationProduct), budget.MaxServerOperationProduct, "server locations × operations");
            }
        }

        foreach (var (template, pathItem) in document.Paths ?? [])
        {
            foreach (var (method, operation) in pathItem.Operations ?? [])
            {
                // A second line behind the count on the tree: whatever the reader resolves that the count did not
                // see, operations stop at the budget as they are produced.
                var produced = _operations.Count + Math.Max(1, _basePaths.Count);
                if (produced > budget.MaxOperations)
                {
                    throw SpecBudgetExceeded.Create(sourceName, nameof(SpecBudget.MaxOperations), budget.MaxOperations, "operations (each counted once per server base path)");
                }

                if ((long)produced * Math.Max(1, _hosts.Count) > budget.MaxServerOperationProduct)
                {
                    throw SpecBudgetExceeded.Create(sourceName, nameof(SpecBudget.MaxServerOperationProduct), budget.MaxServerOperationProduct, "server locations × operations");
                }

                var reduced = OperationReducer.Reduce(document, pathItem, method.Method.ToUpperInvariant(), template, operation, _flattener);
                if (_basePaths.Count == 0)
                {
                    _operations.Add(reduced);
                    continue;
                }

                foreach (var basePath in _basePaths)
                {
                    _operations.Add(reduced with { PathTemplate = basePath + reduced.PathTemplate });
                }
            }
        }
    }

    public ApiSpec Build()
    {
        if (_flattener.CutBodies > 0)
        {
            warnings.Add(SpecWarningKinds.BodyCut, "#/paths",
                $"{_flattener.CutBodies} bodies flatten past {budget.MaxBodyFields} fields (SpecBudget.MaxBodyFields); their deeper fields read as unconstrained");
        }

        if (_flattener.UnflattenedBodies > 0)
        {
            warnings.Add(SpecWarningKinds.BodyCut, "#/paths",
                $"the document's bodies flatten past {budget.MaxSchemaFields} fields (SpecBudget.MaxSchemaFields); {_flattener.UnflattenedBodies} later bodies read as unconstrained");
        }

        return new(_title ?? sourceName, _version, _hosts ?? [], _basePaths, _operations, warnings.Kept, warnings.Dropped, sourceName);
    }
}
