namespace ApiSentinel.Collector.Templating;

/// <summary>What a path segment looks like. Flags, because one parameter position can see several classes.</summary>
[Flags]
internal enum ValueClass
{
    /// <summary>A plain word: literal unless cardinality says otherwise.</summary>
    None = 0,
    Digits = 1 << 0,
    Uuid = 1 << 1,
    Ulid = 1 << 2,
    MongoObjectId = 1 << 3,
    Hex = 1 << 4,
    Base64Token = 1 << 5,
    Date = 1 << 6,
    Email = 1 << 7,
    HighEntropy = 1 << 8,
    Redacted = 1 << 9,
    /// <summary>Word values merged into a parameter by cardinality (never produced by the classifier).</summary>
    Word = 1 << 10,
}

internal static class ValueClassNames
{
    private static readonly (ValueClass Class, string Name)[] Names =
    [
        (ValueClass.Digits, "integer"), (ValueClass.Uuid, "uuid"), (ValueClass.Ulid, "ulid"),
        (ValueClass.MongoObjectId, "objectid"), (ValueClass.Hex, "hex"), (ValueClass.Base64Token, "base64"),
        (ValueClass.Date, "date"), (ValueClass.Email, "email"), (ValueClass.HighEntropy, "high-entropy"),
        (ValueClass.Redacted, "redacted"), (ValueClass.Word, "word"),
    ];

    /// <summary>Names in a fixed order, so the same set of classes always gives the same text.</summary>
    public static string Describe(ValueClass classes)
    {
        var parts = new List<string>(2);
        foreach (var (valueClass, name) in Names)
        {
            if ((classes & valueClass) != 0)
            {
                parts.Add(name);
            }
        }

        return parts.Count == 0 ? "word" : string.Join('|', parts);
    }
}
