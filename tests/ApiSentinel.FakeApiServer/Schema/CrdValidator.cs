using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Schema.Cel;
using ApiSentinel.FakeApiServer.Schema.Mutation;
using ApiSentinel.FakeApiServer.Schema.Validation;

namespace ApiSentinel.FakeApiServer.Schema;

/// <summary>
/// What kube-apiserver does to a custom resource on every write, for one CRD version: defaults and prunes it,
/// then validates it against the version's openAPIV3Schema and its CEL rules. Built once per version and reused;
/// safe to share between requests.
/// </summary>
public sealed class CrdValidator
{
    private readonly SchemaNode _root;
    private readonly RuleEvaluator _rules;
    private readonly ValueValidator _validator;

    private CrdValidator(SchemaNode root)
    {
        _root = root;
        _rules = new RuleEvaluator(root);
        _validator = new ValueValidator(_rules);
    }

    /// <summary>One CRD version's openAPIV3Schema (the object under <c>spec.versions[i].schema.openAPIV3Schema</c>).</summary>
    public static CrdValidator For(JsonObject openApiV3Schema)
    {
        ArgumentNullException.ThrowIfNull(openApiV3Schema);
        return new CrdValidator(SchemaNode.Parse(openApiV3Schema));
    }

    /// <summary>CEL rules that could not be evaluated (outside the supported subset), each listed once.</summary>
    public IReadOnlyList<string> SkippedRules => _rules.Skipped;

    /// <summary>Applies defaults and drops unknown fields, in place, silently, as the real server does before validating.</summary>
    public void DefaultAndPrune(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        Defaulter.ApplyRoot(_root, obj);
        Pruner.PruneRoot(_root, obj);
    }

    /// <summary>
    /// The object's errors; empty when valid. <paramref name="oldObj"/> is the stored object on an update (transition
    /// rules run then) and null on create (they are skipped).
    /// </summary>
    public IReadOnlyList<FieldError> Validate(JsonObject obj, JsonObject? oldObj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var errors = new List<FieldError>();
        _validator.Validate(_root, obj, oldObj, oldObj is not null, "", errors);
        ValidateMetadataName(obj, errors);
        return errors;
    }

    /// <summary>The schema may constrain metadata.name and generateName (and nothing else of metadata).</summary>
    private void ValidateMetadataName(JsonObject obj, List<FieldError> errors)
    {
        if (!_root.Properties.TryGetValue("metadata", out var metadata) || obj["metadata"] is not JsonObject meta)
        {
            return;
        }
        foreach (var name in new[] { "name", "generateName" })
        {
            if (metadata.Properties.TryGetValue(name, out var schema) && meta.TryGetPropertyValue(name, out var value))
            {
                _validator.Validate(schema, value, null, false, "metadata." + name, errors);
            }
        }
    }
}
