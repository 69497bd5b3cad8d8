namespace ApiSentinel.Bench.Accuracy.Scoring;

/// <summary>Why a no-spec template miss happened (<see cref="MissClassifier"/>); checked in this order.</summary>
internal enum MissClass
{
    /// <summary>A parameter whose calls all carried one value: no traffic-only method can see it is a parameter.</summary>
    SingleValuedParameter,

    /// <summary>A placeholder inside a segment (<c>{name}.json</c>, <c>v{major}</c>) or two in one segment.</summary>
    EmbeddedPlaceholder,

    /// <summary>A literal segment of the truth became a parameter (<c>/users/me</c> absorbed by <c>/users/{id}</c>,
    /// <c>/x/hscer|sscer/certificate</c> as <c>/x/{}/certificate</c>).</summary>
    LiteralSiblingsMerged,

    /// <summary>A multi-valued parameter of the truth stayed literal (<c>/rawtx/4f3a…</c> for <c>/rawtx/{txid}</c>).</summary>
    OverSplitParameter,

    /// <summary>Anything else (no endpoint received the operation's calls, a different segment count, …).</summary>
    Other,
}

internal static class MissClasses
{
    public static readonly MissClass[] All = Enum.GetValues<MissClass>();

    public static string Label(MissClass value) => value switch
    {
        MissClass.SingleValuedParameter => "single-valued parameter",
        MissClass.EmbeddedPlaceholder => "embedded placeholder",
        MissClass.LiteralSiblingsMerged => "literal siblings merged",
        MissClass.OverSplitParameter => "over-split parameter",
        _ => "other",
    };
}
