using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.BuiltIns;
using ApiSentinel.FakeApiServer.Http;
using ApiSentinel.FakeApiServer.Json;
using ApiSentinel.FakeApiServer.Resources;

namespace ApiSentinel.FakeApiServer.Storage;

/// <summary>
/// What every write passes before it is stored: object-meta checks for every kind, the built-ins' shape checks when
/// asked for, and for custom resources the CRD schema's defaulting, pruning and validation. Any failure is a 422
/// <c>Status</c> with one cause per field.
/// </summary>
internal sealed class WriteAdmission(bool validateBuiltIns)
{
    public void Admit(ResourceType type, JsonObject obj, JsonObject? old)
    {
        var causes = MetadataValidation.Check(obj, BuiltInTypes.IsNamespace(type));
        if (type.Schema is null && validateBuiltIns)
        {
            causes.AddRange(BuiltInValidation.Check(type, obj));
        }
        if (causes.Count > 0)
        {
            throw KubeStatus.Invalid(type, JsonTree.String(obj, "metadata", "name") ?? "", causes);
        }
    }
}
