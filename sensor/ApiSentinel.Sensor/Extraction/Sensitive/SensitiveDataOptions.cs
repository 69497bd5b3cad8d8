using System.Text.Json;
using System.Text.RegularExpressions;

namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>What the <see cref="SensitiveDataScanner"/> looks for. Read once when the scanner is built.</summary>
public sealed class SensitiveDataOptions
{
    /// <summary>Built-in detectors that run; all of them by default. <see cref="SensitiveDataType.Custom"/> is ignored here.</summary>
    public ISet<SensitiveDataType> EnabledBuiltIns { get; } = new HashSet<SensitiveDataType>(AllBuiltIns());

#pragma warning disable CA1002 // The agreed contract: a plain list that configuration binders and callers can fill.
    public List<CustomDetector> CustomDetectors { get; } = [];
#pragma warning restore CA1002

    /// <summary>Attach masked samples ("4111********1111") to matches. Off by default: even masked values are opt-in.</summary>
    public bool IncludeMaskedSamples { get; set; }

    /// <summary>
    /// Per-run timeout of a custom regex. A pathological pattern on a 64 KiB body must not stall the sensor; a
    /// timed-out run is counted and skipped.
    /// </summary>
    public TimeSpan CustomDetectorTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Every built-in type (everything except <see cref="SensitiveDataType.Custom"/>).</summary>
    public static IEnumerable<SensitiveDataType> AllBuiltIns() =>
        Enum.GetValues<SensitiveDataType>().Where(static t => t != SensitiveDataType.Custom);

    /// <summary>
    /// Reads options from JSON (camelCase or PascalCase, comments and trailing commas allowed):
    /// <code>
    /// { "includeMaskedSamples": false,
    ///   "enabledBuiltIns": ["credit-card", "Email"],          // omit for all
    ///   "customDetectorTimeoutMs": 100,
    ///   "customDetectors": [ { "name": "employee-id", "pattern": "EMP-[0-9]{6}", "validator": "Luhn",
    ///                          "fieldNames": ["employee_id"], "requireFieldName": false, "confidence": "Medium" } ] }
    /// </code>
    /// Every problem, including an invalid regex, throws <see cref="SensitiveDataConfigurationException"/> naming the detector.
    /// </summary>
    public static SensitiveDataOptions FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        SensitiveDataOptionsDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<SensitiveDataOptionsDocument>(json, SensitiveDataOptionsDocument.SerializerOptions);
        }
        catch (JsonException ex)
        {
            throw new SensitiveDataConfigurationException($"Sensitive-data configuration is not valid JSON: {ex.Message}", ex);
        }

        if (document is null)
        {
            throw new SensitiveDataConfigurationException("Sensitive-data configuration is empty (null).");
        }

        var options = new SensitiveDataOptions { IncludeMaskedSamples = document.IncludeMaskedSamples ?? false };
        if (document.CustomDetectorTimeoutMs is { } timeoutMs)
        {
            if (timeoutMs <= 0)
            {
                throw new SensitiveDataConfigurationException($"customDetectorTimeoutMs must be positive (got {timeoutMs}).");
            }

            options.CustomDetectorTimeout = TimeSpan.FromMilliseconds(timeoutMs);
        }

        if (document.EnabledBuiltIns is { } enabled)
        {
            options.EnabledBuiltIns.Clear();
            foreach (var name in enabled)
            {
                if (!SensitiveDataTypeNames.TryParse(name, out var type))
                {
                    throw new SensitiveDataConfigurationException($"enabledBuiltIns: unknown built-in detector '{name}'.");
                }

                options.EnabledBuiltIns.Add(type);
            }
        }

        if (document.CustomDetectors is { } detectors)
        {
            foreach (var detector in detectors)
            {
                if (detector is null)
                {
                    throw new SensitiveDataConfigurationException("customDetectors: entries must be objects, not null.");
                }

                options.CustomDetectors.Add(detector);
            }
        }

        options.Validate();
        return options;
    }

    /// <summary>Checks custom detectors (names present and unique, patterns that parse); throws a configuration error otherwise.</summary>
    public void Validate()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < CustomDetectors.Count; i++)
        {
            var detector = CustomDetectors[i];
            if (string.IsNullOrWhiteSpace(detector.Name))
            {
                throw new SensitiveDataConfigurationException($"Custom detector #{i + 1} has no name.");
            }

            if (!names.Add(detector.Name))
            {
                throw new SensitiveDataConfigurationException($"Custom detector '{detector.Name}' is defined twice.");
            }

            if (string.IsNullOrEmpty(detector.Pattern))
            {
                throw new SensitiveDataConfigurationException($"Custom detector '{detector.Name}' has no pattern.");
            }

            if (!Enum.IsDefined(detector.Validator))
            {
                throw new SensitiveDataConfigurationException($"Custom detector '{detector.Name}' has an unknown validator ({(int)detector.Validator}).");
            }

            try
            {
                // Interpreted construction only parses the pattern; the scanner compiles it once, later.
                _ = new Regex(detector.Pattern, RegexOptions.CultureInvariant, CustomDetectorTimeout);
            }
            catch (ArgumentException ex)
            {
                throw new SensitiveDataConfigurationException(
                    $"Custom detector '{detector.Name}' has an invalid regular expression: {ex.Message}", ex);
            }
        }

        if (CustomDetectorTimeout <= TimeSpan.Zero)
        {
            throw new SensitiveDataConfigurationException("CustomDetectorTimeout must be positive.");
        }
    }
}
