namespace ApiSentinel.Bench.Accuracy.SpecModel;

/// <summary>
/// A sensitive value the generator hides in an operation's body under a field name that does not reveal it
/// (<c>x-bench-plant</c> in the source spec): <paramref name="Type"/> is the engine's type name (credit-card,
/// us-ssn, iban, email, phone-number), <paramref name="Direction"/> is request or response.
/// </summary>
internal sealed record PlantedValue(string Type, string Field, string Direction);
