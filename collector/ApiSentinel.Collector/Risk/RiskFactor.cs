namespace ApiSentinel.Collector.Risk;

/// <summary>
/// One named factor of an assessment: its weight, the points it scored (0..weight), why (<see cref="Evidence"/>),
/// and the same in a few words (<see cref="Summary"/>, what a table's WHY column shows; empty when it scored 0).
/// </summary>
public sealed record RiskFactor(string Name, double Weight, double Points, string Evidence, string Summary = "");
