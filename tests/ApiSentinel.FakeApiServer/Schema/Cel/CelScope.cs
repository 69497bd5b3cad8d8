namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>The variables in reach: <c>self</c>, <c>oldSelf</c>, and each enclosing macro's iteration variable.</summary>
internal sealed record CelScope(string Name, object? Value, CelScope? Parent)
{
    public bool TryGet(string name, out object? value)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope.Name == name)
            {
                value = scope.Value;
                return true;
            }
        }
        value = null;
        return false;
    }
}
