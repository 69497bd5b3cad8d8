using Microsoft.OpenApi;

namespace ApiSentinel.Collector.Specs;

/// <summary>Reduces one Microsoft.OpenApi operation to a <see cref="SpecOperation"/> (without base path).</summary>
internal static class OperationReducer
{
    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>();
    private static readonly IReadOnlyDictionary<string, string> EmptyFields = new Dictionary<string, string>();

    public static SpecOperation Reduce(OpenApiDocument document, IOpenApiPathItem pathItem, string method, string template, OpenApiOperation operation,
        SchemaFlattener flattener)
    {
        var parameters = new List<SpecParameter>();
        var declared = new HashSet<(string In, string Name)>();
        // Operation-level parameters override path-level ones with the same name and location.
        foreach (var parameter in (operation.Parameters ?? []).Concat(pathItem.Parameters ?? []))
        {
            // The reader leaves null entries where a document has null values (seen from YAML read by the fuzzer).
            if (parameter?.Name is null || parameter.In is not { } location)
            {
                continue;
            }

            var where = location.ToString().ToLowerInvariant();
            if (!declared.Add((where, parameter.Name.ToUpperInvariant())))
            {
                continue;
            }

            var schema = parameter.Schema ?? parameter.Content?.Values.FirstOrDefault()?.Schema;
            parameters.Add(new SpecParameter(parameter.Name, where, parameter.Required || where == "path",
                schema is null ? SchemaTypeExpression.Any : SchemaTypeExpression.From(schema), schema?.Format));
        }

        var requestFields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var media in operation.RequestBody?.Content?.Values ?? [])
        {
            flattener.Flatten(media?.Schema, requestFields);
        }

        var responseFields = new Dictionary<string, string>(StringComparer.Ordinal);
        var statuses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (status, response) in operation.Responses ?? [])
        {
            statuses.Add(status);
            foreach (var media in response?.Content?.Values ?? [])
            {
                flattener.Flatten(media?.Schema, responseFields);
            }
        }

        var securityKinds = new List<string>();
        var credentialHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var credentialQuery = new HashSet<string>(StringComparer.Ordinal);
        // An operation's own "security" (even an empty list) replaces the document's.
        foreach (var requirement in operation.Security ?? document.Security ?? [])
        {
            if (requirement.Count == 0)
            {
                AddDistinct(securityKinds, SecuritySchemeKinds.None);
            }

            foreach (var scheme in requirement.Keys)
            {
                AddDistinct(securityKinds, SecuritySchemeKinds.Of(scheme));
                if (scheme.Type == SecuritySchemeType.ApiKey && scheme.Name is { } keyName)
                {
                    if (scheme.In == ParameterLocation.Header)
                    {
                        credentialHeaders.Add(keyName.ToLowerInvariant());
                    }
                    else if (scheme.In == ParameterLocation.Query)
                    {
                        credentialQuery.Add(keyName);
                    }
                }
            }
        }

        // Most operations of a large spec have no body, no credentials and no parameters: sharing one empty
        // instance of each saved ~0.5 KB per operation (10⁵ operations, bench/SpecLoad).
        return new SpecOperation(method, template, operation.OperationId, operation.Deprecated,
            parameters.Count == 0 ? [] : parameters, statuses.Count == 0 ? EmptySet : statuses,
            requestFields.Count == 0 ? EmptyFields : requestFields, responseFields.Count == 0 ? EmptyFields : responseFields,
            securityKinds.Count == 0 ? [] : securityKinds)
        {
            CredentialHeaders = credentialHeaders.Count == 0 ? EmptySet : credentialHeaders,
            CredentialQueryParameters = credentialQuery.Count == 0 ? EmptySet : credentialQuery,
        };
    }

    private static void AddDistinct(List<string> list, string value)
    {
        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }
}
