namespace ApiSentinel.Collector.Model;

/// <summary>A kind of sensitive data found in one place of a call: <c>("us-ssn", "response.body.$.taxRef", 1)</c>.</summary>
public sealed record SensitiveObservation(string Type, string Location, int Count);
