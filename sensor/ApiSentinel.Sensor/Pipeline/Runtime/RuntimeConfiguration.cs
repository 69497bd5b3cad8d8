using ApiSentinel.Sensor.Extraction.Sensitive;

namespace ApiSentinel.Sensor.Pipeline.Runtime;

/// <summary>
/// <see cref="SensorRuntimeSettings"/> validated and made ready on the caller's thread (patterns compiled, networks
/// parsed), so the pipeline thread only swaps references when it applies them.
/// </summary>
internal sealed class RuntimeConfiguration
{
    private RuntimeConfiguration(ScopeMatcher? scope, double samplingRate, CompiledCustomDetector[] detectors, int bodyInspectionLimit)
    {
        Scope = scope;
        SamplingRate = samplingRate;
        Detectors = detectors;
        BodyInspectionLimit = bodyInspectionLimit;
    }

    /// <summary>Null: every connection is in scope.</summary>
    public ScopeMatcher? Scope { get; }

    public double SamplingRate { get; }

    public CompiledCustomDetector[] Detectors { get; }

    public int BodyInspectionLimit { get; }

    /// <summary>
    /// Validates <paramref name="settings"/>: every problem as one line in <paramref name="problems"/>, and null; or,
    /// when there is none, the configuration to apply.
    /// </summary>
    /// <param name="settings">What the caller asked for.</param>
    /// <param name="configuredBodyLimit">The pipeline's own limit, for a null <see cref="SensorRuntimeSettings.BodyInspectionLimit"/>.</param>
    /// <param name="maxBodyLimit">The largest limit that can be honoured (the inspection memory pool).</param>
    /// <param name="regexTimeout">Per-run timeout of custom patterns, as for configured detectors.</param>
    /// <param name="problems">Where problems go.</param>
    public static RuntimeConfiguration? Create(SensorRuntimeSettings? settings, int configuredBodyLimit, long maxBodyLimit,
        TimeSpan regexTimeout, List<string> problems)
    {
        if (settings is null)
        {
            problems.Add("settings: missing");
            return null;
        }
        int before = problems.Count;
        ScopeMatcher? scope = ScopeMatcher.Create(settings.Scope, problems);

        double rate = settings.SamplingRate ?? 1;
        if (!(rate > 0 && rate <= 1))
        {
            problems.Add($"sampling rate {settings.SamplingRate} is out of range (0 < rate <= 1)");
        }

        // Only a limit the caller sets is checked: the configured one was accepted at start, and checking it again
        // against the pool would refuse every later call (even a scope-only one) when it was configured above it.
        int bodyLimit = configuredBodyLimit;
        if (settings.BodyInspectionLimit is { } requested)
        {
            if (requested < 0 || requested > maxBodyLimit)
            {
                problems.Add($"body inspection limit {requested} is out of range (0 to the inspection pool's {maxBodyLimit} bytes)");
            }
            bodyLimit = requested;
        }

        CompiledCustomDetector[] detectors = CompileDetectors(settings.Detectors ?? [], regexTimeout, problems);
        return problems.Count > before ? null : new RuntimeConfiguration(scope, rate, detectors, bodyLimit);
    }

    private static CompiledCustomDetector[] CompileDetectors(IReadOnlyList<CustomDetector> detectors, TimeSpan timeout, List<string> problems)
    {
        var compiled = new List<CompiledCustomDetector>(detectors.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < detectors.Count; i++)
        {
            CustomDetector? detector = detectors[i];
            string where = $"detector #{i + 1}";
            if (detector is null)
            {
                problems.Add($"{where}: missing");
                continue;
            }
            if (string.IsNullOrWhiteSpace(detector.Name))
            {
                problems.Add($"{where}: no name");
                continue;
            }
            where = $"detector '{detector.Name}'";
            if (!names.Add(detector.Name))
            {
                problems.Add($"{where}: defined twice");
            }
            if (string.IsNullOrEmpty(detector.Pattern))
            {
                problems.Add($"{where}: no pattern");
                continue;
            }
            if (!Enum.IsDefined(detector.Validator))
            {
                problems.Add($"{where}: unknown validator ({(int)detector.Validator})");
                continue;
            }
            if (!Enum.IsDefined(detector.Confidence))
            {
                problems.Add($"{where}: unknown confidence ({(int)detector.Confidence})");
                continue;
            }
            try
            {
                compiled.Add(new CompiledCustomDetector(detector, timeout));
            }
            catch (SensitiveDataConfigurationException e)
            {
                // The message names the detector and the parser's complaint (pattern text is configuration, not data).
                problems.Add(OneLine(e.Message));
            }
        }
        return [.. compiled];
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
