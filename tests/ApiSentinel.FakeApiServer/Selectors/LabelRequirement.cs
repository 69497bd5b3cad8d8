using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Json;

namespace ApiSentinel.FakeApiServer.Selectors;

internal enum LabelOperator { Equals, NotEquals, In, NotIn, Exists, DoesNotExist }

/// <summary>One requirement of a label selector.</summary>
internal sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlyCollection<string> Values)
{
    public bool Matches(JsonObject? labels)
    {
        var value = labels is not null && labels.TryGetPropertyValue(Key, out var node) ? JsonTree.ScalarText(node) : null;
        return Operator switch
        {
            LabelOperator.Equals or LabelOperator.In => value is not null && Values.Contains(value),
            LabelOperator.NotEquals or LabelOperator.NotIn => value is null || !Values.Contains(value),
            LabelOperator.Exists => value is not null,
            LabelOperator.DoesNotExist => value is null,
            _ => false,
        };
    }
}
