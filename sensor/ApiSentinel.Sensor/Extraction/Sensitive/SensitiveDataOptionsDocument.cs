using System.Text.Json;
using System.Text.Json.Serialization;

namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// The JSON shape of <see cref="SensitiveDataOptions"/>. A separate document type because "enabledBuiltIns" must
/// replace the all-enabled default rather than add to it, and so unknown members can be rejected by name.
/// </summary>
internal sealed class SensitiveDataOptionsDocument
{
    internal static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
    };

    public bool? IncludeMaskedSamples { get; set; }

    public List<string>? EnabledBuiltIns { get; set; }

    public int? CustomDetectorTimeoutMs { get; set; }

    public List<CustomDetector?>? CustomDetectors { get; set; }
}
