namespace ApiSentinel.Contract;

/// <summary>
/// A kind of sensitive data found in one place of a call: <c>("us-ssn", "response.body.$.taxRef", 1)</c>.
/// <see cref="MaskedSample"/> (<c>4111********1111</c>) is set only when the sensor was explicitly told to
/// include masked samples; it is already masked when it leaves the sensor.
/// </summary>
public sealed record SensitiveObservation(string Type, string Location, int Count, string? MaskedSample = null);
