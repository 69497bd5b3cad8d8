using ApiSentinel.Ingest.V1Alpha1;
using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Sensor.Pipeline.Runtime;
using WireScope = ApiSentinel.Ingest.V1Alpha1.CaptureScope;
using WireDetector = ApiSentinel.Ingest.V1Alpha1.CustomDetector;

namespace ApiSentinel.Sensor.Daemon.Configuration;

/// <summary>
/// The collector's <see cref="SensorConfig"/> as the pipeline's <see cref="SensorRuntimeSettings"/>. What only the
/// wire form can get wrong (an unknown validator name) is reported here; everything else the pipeline validates.
/// </summary>
internal static class RuntimeSettingsMapping
{
    /// <summary>The validator names of <c>CustomDetector.validator</c> (ingest.proto).</summary>
    public const string NoValidator = "";
    public const string LuhnValidator = "luhn";
    public const string Mod97Validator = "mod97";
    public const string IbanValidator = "iban";

    /// <summary>
    /// Targets no TCP endpoint can match. The wire says a scope with no targets keeps nothing; the pipeline's scope
    /// treats "no targets" as "everything", so "nothing" is a scope of the unspecified addresses, which no
    /// connection has.
    /// </summary>
    private static readonly CaptureTargetSetting[] MatchNothing = [new("0.0.0.0/32", []), new("::/128", [])];

    public static SensorRuntimeSettings Map(SensorConfig config, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new SensorRuntimeSettings
        {
            Scope = Scope(config.Scope),
            Detectors = [.. config.Detectors.Select(d => Detector(d, problems))],
            SamplingRate = config.HasSamplingRate ? config.SamplingRate : null,
            BodyInspectionLimit = config.HasBodyInspectionLimit ? (int)Math.Min(config.BodyInspectionLimit, int.MaxValue) : null,
        };
    }

    private static Pipeline.Runtime.CaptureScope? Scope(WireScope? scope)
    {
        if (scope is null)
        {
            return null;
        }
        if (scope.Targets.Count == 0)
        {
            return new Pipeline.Runtime.CaptureScope(MatchNothing);
        }
        // A port above int's range stays out of range, so the pipeline reports it instead of matching a wrapped value.
        return new Pipeline.Runtime.CaptureScope([.. scope.Targets.Select(t =>
            new CaptureTargetSetting(t.Address, [.. t.Ports.Select(p => (int)Math.Min(p, int.MaxValue))]))]);
    }

    private static Extraction.Sensitive.CustomDetector Detector(WireDetector detector, List<string> problems)
    {
        var validator = detector.Validator switch
        {
            NoValidator => CustomValidator.None,
            LuhnValidator => CustomValidator.Luhn,
            Mod97Validator => CustomValidator.Mod97,
            IbanValidator => CustomValidator.Iban,
            _ => (CustomValidator?)null,
        };
        if (validator is null)
        {
            problems.Add($"detector '{detector.Name}': unknown validator '{detector.Validator}' (expected none, {LuhnValidator}, {Mod97Validator} or {IbanValidator})");
        }
        return new Extraction.Sensitive.CustomDetector
        {
            Name = detector.Name,
            Pattern = detector.Pattern,
            Validator = validator ?? CustomValidator.None,
            FieldNames = [.. detector.FieldNames],
            RequireFieldName = detector.RequireFieldName,
        };
    }
}
