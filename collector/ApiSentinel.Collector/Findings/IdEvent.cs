namespace ApiSentinel.Collector.Findings;

/// <summary>One call to a parameterised endpoint as the id window remembers it.</summary>
internal readonly record struct IdEvent(long TimestampMicros, long Id, bool Answered, bool Succeeded);
