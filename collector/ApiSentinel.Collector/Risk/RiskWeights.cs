using System.Globalization;
using System.Text.Json;

namespace ApiSentinel.Collector.Risk;

/// <summary>
/// The weight (maximum points) of each risk factor. Defaults sum to 110 on purpose: the score is capped at 100,
/// so an endpoint bad on almost every count is critical without needing all six factors at full strength.
/// Each weight is 0–100; 0 switches a factor off (it is still listed, with its evidence).
/// </summary>
public sealed class RiskWeights
{
    public const double MaxWeight = 100;

    private double _accessControl = 30;
    private double _sensitiveData = 25;
    private double _transport = 10;
    private double _exposure = 15;
    private double _specConformance = 10;
    private double _observedAttacks = 20;

    /// <summary>Weakest auth scheme, missing or mixed auth, weak patterns. Default 30.</summary>
    public double AccessControl { get => _accessControl; set => _accessControl = Checked(value, RiskFactorNames.AccessControl); }

    /// <summary>Sensitive data by type and direction. Default 25.</summary>
    public double SensitiveData { get => _sensitiveData; set => _sensitiveData = Checked(value, RiskFactorNames.SensitiveData); }

    /// <summary>Clear-text transport. Default 10.</summary>
    public double Transport { get => _transport; set => _transport = Checked(value, RiskFactorNames.Transport); }

    /// <summary>Calls from external clients. Default 15.</summary>
    public double Exposure { get => _exposure; set => _exposure = Checked(value, RiskFactorNames.Exposure); }

    /// <summary>No spec, non-conformant, shadow, zombie. Default 10.</summary>
    public double SpecConformance { get => _specConformance; set => _specConformance = Checked(value, RiskFactorNames.SpecConformance); }

    /// <summary>Behavioural findings naming the endpoint. Default 20.</summary>
    public double ObservedAttacks { get => _observedAttacks; set => _observedAttacks = Checked(value, RiskFactorNames.ObservedAttacks); }

    /// <summary>The weight of a factor by its name (<see cref="RiskFactorNames"/>).</summary>
    public double Of(string factor) => factor switch
    {
        RiskFactorNames.AccessControl => AccessControl,
        RiskFactorNames.SensitiveData => SensitiveData,
        RiskFactorNames.Transport => Transport,
        RiskFactorNames.Exposure => Exposure,
        RiskFactorNames.SpecConformance => SpecConformance,
        RiskFactorNames.ObservedAttacks => ObservedAttacks,
        _ => throw new ArgumentException($"unknown risk factor '{factor}'", nameof(factor)),
    };

    /// <summary>
    /// Reads weights from a JSON object keyed by factor name, e.g. <c>{"access-control": 40, "transport": 0}</c>.
    /// Factors left out keep their defaults. Throws <see cref="FormatException"/> naming the offending factor.
    /// </summary>
    public static RiskWeights FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"risk weights: not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"risk weights: expected a JSON object of factor name to number, got {Describe(root.ValueKind)}");
            }

            var weights = new RiskWeights();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!RiskFactorNames.All.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw new FormatException($"risk weights: unknown factor '{property.Name}' (known: {string.Join(", ", RiskFactorNames.All)})");
                }

                if (!seen.Add(property.Name))
                {
                    throw new FormatException($"risk weights: factor '{property.Name}' is given twice");
                }

                if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var weight))
                {
                    throw new FormatException($"risk weights: factor '{property.Name}' must be a number, got {Describe(property.Value.ValueKind)}");
                }

                if (!IsValid(weight))
                {
                    throw new FormatException(OutOfRange(property.Name, weight));
                }

                weights.Set(property.Name, weight);
            }

            return weights;
        }
    }

    private void Set(string factor, double weight)
    {
        switch (factor)
        {
            case RiskFactorNames.AccessControl: AccessControl = weight; break;
            case RiskFactorNames.SensitiveData: SensitiveData = weight; break;
            case RiskFactorNames.Transport: Transport = weight; break;
            case RiskFactorNames.Exposure: Exposure = weight; break;
            case RiskFactorNames.SpecConformance: SpecConformance = weight; break;
            default: ObservedAttacks = weight; break;
        }
    }

    private static bool IsValid(double weight) => weight is >= 0 and <= MaxWeight;

    private static double Checked(double weight, string factor) =>
        IsValid(weight) ? weight : throw new ArgumentOutOfRangeException(factor, weight, OutOfRange(factor, weight));

    private static string OutOfRange(string factor, double weight) =>
        string.Create(CultureInfo.InvariantCulture, $"risk weights: factor '{factor}' must be between 0 and {MaxWeight}, got {weight}");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
