using System.Globalization;
using ApiSentinel.Collector.Specs;

namespace ApiSentinel.Collector.Risk;

/// <summary>
/// Spec conformance. A zombie (deprecated or removed, still called) is worst: nobody maintains it. A shadow
/// (undocumented) is close: nobody reviewed it. Violations grow with their count up to the shadow level. No spec
/// at all is a mild unknown.
/// </summary>
internal static class SpecConformanceFactor
{
    public const double NoSpec = 0.3;
    public const double NonConformantBase = 0.4;
    public const double PerViolation = 0.05;
    public const double Shadow = 0.8;
    public const double Zombie = 1.0;

    public static FactorReading Read(RiskInputs inputs) => inputs.StaticAsset
        ? new FactorReading(0, "static asset: API specs do not describe it")
        : inputs.SpecState switch
        {
            SpecStates.Conformant => new FactorReading(0, "conformant to its spec"),
            SpecStates.NoSpec => new FactorReading(NoSpec, "no spec to compare against", "no spec"),
            SpecStates.NonConformant => new FactorReading(
                Math.Min(Shadow, NonConformantBase + (PerViolation * Math.Max(0, inputs.ViolationCount))),
                string.Create(CultureInfo.InvariantCulture, $"non-conformant: {inputs.ViolationCount} spec violations"),
                "violates its spec"),
            SpecStates.Shadow => new FactorReading(Shadow, "shadow endpoint: not in the spec", "shadow API"),
            SpecStates.Zombie => new FactorReading(Zombie, "zombie endpoint: deprecated or removed in the spec but still called", "zombie API"),
            _ => new FactorReading(NoSpec, $"unknown spec state '{inputs.SpecState}', rated as no spec", "no spec"),
        };
}
