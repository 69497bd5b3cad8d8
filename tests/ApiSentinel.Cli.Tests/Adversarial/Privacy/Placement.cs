namespace ApiSentinel.Cli.Tests.Adversarial.Privacy;

/// <summary>A way of planting markers in one kind of place (header values, JSON keys, …): adds exchanges to the traffic.</summary>
internal sealed record Placement(string Name, Action<PlantedTraffic> Plant)
{
    public override string ToString() => Name;

    /// <summary>Traffic for a seed with every placement given planted in it.</summary>
    public static PlantedTraffic Traffic(int seed, IEnumerable<Placement> placements)
    {
        var traffic = new PlantedTraffic(seed);
        foreach (var placement in placements)
        {
            placement.Plant(traffic);
        }
        return traffic;
    }
}
