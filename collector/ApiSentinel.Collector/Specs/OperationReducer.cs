using Microsoft.OpenApi;

namespace ApiSentinel.Collector.Specs;

/// <summary>Reduces one Microsoft.OpenApi operation to a <see cref="SpecOperation"/> (without base path).</summary>
internal static class OperationReducer
{
    public static SpecOperation Reduce(OpenApiDocument document, IOpenApiPathItem pathItem, string method, string template, OpenApiOperation operation,
        SchemaFlattener flattener)
    {
        var parameters = new List<SpecParameter>();
        var declared = new HashSet<(string In, string Name)>();
        // Operation-level parameters override path-level ones with the same name and location.
        foreach (var parameter in (operation.Parameters ?? []).Concat(pathItem.Parameters ?? []))
        {
            if (parameter.Name is null || parameter.In is not { } location)
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
            flattener.Flatten(media.Schema, requestFields);
        }

        var responseFields = new Dictionary<string, string>(StringComparer.Ordinal);
        var statuses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (status, response) in operation.Responses ?? [])
        {
            statuses.Add(status);
            foreach (var media in response.Content?.Values ?? [])
            {
                flattener.Flatten(media.Schema, responseFields);
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

        return new SpecOperation(method, template, operation.OperationId, operation.Deprecated, parameters, statuses,
            requestFields, responseFields, securityKinds)
        {
            CredentialHeaders = credentialHeaders,
            CredentialQueryParameters = credentialQuery,
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
