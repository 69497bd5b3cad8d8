using System.Buffers.Binary;
using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace ApiSentinel.Collector.Catalog.State;

/// <summary>
/// A hash of every catalog option that shapes the state: a trie built under one node bound, a client counter of
/// one capacity or windows of one length do not mean the same under others, so a state is imported only under the
/// options it was written with. Read by reflection over <see cref="CatalogOptions"/> and its nested option objects
/// (public properties, by name), so an option added later is covered without anyone remembering to list it; only
/// the options that are read at <c>Build()</c> alone, never stored, are left out (<see cref="BuildTimeOnly"/>).
/// </summary>
internal static class OptionsFingerprint
{
    /// <summary>Options applied when a snapshot is built, not when calls are aggregated: changing them between runs is fine.</summary>
    private static readonly HashSet<string> BuildTimeOnly = new(StringComparer.Ordinal)
    {
        nameof(CatalogOptions.RiskWeights),
        nameof(CatalogOptions.TokenProliferationThreshold),
        nameof(CatalogOptions.TimeProvider),
    };

    public static ulong Of(CatalogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = new StringBuilder();
        Describe(options, "", text, depth: 0);
        return BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The canonical text hashed (for tests and for diagnosing a mismatch).</summary>
    internal static string Describe(CatalogOptions options)
    {
        var text = new StringBuilder();
        Describe(options, "", text, depth: 0);
        return text.ToString();
    }

    private static void Describe(object options, string prefix, StringBuilder text, int depth)
    {
        var properties = options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && !BuildTimeOnly.Contains(p.Name))
            .OrderBy(p => p.Name, StringComparer.Ordinal);
        foreach (var property in properties)
        {
            var value = property.GetValue(options);
            var name = prefix + property.Name;
            switch (value)
            {
                case null:
                    text.Append(name).Append("=null\n");
                    break;
                case string s:
                    text.Append(name).Append('=').Append(s).Append('\n');
                    break;
                case IFormattable formattable:
                    text.Append(name).Append('=').Append(formattable.ToString(null, CultureInfo.InvariantCulture)).Append('\n');
                    break;
                case bool b:
                    text.Append(name).Append('=').Append(b ? "true" : "false").Append('\n');
                    break;
                case IEnumerable items:
                    text.Append(name).Append("=[");
                    foreach (var item in items)
                    {
                        text.Append(Convert.ToString(item, CultureInfo.InvariantCulture)).Append(',');
                    }
                    text.Append("]\n");
                    break;
                default:
                    if (depth < 4)
                    {
                        Describe(value, name + ".", text, depth + 1);
                    }
                    break;
            }
        }
    }
}
