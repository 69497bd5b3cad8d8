namespace ApiSentinel.Collector.Specs;

/// <summary>
/// A problem in a spec that did not stop it from loading: the part affected was skipped or read as
/// unconstrained, everything else is used. <paramref name="Kind"/> is one of <see cref="SpecWarningKinds"/>;
/// <paramref name="Pointer"/> is a JSON pointer into the document (<c>#/paths/~1a~1{y}</c>);
/// <paramref name="Message"/> is one line, with any quoted document text escaped.
/// </summary>
public sealed record SpecWarning(string Kind, string Pointer, string Message)
{
    public override string ToString() => $"{Kind}: {Message} at {Pointer}";
}
