namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// One kind of sensitive data found in one place of an exchange: <c>("credit-card", "response.body.$.card")</c>.
/// <see cref="MaskedSample"/> is set only when masked samples were explicitly enabled.
/// </summary>
public sealed record SensitiveObservation(string Type, string Location, int Count, string? MaskedSample = null);
