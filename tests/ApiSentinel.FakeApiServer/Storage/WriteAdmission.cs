using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.BuiltIns;
using ApiSentinel.FakeApiServer.Http;
using ApiSentinel.FakeApiServer.Json;
using ApiSentinel.FakeApiServer.Resources;
using ApiSentinel.FakeApiServer.Schema;

namespace ApiSentinel.FakeApiServer.Storage;

/// <summary>
/// What every write passes before it is stored: object-meta checks for every kind, the built-ins' shape checks when
/// asked for, a CRD's structural checks, and for custom resources the CRD schema's defaulting, pruning and
/// validation (CEL rules included; rules outside the evaluator's subset are skipped and listed, never failed).
/// Any failure is a 422 <c>Status</c> with one cause per field.
/// </summary>
internal sealed class WriteAdmission(bool validateBuiltIns)
{
    // One validator per served version, made on first use; a CRD update makes new ResourceType instances.
    private readonly ConditionalWeakTable<ResourceType, CrdValidator> _validators = [];
    private readonly Lock _gate = new();
    private readonly HashSet<string> _skipped = new(StringComparer.Ordinal);

    /// <summary>CEL rules that could not be evaluated on some write, each once.</summary>
    public IReadOnlyList<string> SkippedRules
    {
        get
        {
            lock (_gate)
            {
                return [.. _skipped];
            }
        }
    }

    /// <summary>
    /// Defaults and prunes a custom resource in place, before anything looks at what changed: ownership, generation
    /// and no-op detection must see the object as it will be stored, not fields the schema is about to drop.
    /// </summary>
    public void DefaultAndPrune(ResourceType type, JsonObject obj)
    {
        if (type.Schema is not null)
        {
            Validator(type).DefaultAndPrune(obj);
        }
    }

    /// <summary>Validates an object already defaulted and pruned (<see cref="DefaultAndPrune"/>).</summary>
    public void Admit(ResourceType type, JsonObject obj, JsonObject? old)
    {
        var causes = MetadataValidation.Check(obj, BuiltInTypes.IsNamespace(type));
        if (type.Schema is not null)
        {
            var validator = Validator(type);
            causes.AddRange(validator.Validate(obj, old).Select(FieldCause.From));
            lock (_gate)
            {
                _skipped.UnionWith(validator.SkippedRules);
            }
        }
        else if (BuiltInTypes.IsCrd(type))
        {
            causes.AddRange(StructuralSchema.CheckCrd(obj).Select(Problem));
        }
        else if (validateBuiltIns)
        {
            causes.AddRange(BuiltInValidation.Check(type, obj, old));
        }
        if (causes.Count > 0)
        {
            throw KubeStatus.Invalid(type, JsonTree.String(obj, "metadata", "name") ?? "", causes);
        }
    }

    private CrdValidator Validator(ResourceType type) => _validators.GetValue(type, t => CrdValidator.For(t.Schema!));

    // A structural problem reads "path: what is wrong"; its path is the cause's field.
    private static FieldCause Problem(string problem)
    {
        var colon = problem.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0
            ? new FieldCause(FieldErrorTypes.Invalid, problem[..colon], problem[(colon + 2)..])
            : new FieldCause(FieldErrorTypes.Invalid, "spec", problem);
    }
}
