using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Schema;
using ApiSentinel.FakeApiServer.Http;
using ApiSentinel.FakeApiServer.Resources;

namespace ApiSentinel.FakeApiServer.Storage;

/// <summary>
/// The few shape checks of built-in kinds that our code could get wrong (<see cref="FakeKubeOptions.ValidateBuiltIns"/>):
/// ConfigMap data values are strings, Secret data values base64, an Event names its involved object and passes
/// kube's Event rules (<see cref="EventValidation"/>).
/// </summary>
internal static class BuiltInValidation
{
    public static List<FieldCause> Check(ResourceType type, JsonObject obj, JsonObject? old)
    {
        var causes = new List<FieldCause>();
        switch (type.Group, type.Plural)
        {
            case ("", "configmaps"):
                foreach (var (key, value) in obj["data"] as JsonObject ?? [])
                {
                    if (value is not JsonValue v || !v.TryGetValue(out string? _))
                    {
                        causes.Add(new FieldCause(FieldErrorTypes.Invalid, $"data[{key}]", "Invalid value: must be a string"));
                    }
                }
                break;
            case ("", "secrets"):
                foreach (var (key, value) in obj["data"] as JsonObject ?? [])
                {
                    var text = value is JsonValue v && v.TryGetValue(out string? s) ? s : null;
                    if (text is null || !IsBase64(text))
                    {
                        causes.Add(new FieldCause(FieldErrorTypes.Invalid, $"data[{key}]", "Invalid value: illegal base64 data"));
                    }
                }
                break;
            case ("", "events"):
                if (obj["involvedObject"] is not JsonObject)
                {
                    causes.Add(new FieldCause(FieldErrorTypes.Required, "involvedObject", "Required value"));
                }
                causes.AddRange(EventValidation.Check(obj, strictApi: false, isCreate: old is null));
                break;
            case ("events.k8s.io", "events"):
                causes.AddRange(EventValidation.Check(obj, strictApi: true, isCreate: old is null));
                break;
        }
        return causes;
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }
}
