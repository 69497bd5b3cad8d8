using Microsoft.OpenApi;
using ApiSentinel.Collector.Specs.Loading;

namespace ApiSentinel.Collector.Specs;

/// <summary>
/// Flattens a body schema into the field paths the sensor reports: <c>$.user.id</c>, arrays as <c>[*]</c>, map
/// values (<c>additionalProperties</c> schemas) as <c>.*</c>. <c>$ref</c>s are followed, <c>allOf</c> merged, and
/// <c>oneOf</c>/<c>anyOf</c> unioned (a field any alternative allows is documented). Recursive schemas are cut at
/// the first repeat and everything is cut at <see cref="MaxDepth"/>; the cut field becomes <c>any</c>, so deeper
/// observed fields are not reported as undocumented.
/// </summary>
/// <remarks>
/// One instance serves a whole document. The fields of a referenced schema are computed once per depth and
/// reused wherever it is referenced: without that, <c>allOf</c> fan-out (each of ten layers composing the next one
/// ten times) is exponential — a 6 KB spec did not finish in minutes (issue 6, item 10). A result is reused only
/// when no recursion cut inside it depended on schemas outside it. What reuse cannot share (a property fan-out
/// makes distinct paths) is bounded by <see cref="SpecBudget.MaxSchemaVisits"/> and
/// <see cref="SpecBudget.MaxSchemaFields"/>.
/// </remarks>
internal sealed class SchemaFlattener(SpecBudget budget, string sourceName)
{
    // The sensor's JSON walker reports fields to a bounded depth as well; 12 levels covers real APIs' nesting.
    public const int MaxDepth = 12;

    private readonly Dictionary<(string Reference, int Depth), List<KeyValuePair<string, string>>> _memo = [];
    private readonly Dictionary<string, string> _typeOfReference = new(StringComparer.Ordinal);
    private readonly List<string> _referenceStack = [];
    private long _visits;
    private long _fields;
    private int _bodyInsertions;
    private bool _bodyCut;
    private bool _documentCut;

    /// <summary>Bodies left unflattened because the document passed <see cref="SpecBudget.MaxSchemaFields"/>.</summary>
    public int UnflattenedBodies { get; private set; }

    /// <summary>Bodies whose flattening stopped at <see cref="SpecBudget.MaxBodyFields"/> (the rest reads as unconstrained).</summary>
    public int CutBodies { get; private set; }

    public void Flatten(IOpenApiSchema? schema, Dictionary<string, string> fields)
    {
        if (schema is null)
        {
            return;
        }

        if (_documentCut)
        {
            // The document's field budget is spent: this body reads as unconstrained, the operation still loads.
            UnflattenedBodies++;
            fields.TryAdd("$", SchemaTypeExpression.Any);
            return;
        }

        _bodyInsertions = 0;
        _bodyCut = false;
        Visit(schema, "$", fields, 0);
        if (_bodyCut)
        {
            CutBodies++;
        }
    }

    /// <returns>The lowest reference-stack index a recursion cut below this schema hit (int.MaxValue if none).</returns>
    private int Visit(IOpenApiSchema? schema, string path, Dictionary<string, string> fields, int depth)
    {
        if (_bodyCut)
        {
            // Past the body's field budget nothing deeper is expanded; what is there reads as documented.
            return int.MaxValue;
        }

        ChargeVisit();
        if (schema is null)
        {
            // "properties: { a: null }" and null allOf items occur in published documents (Microsoft Graph beta);
            // the reader keeps them as null entries. An absent schema constrains nothing.
            Merge(fields, path, SchemaTypeExpression.Any);
            return int.MaxValue;
        }

        var referenceId = (schema as OpenApiSchemaReference)?.Reference.Id;
        if (depth > MaxDepth)
        {
            Merge(fields, path, SchemaTypeExpression.Any);
            return int.MaxValue;
        }

        if (referenceId is null)
        {
            return VisitContent(schema, TypeOf(schema), path, fields, depth);
        }

        var onStack = _referenceStack.IndexOf(referenceId);
        if (onStack >= 0)
        {
            Merge(fields, path, SchemaTypeExpression.Any);
            return onStack;
        }

        if (_memo.TryGetValue((referenceId, depth), out var known))
        {
            Apply(known, path, fields);
            return int.MaxValue;
        }

        // Computed relative to "" so the result can be applied under any path.
        var own = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = _referenceStack.Count;
        _referenceStack.Add(referenceId);
        // Resolving a reference is a lookup each time a property of it is read (about 30 µs measured on a
        // composed schema): resolve once, and type each referenced schema once.
        var target = ((OpenApiSchemaReference)schema).Target ?? schema;
        if (!_typeOfReference.TryGetValue(referenceId, out var type))
        {
            type = TypeOf(target);
            _typeOfReference[referenceId] = type;
        }

        var lowestCut = VisitContent(target, type, "", own, depth);
        _referenceStack.RemoveAt(index);
        var fragment = own.ToList();
        if (lowestCut >= index && !_bodyCut)
        {
            _memo[(referenceId, depth)] = fragment;
        }

        Apply(fragment, path, fields);
        return lowestCut >= index ? int.MaxValue : lowestCut;
    }

    private static string TypeOf(IOpenApiSchema schema) => SchemaTypeExpression.From(schema);

    private int VisitContent(IOpenApiSchema schema, string type, string path, Dictionary<string, string> fields, int depth)
    {
        var lowestCut = int.MaxValue;
        Merge(fields, path, type);
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            lowestCut = Math.Min(lowestCut, Visit(property, path + "." + name, fields, depth + 1));
        }

        if (schema.AdditionalProperties is { } values)
        {
            lowestCut = Math.Min(lowestCut, Visit(values, path + ".*", fields, depth + 1));
        }

        if (schema.Items is { } items)
        {
            lowestCut = Math.Min(lowestCut, Visit(items, path + "[*]", fields, depth + 1));
        }

        foreach (var parts in (IEnumerable<IList<IOpenApiSchema>?>)[schema.AllOf, schema.OneOf, schema.AnyOf])
        {
            foreach (var part in parts ?? [])
            {
                // Same depth: composition does not nest the JSON.
                lowestCut = Math.Min(lowestCut, Visit(part, path, fields, depth));
            }
        }

        return lowestCut;
    }

    private void Apply(List<KeyValuePair<string, string>> fragment, string path, Dictionary<string, string> fields)
    {
        foreach (var (suffix, expression) in fragment)
        {
            ChargeVisit();
            Merge(fields, path + suffix, expression);
        }
    }

    private void ChargeVisit()
    {
        if (++_visits > budget.MaxSchemaVisits)
        {
            throw SpecBudgetExceeded.Create(sourceName, nameof(SpecBudget.MaxSchemaVisits), budget.MaxSchemaVisits, "schema nodes visited while flattening bodies");
        }
    }

    private void Merge(Dictionary<string, string> fields, string path, string expression)
    {
        if (!fields.TryGetValue(path, out var existing))
        {
            if (++_bodyInsertions > budget.MaxBodyFields)
            {
                // Stop expanding; what is already flattened is still merged upwards, at most once per open
                // reference (≤ MaxDepth + 1 levels), so the body stays within a small multiple of the budget.
                _bodyCut = true;
            }

            if (++_fields > budget.MaxSchemaFields)
            {
                // Stripe, DocuSign and Microsoft Graph flatten past 4 Mi fields in all: stop flattening rather than
                // refuse their operations, parameters and security.
                _documentCut = true;
                _bodyCut = true;
            }

            fields[path] = expression;
            return;
        }

        if (existing == SchemaTypeExpression.Any)
        {
            fields[path] = expression;
            return;
        }

        if (expression == SchemaTypeExpression.Any || existing == expression)
        {
            return;
        }

        // Union of alternatives (oneOf string|integer, or an allOf part that restates the type).
        var parts = existing.Split('|').ToList();
        foreach (var part in expression.Split('|'))
        {
            if (!parts.Contains(part))
            {
                parts.Add(part);
            }
        }

        fields[path] = string.Join('|', parts);
    }
}
